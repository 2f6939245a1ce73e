/**
 * Monitoring rules that need history (DOMAIN.md: R08, R11, R12, R17, R19, R20). Each rule is a pure function
 * over facts the job reads from persisted payments for one window; it answers findings, one per subject
 * (a merchant `merchant:<id>` or a payer key). A finding becomes an alert with the dedup key
 * `<subject>|<ruleId>|<window>`, so evaluating a window twice raises one alert.
 */
import { DomainError, type ErrorDetail } from '@app/common';
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

export interface MonitoringParameters {
  R08: { minDistinctPayers: number; p95Factor: number; historyDays: number };
  R11: { minPayments: number; roundUnitFen: number; minNineStyleYuan: number };
  /** everydayMccs: everyday spending (transit, taxis, groceries, convenience stores, restaurants, fast food, pharmacies, fuel, lodging, parking) */
  R12: { fromHour: number; toHour: number; minAmountFen: number; everydayMccs: string[] };
  /** defaultNormsFen: average ticket norms used when an MCC has too few peer merchants */
  R17: { minPayments: number; minTotalFen: number; ratio: number; minPeers: number; peerDays: number; defaultNormsFen: Record<string, number> };
  R19: { dormantDays: number; surgeFactor: number; lookBackDays: number };
  R20: { minInflowFen: number; minReversedShare: number; minReversedPayments: number };
}

/**
 * Default parameters *(DOMAIN.md defaults)*, amounts in CNY fen. What is in force is the newest version in
 * monitoring_parameters (migration 1764100000034 stores these as version 1); a stored version may set only
 * some keys, the rest keep these values.
 */
export const MONITORING_DEFAULTS: MonitoringParameters = {
  R08: { minDistinctPayers: 20, p95Factor: 5, historyDays: 30 },
  R11: { minPayments: 3, roundUnitFen: 100_000, minNineStyleYuan: 999 },
  R12: {
    fromHour: 0,
    toHour: 5,
    minAmountFen: 200_000,
    everydayMccs: ['4111', '4121', '4131', '5411', '5422', '5441', '5451', '5462', '5499', '5541', '5542', '5812', '5813', '5814', '5912', '7011', '7523'],
  },
  R17: {
    minPayments: 5,
    minTotalFen: 1_000_000,
    ratio: 5,
    minPeers: 5,
    peerDays: 30,
    defaultNormsFen: { '5812': 15_000, '5813': 20_000, '5814': 5_000, '5411': 20_000, '5499': 8_000, '5912': 15_000, '4111': 2_000, '4121': 6_000, '7011': 80_000 },
  },
  R19: { dormantDays: 90, surgeFactor: 10, lookBackDays: 365 },
  R20: { minInflowFen: 1_000_000, minReversedShare: 0.8, minReversedPayments: 3 },
};

/**
 * The parameters in force from a stored definition: each rule's stored keys over the defaults. A value of the
 * wrong kind (not a finite non-negative number, not a list of MCC strings, not a map of MCC → fen) is refused
 * with its path, so a bad version stops the job instead of silently monitoring with nonsense.
 */
export function resolveMonitoringParameters(stored: unknown): MonitoringParameters {
  const problems: ErrorDetail[] = [];
  const source = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const resolved = structuredClone(MONITORING_DEFAULTS) as unknown as Record<string, Record<string, unknown>>;
  for (const [ruleId, defaults] of Object.entries(MONITORING_DEFAULTS) as Array<[string, Record<string, unknown>]>) {
    const rule = source[ruleId];
    if (rule === undefined) continue;
    if (!rule || typeof rule !== 'object' || Array.isArray(rule)) {
      problems.push({ path: ruleId, message: `${ruleId} must be an object of parameters` });
      continue;
    }
    for (const [key, value] of Object.entries(rule as Record<string, unknown>)) {
      const path = `${ruleId}.${key}`;
      const fallback = defaults[key];
      if (fallback === undefined) problems.push({ path, message: `${path} is not a parameter of ${ruleId}` });
      else if (typeof fallback === 'number' && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) problems.push({ path, message: `${path} must be a non-negative number` });
      else if (Array.isArray(fallback) && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) problems.push({ path, message: `${path} must be a list of strings` });
      else if (typeof fallback === 'object' && !Array.isArray(fallback) && !(value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'number' && item > 0))) {
        problems.push({ path, message: `${path} must map MCCs to positive amounts in fen` });
      } else resolved[ruleId][key] = value;
    }
  }
  if (problems.length) throw new DomainError('CONFIGURATION_INVALID', `Monitoring parameters are invalid: ${problems.map((problem) => problem.path).join(', ')}`, problems);
  return resolved as unknown as MonitoringParameters;
}

/** Sample of payment ids kept in the evidence (the window query can always list them all). */
export const EVIDENCE_SAMPLE = 50;
