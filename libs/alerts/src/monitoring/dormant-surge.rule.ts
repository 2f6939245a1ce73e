import { merchantSubject, type MonitoringFinding, type MonitoringParameters } from './monitoring-rule.js';

export interface DormancyFacts {
  merchantId: string;
  dayTotalCnyFen: number;
  dayPayments: number;
  /** the merchant's last payment before the window, null when it never had one */
  lastActiveAt: Date | null;
  /** total and active days over the look-back period before the window */
  priorTotalCnyFen: number;
  priorActiveDays: number;
}

const DAY_MS = 86_400_000;

/**
 * R19 dormant then surge: a merchant with no payment for ≥ 90 days before the window day takes ≥ 10 × its prior
 * daily average that day (the average over the days it was active in the previous year). A merchant with no
 * history at all is new, not dormant.
 */
export function dormantSurgeRule(merchants: readonly DormancyFacts[], windowStart: Date, parameters: MonitoringParameters['R19']): MonitoringFinding[] {
  const findings: MonitoringFinding[] = [];
  for (const merchant of merchants) {
    if (!merchant.lastActiveAt || merchant.priorActiveDays === 0) continue;
    const dormantDays = Math.floor((windowStart.getTime() - merchant.lastActiveAt.getTime()) / DAY_MS);
    if (dormantDays < parameters.dormantDays) continue;
    const priorDailyAverage = merchant.priorTotalCnyFen / merchant.priorActiveDays;
    if (merchant.dayTotalCnyFen < parameters.surgeFactor * priorDailyAverage) continue;
    findings.push({
      ruleId: 'R19',
      subject: merchantSubject(merchant.merchantId),
      merchantId: merchant.merchantId,
      payerKey: null,
      priority: 'HIGH',
      riskScore: 75,
      facts: { dormantDays, dayTotalCnyFen: merchant.dayTotalCnyFen, dayPayments: merchant.dayPayments, priorDailyAverageCnyFen: Math.round(priorDailyAverage), surgeFactor: parameters.surgeFactor },
      transactionIds: [],
    });
  }
  return findings;
}
