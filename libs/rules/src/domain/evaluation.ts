import type { KycTier, RuleAction } from './rule-set.js';

export type DecisionOutcome = 'APPROVE' | 'STEP_UP' | 'REVIEW' | 'DECLINE';

export type ReasonCode =
  | 'SANCTIONS_MATCH'
  | 'SANCTIONS_POSSIBLE_MATCH'
  | 'KYC_LIMIT_PER_PAYMENT'
  | 'KYC_LIMIT_DAILY'
  | 'KYC_LIMIT_MONTHLY'
  | 'KYC_LIMIT_ANNUAL'
  | 'STATIC_QR_LIMIT'
  | 'VELOCITY'
  | 'HIGH_RISK_JURISDICTION'
  | 'HIGH_RISK_MCC'
  | 'TEMPORARY_BLOCK'
  | 'PARTY_BLOCKED'
  | 'NEW_PAYER_HIGH_VALUE';

export interface Reason {
  code: ReasonCode;
  /** e.g. R03, KYC.T1.DAILY, R01 */
  ruleId: string;
  message: string;
  action: RuleAction;
}

/** Everything the rules need to know about the payment itself. Amounts in minor units. */
export interface PaymentFacts {
  transactionId: string;
  occurredAt: Date;
  amountUsdCents: number;
  /** the CNY leg in fen (the merchant amount) */
  amountCnyFen: number;
  qrType: 'STATIC' | 'DYNAMIC';
  payerKey: string;
  kycLevel: string;
  walletProvider: string;
  payerNationality?: string;
  payerResidenceCountry?: string;
  ipCountry?: string;
  merchantId: string;
  merchantMcc: string;
  merchantCity?: string;
  merchantCountry: string;
}

/** One of the payer's earlier payments (attempts included) within the look-back window (7 days). */
export interface PastPayment {
  transactionId: string;
  occurredAt: Date;
  amountUsdCents: number;
  merchantId: string;
  decision: DecisionOutcome;
}

/** Party state loaded before the decision; a snapshot, so the decision can be replayed. */
export interface PartyHistory {
  /** first time the payer was seen; null for a new payer */
  firstSeenAt: Date | null;
  /** payer's payments in the last 7 days, any order */
  recent: PastPayment[];
  /** USD cents already reserved or settled in the payment's Beijing day / month / year */
  usage: { dayUsdCents: number; monthUsdCents: number; yearUsdCents: number; staticQrDayCnyFen: number };
  /** an active entity-level or temporary block on the payer */
  block: { reason: string; ruleId: string; until: Date | null } | null;
  /** declined payments at this merchant in the R18 window: distinct payer keys */
  merchantRecentDeclinedPayers: string[];
}

/** Sanctions screening outcome for the payment's parties, produced by the screening lib. */
export interface ScreeningSignal {
  party: 'payer' | 'merchant' | 'legalRepresentative';
  band: 'REVIEW' | 'STRONG';
  score: number;
  list: string;
  sourceId: string;
  matchedName: string;
}

export interface LimitReservation {
  period: 'DAY' | 'MONTH' | 'YEAR' | 'STATIC_QR_DAY';
  /** Beijing period key: 2026-11-25, 2026-11, 2026 */
  periodKey: string;
  /** amount to add: USD cents, or CNY fen for STATIC_QR_DAY */
  amount: number;
  /** the cap the new total must stay within */
  cap: number;
  /** the reason to give if the conditional update finds the cap exceeded (a concurrent payment won) */
  ruleId: string;
  code: ReasonCode;
}

export interface AlertAction {
  ruleId: string;
  /** dedup key: party or merchant + rule + window */
  dedupKey: string;
  priority: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  type: 'SANCTIONS' | 'KYC_LIMIT' | 'VELOCITY' | 'JURISDICTION' | 'MCC' | 'BLOCK';
}

export interface RuleEvaluation {
  outcome: DecisionOutcome;
  /** 0 – 100 */
  riskScore: number;
  tier: KycTier;
  reasons: Reason[];
  alerts: AlertAction[];
  /** a block to place on the payer (BLOCK action) */
  block: { ruleId: string; reason: string; until: Date | null } | null;
  draftStr: boolean;
  /** limit reservations to make atomically with the decision; empty when the outcome is DECLINE */
  reservations: LimitReservation[];
}
