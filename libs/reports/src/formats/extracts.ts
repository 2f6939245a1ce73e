import ExcelJS from 'exceljs';
import { centsToDecimal } from '@app/common';
import type { ReportContent, ReportTransaction } from '../report-model.js';

/** A report as one table: CSV and XLSX extracts for internal use. */
export interface ReportTable {
  columns: string[];
  rows: Array<Array<string | number>>;
}

const TRANSACTION_COLUMNS = [
  'transaction_id',
  'occurred_at_beijing',
  'status',
  'amount',
  'currency',
  'payer_amount',
  'payer_currency',
  'cny_equivalent',
  'usd_equivalent',
  'payer_key',
  'payer_name',
  'payer_nationality',
  'merchant_id',
  'merchant_name',
  'merchant_mcc',
  'merchant_city',
];

function transactionCells(t: ReportTransaction): string[] {
  const beijing = new Date(Date.parse(t.occurredAt) + 8 * 3600 * 1000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');
  return [
    t.transactionId,
    beijing,
    t.status,
    t.amount.value,
    t.amount.currency,
    t.payerAmount?.value ?? '',
    t.payerAmount?.currency ?? '',
    centsToDecimal(t.cnyFen),
    centsToDecimal(t.usdCents),
    t.payer.key,
    t.payer.name,
    t.payer.nationality ?? '',
    t.merchant.key,
    t.merchant.name,
    t.merchant.mcc ?? '',
    t.merchant.city ?? '',
  ];
}

export function tabulate(content: ReportContent): ReportTable {
  switch (content.type) {
    case 'LTR':
    case 'CORRECTION': {
      const action = content.type === 'CORRECTION';
      return {
        columns: [
          'period',
          'entry_id',
          ...(action ? ['action'] : []),
          'direction',
          'subject_key',
          'subject_name',
          'subject_kind',
          'threshold_kind',
          'criteria',
          'total_cny',
          'total_usd',
          'rule_version',
          'fx_version',
          'due_on',
          ...TRANSACTION_COLUMNS,
        ],
        rows: content.entries.flatMap((entry) =>
          entry.transactions.map((t) => [
            content.period,
            entry.entryId,
            ...('action' in entry ? [entry.action as string] : []),
            entry.direction,
            entry.subject.key,
            entry.subject.name,
            entry.subject.kind,
            entry.thresholdKind,
            entry.criteria.join(' '),
            centsToDecimal(entry.totalCnyFen),
            centsToDecimal(entry.totalUsdCents),
            content.ruleVersion,
            content.fxVersion,
            content.dueOn,
            ...transactionCells(t),
          ]),
        ),
      };
    }
    case 'STR':
      return {
        columns: ['case_id', 'immediate', 'due_on', 'indicators', ...TRANSACTION_COLUMNS],
        rows: content.transactions.map((t) => [
          content.caseId,
          content.immediate ? 'yes' : 'no',
          content.dueOn,
          content.indicators.map((i) => i.code).join(' '),
          ...transactionCells(t),
        ]),
      };
    case 'STATS':
      return {
        columns: ['period', 'metric', 'key', 'count', 'cny', 'usd'],
        rows: [
          ...content.payments.map((p) => [
            content.period,
            'payments',
            p.status,
            p.count,
            centsToDecimal(p.cnyFen),
            centsToDecimal(p.usdCents),
          ]),
          ...content.decisions.map((d) => [content.period, 'decisions', d.outcome, d.count, '', '']),
          [content.period, 'alerts', 'raised', content.alerts.raised, '', ''],
          [content.period, 'alerts', 'closed', content.alerts.closed, '', ''],
          [content.period, 'alerts', 'open_at_end', content.alerts.openAtEnd, '', ''],
          ...content.reports.map((r) => [content.period, 'reports', r.type, r.count, '', '']),
        ],
      };
    case 'OVERDUE_ALERTS':
      return {
        columns: [
          'period',
          'as_of',
          'alert_id',
          'type',
          'priority',
          'rule_id',
          'status',
          'sla_due_at',
          'overdue_hours',
        ],
        rows: content.alerts.map((a) => [
          content.period,
          content.asOf,
          a.id,
          a.type,
          a.priority,
          a.ruleId,
          a.status,
          a.slaDueAt,
          a.overdueHours,
        ]),
      };
  }
}

/** Text cells starting like a formula are prefixed with ' so spreadsheet programs do not execute them. */
function neutralise(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number): string {
  const text = String(neutralise(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark (spreadsheet programs then read Chinese names correctly), CRLF line ends (RFC 4180). */
export function generateCsv(content: ReportContent): Buffer {
  const table = tabulate(content);
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function generateXlsx(report: {
  id: string;
  type: string;
  period: string;
  content: ReportContent;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const generatedAt = new Date(
    'generatedAt' in report.content ? report.content.generatedAt : report.content.asOf,
  );
  workbook.creator = 'cpg-screening';
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  const summary = workbook.addWorksheet('Report');
  summary.addRows([
    ['report_id', report.id],
    ['type', report.type],
    ['period', report.period],
    ['generated_at', generatedAt.toISOString()],
  ]);
  const table = tabulate(report.content);
  const sheet = workbook.addWorksheet('Rows');
  sheet.addRow(table.columns);
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(neutralise));
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}
