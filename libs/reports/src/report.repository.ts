import type { DataSource, EntityManager } from 'typeorm';
import { beijingDayStart, DomainError, type FxTable } from '@app/common';
import type { PaymentRecord, ReportRules } from './large-value.js';
import type { ReportContent, ReportStatus, ReportType } from './report-model.js';
import { calendarOf, type CalendarDayKind, type WorkingDayCalendar } from './working-days.js';

export interface StoredReport {
  id: string;
  type: ReportType;
  period: string;
  status: ReportStatus;
  ruleVersion: number | null;
  fxVersion: number | null;
  revision: number;
  correctsReportId: string | null;
  content: ReportContent;
  contentSha256: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  dueOn: string | null;
  exportedAt: string | null;
}

interface ReportRow {
  id: string;
  type: ReportType;
  period: string;
  status: ReportStatus;
  rule_version: number | null;
  fx_version: number | null;
  revision: number;
  corrects_report_id: string | null;
  content: ReportContent;
  content_sha256: string;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  due_on: string | null;
  exported_at: Date | null;
}

export const REPORT_COLUMNS = `id, type, period, status, rule_version, fx_version, revision, corrects_report_id, content, content_sha256,
  created_at, created_by, updated_at, to_char(due_on, 'YYYY-MM-DD') AS due_on, exported_at`;

export function toStoredReport(row: ReportRow): StoredReport {
  return {
    id: row.id,
    type: row.type,
    period: row.period,
    status: row.status,
    ruleVersion: row.rule_version,
    fxVersion: row.fx_version,
    revision: row.revision,
    correctsReportId: row.corrects_report_id,
    content: row.content,
    contentSha256: row.content_sha256,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at).toISOString(),
    dueOn: row.due_on,
    exportedAt: row.exported_at ? new Date(row.exported_at).toISOString() : null,
  };
}

const DAY_MS = 86_400_000;
/** a total no subject reaches: the direction is disabled */
const NEVER = '9223372036854775807';

/** The lowest threshold each kind of subject can be held to (null: that direction is not reported). */
export interface CandidateMinimums {
  payer: { cnyFen: number; usdCents: number } | null;
  merchantPerson: { cnyFen: number; usdCents: number } | null;
  merchantOrganisation: { cnyFen: number; usdCents: number } | null;
}

export function candidateMinimums(rules: ReportRules): CandidateMinimums {
  const { directions, thresholds } = rules.definition;
  return {
    payer: directions.OUTFLOW.enabled ? thresholds[directions.OUTFLOW.naturalPersonThreshold] : null,
    merchantPerson: directions.INFLOW.enabled ? thresholds[directions.INFLOW.naturalPersonThreshold] : null,
    merchantOrganisation: directions.INFLOW.enabled
      ? thresholds[directions.INFLOW.organisationThreshold]
      : null,
  };
}

/** SQL for reports and what they are built from (payments, FX tables, report rules, the working-day calendar). */
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async calendar(manager: EntityManager = this.dataSource.manager): Promise<WorkingDayCalendar> {
    const rows: Array<{ day: string; kind: CalendarDayKind }> = await manager.query(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_days",
    );
    return calendarOf(rows);
  }

  /** The newest report rules, or the given version. */
  async rules(version?: number | null): Promise<ReportRules> {
    const rows: Array<{ version: number; definition: ReportRules['definition'] }> =
      await this.dataSource.query(
        version
          ? 'SELECT version, definition FROM report_rules WHERE version = $1'
          : 'SELECT version, definition FROM report_rules ORDER BY version DESC LIMIT 1',
        version ? [version] : [],
      );
    if (!rows[0])
      throw new DomainError(
        'CONFIGURATION_INVALID',
        version ? `No report rules version ${version}` : 'No report rules configured',
      );
    return { version: rows[0].version, definition: rows[0].definition };
  }

  /** The FX table in force on a Beijing day: the newest created before the day ended (the first one when none was). */
  async fxForDay(day: string): Promise<FxTable> {
    const end = new Date(beijingDayStart(day).getTime() + DAY_MS).toISOString();
    const rows: Array<{ version: number; units_per_usd: Record<string, string> }> =
      await this.dataSource.query(
        `SELECT version, units_per_usd FROM (
         (SELECT version, units_per_usd, 0 AS rank FROM fx_tables WHERE created_at < $1 ORDER BY version DESC LIMIT 1)
         UNION ALL (SELECT version, units_per_usd, 1 FROM fx_tables ORDER BY version ASC LIMIT 1)
       ) AS candidates ORDER BY rank LIMIT 1`,
        [end],
      );
    if (!rows[0]) throw new DomainError('CONFIGURATION_INVALID', 'No FX table configured');
    return { version: rows[0].version, unitsPerUsd: rows[0].units_per_usd };
  }

  /**
   * Settled payments of one Beijing day for the customers that can reach a threshold, plus the day's reversed
   * payments. The SQL only narrows, conservatively: a subject whose decision-time totals stay below `floor` of its
   * lowest possible threshold cannot reach it at any plausible FX move; the pure function decides on exact figures.
   */
  async paymentsOfDay(
    day: string,
    minimums: CandidateMinimums,
    floor = 0.5,
  ): Promise<{ payments: PaymentRecord[]; settledCount: number }> {
    const start = beijingDayStart(day).toISOString();
    const end = new Date(beijingDayStart(day).getTime() + DAY_MS).toISOString();
    const scaled = (threshold: { cnyFen: number; usdCents: number } | null): [string, string] =>
      threshold
        ? [String(Math.floor(threshold.usdCents * floor)), String(Math.floor(threshold.cnyFen * floor))]
        : [NEVER, NEVER];
    const rows: Array<{
      transaction_id: string;
      occurred_at: Date;
      status: string;
      qr_type: string;
      amount_value: string;
      amount_currency: string;
      payer_amount_value: string | null;
      payer_amount_currency: string | null;
      payer_key: string;
      merchant_id: string;
      payer: Record<string, unknown>;
      merchant: Record<string, unknown>;
    }> = await this.dataSource.query(
      `WITH day AS (
         SELECT * FROM payments WHERE occurred_at >= $1 AND occurred_at < $2 AND status IN ('SETTLED', 'REVERSED')
       ), payers AS (
         SELECT payer_key FROM day WHERE status = 'SETTLED' GROUP BY payer_key
         HAVING sum(amount_usd_cents) >= $3::numeric OR sum(amount_cny_fen) >= $4::numeric
       ), merchants AS (
         SELECT merchant_id FROM day WHERE status = 'SETTLED' GROUP BY merchant_id
         HAVING (bool_or(merchant->>'personalCollectionCode' = 'true') AND (sum(amount_usd_cents) >= $5::numeric OR sum(amount_cny_fen) >= $6::numeric))
             OR sum(amount_usd_cents) >= $7::numeric OR sum(amount_cny_fen) >= $8::numeric
       )
       SELECT transaction_id, occurred_at, status, qr_type, amount_value::text, amount_currency, payer_amount_value::text, payer_amount_currency,
              payer_key, merchant_id, payer, merchant
       FROM day
       WHERE status = 'REVERSED' OR payer_key IN (SELECT payer_key FROM payers) OR merchant_id IN (SELECT merchant_id FROM merchants)`,
      [
        start,
        end,
        ...scaled(minimums.payer),
        ...scaled(minimums.merchantPerson),
        ...scaled(minimums.merchantOrganisation),
      ],
    );
    const count: Array<{ n: number }> = await this.dataSource.query(
      "SELECT count(*)::int AS n FROM payments WHERE occurred_at >= $1 AND occurred_at < $2 AND status = 'SETTLED'",
      [start, end],
    );
    return {
      settledCount: count[0].n,
      payments: rows.map((row) => ({
        transactionId: row.transaction_id,
        occurredAt: new Date(row.occurred_at),
        status: row.status,
        qrType: row.qr_type,
        amount: { value: trimDecimal(row.amount_value), currency: row.amount_currency.trim() },
        payerAmount:
          row.payer_amount_value && row.payer_amount_currency
            ? { value: trimDecimal(row.payer_amount_value), currency: row.payer_amount_currency.trim() }
            : null,
        payerKey: row.payer_key,
        merchantId: row.merchant_id,
        payer: row.payer,
        merchant: row.merchant,
      })),
    };
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<StoredReport | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const rows: ReportRow[] = await manager.query(
      `SELECT ${REPORT_COLUMNS} FROM reports WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toStoredReport(rows[0]) : null;
  }

  async findByPeriod(type: ReportType, period: string): Promise<StoredReport | null> {
    const rows: ReportRow[] = await this.dataSource.query(
      `SELECT ${REPORT_COLUMNS} FROM reports WHERE type = $1 AND period = $2 ORDER BY created_at LIMIT 1`,
      [type, period],
    );
    return rows[0] ? toStoredReport(rows[0]) : null;
  }
}

/** numeric(19,4) comes back as e.g. "268.0000": keep at least two fraction digits, drop the rest of the zeros. */
function trimDecimal(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}.${trimmed.padEnd(2, '0')}`;
}

/** One report by a condition, inside the caller's transaction. */
export async function selectReport(
  manager: EntityManager,
  where: string,
  parameters: unknown[],
): Promise<StoredReport> {
  const rows: ReportRow[] = await manager.query(
    `SELECT ${REPORT_COLUMNS} FROM reports WHERE ${where}`,
    parameters,
  );
  if (!rows[0]) throw new DomainError('INTERNAL', 'The report row vanished inside its own transaction');
  return toStoredReport(rows[0]);
}
