/** A versioned rule set as stored in the database (rule_sets.definition, JSON). Defaults: DOMAIN.md. */
export type KycTier = 'T0' | 'T1' | 'T2' | 'T3' | 'TX';

export type RuleAction = 'ALLOW' | 'ALERT' | 'STEP_UP' | 'HOLD' | 'DECLINE' | 'BLOCK' | 'DRAFT_STR' | 'DRAFT_LTR';

export interface TierLimits {
  /** USD cents */
  perPayment: number;
  daily: number;
  monthly: number;
  annual: number;
}

export interface RuleSetDefinition {
  /** wallet-asserted KYC level → tier, e.g. {"T0":"T0","BASIC":"T0","FULL":"T2"} */
  kycLevelToTier: Record<string, KycTier>;
  tiers: Record<KycTier, TierLimits>;
  /** PBOC static QR (level D) overlay: CNY fen per Beijing day per payer, switchable */
  staticQrDailyCapCnyFen: number | null;
  /** wallet provider → home country (for R14/R15 wallet nexus) */
  walletCountries: Record<string, string>;
  jurisdictions: {
    /** R14: call for action (KP, IR) */
    callForAction: string[];
    /** R15: FATF grey list and enhanced due diligence (MM) */
    greyList: string[];
  };
  /** R16 */
  mcc: { declined: string[]; highRisk: string[] };
  /** every other rule's parameters, by rule id; each rule reads only its own entry */
  rules: {
    R03: { enabled: boolean; windowMinutes: number; stepUpAt: number; declineAt: number };
    R04: { enabled: boolean; alertAt: number; reviewAt: number };
    R05: { enabled: boolean; windowMinutes: number; minPayments: number };
    R06: { enabled: boolean; windowDays: number; minPayments: number; fractionOfCap: number };
    R07: { enabled: boolean; windowDays: number; dayTotalFromUsdCents: number; dayTotalToUsdCents: number; minDays: number };
    R09: { enabled: boolean; perHour: number; perDay: number };
    R13: { enabled: boolean; newForHours: number; singleUsdCents: number; cumulativeUsdCents: number };
    R14: { enabled: boolean };
    R15: { enabled: boolean; thresholdFactor: number };
    R16: { enabled: boolean };
    R18: { enabled: boolean; windowMinutes: number; payerDeclines: number; blockMinutes: number; merchantDistinctPayers: number };
  };
  /** sanctions thresholds (R01 / R02) */
  screening: { review: number; strong: number };
}

export interface RuleSet {
  version: number;
  definition: RuleSetDefinition;
}
