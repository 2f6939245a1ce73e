import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONITORING_RUN_JOB, MONITORING_TICK_JOB, MonitoringUseCase, SLA_CHECK_JOB } from '../libs/alerts/src/index.js';
import { QUEUES } from '../libs/queue/src/index.js';
import { ScreeningIndex } from '../libs/screening/src/index.js';
import { bearer, loginAs, type TestOfficer } from './support/officers.js';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

type Officer = TestOfficer & { token: string };


let sequence = 0;

describe('alert queues, four eyes, SLA and monitoring', () => {
  let t: TestApp;
  let analyst: Officer;
  let analyst2: Officer;
  let supervisor: Officer;
  let supervisor2: Officer;
  let auditor: Officer;

  /** An alert straight into the table (the raising paths have their own tests). */
  async function insertAlert(overrides: { type?: string; priority?: string; ruleId?: string; slaDueAt?: string; evidence?: unknown } = {}): Promise<string> {
    sequence += 1;
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO alerts (dedup_key, type, priority, rule_id, party_key, merchant_id, risk_score, evidence, source, sla_due_at)
       VALUES ($1, $2, $3, $4, 'KAKAOPAY:kp-e2e', 'M-E2E', 50, $5, 'test', coalesce($6::timestamptz, now() + interval '4 hours')) RETURNING id`,
      [`test-${process.pid}-${sequence}`, overrides.type ?? 'VELOCITY', overrides.priority ?? 'MEDIUM', overrides.ruleId ?? 'R04', JSON.stringify(overrides.evidence ?? {}), overrides.slaDueAt ?? null],
    );
    return rows[0].id;
  }

  const post = (officer: Officer, url: string, body?: unknown) => t.request('POST', url, bearer(officer.token, body));
  const get = (officer: Officer, url: string) => t.request('GET', url, bearer(officer.token));

  beforeAll(async () => {
    t = await startTestApp();
    [analyst, analyst2, supervisor, supervisor2, auditor] = await Promise.all([
      loginAs(t, 'ANALYST'),
      loginAs(t, 'ANALYST'),
      loginAs(t, 'SUPERVISOR'),
      loginAs(t, 'SUPERVISOR'),
      loginAs(t, 'AUDITOR'),
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives two officers calling next concurrently two different alerts, most urgent first', async () => {
    const ids = [
      await insertAlert({ priority: 'CRITICAL', slaDueAt: '2000-01-01T00:00:00Z' }),
      await insertAlert({ priority: 'CRITICAL', slaDueAt: '2000-01-01T00:00:01Z' }),
    ];
    const [first, second] = await Promise.all([post(analyst, '/v1/alerts/next'), post(analyst2, '/v1/alerts/next')]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const claimed = [first.body.alert.id, second.body.alert.id];
    expect(new Set(claimed).size).toBe(2);
    expect(claimed.sort()).toEqual([...ids].sort());
    expect(first.body.alert).toMatchObject({ status: 'IN_PROGRESS', assignee: analyst.username });
    expect(second.body.alert).toMatchObject({ status: 'IN_PROGRESS', assignee: analyst2.username });
    const events = await t.dataSource.query("SELECT actor, request_id FROM audit_events WHERE action = 'alert.claimed' AND entity_id = ANY($1::text[])", [ids]);
    expect(events).toHaveLength(2);
    expect(events.every((event: { request_id: string | null }) => event.request_id)).toBe(true);
  });

  it('answers {alert: null} when nothing is left to claim', async () => {
    await t.dataSource.query("UPDATE alerts SET assignee = 'somebody', status = 'IN_PROGRESS' WHERE status = 'OPEN'");
    const response = await post(analyst, '/v1/alerts/next');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ alert: null });
  });

  it('refuses four eyes by the same officer, sends a rejected disposition back, and closes on another SUPERVISOR approval', async () => {
    const id = await insertAlert({ type: 'VELOCITY' });
    expect((await post(supervisor, `/v1/alerts/${id}/assign`)).body).toMatchObject({ status: 'IN_PROGRESS', assignee: supervisor.username });
    const short = await post(supervisor, `/v1/alerts/${id}/disposition`, { disposition: 'SUSPICIOUS', rationale: 'too short' });
    expect(short.status).toBe(400);
    expect(short.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['rationale']);
    const rationale = 'Payments split just under the daily cap across three merchants.';
    const proposed = await post(supervisor, `/v1/alerts/${id}/disposition`, { disposition: 'SUSPICIOUS', rationale });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'PENDING_APPROVAL', disposition: 'SUSPICIOUS', disposedBy: supervisor.username });

    const self = await post(supervisor, `/v1/alerts/${id}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/four eyes/i) });
    expect((await post(analyst, `/v1/alerts/${id}/approve`, {})).status).toBe(403);

    const rejected = await post(supervisor2, `/v1/alerts/${id}/reject`, { rationale: 'Check the merchants first: two are the same owner.' });
    expect(rejected.body).toMatchObject({ status: 'IN_PROGRESS', assignee: supervisor.username, disposition: null });
    await post(supervisor, `/v1/alerts/${id}/disposition`, { disposition: 'SUSPICIOUS', rationale: `${rationale} Same owner confirmed.` });
    const approved = await post(supervisor2, `/v1/alerts/${id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'CLOSED', disposition: 'SUSPICIOUS', closedAt: expect.any(String) });

    const late = await post(supervisor, `/v1/alerts/${id}/disposition`, { disposition: 'NOT_SUSPICIOUS', rationale });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CONFLICT');

    const detail = await get(supervisor, `/v1/alerts/${id}`);
    expect(detail.body.dispositions.map((entry: { action: string }) => entry.action)).toEqual(['PROPOSED', 'REJECTED', 'PROPOSED', 'APPROVED']);
    const actions = await t.dataSource.query("SELECT action, before, after, request_id FROM audit_events WHERE entity_type = 'alert' AND entity_id = $1 ORDER BY id", [id]);
    expect(actions.map((event: { action: string }) => event.action)).toEqual(['alert.assigned', 'alert.disposed', 'alert.rejected', 'alert.disposed', 'alert.approved', 'alert.closed', 'alert.read']);
    expect(actions[4]).toMatchObject({ before: { status: 'PENDING_APPROVAL' }, after: { status: 'CLOSED', disposition: 'SUSPICIOUS' }, request_id: expect.any(String) });
    await expect(t.dataSource.query('UPDATE alert_dispositions SET rationale = $1 WHERE alert_id = $2', ['changed', id])).rejects.toThrow(/append-only/);
  });

  it('closes a non-sanctions NOT_SUSPICIOUS directly, and keeps notes and assignments', async () => {
    const id = await insertAlert();
    expect((await post(analyst, `/v1/alerts/${id}/assign`, { username: analyst2.username })).body).toMatchObject({ assignee: analyst2.username });
    expect((await post(analyst, `/v1/alerts/${id}/assign`, { username: auditor.username })).status).toBe(400);
    const invalid = await post(analyst, `/v1/alerts/${id}/assign`, { username: 42, surprise: true });
    expect(invalid.status).toBe(400);
    expect([...new Set(invalid.body.error.details.map((detail: { path: string }) => detail.path))].sort()).toEqual(['surprise', 'username']);
    const forbidden = await post(analyst, `/v1/alerts/${id}/disposition`, { disposition: 'NOT_SUSPICIOUS', rationale: 'Regular customer buying for a tour group.' });
    expect(forbidden.status).toBe(403);
    expect((await post(analyst2, `/v1/alerts/${id}/notes`, { text: 'Called the merchant: tour group of 12.' })).status).toBe(201);
    expect((await post(analyst2, `/v1/alerts/${id}/notes`, { text: '' })).status).toBe(400);
    const closed = await post(analyst2, `/v1/alerts/${id}/disposition`, { disposition: 'NOT_SUSPICIOUS', rationale: 'Regular customer buying for a tour group.' });
    expect(closed.body).toMatchObject({ status: 'CLOSED', disposition: 'NOT_SUSPICIOUS' });
    const detail = await get(analyst, `/v1/alerts/${id}`);
    expect(detail.body.notes).toEqual([expect.objectContaining({ author: analyst2.username, text: 'Called the merchant: tour group of 12.' })]);
    expect((await get(analyst, '/v1/alerts/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('filters and pages the queue with a cursor', async () => {
    const ruleId = `RX${process.pid}`;
    const ids = [await insertAlert({ ruleId, priority: 'HIGH' }), await insertAlert({ ruleId, priority: 'LOW' }), await insertAlert({ ruleId, priority: 'CRITICAL' })];
    const first = await get(analyst, `/v1/alerts?ruleId=${ruleId}&status=OPEN&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.alerts.map((alert: { id: string }) => alert.id)).toEqual([ids[2], ids[0]]);
    const second = await get(analyst, `/v1/alerts?ruleId=${ruleId}&status=OPEN&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ alerts: [expect.objectContaining({ id: ids[1], priority: 'LOW' })], nextCursor: null });
    expect((await get(analyst, `/v1/alerts?ruleId=${ruleId}&priority=CRITICAL`)).body.alerts).toHaveLength(1);
    expect((await get(analyst, '/v1/alerts?limit=201')).status).toBe(400);
    expect((await get(analyst, '/v1/alerts?surprise=1')).status).toBe(400);
    expect((await get(analyst, '/v1/alerts?cursor=nonsense')).body.error.details[0].path).toBe('cursor');
  });

  it("lets an AUDITOR read alerts (audited) and refuses the AUDITOR's writes", async () => {
    const id = await insertAlert();
    expect((await get(auditor, '/v1/alerts?status=OPEN')).status).toBe(200);
    expect((await get(auditor, `/v1/alerts/${id}`)).status).toBe(200);
    for (const [url, body] of [
      ['/v1/alerts/next', undefined],
      [`/v1/alerts/${id}/assign`, {}],
      [`/v1/alerts/${id}/notes`, { text: 'a note' }],
      [`/v1/alerts/${id}/disposition`, { disposition: 'NOT_SUSPICIOUS', rationale: 'An auditor may not conclude anything.' }],
      [`/v1/alerts/${id}/approve`, {}],
    ] as const) {
      const response = await post(auditor, url, body);
      expect(response.status, url).toBe(403);
    }
    const reads = await t.dataSource.query("SELECT entity_id FROM audit_events WHERE action = 'alert.read' AND actor = $1 ORDER BY id", [`officer:${auditor.username}`]);
    expect(reads.map((row: { entity_id: string }) => row.entity_id)).toEqual(['*', id]);
    expect((await t.request('GET', '/v1/alerts')).status).toBe(403);
  });

  it('suppresses the same party and list entry after an approved FALSE_POSITIVE on a sanctions hit', async () => {
    const payer = { name: 'IVAN DEMOVICH PETROV', nameOriginalScript: undefined, dateOfBirth: undefined, nationality: undefined, residenceCountry: undefined, idDocument: undefined, walletAccountId: `kp-fp-${process.pid}` };
    // a merchant without a legal representative: the payer is the only party with hits
    const merchant = { id: `M-FP-${process.pid}`, legalRepresentative: undefined };
    const first = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) });
    expect(first.body.decision).toBe('REVIEW');
    const payerHits = first.body.screening.hits.filter((hit: { party: string }) => hit.party === 'payer');
    expect(payerHits.length).toBeGreaterThan(0);
    const [alert] = await waitFor(async () => {
      const rows: Array<{ id: string }> = await t.dataSource.query("SELECT id FROM alerts WHERE type = 'SANCTIONS' AND evidence->>'transactionId' = $1 AND dedup_key NOT LIKE 'merchant:%'", [first.body.transactionId]);
      return rows.length ? rows : null;
    });
    await post(analyst, `/v1/alerts/${alert.id}/assign`);
    const proposed = await post(analyst, `/v1/alerts/${alert.id}/disposition`, { disposition: 'FALSE_POSITIVE', rationale: 'Different person: payer is 24, the listed person was born in 1970.' });
    expect(proposed.body.status).toBe('PENDING_APPROVAL');
    const approved = await post(supervisor, `/v1/alerts/${alert.id}/approve`, { rationale: 'Agreed.' });
    expect(approved.body).toMatchObject({ status: 'CLOSED', disposition: 'FALSE_POSITIVE' });
    expect(approved.body.suppressions).toBeGreaterThanOrEqual(payerHits.length);
    const suppressions = await t.dataSource.query('SELECT list, source_id, entry_fingerprint FROM screening_suppressions WHERE party_key = $1 ORDER BY source_id', [`payer:KAKAOPAY:${payer.walletAccountId}`]);
    expect(suppressions).toEqual(
      expect.arrayContaining(payerHits.map((hit: { list: string; sourceId: string; entryVersion: string }) => ({ list: hit.list, source_id: hit.sourceId, entry_fingerprint: hit.entryVersion }))),
    );

    await t.app.get(ScreeningIndex).refresh();
    const again = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) });
    expect(again.body.screening.hits.filter((hit: { party: string }) => hit.party === 'payer')).toEqual([]);
    expect(again.body.decision).not.toBe('REVIEW');
    // another payer with the same name is still screened
    const other = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer: { ...payer, walletAccountId: `kp-fp-other-${process.pid}` }, merchant }) });
    expect(other.body.decision).toBe('REVIEW');
  });

  it('marks an SLA breach once and escalates the priority one step', async () => {
    const id = await insertAlert({ priority: 'LOW', slaDueAt: new Date(Date.now() - 60_000).toISOString() });
    const monitoring = t.app.get<Queue>(getQueueToken(QUEUES.monitoring));
    await monitoring.add(SLA_CHECK_JOB, {}, { jobId: `sla-a-${process.pid}` });
    const [breached] = await waitFor(async () => {
      const rows: Array<{ priority: string; sla_breached_at: Date | null }> = await t.dataSource.query('SELECT priority, sla_breached_at FROM alerts WHERE id = $1 AND sla_breached_at IS NOT NULL', [id]);
      return rows.length ? rows : null;
    });
    expect(breached.priority).toBe('MEDIUM');
    const job = await monitoring.add(SLA_CHECK_JOB, {}, { jobId: `sla-b-${process.pid}` });
    await waitFor(async () => (await t.dataSource.query("SELECT 1 FROM job_runs WHERE job_id = $1 AND status = 'COMPLETED'", [job.id])).length > 0);
    expect((await t.dataSource.query('SELECT priority FROM alerts WHERE id = $1', [id]))[0].priority).toBe('MEDIUM');
    const events = await t.dataSource.query("SELECT before, after FROM audit_events WHERE action = 'alert.sla-breached' AND entity_id = $1", [id]);
    expect(events).toEqual([{ before: expect.objectContaining({ priority: 'LOW' }), after: expect.objectContaining({ priority: 'MEDIUM', escalated: true }) }]);
  });

  it('raises one alert when a monitoring job runs twice over the same window', async () => {
    const merchantId = `M-MON-${process.pid}`;
    // three round amounts at one merchant on 10 Jan 2026 (Beijing): R11
    for (const [index, hour] of [1, 5, 9].entries()) {
      await t.dataSource.query(
        `INSERT INTO payments (transaction_id, request_hash, occurred_at, payer_key, merchant_id, amount_value, amount_currency, amount_usd_cents, amount_cny_fen, qr_type, payer, merchant, decision, status)
         VALUES ($1, 'test', $2, $3, $4, $5, 'CNY', 13900, $6, 'DYNAMIC', '{}', '{"mcc": "5999"}', 'APPROVE', 'SETTLED')`,
        [`${merchantId}-T${index}`, `2026-01-10T${String(hour).padStart(2, '0')}:00:00+08:00`, `KAKAOPAY:kp-mon-${index}`, merchantId, 1000 * (index + 1), 100_000 * (index + 1)],
      );
    }
    const monitoring = t.app.get<Queue>(getQueueToken(QUEUES.monitoring));
    const jobs = [
      await monitoring.add(MONITORING_RUN_JOB, { ruleId: 'R11', window: '2026-01-10' }, { jobId: `mon-a-${process.pid}` }),
      await monitoring.add(MONITORING_RUN_JOB, { ruleId: 'R11', window: '2026-01-10' }, { jobId: `mon-b-${process.pid}` }),
    ];
    const runs = await waitFor(async () => {
      const rows: Array<{ result: { evaluated: boolean; alertsRaised: number } }> = await t.dataSource.query("SELECT result FROM job_runs WHERE job_id = ANY($1::text[]) AND status = 'COMPLETED'", [jobs.map((job) => job.id)]);
      return rows.length === 2 ? rows : null;
    });
    expect(runs.map((run) => run.result.alertsRaised).sort()).toEqual([0, 1]);
    const alerts = await t.dataSource.query('SELECT dedup_key, type, rule_id, evidence FROM alerts WHERE merchant_id = $1', [merchantId]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ dedup_key: `merchant:${merchantId}|R11|2026-01-10`, type: 'MONITORING', rule_id: 'R11' });
    expect(alerts[0].evidence.transactionIds).toHaveLength(3);
    const windows = await t.dataSource.query("SELECT findings, alerts_raised, finished_at, parameters_version FROM monitoring_runs WHERE rule_id = 'R11' AND window_key = '2026-01-10'");
    expect(windows).toEqual([{ findings: 1, alerts_raised: 1, finished_at: expect.any(Date), parameters_version: 1 }]);
    expect(alerts[0].evidence).toMatchObject({ parametersVersion: 1, parameters: { minPayments: 3 } });
  });

  describe('monitoring rules over persisted payments', () => {
    let payment = 0;
    async function pay(merchantId: string, occurredAt: string, yuan: number, options: { payerKey?: string; mcc?: string; status?: string; statusAt?: string } = {}): Promise<void> {
      payment += 1;
      await t.dataSource.query(
        `INSERT INTO payments (transaction_id, request_hash, occurred_at, payer_key, merchant_id, amount_value, amount_currency, amount_usd_cents, amount_cny_fen, qr_type, payer, merchant, decision, status, status_at)
         VALUES ($1, 'test', $2, $3, $4, $5, 'CNY', $6, $7, 'DYNAMIC', '{}', $8, 'APPROVE', $9, coalesce($10::timestamptz, $2::timestamptz))`,
        [`${merchantId}-P${payment}`, occurredAt, options.payerKey ?? `KAKAOPAY:kp-${merchantId}-${payment}`, merchantId, yuan, Math.round((yuan * 100) / 7.2), yuan * 100, JSON.stringify({ mcc: options.mcc ?? '5999' }), options.status ?? 'SETTLED', options.statusAt ?? null],
      );
    }
    const monitoring = () => new MonitoringUseCase(t.dataSource);
    const alertKeys = async (merchantId: string): Promise<string[]> =>
      (await t.dataSource.query('SELECT dedup_key FROM alerts WHERE merchant_id = $1 ORDER BY dedup_key', [merchantId])).map((row: { dedup_key: string }) => row.dedup_key);

    it('R08 raises for 20 distinct payers at one merchant in a Beijing hour', async () => {
      const merchantId = `M-FAN-${process.pid}`;
      for (let index = 0; index < 20; index += 1) await pay(merchantId, `2026-02-01T10:${String(index).padStart(2, '0')}:00+08:00`, 100);
      await pay(`${merchantId}-QUIET`, '2026-02-01T10:30:00+08:00', 100);
      const result = await monitoring().run('R08', '2026-02-01T10', new Date());
      expect(result).toMatchObject({ evaluated: true });
      expect(await alertKeys(merchantId)).toEqual([`merchant:${merchantId}|R08|2026-02-01T10`]);
      expect(await alertKeys(`${merchantId}-QUIET`)).toEqual([]);
    });

    it('R12 raises for a CNY 2,000 payment at 02:00 Beijing outside everyday MCCs, keyed by payer', async () => {
      const merchantId = `M-NIGHT-${process.pid}`;
      await pay(merchantId, '2026-02-02T02:00:00+08:00', 2000, { payerKey: `KAKAOPAY:night-${process.pid}`, mcc: '5944' });
      await pay(merchantId, '2026-02-02T03:00:00+08:00', 9000, { payerKey: `KAKAOPAY:night-ok-${process.pid}`, mcc: '5812' });
      await pay(merchantId, '2026-02-02T06:00:00+08:00', 9000, { payerKey: `KAKAOPAY:day-${process.pid}`, mcc: '5944' });
      await monitoring().run('R12', '2026-02-02', new Date());
      expect(await alertKeys(merchantId)).toEqual([`KAKAOPAY:night-${process.pid}|R12|2026-02-02`]);
    });

    it('R17 raises for a restaurant whose average ticket is 5 × the MCC norm', async () => {
      const merchantId = `M-PROFILE-${process.pid}`;
      for (let index = 0; index < 10; index += 1) await pay(merchantId, `2026-02-03T12:${String(index).padStart(2, '0')}:00+08:00`, 1000, { mcc: '5812' });
      await monitoring().run('R17', '2026-02-03', new Date());
      expect(await alertKeys(merchantId)).toEqual([`merchant:${merchantId}|R17|2026-02-03`]);
    });

    it('R19 raises for a merchant dormant for 200 days that takes 10 × its prior daily average', async () => {
      const merchantId = `M-DORMANT-${process.pid}`;
      await pay(merchantId, '2025-07-10T12:00:00+08:00', 100);
      await pay(merchantId, '2025-07-11T12:00:00+08:00', 100);
      await pay(merchantId, '2026-02-04T12:00:00+08:00', 1000);
      await monitoring().run('R19', '2026-02-04', new Date());
      expect(await alertKeys(merchantId)).toEqual([`merchant:${merchantId}|R19|2026-02-04`]);
    });

    it('R20 raises when most of a merchant’s day is reversed the same day', async () => {
      const merchantId = `M-PASS-${process.pid}`;
      for (let index = 0; index < 4; index += 1) {
        await pay(merchantId, `2026-02-05T1${index}:00:00+08:00`, 3000, { status: 'REVERSED', statusAt: `2026-02-05T2${index}:00:00+08:00` });
      }
      await monitoring().run('R20', '2026-02-05', new Date());
      expect(await alertKeys(merchantId)).toEqual([`merchant:${merchantId}|R20|2026-02-05`]);
    });

    it('applies the newest stored parameter version', async () => {
      const merchantId = `M-PARAM-${process.pid}`;
      for (const hour of [1, 2, 3]) await pay(merchantId, `2026-02-06T0${hour}:00:00+08:00`, 1000);
      await t.dataSource.query("INSERT INTO monitoring_parameters (version, definition, created_by) VALUES (2, '{\"R11\": {\"minPayments\": 4}}', 'test')");
      const result = await monitoring().run('R11', '2026-02-06', new Date());
      expect(await alertKeys(merchantId)).toEqual([]);
      expect(result.evaluated).toBe(true);
      const runs = await t.dataSource.query("SELECT parameters_version FROM monitoring_runs WHERE rule_id = 'R11' AND window_key = '2026-02-06'");
      expect(runs).toEqual([{ parameters_version: 2 }]);
    });

    it('the daily tick job evaluates yesterday (Beijing) for every daily rule', async () => {
      const merchantId = `M-TICK-${process.pid}`;
      const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
      // four: the parameter version 2 stored above asks R11 for 4 round amounts
      for (const hour of [10, 11, 12, 13]) await pay(merchantId, `${yesterday}T${hour}:00:00+08:00`, 2000);
      const queue = t.app.get<Queue>(getQueueToken(QUEUES.monitoring));
      const job = await queue.add(MONITORING_TICK_JOB, { cadence: 'daily' }, { jobId: `tick-${process.pid}` });
      await waitFor(async () => (await t.dataSource.query("SELECT 1 FROM job_runs WHERE job_id = $1 AND status = 'COMPLETED'", [job.id])).length > 0);
      expect(await alertKeys(merchantId)).toEqual([`merchant:${merchantId}|R11|${yesterday}`]);
      const windows = await t.dataSource.query('SELECT rule_id FROM monitoring_runs WHERE window_key = $1 ORDER BY rule_id', [yesterday]);
      expect(windows.map((row: { rule_id: string }) => row.rule_id)).toEqual(['R11', 'R12', 'R17', 'R19', 'R20']);
    });

    it('refuses a window that is not over yet, or malformed', async () => {
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      await expect(monitoring().run('R11', today, new Date())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(monitoring().run('R08', '2026-02-01', new Date())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});
