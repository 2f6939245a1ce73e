import { merchantSubject, type MonitoringFinding, type MonitoringParameters } from './monitoring-rule.js';
import { percentile } from './fan-in.rule.js';

export interface MerchantDayFacts {
  merchantId: string;
  mcc: string;
  payments: number;
  totalCnyFen: number;
}

/** Per-MCC norm: the median of peer merchants' average tickets (≥ minPeers merchants), else the configured default. */
export function mccTicketNorms(peers: ReadonlyArray<{ mcc: string; averageCnyFen: number }>, parameters: MonitoringParameters['R17']): Map<string, number> {
  const byMcc = new Map<string, number[]>();
  for (const peer of peers) byMcc.set(peer.mcc, [...(byMcc.get(peer.mcc) ?? []), peer.averageCnyFen]);
  const norms = new Map<string, number>(Object.entries(parameters.defaultNormsFen));
  for (const [mcc, averages] of byMcc) if (averages.length >= parameters.minPeers) norms.set(mcc, percentile(averages, 0.5));
  return norms;
}

/**
 * R17 merchant profile mismatch. Definition: in one Beijing day a merchant with ≥ 5 payments totalling
 * ≥ CNY 10,000 has an average ticket ≥ 5 × the norm of its MCC (the median average ticket of merchants with the
 * same MCC over the previous 30 days, or a configured norm when fewer than 5 peers exist). A noodle shop taking
 * CNY 3,000 tickets is not doing what its MCC says. Without any norm for the MCC the rule stays silent.
 */
export function profileMismatchRule(merchants: readonly MerchantDayFacts[], norms: ReadonlyMap<string, number>, parameters: MonitoringParameters['R17']): MonitoringFinding[] {
  const findings: MonitoringFinding[] = [];
  for (const merchant of merchants) {
    const norm = norms.get(merchant.mcc);
    if (!norm || merchant.payments < parameters.minPayments || merchant.totalCnyFen < parameters.minTotalFen) continue;
    const average = Math.round(merchant.totalCnyFen / merchant.payments);
    if (average < parameters.ratio * norm) continue;
    findings.push({
      ruleId: 'R17',
      subject: merchantSubject(merchant.merchantId),
      merchantId: merchant.merchantId,
      payerKey: null,
      priority: 'MEDIUM',
      riskScore: Math.min(100, 50 + Math.round((5 * average) / norm)),
      facts: { mcc: merchant.mcc, payments: merchant.payments, averageTicketCnyFen: average, mccNormCnyFen: norm, ratio: Number((average / norm).toFixed(2)), threshold: parameters.ratio },
      transactionIds: [],
    });
  }
  return findings;
}
