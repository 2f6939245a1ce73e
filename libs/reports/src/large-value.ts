import {
  beijingPeriods,
  convertFromUsdCents,
  convertToUsdCents,
  decimalToCents,
  type FxTable,
} from '@app/common';
import type {
  CorrectionEntry,
  CorrectionReportContent,
  Direction,
  LargeValueEntry,
  LargeValueReportContent,
  ReportingInstitution,
  ReportParty,
  ReportTransaction,
  ThresholdCriterion,
  ThresholdKind,
} from './report-model.js';

/** Version of the report rules (report_rules.definition). Thresholds in minor units. */
export interface ReportRules {
  version: number;
  definition: {
    dueWorkingDays: number;
    thresholds: Record<ThresholdKind, { cnyFen: number; usdCents: number }>;
    directions: Record<
      Direction,
      { enabled: boolean; naturalPersonThreshold: ThresholdKind; organisationThreshold: ThresholdKind }
    >;
    reportingInstitution: ReportingInstitution;
  };
}

/** A payment row as the repository reads it: both legs as sent by the gateway, parties as stored. */
export interface PaymentRecord {
  transactionId: string;
  occurredAt: Date;
  status: string;
  qrType: string;
  amount: { value: string; currency: string };
  payerAmount: { value: string; currency: string } | null;
  payerKey: string;
  merchantId: string;
  payer: Record<string, unknown>;
  merchant: Record<string, unknown>;
}

/**
 * Threshold equivalents of one payment, with the FX table in force on the report day: a leg already in CNY
 * (or USD) is that currency's amount as moved, exactly; otherwise the merchant leg is converted with the day's
 * table. The payment's own amount_cny_fen / amount_usd_cents are NOT used: they were computed with the table in
 * force at decision time for the limits, and one table per report day makes the report reproducible from
 * (payments, report day's FX version) and consistent across all payments of the day.
 */
export function equivalents(
  payment: Pick<PaymentRecord, 'amount' | 'payerAmount'>,
  fx: FxTable,
): { cnyFen: number; usdCents: number } {
  const legs = [payment.amount, ...(payment.payerAmount ? [payment.payerAmount] : [])];
  const cny = legs.find((leg) => leg.currency === 'CNY');
  const usd = legs.find((leg) => leg.currency === 'USD');
  const usdCents = usd
    ? decimalToCents(usd.value)
    : convertToUsdCents(payment.amount.value, payment.amount.currency, fx);
  const cnyFen = cny
    ? decimalToCents(cny.value)
    : convertFromUsdCents(convertToUsdCents(payment.amount.value, payment.amount.currency, fx), 'CNY', fx);
  return { cnyFen, usdCents };
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

export function payerParty(payment: PaymentRecord): ReportParty {
  const payer = payment.payer;
  const id = payer.idDocument as { type?: string; number?: string; country?: string } | undefined;
  return {
    role: 'payer',
    kind: 'PERSON',
    key: payment.payerKey,
    name: text(payer.name) ?? '',
    nameOriginalScript: text(payer.nameOriginalScript),
    nationality: text(payer.nationality),
    residenceCountry: text(payer.residenceCountry),
    dateOfBirth: text(payer.dateOfBirth),
    idDocument:
      id?.type && id.number ? { type: id.type, number: id.number, country: id.country ?? '' } : null,
    walletProvider: text(payer.walletProvider),
    walletAccountId: text(payer.walletAccountId),
    merchantId: null,
    mcc: null,
    city: null,
    country: text(payer.residenceCountry) ?? text(payer.nationality),
    legalRepresentative: null,
    ipAddress: text(payer.ipAddress),
    deviceId: text(payer.deviceId),
  };
}

export function merchantParty(payment: PaymentRecord): ReportParty {
  const merchant = payment.merchant;
  return {
    role: 'merchant',
    kind: merchant.personalCollectionCode === true ? 'PERSON' : 'ORGANISATION',
    key: payment.merchantId,
    name: text(merchant.name) ?? '',
    nameOriginalScript: null,
    nationality: null,
    residenceCountry: null,
    dateOfBirth: null,
    idDocument: null,
    walletProvider: null,
    walletAccountId: null,
    merchantId: payment.merchantId,
    mcc: text(merchant.mcc),
    city: text(merchant.city),
    country: text(merchant.country),
    legalRepresentative: text(merchant.legalRepresentative),
    ipAddress: null,
    deviceId: null,
  };
}

export function reportTransaction(payment: PaymentRecord, fx: FxTable): ReportTransaction {
  return {
    transactionId: payment.transactionId,
    occurredAt: payment.occurredAt.toISOString(),
    beijingDay: beijingPeriods(payment.occurredAt).day,
    status: payment.status,
    qrType: payment.qrType,
    amount: payment.amount,
    payerAmount: payment.payerAmount,
    ...equivalents(payment, fx),
    payer: payerParty(payment),
    merchant: merchantParty(payment),
  };
}

/** Which thresholds a subject's payments of one day meet: single payment or same-day cumulative, CNY or USD. */
export function thresholdCriteria(
  transactions: ReadonlyArray<Pick<ReportTransaction, 'cnyFen' | 'usdCents'>>,
  threshold: { cnyFen: number; usdCents: number },
): ThresholdCriterion[] {
  const criteria: ThresholdCriterion[] = [];
  if (transactions.some((t) => t.cnyFen >= threshold.cnyFen)) criteria.push('SINGLE_CNY');
  if (transactions.some((t) => t.usdCents >= threshold.usdCents)) criteria.push('SINGLE_USD');
  if (transactions.reduce((sum, t) => sum + t.cnyFen, 0) >= threshold.cnyFen) criteria.push('CUMULATIVE_CNY');
  if (transactions.reduce((sum, t) => sum + t.usdCents, 0) >= threshold.usdCents)
    criteria.push('CUMULATIVE_USD');
  return criteria;
}

function byTime(a: ReportTransaction, b: ReportTransaction): number {
  return a.occurredAt < b.occurredAt
    ? -1
    : a.occurredAt > b.occurredAt
      ? 1
      : a.transactionId < b.transactionId
        ? -1
        : 1;
}

function entryOf(
  direction: Direction,
  subject: ReportParty,
  transactions: ReportTransaction[],
  rules: ReportRules,
): LargeValueEntry {
  const setting = rules.definition.directions[direction];
  const thresholdKind =
    subject.kind === 'PERSON' ? setting.naturalPersonThreshold : setting.organisationThreshold;
  const sorted = [...transactions].sort(byTime);
  return {
    entryId: `${direction}:${subject.key}`,
    direction,
    subject,
    thresholdKind,
    criteria: thresholdCriteria(sorted, rules.definition.thresholds[thresholdKind]),
    totalCnyFen: sorted.reduce((sum, t) => sum + t.cnyFen, 0),
    totalUsdCents: sorted.reduce((sum, t) => sum + t.usdCents, 0),
    transactions: sorted,
  };
}

export interface LargeValueInput {
  /** the Beijing day reported (YYYY-MM-DD) */
  day: string;
  payments: ReadonlyArray<PaymentRecord>;
  rules: ReportRules;
  fx: FxTable;
  dueOn: string;
  now: Date;
}

/**
 * Builds the large-value report of one Beijing day: settled payments only (reversed ones are listed as excluded),
 * grouped per customer and per direction (OUTFLOW: the payer; INFLOW: the merchant), each group reported when a
 * single payment or the day's cumulative total reaches the CNY or the USD threshold of its kind. Payments whose
 * Beijing day is another day are ignored: 23:30 and 00:30 Beijing are two days even within one UTC day.
 */
export function buildLargeValueReport(input: LargeValueInput): LargeValueReportContent {
  const ofDay = input.payments.filter((payment) => beijingPeriods(payment.occurredAt).day === input.day);
  const settled = ofDay.filter((payment) => payment.status === 'SETTLED');
  const groups = new Map<
    string,
    { direction: Direction; subject: ReportParty; transactions: ReportTransaction[] }
  >();
  for (const payment of settled) {
    const transaction = reportTransaction(payment, input.fx);
    for (const direction of ['OUTFLOW', 'INFLOW'] as const) {
      if (!input.rules.definition.directions[direction].enabled) continue;
      const subject = direction === 'OUTFLOW' ? transaction.payer : transaction.merchant;
      const key = `${direction}:${subject.key}`;
      const group = groups.get(key);
      // the subject's details as of its latest payment of the day
      if (group) {
        group.transactions.push(transaction);
        if (
          transaction.occurredAt >=
          group.transactions.reduce((latest, t) => (t.occurredAt > latest ? t.occurredAt : latest), '')
        )
          group.subject = subject;
      } else groups.set(key, { direction, subject, transactions: [transaction] });
    }
  }
  const entries = [...groups.values()]
    .map((group) => entryOf(group.direction, group.subject, group.transactions, input.rules))
    .filter((entry) => entry.criteria.length > 0)
    .sort((a, b) => (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  return {
    schema: 'cpg.report.ltr/1',
    type: 'LTR',
    period: input.day,
    ruleVersion: input.rules.version,
    fxVersion: input.fx.version,
    generatedAt: input.now.toISOString(),
    dueOn: input.dueOn,
    institution: input.rules.definition.reportingInstitution,
    entries,
    excludedReversed: ofDay
      .filter((payment) => payment.status === 'REVERSED')
      .map((payment) => payment.transactionId)
      .sort(),
    settledPayments: settled.length,
  };
}

/** The transaction ids a large-value (or correction) report includes. */
export function reportInputs(content: Pick<LargeValueReportContent, 'entries'>): string[] {
  return [
    ...new Set(content.entries.flatMap((entry) => entry.transactions.map((t) => t.transactionId))),
  ].sort();
}

/**
 * A correction of an exported large-value report after payments in it were reversed: every entry holding a
 * reversed payment is re-stated without it (AMEND), or withdrawn when it no longer meets a threshold (WITHDRAW).
 */
export function buildCorrection(input: {
  original: { id: string; content: Pick<LargeValueReportContent, 'entries' | 'period' | 'institution'> };
  reversedTransactionIds: ReadonlyArray<string>;
  rules: ReportRules;
  fxVersion: number;
  dueOn: string;
  now: Date;
}): CorrectionReportContent {
  const reversed = new Set(input.reversedTransactionIds);
  const entries: CorrectionEntry[] = [];
  for (const entry of input.original.content.entries) {
    if (!entry.transactions.some((t) => reversed.has(t.transactionId))) continue;
    const remaining = entry.transactions.filter((t) => !reversed.has(t.transactionId));
    const restated = entryOf(entry.direction, entry.subject, remaining, input.rules);
    entries.push({ ...restated, action: restated.criteria.length > 0 ? 'AMEND' : 'WITHDRAW' });
  }
  return {
    schema: 'cpg.report.correction/1',
    type: 'CORRECTION',
    period: input.original.content.period,
    correctsReportId: input.original.id,
    ruleVersion: input.rules.version,
    fxVersion: input.fxVersion,
    generatedAt: input.now.toISOString(),
    dueOn: input.dueOn,
    institution: input.original.content.institution,
    reversedTransactionIds: [...reversed].sort(),
    entries,
  };
}
