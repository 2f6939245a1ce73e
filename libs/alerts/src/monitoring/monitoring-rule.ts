/**
 * Monitoring rules that need history (DOMAIN.md: R08, R11, R12, R17, R19, R20). Each rule is a pure function
 * over facts the job reads from persisted payments for one window; it answers findings, one per subject
 * (a merchant `merchant:<id>` or a payer key). A finding becomes an alert with the dedup key
 * `<subject>|<ruleId>|<window>`, so evaluating a window twice raises one alert.
 */
import type { AlertPriority } from '../work/alert-policy.js';

export const MONITORING_RULE_IDS = ['R08', 'R11', 'R12', 'R17', 'R19', 'R20'] as const;
export type MonitoringRuleId = (typeof MONITORING_RULE_IDS)[number];

export interface MonitoringFinding {
  ruleId: MonitoringRuleId;
  /** `merchant:<id>` or a payer key */
  subject: string;
  merchantId: string | null;
  payerKey: string | null;
  priority: AlertPriority;
  riskScore: number;
  /** what the rule measured and the thresholds it applied (evidence for the officer) */
  facts: Record<string, unknown>;
  /** the payments behind the finding (at most a sample for large ones) */
  transactionIds: string[];
}

export function merchantSubject(merchantId: string): string {
  return `merchant:${merchantId}`;
}

export function findingDedupKey(finding: Pick<MonitoringFinding, 'subject' | 'ruleId'>, windowKey: string): string {
  return `${finding.subject}|${finding.ruleId}|${windowKey}`;
}

/**
 * Default parameters *(DOMAIN.md defaults)*. Amounts in CNY fen. Passed into every rule, so a stored, versioned
 * parameter set can replace them without touching the rules.
 */
export const MONITORING_DEFAULTS = {
  R08: { minDistinctPayers: 20, p95Factor: 5, historyDays: 30 },
  R11: { minPayments: 3, roundUnitFen: 100_000, minNineStyleYuan: 999 },
  R12: {
    fromHour: 0,
    toHour: 5,
    minAmountFen: 200_000,
    /** everyday spending: transit, taxis, groceries, convenience stores, restaurants, fast food, pharmacies, fuel, lodging, parking */
    everydayMccs: ['4111', '4121', '4131', '5411', '5422', '5441', '5451', '5462', '5499', '5541', '5542', '5812', '5813', '5814', '5912', '7011', '7523'],
  },
  R17: {
    minPayments: 5,
    minTotalFen: 1_000_000,
    ratio: 5,
    minPeers: 5,
    peerDays: 30,
    /** average ticket norms (fen) used when an MCC has too few peer merchants */
    defaultNormsFen: { '5812': 15_000, '5813': 20_000, '5814': 5_000, '5411': 20_000, '5499': 8_000, '5912': 15_000, '4111': 2_000, '4121': 6_000, '7011': 80_000 } as Record<string, number>,
  },
  R19: { dormantDays: 90, surgeFactor: 10, lookBackDays: 365 },
  R20: { minInflowFen: 1_000_000, minReversedShare: 0.8, minReversedPayments: 3 },
} as const;

export type MonitoringParameters = typeof MONITORING_DEFAULTS;

/** Sample of payment ids kept in the evidence (the window query can always list them all). */
export const EVIDENCE_SAMPLE = 50;
