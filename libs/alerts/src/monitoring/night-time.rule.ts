import { beijingHour } from '@app/common';
import { EVIDENCE_SAMPLE, type MonitoringFinding, type MonitoringParameters } from './monitoring-rule.js';

export interface NightPaymentFacts {
  transactionId: string;
  payerKey: string;
  merchantId: string;
  mcc: string;
  occurredAt: Date;
  amountCnyFen: number;
}

/** R12: payments ≥ CNY 2,000 between 00:00 and 05:59 Beijing time outside everyday MCCs; one finding per payer and day. */
export function nightTimeRule(payments: readonly NightPaymentFacts[], parameters: MonitoringParameters['R12']): MonitoringFinding[] {
  const everyday = new Set<string>(parameters.everydayMccs);
  const byPayer = new Map<string, NightPaymentFacts[]>();
  for (const payment of payments) {
    const hour = beijingHour(payment.occurredAt);
    if (hour < parameters.fromHour || hour > parameters.toHour) continue;
    if (payment.amountCnyFen < parameters.minAmountFen || everyday.has(payment.mcc)) continue;
    const list = byPayer.get(payment.payerKey) ?? [];
    list.push(payment);
    byPayer.set(payment.payerKey, list);
  }
  return [...byPayer].map(([payerKey, list]) => ({
    ruleId: 'R12' as const,
    subject: payerKey,
    merchantId: list[0].merchantId,
    payerKey,
    priority: 'MEDIUM' as const,
    riskScore: Math.min(100, 55 + 5 * list.length),
    facts: {
      payments: list.length,
      totalCnyFen: list.reduce((sum, payment) => sum + payment.amountCnyFen, 0),
      merchants: [...new Set(list.map((payment) => payment.merchantId))],
      mccs: [...new Set(list.map((payment) => payment.mcc))],
      minAmountFen: parameters.minAmountFen,
    },
    transactionIds: list.slice(0, EVIDENCE_SAMPLE).map((payment) => payment.transactionId),
  }));
}
