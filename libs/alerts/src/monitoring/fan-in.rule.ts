import { EVIDENCE_SAMPLE, merchantSubject, type MonitoringFinding, type MonitoringParameters } from './monitoring-rule.js';

/** One merchant's hour: distinct payers in the window and, per active hour of its history, distinct payers. */
export interface FanInFacts {
  merchantId: string;
  distinctPayers: number;
  /** distinct payers in each hour with activity in the history period before the window */
  hourlyHistory: number[];
  transactionIds: string[];
}

/** Nearest-rank percentile; 0 for no data. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/** R08 fan-in: ≥ max(20, 5 × the merchant's hourly p95) distinct payers in one hour. */
export function fanInRule(facts: readonly FanInFacts[], parameters: MonitoringParameters['R08']): MonitoringFinding[] {
  const findings: MonitoringFinding[] = [];
  for (const merchant of facts) {
    const p95 = percentile(merchant.hourlyHistory, 0.95);
    const threshold = Math.max(parameters.minDistinctPayers, parameters.p95Factor * p95);
    if (merchant.distinctPayers < threshold) continue;
    findings.push({
      ruleId: 'R08',
      subject: merchantSubject(merchant.merchantId),
      merchantId: merchant.merchantId,
      payerKey: null,
      priority: 'HIGH',
      riskScore: Math.min(100, 60 + Math.round((10 * merchant.distinctPayers) / threshold)),
      facts: { distinctPayers: merchant.distinctPayers, hourlyP95: p95, historyHours: merchant.hourlyHistory.length, threshold },
      transactionIds: merchant.transactionIds.slice(0, EVIDENCE_SAMPLE),
    });
  }
  return findings;
}
