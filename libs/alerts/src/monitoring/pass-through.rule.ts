import { EVIDENCE_SAMPLE, merchantSubject, type MonitoringFinding, type MonitoringParameters } from './monitoring-rule.js';

export interface PassThroughFacts {
  merchantId: string;
  /** payments authorised at the merchant that Beijing day (not declined, not failed) */
  inflowCnyFen: number;
  /** of those, the ones reversed (refunded) before the day ended */
  reversedCnyFen: number;
  reversedTransactionIds: string[];
}

/**
 * R20 same-day pass-through. Definition for a QR acquiring flow, where the service sees payer → merchant payments
 * and their outcomes: money that comes in and goes back out the same Beijing day. A merchant whose authorised
 * inflow that day is ≥ CNY 10,000 and of which ≥ 80 % (in ≥ 3 payments) was reversed before the day ended is
 * moving funds through, not selling.
 */
export function passThroughRule(merchants: readonly PassThroughFacts[], parameters: MonitoringParameters['R20']): MonitoringFinding[] {
  const findings: MonitoringFinding[] = [];
  for (const merchant of merchants) {
    if (merchant.inflowCnyFen < parameters.minInflowFen || merchant.reversedTransactionIds.length < parameters.minReversedPayments) continue;
    const share = merchant.reversedCnyFen / merchant.inflowCnyFen;
    if (share < parameters.minReversedShare) continue;
    findings.push({
      ruleId: 'R20',
      subject: merchantSubject(merchant.merchantId),
      merchantId: merchant.merchantId,
      payerKey: null,
      priority: 'HIGH',
      riskScore: Math.min(100, 60 + Math.round(20 * share)),
      facts: { inflowCnyFen: merchant.inflowCnyFen, reversedCnyFen: merchant.reversedCnyFen, reversedPayments: merchant.reversedTransactionIds.length, reversedShare: Number(share.toFixed(3)), minReversedShare: parameters.minReversedShare },
      transactionIds: merchant.reversedTransactionIds.slice(0, EVIDENCE_SAMPLE),
    });
  }
  return findings;
}
