import type { RuleSetDefinition } from './rule-set.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The starting rule set (DOMAIN.md defaults). Deployments tune it through the officers' API; every change is a
 * new rule set version, validated by validateRuleSetDefinition.
 * Frozen: copy it (structuredClone) before changing anything.
 */
export const DEFAULT_RULE_SET: RuleSetDefinition = deepFreeze<RuleSetDefinition>({
  kycLevelToTier: {
    T0: 'T0',
    T1: 'T1',
    T2: 'T2',
    T3: 'T3',
    TX: 'TX',
    // wallet vocabulary seen in partner integrations; anything else maps to T0
    UNVERIFIED: 'T0',
    BASIC: 'T0',
    LITE: 'T0',
    VERIFIED: 'T1',
    STANDARD: 'T1',
    FULL: 'T2',
    ENHANCED: 'T2',
    EDD: 'T3',
    RESTRICTED: 'T3',
    BLOCKED: 'TX',
  },
  // USD cents
  tiers: {
    T0: { perPayment: 10_000, daily: 30_000, monthly: 100_000, annual: 200_000 },
    T1: { perPayment: 100_000, daily: 200_000, monthly: 500_000, annual: 1_000_000 },
    T2: { perPayment: 500_000, daily: 1_000_000, monthly: 2_000_000, annual: 5_000_000 },
    T3: { perPayment: 100_000, daily: 200_000, monthly: 500_000, annual: 1_000_000 },
    TX: { perPayment: 0, daily: 0, monthly: 0, annual: 0 },
  },
  // PBOC static QR code (risk level D): CNY 500 per Beijing day per payer
  staticQrDailyCapCnyFen: 50_000,
  walletCountries: {
    KAKAOPAY: 'KR',
    NAVERPAY: 'KR',
    TOSSPAY: 'KR',
    TRUEMONEY: 'TH',
    TNG: 'MY', // Touch 'n Go eWallet
    BOOST: 'MY',
    GCASH: 'PH',
    MAYA: 'PH',
    ALIPAYHK: 'HK',
    OCTOPUS: 'HK',
    GRABPAY: 'SG',
    MPAY: 'MO',
    PAYPAY: 'JP',
    DANA: 'ID',
    OVO: 'ID',
    MOMO: 'VN',
    EASYPAISA: 'PK',
    BKASH: 'BD',
  },
  jurisdictions: {
    // FATF high-risk jurisdictions subject to a call for action (DPRK, Iran)
    callForAction: ['KP', 'IR'],
    // FATF jurisdictions under increased monitoring as of the February 2026 plenary (22), plus Myanmar (MM,
    // FATF call for enhanced due diligence). Compliance officers must update this list after every FATF
    // plenary (February, June, October) through the rule-set API; it is not maintained in code.
    greyList: [
      'DZ', // Algeria
      'AO', // Angola
      'BO', // Bolivia
      'BG', // Bulgaria
      'CM', // Cameroon
      'CI', // Côte d'Ivoire
      'CD', // Democratic Republic of the Congo
      'HT', // Haiti
      'KE', // Kenya
      'KW', // Kuwait (added February 2026)
      'LA', // Lao PDR
      'LB', // Lebanon
      'MC', // Monaco
      'NA', // Namibia
      'NP', // Nepal
      'PG', // Papua New Guinea (added February 2026)
      'SS', // South Sudan
      'SY', // Syria
      'VE', // Venezuela
      'VN', // Vietnam
      'VG', // Virgin Islands (UK)
      'YE', // Yemen
      'MM', // Myanmar: enhanced due diligence
    ],
  },
  mcc: {
    // gambling (7995), horse/dog racing and lotteries (7800–7802)
    declined: ['7995', '7800', '7801', '7802'],
    // quasi-cash (6051), wire transfer / money orders (4829), stored-value card load (6540), cigar stores (5993),
    // dating and escort services (7273)
    highRisk: ['6051', '4829', '6540', '5993', '7273'],
  },
  rules: {
    R03: { enabled: true, windowMinutes: 10, stepUpAt: 5, declineAt: 8 },
    R04: { enabled: true, alertAt: 30, reviewAt: 50 },
    R05: { enabled: true, windowMinutes: 30, minPayments: 3 },
    R06: { enabled: true, windowDays: 7, minPayments: 3, fractionOfCap: 0.9 },
    R07: {
      enabled: true,
      windowDays: 7,
      dayTotalFromUsdCents: 800_000,
      dayTotalToUsdCents: 999_999,
      minDays: 2,
    },
    R09: { enabled: true, perHour: 6, perDay: 20 },
    R13: { enabled: true, newForHours: 72, singleUsdCents: 100_000, cumulativeUsdCents: 300_000 },
    R14: { enabled: true },
    R15: { enabled: true, thresholdFactor: 0.5 },
    R16: { enabled: true },
    R18: { enabled: true, windowMinutes: 10, payerDeclines: 3, blockMinutes: 30, merchantDistinctPayers: 10 },
  },
  screening: { review: 0.8, strong: 0.92 },
});
