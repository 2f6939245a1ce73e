import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seeds the report defaults: the PRC working-day calendar 2025–2027, version 1 of the report rules (DOMAIN.md
 * large-value thresholds), the report schedules and the retention policies. Frozen here on purpose: officers
 * change these through new rows (new rule versions, calendar days), never by editing this migration.
 *
 * Calendar source: the State Council General Office notices on public holiday arrangements (国务院办公厅关于
 * 20XX年部分节假日安排的通知), published each November for the next year: 2025 (notice of 12 Nov 2024, which
 * also applied the revised Regulations on National Holidays: Spring Festival's eve and 2 May became holidays)
 * and 2026 (notice of November 2025). 2027 is PROVISIONAL: derived from the statutory days and the usual
 * pattern before the notice was known; officers must replace it with the notice's days when it is published.
 * Only non-working weekdays (HOLIDAY, weekend days of a holiday block included for readability) and working
 * weekend days (MAKEUP_WORKDAY) are rows; every other Monday–Friday is a working day.
 */
const NOTICE_2025 = 'State Council General Office notice on the 2025 holiday arrangements (12 Nov 2024)';
const NOTICE_2026 = 'State Council General Office notice on the 2026 holiday arrangements (Nov 2025)';
const PROVISIONAL_2027 = 'PROVISIONAL: statutory days and usual pattern; replace with the State Council notice for 2027';

type Row = [day: string, kind: 'HOLIDAY' | 'MAKEUP_WORKDAY', name: string, source: string];

function range(from: string, to: string, name: string, source: string): Row[] {
  const rows: Row[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) {
    rows.push([new Date(at).toISOString().slice(0, 10), 'HOLIDAY', name, source]);
  }
  return rows;
}

const CALENDAR: Row[] = [
  // 2025
  ...range('2025-01-01', '2025-01-01', "New Year's Day", NOTICE_2025),
  ...range('2025-01-28', '2025-02-04', 'Spring Festival', NOTICE_2025),
  ['2025-01-26', 'MAKEUP_WORKDAY', 'Spring Festival make-up working day', NOTICE_2025],
  ['2025-02-08', 'MAKEUP_WORKDAY', 'Spring Festival make-up working day', NOTICE_2025],
  ...range('2025-04-04', '2025-04-06', 'Qingming Festival', NOTICE_2025),
  ...range('2025-05-01', '2025-05-05', 'Labour Day', NOTICE_2025),
  ['2025-04-27', 'MAKEUP_WORKDAY', 'Labour Day make-up working day', NOTICE_2025],
  ...range('2025-05-31', '2025-06-02', 'Dragon Boat Festival', NOTICE_2025),
  ...range('2025-10-01', '2025-10-08', 'National Day and Mid-Autumn Festival', NOTICE_2025),
  ['2025-09-28', 'MAKEUP_WORKDAY', 'National Day make-up working day', NOTICE_2025],
  ['2025-10-11', 'MAKEUP_WORKDAY', 'National Day make-up working day', NOTICE_2025],
  // 2026
  ...range('2026-01-01', '2026-01-03', "New Year's Day", NOTICE_2026),
  ['2026-01-04', 'MAKEUP_WORKDAY', "New Year's Day make-up working day", NOTICE_2026],
  ...range('2026-02-15', '2026-02-23', 'Spring Festival', NOTICE_2026),
  ['2026-02-14', 'MAKEUP_WORKDAY', 'Spring Festival make-up working day', NOTICE_2026],
  ['2026-02-28', 'MAKEUP_WORKDAY', 'Spring Festival make-up working day', NOTICE_2026],
  ...range('2026-04-04', '2026-04-06', 'Qingming Festival', NOTICE_2026),
  ...range('2026-05-01', '2026-05-05', 'Labour Day', NOTICE_2026),
  ['2026-05-09', 'MAKEUP_WORKDAY', 'Labour Day make-up working day', NOTICE_2026],
  ...range('2026-06-19', '2026-06-21', 'Dragon Boat Festival', NOTICE_2026),
  ...range('2026-09-25', '2026-09-27', 'Mid-Autumn Festival', NOTICE_2026),
  ...range('2026-10-01', '2026-10-07', 'National Day', NOTICE_2026),
  ['2026-09-20', 'MAKEUP_WORKDAY', 'National Day make-up working day', NOTICE_2026],
  ['2026-10-10', 'MAKEUP_WORKDAY', 'National Day make-up working day', NOTICE_2026],
  // 2027 (provisional)
  ...range('2027-01-01', '2027-01-03', "New Year's Day", PROVISIONAL_2027),
  ...range('2027-02-05', '2027-02-12', 'Spring Festival', PROVISIONAL_2027),
  ['2027-01-31', 'MAKEUP_WORKDAY', 'Spring Festival make-up working day', PROVISIONAL_2027],
  ['2027-02-20', 'MAKEUP_WORKDAY', 'Spring Festival make-up working day', PROVISIONAL_2027],
  ...range('2027-04-03', '2027-04-05', 'Qingming Festival', PROVISIONAL_2027),
  ...range('2027-05-01', '2027-05-05', 'Labour Day', PROVISIONAL_2027),
  ['2027-04-25', 'MAKEUP_WORKDAY', 'Labour Day make-up working day', PROVISIONAL_2027],
  ...range('2027-06-09', '2027-06-09', 'Dragon Boat Festival', PROVISIONAL_2027),
  ...range('2027-09-15', '2027-09-15', 'Mid-Autumn Festival', PROVISIONAL_2027),
  ...range('2027-10-01', '2027-10-07', 'National Day', PROVISIONAL_2027),
  ['2027-09-26', 'MAKEUP_WORKDAY', 'National Day make-up working day', PROVISIONAL_2027],
  ['2027-10-09', 'MAKEUP_WORKDAY', 'National Day make-up working day', PROVISIONAL_2027],
];

/** DOMAIN.md large-value thresholds in minor units (CNY fen, USD cents). */
const REPORT_RULES_V1 = {
  dueWorkingDays: 5,
  thresholds: {
    NATURAL_PERSON_CROSS_BORDER: { cnyFen: 20_000_000, usdCents: 1_000_000 },
    NATURAL_PERSON_DOMESTIC: { cnyFen: 50_000_000, usdCents: 10_000_000 },
    NON_NATURAL_PERSON: { cnyFen: 200_000_000, usdCents: 20_000_000 },
  },
  directions: {
    // the foreign payer's money leaves the payer: a natural person's cross-border transfer
    OUTFLOW: { enabled: true, naturalPersonThreshold: 'NATURAL_PERSON_CROSS_BORDER', organisationThreshold: 'NON_NATURAL_PERSON' },
    // the merchant receives cross-border funds: personal collection codes are natural persons, others are not
    INFLOW: { enabled: true, naturalPersonThreshold: 'NATURAL_PERSON_CROSS_BORDER', organisationThreshold: 'NON_NATURAL_PERSON' },
  },
  reportingInstitution: { name: null, code: null, regionCode: null },
};

export class BackfillReportDefaults1764100000021 implements MigrationInterface {
  name = 'BackfillReportDefaults1764100000021';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO calendar_days (day, kind, name, source)
       SELECT day::date, kind, name, source FROM jsonb_to_recordset($1::jsonb) AS r(day text, kind text, name text, source text)`,
      [JSON.stringify(CALENDAR.map(([day, kind, name, source]) => ({ day, kind, name, source })))],
    );
    await queryRunner.query("INSERT INTO report_rules (version, definition, created_by, note) VALUES (1, $1, 'migration', 'DOMAIN.md defaults (PBOC Order [2016] No. 3)')", [
      JSON.stringify(REPORT_RULES_V1),
    ]);
    await queryRunner.query(`
      INSERT INTO report_schedules (name, type, cron) VALUES
        ('ltr-daily', 'LTR', '0 1 * * *'),
        ('stats-monthly', 'STATS', '0 2 1 * *'),
        ('overdue-alerts-weekly', 'OVERDUE_ALERTS', '0 3 * * 1'),
        ('ltr-corrections', 'CORRECTION', '15 * * * *');
      INSERT INTO retention_policies (record_type, retain_years, basis) VALUES
        ('reports', 10, 'AML Law (revised, in force 1 Jan 2025): records kept at least 10 years; longer while an investigation is open'),
        ('report_outputs', 10, 'AML Law (revised, in force 1 Jan 2025): records kept at least 10 years; longer while an investigation is open'),
        ('payments', 10, 'AML Law (revised, in force 1 Jan 2025): identity and transaction records at least 10 years'),
        ('decisions', 10, 'AML Law (revised, in force 1 Jan 2025): identity and transaction records at least 10 years'),
        ('audit_events', 10, 'AML Law (revised, in force 1 Jan 2025): identity and transaction records at least 10 years');
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM report_schedules; DELETE FROM calendar_days; DELETE FROM retention_policies');
  }
}
