import { EVIDENCE_SAMPLE, merchantSubject, type MonitoringFinding, type MonitoringParameters } from './monitoring-rule.js';

export interface AmountFacts {
  transactionId: string;
  merchantId: string;
  amountCnyFen: number;
}

/** ROUND: a whole multiple of CNY 1,000; NINES: whole yuan ending in 999 (999, 1,999, 9,999 …), just under a round figure. */
export function roundAmountKind(amountCnyFen: number, parameters: MonitoringParameters['R11']): 'ROUND' | 'NINES' | null {
  if (amountCnyFen <= 0 || amountCnyFen % 100 !== 0) return null;
  if (amountCnyFen % parameters.roundUnitFen === 0) return 'ROUND';
  const yuan = amountCnyFen / 100;
  if (yuan >= parameters.minNineStyleYuan && (yuan + 1) % 1000 === 0) return 'NINES';
  return null;
}

/** R11: ≥ 3 round or 9,999-style amounts at one merchant in one Beijing day. */
export function roundAmountsRule(payments: readonly AmountFacts[], parameters: MonitoringParameters['R11']): MonitoringFinding[] {
  const byMerchant = new Map<string, Array<AmountFacts & { kind: 'ROUND' | 'NINES' }>>();
  for (const payment of payments) {
    const kind = roundAmountKind(payment.amountCnyFen, parameters);
    if (!kind) continue;
    const list = byMerchant.get(payment.merchantId) ?? [];
    list.push({ ...payment, kind });
    byMerchant.set(payment.merchantId, list);
  }
  const findings: MonitoringFinding[] = [];
  for (const [merchantId, list] of byMerchant) {
    if (list.length < parameters.minPayments) continue;
    findings.push({
      ruleId: 'R11',
      subject: merchantSubject(merchantId),
      merchantId,
      payerKey: null,
      priority: 'MEDIUM',
      riskScore: Math.min(100, 50 + 5 * list.length),
      facts: { roundPayments: list.filter((payment) => payment.kind === 'ROUND').length, nineStylePayments: list.filter((payment) => payment.kind === 'NINES').length, minPayments: parameters.minPayments },
      transactionIds: list.slice(0, EVIDENCE_SAMPLE).map((payment) => payment.transactionId),
    });
  }
  return findings;
}
