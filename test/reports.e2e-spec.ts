import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../libs/queue/src/index.js';
import {
  addWorkingDays,
  CORRECT_REPORTS_JOB,
  CorrectReportsUseCase,
  GENERATE_REPORT_JOB,
  GenerateReportUseCase,
  enqueueReport,
  ReportRepository,
} from '../libs/reports/src/index.js';
import { bearer, loginAs } from './support/officers.js';
import { preAuthRequest, startTestApp, TEST_ACTOR, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';


const DAY_MS = 86_400_000;
/** A Beijing day that is over: two days ago, so that its next day is over too. */
const beijingDay = (offsetDays: number): string =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * DAY_MS).toISOString().slice(0, 10);
const D = beijingDay(-2);
const NEXT = beijingDay(-1);
const at = (day: string, time: string): string => new Date(`${day}T${time}+08:00`).toISOString();
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('regulatory reports', () => {
  let t: TestApp;
  let reportsQueue: Queue;
  const payerA = { walletAccountId: `kp-ltr-a-${process.pid}`, kycLevel: 'T2' };
  const payerB = { walletAccountId: `kp-ltr-b-${process.pid}`, kycLevel: 'T2' };
  const settled: Record<string, string> = {};
  let ltrId: string;
  let supervisor: { token: string };

  /** Through the real API: pre-authorisation, then the SETTLED outcome. */
  async function settle(
    name: string,
    payer: Record<string, unknown>,
    usd: string,
    occurredAt: string,
  ): Promise<string> {
    const body = preAuthRequest({
      occurredAt,
      amount: { value: usd, currency: 'USD' },
      payerAmount: { value: usd, currency: 'USD' },
      payer,
      merchant: { legalRepresentative: 'LIU YANG' },
    });
    const decision = await t.request('POST', '/v1/pre-auth', { body });
    expect(decision.status).toBe(200);
    expect(decision.body.decision, JSON.stringify(decision.body.reasons)).not.toBe('DECLINE');
    if (decision.body.decision === 'REVIEW') {
      // a new payer's high-value payment (R13) is held until an officer approves it, as in production
      const resolution = await t.request(
        'POST',
        `/v1/pre-auth/${encodeURIComponent(body.transactionId)}/resolution`,
        bearer(supervisor.token, {
          decision: 'APPROVE',
          rationale: 'Known customer, documented purchase (test)',
        }),
      );
      expect(resolution.status, JSON.stringify(resolution.body)).toBe(200);
    }
    let outcome = { status: 0, body: null as unknown };
    // the outcome's transaction can meet a concurrent follow-up job in a deadlock (outside the reports code): retry as a gateway would
    for (let attempt = 0; attempt < 3 && outcome.status !== 200; attempt += 1) {
      outcome = await t.request(
        'POST',
        `/v1/transactions/${encodeURIComponent(body.transactionId)}/outcome`,
        {
          body: { status: 'SETTLED', at: new Date(Date.parse(occurredAt) + 60_000).toISOString() },
        },
      );
    }
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    settled[name] = body.transactionId;
    return body.transactionId;
  }

  beforeAll(async () => {
    t = await startTestApp();
    supervisor = await loginAs(t, 'SUPERVISOR');
    reportsQueue = t.app.get<Queue>(getQueueToken(QUEUES.reports));
    await settle('a1', payerA, '5000.00', at(D, '10:00:00'));
    await settle('a2', payerA, '5000.00', at(D, '11:00:00'));
    // 23:30 and 00:30 Beijing: the same UTC day (15:30 and 16:30 UTC), two Beijing days
    await settle('b1', payerB, '5000.00', at(D, '23:30:00'));
    await settle('b2', payerB, '5000.00', at(NEXT, '00:30:00'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs the LTR job for a Beijing day: settled payments per customer and direction, same Beijing day only, due 5 working days later', async () => {
    await enqueueReport(reportsQueue, 'LTR', D);
    const rows = await waitFor(async () => {
      const found = await t.dataSource.query(
        "SELECT id, status, rule_version, fx_version, to_char(due_on, 'YYYY-MM-DD') AS due_on, content FROM reports WHERE type = 'LTR' AND period = $1",
        [D],
      );
      return found.length ? found : null;
    });
    const report = rows[0];
    ltrId = report.id;
    const calendar = await new ReportRepository(t.dataSource).calendar();
    expect(report).toMatchObject({
      status: 'DRAFT',
      rule_version: 1,
      fx_version: 1,
      due_on: addWorkingDays(D, 5, calendar),
    });
    expect(
      report.content.entries.map((entry: any) => [entry.entryId, entry.criteria, entry.totalUsdCents]),
    ).toEqual([[`OUTFLOW:KAKAOPAY:${payerA.walletAccountId}`, ['CUMULATIVE_USD'], 1_000_000]]);
    expect(report.content.entries[0].transactions.map((tx: any) => tx.transactionId)).toEqual([
      settled.a1,
      settled.a2,
    ]);
    const inputs = await t.dataSource.query(
      'SELECT transaction_id FROM report_inputs WHERE report_id = $1 ORDER BY transaction_id',
      [ltrId],
    );
    expect(inputs.map((row: any) => row.transaction_id)).toEqual([settled.a1, settled.a2].sort());
    const audit = await t.dataSource.query(
      "SELECT actor FROM audit_events WHERE action = 'report.generated' AND entity_id = $1",
      [ltrId],
    );
    expect(audit).toEqual([{ actor: 'system:system' }]);
  });

  it('lists reports with filters and paging', async () => {
    const listed = await t.request('GET', `/v1/reports?type=LTR&period=${D}&limit=10`, { key: t.adminKey });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect(listed.body.reports[0]).toMatchObject({
      id: ltrId,
      type: 'LTR',
      period: D,
      status: 'DRAFT',
      entries: 1,
      outputs: [],
    });
    expect((await t.request('GET', '/v1/reports?status=EXPORTED', { key: t.adminKey })).body.total).toBe(0);
    expect((await t.request('GET', '/v1/reports?type=NOPE', { key: t.adminKey })).status).toBe(400);
    expect((await t.request('GET', '/v1/reports', { key: t.gatewayKey })).status).toBe(403);
  });

  it('lets the officers with reports:read read reports with a bearer token, and audits the officer as the downloader', async () => {
    for (const role of ['ANALYST', 'SUPERVISOR', 'AUDITOR'] as const) {
      const officer = await loginAs(t, role);
      const listed = await t.request('GET', `/v1/reports?type=LTR&period=${D}`, bearer(officer.token));
      expect(listed.status, role).toBe(200);
      expect(listed.body.reports.map((report: any) => report.id)).toEqual([ltrId]);
    }
    // separation of duties: an ADMIN manages users, rules and lists, not reports
    const admin = await loginAs(t, 'ADMIN');
    expect((await t.request('GET', `/v1/reports?type=LTR&period=${D}`, bearer(admin.token))).status).toBe(403);
    const auditor = await loginAs(t, 'AUDITOR');
    // a filing format marks the report exported: only reports:export (SUPERVISOR) may download it
    const filing = await t.request('GET', `/v1/reports/${ltrId}/download?format=phtr-xml`, bearer(auditor.token));
    expect(filing.status).toBe(403);
    const csv = await t.request('GET', `/v1/reports/${ltrId}/download?format=csv`, bearer(auditor.token));
    expect(csv.status).toBe(200);
    const audit = await t.dataSource.query(
      "SELECT actor, after FROM audit_events WHERE action = 'report.downloaded' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
      [ltrId],
    );
    expect(audit[0]).toMatchObject({
      actor: `officer:${auditor.username}`,
      after: { format: 'csv', generated: true },
    });
  });

  it('downloads PHTR XML in GB18030, stores it once with its hash and size, audits every download and marks the report EXPORTED', async () => {
    const first = await t.request('GET', `/v1/reports/${ltrId}/download?format=phtr-xml`, {
      key: t.adminKey,
    });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/xml; charset=GB18030');
    expect(first.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="ltr-${D}-.*\\.phtr\\.xml"$`),
    );
    const response = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/v1/reports/${ltrId}/download?format=phtr-xml`,
        headers: { 'x-api-key': t.adminKey },
      });
    const bytes = response.rawPayload;
    const xml = iconv.decode(bytes, 'gb18030');
    const doc = new XMLParser({
      parseTagValue: false,
      isArray: (name) => ['CATI', 'STIF'].includes(name),
    }).parse(xml).PHTR;
    expect(doc.RBIF).toMatchObject({
      RPNM: ltrId,
      HTDT: D.replace(/-/g, ''),
      RPTP: 'N',
      CTNU: '1',
      TTNU: '2',
    });
    expect(doc.CATI[0].CTIF.CTNM).toBe('KIM MIN JUN');
    expect(doc.CATI[0].TSDT.STIF.map((s: any) => s.TSIF.TICD)).toEqual([settled.a1, settled.a2]);

    const outputs = await t.dataSource.query(
      "SELECT sha256, size_bytes, period, revision, mapping_version FROM report_outputs WHERE report_id = $1 AND format = 'phtr-xml'",
      [ltrId],
    );
    expect(outputs).toEqual([
      {
        sha256: sha256(bytes),
        size_bytes: bytes.length,
        period: D,
        revision: 1,
        mapping_version: 'cpg-camlmac/1',
      },
    ]);
    expect(response.headers['x-content-sha256']).toBe(sha256(bytes));
    const downloads = await t.dataSource.query(
      "SELECT after FROM audit_events WHERE action = 'report.downloaded' AND entity_id = $1 AND after->>'format' = 'phtr-xml' ORDER BY id",
      [ltrId],
    );
    expect(downloads.map((row: any) => [row.after.sha256, row.after.generated])).toEqual([
      [sha256(bytes), true],
      [sha256(bytes), false],
    ]);
    const status = await t.dataSource.query(
      'SELECT status, exported_at IS NOT NULL AS exported FROM reports WHERE id = $1',
      [ltrId],
    );
    expect(status).toEqual([{ status: 'EXPORTED', exported: true }]);
  });

  it('downloads goAML, CSV and XLSX, and refuses a format the report type has not', async () => {
    const goaml = await t.request('GET', `/v1/reports/${ltrId}/download?format=goaml-xml`, {
      key: t.adminKey,
    });
    expect(goaml.status).toBe(200);
    const report = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'transaction' }).parse(
      goaml.body,
    ).report;
    expect(report.report_code).toBe('CTR');
    expect(report.transaction.map((tx: any) => tx.transactionnumber)).toEqual([settled.a1, settled.a2]);

    const csv = await t.request('GET', `/v1/reports/${ltrId}/download?format=csv`, { key: t.adminKey });
    expect(csv.headers['content-type']).toBe('text/csv; charset=UTF-8');
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(settled.a1);

    const xlsx = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/v1/reports/${ltrId}/download?format=xlsx`,
        headers: { 'x-api-key': t.adminKey },
      });
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Rows')!.rowCount).toBe(3);

    const wrong = await t.request('GET', `/v1/reports/${ltrId}/download?format=pstr-xml`, {
      key: t.adminKey,
    });
    expect(wrong.status).toBe(400);
    expect(
      (
        await t.request('GET', '/v1/reports/00000000-0000-4000-8000-000000000000/download?format=csv', {
          key: t.adminKey,
        })
      ).status,
    ).toBe(404);
    const formats = await t.dataSource.query(
      'SELECT format FROM report_outputs WHERE report_id = $1 ORDER BY format',
      [ltrId],
    );
    expect(formats.map((row: any) => row.format)).toEqual(['csv', 'goaml-xml', 'phtr-xml', 'xlsx']);
  });

  it('produces exactly one report when two workers race one period', async () => {
    const useCase = new GenerateReportUseCase(t.dataSource);
    const [one, two] = await Promise.all([
      useCase.execute({ type: 'LTR', period: NEXT, actor: TEST_ACTOR, now: new Date() }),
      new GenerateReportUseCase(t.dataSource).execute({
        type: 'LTR',
        period: NEXT,
        actor: TEST_ACTOR,
        now: new Date(),
      }),
    ]);
    expect(one.report.id).toBe(two.report.id);
    expect([one.created, two.created].sort()).toEqual([false, true]);
    const count = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM reports WHERE type = 'LTR' AND period = $1",
      [NEXT],
    );
    expect(count).toEqual([{ n: 1 }]);
    // payer B's 00:30 payment alone (USD 5,000) does not reach the threshold on its Beijing day: by UTC day it would have (10,000)
    expect(one.report.content).toMatchObject({ entries: [], settledPayments: 1 });
    const again = await useCase.execute({ type: 'LTR', period: NEXT, actor: TEST_ACTOR, now: new Date() });
    expect(again).toMatchObject({ created: false, report: { id: one.report.id } });
  });

  it('refuses an LTR for a Beijing day that is not over', async () => {
    await expect(
      new GenerateReportUseCase(t.dataSource).execute({
        type: 'LTR',
        period: beijingDay(0),
        actor: TEST_ACTOR,
        now: new Date(),
      }),
    ).rejects.toThrow(/not over/);
  });

  it('produces a correction report when a payment of the exported report is reversed, once', async () => {
    const reversal = await t.request('POST', `/v1/transactions/${encodeURIComponent(settled.a2)}/outcome`, {
      body: { status: 'REVERSED', at: new Date().toISOString() },
    });
    expect(reversal.status).toBe(200);
    await reportsQueue.add(CORRECT_REPORTS_JOB, {}, { jobId: `corrections-${Date.now()}` });
    const correction = await waitFor(async () => {
      const rows = await t.dataSource.query(
        "SELECT id, period, status, corrects_report_id, content FROM reports WHERE type = 'CORRECTION'",
      );
      return rows.length ? rows[0] : null;
    });
    expect(correction).toMatchObject({ period: D, status: 'DRAFT', corrects_report_id: ltrId });
    expect(correction.content.reversedTransactionIds).toEqual([settled.a2]);
    expect(
      correction.content.entries.map((entry: any) => [entry.entryId, entry.action, entry.totalUsdCents]),
    ).toEqual([[`OUTFLOW:KAKAOPAY:${payerA.walletAccountId}`, 'WITHDRAW', 500_000]]);

    const download = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/v1/reports/${correction.id}/download?format=phtr-xml`,
        headers: { 'x-api-key': t.adminKey },
      });
    const doc = new XMLParser({ parseTagValue: false }).parse(
      iconv.decode(download.rawPayload, 'gb18030'),
    ).PHTR;
    expect(doc.RBIF).toMatchObject({ RPTP: 'C', ORPN: ltrId });
    expect(doc.CATI.HTCR.CRAC).toBe('W');

    // a second sweep finds nothing new
    await reportsQueue.add(CORRECT_REPORTS_JOB, {}, { jobId: `corrections-again-${Date.now()}` });
    await waitFor(async () => {
      const runs = await t.dataSource.query(
        "SELECT count(*)::int AS n FROM job_runs WHERE job_name = $1 AND status = 'COMPLETED'",
        [CORRECT_REPORTS_JOB],
      );
      return runs[0].n >= 2 ? true : null;
    });
    const count = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM reports WHERE type = 'CORRECTION'",
    );
    expect(count).toEqual([{ n: 1 }]);
    // the original stays as filed
    const original = await t.dataSource.query('SELECT status, revision FROM reports WHERE id = $1', [ltrId]);
    expect(original).toEqual([{ status: 'EXPORTED', revision: 1 }]);
  });

  it('rebuilds a draft LTR as a new revision when one of its payments is reversed before export', async () => {
    const day = beijingDay(-3);
    const payerC = { walletAccountId: `kp-ltr-c-${process.pid}`, kycLevel: 'T2' };
    await settle('c1', payerC, '5000.00', at(day, '09:00:00'));
    await settle('c2', payerC, '5000.00', at(day, '09:30:00'));
    const { report } = await new GenerateReportUseCase(t.dataSource).execute({
      type: 'LTR',
      period: day,
      actor: TEST_ACTOR,
      now: new Date(),
    });
    expect(report.content).toMatchObject({
      entries: [{ entryId: `OUTFLOW:KAKAOPAY:${payerC.walletAccountId}` }],
    });
    const csv = await t.request('GET', `/v1/reports/${report.id}/download?format=csv`, { key: t.adminKey });
    expect(csv.status).toBe(200);
    const reversal = await t.request('POST', `/v1/transactions/${encodeURIComponent(settled.c2)}/outcome`, {
      body: { status: 'REVERSED', at: new Date().toISOString() },
    });
    expect(reversal.status).toBe(200);
    const result = await new CorrectReportsUseCase(t.dataSource).execute({
      actor: TEST_ACTOR,
      now: new Date(),
    });
    expect(result.redrafted).toEqual([report.id]);
    expect(result.corrections).toEqual([]);
    const rows = await t.dataSource.query('SELECT status, revision, content FROM reports WHERE id = $1', [
      report.id,
    ]);
    expect(rows[0]).toMatchObject({
      status: 'DRAFT',
      revision: 2,
      content: { entries: [], excludedReversed: [settled.c2] },
    });
    // the revision-1 output stays stored; the next download is generated for revision 2
    await t.request('GET', `/v1/reports/${report.id}/download?format=csv`, { key: t.adminKey });
    const outputs = await t.dataSource.query(
      'SELECT revision FROM report_outputs WHERE report_id = $1 ORDER BY revision',
      [report.id],
    );
    expect(outputs).toEqual([{ revision: 1 }, { revision: 2 }]);
    expect(
      (await new CorrectReportsUseCase(t.dataSource).execute({ actor: TEST_ACTOR, now: new Date() }))
        .redrafted,
    ).toEqual([]);
  });

  it('raises a MONITORING alert when a report run fails for good', async () => {
    await reportsQueue.add(
      GENERATE_REPORT_JOB,
      { type: 'LTR', period: '2026-13-45' },
      { jobId: 'report-ltr-bad-period' },
    );
    const alert = await waitFor(async () => {
      const rows = await t.dataSource.query(
        "SELECT type, source, evidence FROM alerts WHERE source = 'reports'",
      );
      return rows.length ? rows[0] : null;
    });
    expect(alert).toMatchObject({
      type: 'MONITORING',
      source: 'reports',
      evidence: { report: 'LTR:2026-13-45' },
    });
    expect(alert.evidence.error).toMatch(/Invalid period/);
  });

  it('retries a run that fails for a passing reason, then raises the alert after the last attempt', async () => {
    const day = beijingDay(-5);
    await t.dataSource.query('ALTER TABLE report_rules RENAME TO report_rules_unavailable');
    try {
      await reportsQueue.add(
        GENERATE_REPORT_JOB,
        { type: 'LTR', period: day },
        { jobId: `report-ltr-retried-${day}`, attempts: 3, backoff: { type: 'fixed', delay: 200 } },
      );
      const alert = await waitFor(async () => {
        const rows = await t.dataSource.query(
          "SELECT evidence FROM alerts WHERE source = 'reports' AND dedup_key = $1",
          [`reports:LTR:${day}`],
        );
        return rows.length ? rows[0] : null;
      });
      expect(alert.evidence).toMatchObject({ attempts: 3, report: `LTR:${day}` });
      // the last attempt raises the alert from inside the run, and its job_runs row is written as the run ends
      const runs = await waitFor(async () => {
        const rows = await t.dataSource.query(
          'SELECT attempt, status FROM job_runs WHERE job_id = $1 ORDER BY attempt',
          [`report-ltr-retried-${day}`],
        );
        return rows.length >= 3 ? rows : null;
      });
      expect(runs).toEqual([
        { attempt: 1, status: 'FAILED' },
        { attempt: 2, status: 'FAILED' },
        { attempt: 3, status: 'FAILED' },
      ]);
    } finally {
      await t.dataSource.query('ALTER TABLE report_rules_unavailable RENAME TO report_rules');
    }
    expect(
      await t.dataSource.query("SELECT count(*)::int AS n FROM reports WHERE type = 'LTR' AND period = $1", [
        day,
      ]),
    ).toEqual([{ n: 0 }]);
  });

  it('schedules the seeded report schedules in Beijing time, and keeps reports for the retention period', async () => {
    const schedulers = await reportsQueue.getJobSchedulers();
    const byId = Object.fromEntries(schedulers.map((scheduler) => [scheduler.key, scheduler]));
    expect(byId['report-ltr-daily']).toMatchObject({ pattern: '0 1 * * *', tz: 'Asia/Shanghai' });
    expect(byId['report-stats-monthly']).toMatchObject({ pattern: '0 2 1 * *', tz: 'Asia/Shanghai' });
    expect(byId['report-overdue-alerts-weekly']).toMatchObject({ pattern: '0 3 * * 1', tz: 'Asia/Shanghai' });
    expect(
      await t.dataSource.query("SELECT retain_years FROM retention_policies WHERE record_type = 'reports'"),
    ).toEqual([{ retain_years: 10 }]);
    await expect(t.dataSource.query('DELETE FROM reports WHERE id = $1', [ltrId])).rejects.toThrow(
      /kept for 10 years/,
    );
    await expect(
      t.dataSource.query('UPDATE report_outputs SET size_bytes = 0 WHERE report_id = $1', [ltrId]),
    ).rejects.toThrow(/append-only/);
  });

  it('generates the weekly overdue-alert and monthly statistics reports', async () => {
    const useCase = new GenerateReportUseCase(t.dataSource);
    const overdue = await useCase.execute({
      type: 'OVERDUE_ALERTS',
      period: '2026-W48',
      actor: TEST_ACTOR,
      now: new Date(Date.now() + 30 * DAY_MS),
    });
    expect(overdue.report.content).toMatchObject({ type: 'OVERDUE_ALERTS' });
    expect((overdue.report.content as any).total).toBeGreaterThanOrEqual(1);
    const month = new Date(Date.parse(`${D}T00:00:00Z`)).toISOString().slice(0, 7);
    const stats = await useCase.execute({
      type: 'STATS',
      period: month,
      actor: TEST_ACTOR,
      now: new Date(Date.now() + 40 * DAY_MS),
    });
    expect(
      (stats.report.content as any).payments.find((row: any) => row.status === 'SETTLED').count,
    ).toBeGreaterThanOrEqual(2);
    const csv = await t.request('GET', `/v1/reports/${stats.report.id}/download?format=csv`, {
      key: t.adminKey,
    });
    expect(csv.status).toBe(200);
    expect(
      (await t.request('GET', `/v1/reports/${stats.report.id}/download?format=phtr-xml`, { key: t.adminKey }))
        .status,
    ).toBe(400);
  });
});
