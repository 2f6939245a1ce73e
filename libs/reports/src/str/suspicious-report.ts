import { beijingPeriods, type FxTable } from '@app/common';
import { merchantParty, payerParty, reportTransaction, type PaymentRecord } from '../large-value.js';
import type {
  ReportingInstitution,
  ReportParty,
  SuspicionIndicator,
  SuspiciousReportContent,
} from '../report-model.js';

/** What an STR is built from: a case closed CLOSED_CONFIRMED by four eyes, with its alerts and payments. */
export interface ConfirmedCase {
  caseId: string;
  title: string;
  narrative: string;
  /** a sanctions / terrorist-list alert in the case was disposed TRUE_MATCH */
  immediate: boolean;
  proposedBy: string | null;
  approvedBy: string | null;
  /** when the conclusion was approved: the day suspicion was confirmed */
  confirmedAt: Date;
  alerts: Array<{ id: string; type: string; ruleId: string; disposition: string | null }>;
  payments: Array<
    PaymentRecord & {
      decision: string;
      reasons: Array<{ code?: string; ruleId?: string; message?: string }>;
      hits: Array<{
        party?: string;
        list?: string;
        sourceId?: string;
        matchedName?: string;
        primaryName?: string;
        score?: number;
        band?: string;
      }>;
    }
  >;
}

/**
 * The canonical STR model of a confirmed case (pure). Subjects are the payers and merchants of the case's payments
 * (each with its latest details); all payments are included, attempted (declined) ones too (DOMAIN.md); indicators
 * are the rules that fired (alerts and decision reasons) and the sanctions hits with list, matched name and score.
 */
export function buildSuspiciousReport(input: {
  case: ConfirmedCase;
  fx: FxTable;
  institution: ReportingInstitution;
  dueOn: string;
  now: Date;
}): SuspiciousReportContent {
  const source = input.case;
  const payments = [...source.payments].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() || a.transactionId.localeCompare(b.transactionId),
  );
  const payers = new Map<string, ReportParty>();
  const merchants = new Map<string, ReportParty>();
  for (const payment of payments) {
    payers.set(payment.payerKey, payerParty(payment));
    merchants.set(payment.merchantId, merchantParty(payment));
  }
  const indicators = new Map<string, SuspicionIndicator>();
  const add = (indicator: SuspicionIndicator, key = indicator.code): void => {
    if (!indicators.has(key)) indicators.set(key, indicator);
  };
  for (const alert of [...source.alerts].sort((a, b) => a.ruleId.localeCompare(b.ruleId))) {
    add({
      code: alert.ruleId,
      description: `Rule ${alert.ruleId} fired: ${alert.type} alert${alert.disposition ? `, disposed ${alert.disposition}` : ''}`,
      ruleId: alert.ruleId,
    });
  }
  for (const payment of payments) {
    for (const reason of payment.reasons) {
      if (reason.ruleId)
        add({
          code: reason.ruleId,
          description:
            `Rule ${reason.ruleId} fired on ${payment.transactionId}: ${reason.message ?? reason.code ?? ''}`.trim(),
          ruleId: reason.ruleId,
        });
    }
  }
  for (const payment of payments) {
    for (const hit of payment.hits) {
      add(
        {
          code: 'SANCTIONS_MATCH',
          description: `${hit.party ?? 'party'} matched ${hit.matchedName ?? hit.primaryName ?? '?'} on ${hit.list ?? '?'} entry ${hit.sourceId ?? '?'} (score ${hit.score ?? '?'}, ${hit.band ?? '?'})`,
          ruleId: null,
        },
        `SANCTIONS_MATCH:${hit.party ?? ''}:${hit.list ?? ''}:${hit.sourceId ?? ''}`,
      );
    }
  }
  const declined = payments.filter((payment) => payment.decision === 'DECLINE').length;
  const held = payments.filter((payment) => payment.decision === 'REVIEW').length;
  const actionTaken = [
    declined ? `${declined} payment(s) declined` : null,
    held ? `${held} payment(s) held for review` : null,
    source.immediate ? 'party blocked on a sanctions / terrorist list confirmation' : null,
    `case ${source.caseId} closed CLOSED_CONFIRMED (proposed by ${source.proposedBy ?? '?'}, approved by ${source.approvedBy ?? '?'})`,
  ]
    .filter((part): part is string => part !== null)
    .join('; ');
  const confirmedOn = beijingPeriods(source.confirmedAt).day;
  return {
    schema: 'cpg.report.str/1',
    type: 'STR',
    period: confirmedOn,
    caseId: source.caseId,
    generatedAt: input.now.toISOString(),
    suspicionConfirmedOn: confirmedOn,
    dueOn: input.dueOn,
    immediate: source.immediate,
    institution: input.institution,
    subjects: [...payers.values(), ...merchants.values()],
    transactions: payments.map((payment) => reportTransaction(payment, input.fx)),
    indicators: [...indicators.values()],
    narrative: source.narrative,
    actionTaken,
  };
}
