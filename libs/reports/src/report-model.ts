/**
 * The canonical report models stored in reports.content. Every output format (PHTR/PSTR XML, goAML, CSV,
 * XLSX) is generated from these alone, so an output can be regenerated and compared with its stored hash.
 * Amounts are integer minor units (CNY fen, USD cents) or decimal strings, never floats.
 */
export type ReportType = 'LTR' | 'STR' | 'STATS' | 'OVERDUE_ALERTS' | 'CORRECTION';
export type ReportStatus = 'DRAFT' | 'APPROVED' | 'EXPORTED' | 'SUPERSEDED';
export type Direction = 'OUTFLOW' | 'INFLOW';
export type ThresholdKind = 'NATURAL_PERSON_CROSS_BORDER' | 'NATURAL_PERSON_DOMESTIC' | 'NON_NATURAL_PERSON';

export interface Money {
  value: string;
  currency: string;
}

export interface ReportingInstitution {
  name: string | null;
  code: string | null;
  regionCode: string | null;
}

/** A party as reported: a payer (person) or a merchant (person with a personal collection code, or organisation). */
export interface ReportParty {
  role: 'payer' | 'merchant';
  kind: 'PERSON' | 'ORGANISATION';
  key: string;
  name: string;
  nameOriginalScript: string | null;
  nationality: string | null;
  residenceCountry: string | null;
  dateOfBirth: string | null;
  idDocument: { type: string; number: string; country: string } | null;
  walletProvider: string | null;
  walletAccountId: string | null;
  merchantId: string | null;
  mcc: string | null;
  city: string | null;
  country: string | null;
  legalRepresentative: string | null;
  ipAddress: string | null;
  deviceId: string | null;
}

export interface ReportTransaction {
  transactionId: string;
  /** ISO 8601 instant (UTC) */
  occurredAt: string;
  /** the Beijing calendar day of occurredAt */
  beijingDay: string;
  status: string;
  qrType: string;
  /** the merchant leg (what the gateway charged) */
  amount: Money;
  /** the payer's leg, when the gateway sent it */
  payerAmount: Money | null;
  /** equivalents used for the thresholds (see large-value.ts for how they are obtained) */
  cnyFen: number;
  usdCents: number;
  payer: ReportParty;
  merchant: ReportParty;
}

export type ThresholdCriterion = 'SINGLE_CNY' | 'SINGLE_USD' | 'CUMULATIVE_CNY' | 'CUMULATIVE_USD';

/** One reported customer (subject) in one direction on one Beijing day, with all its settled payments of the day. */
export interface LargeValueEntry {
  entryId: string;
  direction: Direction;
  subject: ReportParty;
  thresholdKind: ThresholdKind;
  criteria: ThresholdCriterion[];
  totalCnyFen: number;
  totalUsdCents: number;
  transactions: ReportTransaction[];
}

export interface LargeValueReportContent {
  schema: 'cpg.report.ltr/1';
  type: 'LTR';
  period: string;
  ruleVersion: number;
  fxVersion: number;
  generatedAt: string;
  dueOn: string;
  institution: ReportingInstitution;
  entries: LargeValueEntry[];
  /** payments of the day that were reversed before the report was built (not counted) */
  excludedReversed: string[];
  settledPayments: number;
}

export interface CorrectionEntry extends LargeValueEntry {
  /** AMEND: the entry still meets a threshold without the reversed payments; WITHDRAW: it no longer does */
  action: 'AMEND' | 'WITHDRAW';
}

export interface CorrectionReportContent {
  schema: 'cpg.report.correction/1';
  type: 'CORRECTION';
  period: string;
  correctsReportId: string;
  ruleVersion: number;
  fxVersion: number;
  generatedAt: string;
  dueOn: string;
  institution: ReportingInstitution;
  reversedTransactionIds: string[];
  entries: CorrectionEntry[];
}

export interface SuspicionIndicator {
  code: string;
  description: string;
  ruleId: string | null;
}

export interface SuspiciousReportContent {
  schema: 'cpg.report.str/1';
  type: 'STR';
  period: string;
  caseId: string;
  generatedAt: string;
  suspicionConfirmedOn: string;
  dueOn: string;
  /** a sanctions or terrorist-list confirmation: reported immediately */
  immediate: boolean;
  institution: ReportingInstitution;
  subjects: ReportParty[];
  /** attempted (declined) payments are included */
  transactions: ReportTransaction[];
  indicators: SuspicionIndicator[];
  narrative: string;
  actionTaken: string | null;
}

export interface StatsReportContent {
  schema: 'cpg.report.stats/1';
  type: 'STATS';
  period: string;
  generatedAt: string;
  payments: Array<{ status: string; count: number; cnyFen: number; usdCents: number }>;
  decisions: Array<{ outcome: string; count: number }>;
  alerts: { raised: number; closed: number; openAtEnd: number };
  reports: Array<{ type: string; count: number }>;
}

export interface OverdueAlertsReportContent {
  schema: 'cpg.report.overdue-alerts/1';
  type: 'OVERDUE_ALERTS';
  period: string;
  asOf: string;
  total: number;
  byPriority: Array<{ priority: string; count: number }>;
  alerts: Array<{
    id: string;
    type: string;
    priority: string;
    ruleId: string;
    status: string;
    slaDueAt: string;
    overdueHours: number;
  }>;
}

export type ReportContent =
  | LargeValueReportContent
  | CorrectionReportContent
  | SuspiciousReportContent
  | StatsReportContent
  | OverdueAlertsReportContent;
