import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaiseAlertsUseCase } from '../libs/alerts/src/index.js';
import { bearer, loginAs } from './support/officers.js';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';

describe('dashboard and detail read models', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers a payer's recent payments with both legs, current limit usage and blocks, audited", async () => {
    const payer = { walletAccountId: `kp-insight-${Date.now()}` };
    const body = preAuthRequest({ payer, merchant: { legalRepresentative: 'LIU YANG' } });
    await t.request('POST', '/v1/pre-auth', { body });
    const analyst = await loginAs(t, 'ANALYST');
    const party = await t.request('GET', `/v1/parties/${encodeURIComponent(`KAKAOPAY:${payer.walletAccountId}`)}`, bearer(analyst.token));
    expect(party.status).toBe(200);
    expect(party.body.payments[0]).toMatchObject({ transactionId: body.transactionId, amount: { value: '268.0000', currency: 'CNY' }, payerAmount: { currency: 'USD' }, amountUsdCents: 3722 });
    expect(party.body.limitUsage).toContainEqual(expect.objectContaining({ period: 'DAY', amount: 3722 }));
    // the limits the usage is measured against: the tier of the payer's latest decision, in USD cents
    expect(party.body.limits).toMatchObject({ tier: 'T1', kycLevel: 'T1', fromTransactionId: body.transactionId, perPayment: 100_000, daily: 200_000, monthly: 500_000, annual: 1_000_000 });
    expect(party.body.limits.ruleSetVersion).toEqual(expect.any(Number));
    expect(party.body.periods.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(party.body.limitUsage).toContainEqual(expect.objectContaining({ period: 'DAY', periodKey: party.body.periods.day }));
    const audit = await t.dataSource.query("SELECT actor FROM audit_events WHERE action = 'party.read' AND entity_id = $1", [`KAKAOPAY:${payer.walletAccountId}`]);
    expect(audit).toEqual([{ actor: `officer:${analyst.username}` }]);
    expect((await t.request('GET', '/v1/parties/NOPE:none', bearer(analyst.token))).status).toBe(404);
    expect((await t.request('GET', `/v1/parties/KAKAOPAY:${payer.walletAccountId}`, { key: t.gatewayKey })).status).toBe(403);
  });

  it("answers a merchant's recent payments (both legs, outcome, decision time), totals per outcome and open alerts, audited", async () => {
    const merchantId = `M-INSIGHT-${Date.now().toString(36)}`;
    const approved = preAuthRequest({ merchant: { id: merchantId, name: 'Hangzhou Tea House' }, occurredAt: new Date(Date.now() - 60_000).toISOString() });
    const sanctioned = preAuthRequest({
      merchant: { id: merchantId, name: 'Hangzhou Tea House' },
      payer: { name: 'IVAN PETROV', nameOriginalScript: undefined, dateOfBirth: '1970-01-01', nationality: 'RU', residenceCountry: 'RU', idDocument: undefined },
    });
    const first = await t.request('POST', '/v1/pre-auth', { body: approved });
    const second = await t.request('POST', '/v1/pre-auth', { body: sanctioned });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.decision).toBe('APPROVE');
    expect(second.body.decision).not.toBe('APPROVE');
    expect((await t.request('POST', `/v1/transactions/${approved.transactionId}/outcome`, { body: { status: 'SETTLED', at: new Date().toISOString() } })).status).toBe(200);
    // the follow-up job's work, done here (no worker in this file): the sanctions alert names this merchant
    await new RaiseAlertsUseCase(t.dataSource).forDecision(sanctioned.transactionId);
    // and an alert about the merchant itself (no payer), as monitoring raises them
    await t.dataSource.query(
      `INSERT INTO alerts (dedup_key, type, priority, rule_id, merchant_id, risk_score, evidence, source, sla_due_at)
       VALUES ($1, 'MONITORING', 'MEDIUM', 'R12', $2, 40, '{}', 'test', now() + interval '1 day')`,
      [`merchant:${merchantId}|R12|test`, merchantId],
    );

    const analyst = await loginAs(t, 'ANALYST');
    const merchant = await t.request('GET', `/v1/merchants/${merchantId}`, bearer(analyst.token));
    expect(merchant.status).toBe(200);
    expect(merchant.body).toMatchObject({ merchantId, truncated: false, window: { days: 30 }, profile: { name: 'Hangzhou Tea House', mcc: '5812', city: 'Shanghai', country: 'CN', fromTransactionId: sanctioned.transactionId } });
    expect(merchant.body.payments.map((row: { transactionId: string }) => row.transactionId)).toEqual([sanctioned.transactionId, approved.transactionId]);
    const settled = merchant.body.payments[1];
    expect(settled).toMatchObject({
      payerKey: `KAKAOPAY:${approved.payer.walletAccountId}`,
      amount: { value: '268.0000', currency: 'CNY' },
      payerAmount: { value: '37.2200', currency: 'USD' },
      amountUsdCents: 3722,
      amountCnyFen: 26800,
      decision: 'APPROVE',
      status: 'SETTLED',
      hold: null,
      qrType: 'DYNAMIC',
    });
    const [stored] = await t.dataSource.query('SELECT decided_at FROM decisions WHERE transaction_id = $1', [approved.transactionId]);
    expect(settled.decidedAt).toBe(new Date(stored.decided_at).toISOString());
    expect(merchant.body.payments[0].decision).toBe(second.body.decision);
    // totals cover every outcome, zero included
    expect(Object.keys(merchant.body.totals.byOutcome).sort()).toEqual(['APPROVE', 'DECLINE', 'REVIEW', 'STEP_UP']);
    expect(merchant.body.totals).toMatchObject({ count: 2, amountUsdCents: 7444, amountCnyFen: 53600 });
    expect(merchant.body.totals.byOutcome.APPROVE).toEqual({ count: 1, amountUsdCents: 3722, amountCnyFen: 26800 });
    expect(merchant.body.totals.byOutcome[second.body.decision]).toEqual({ count: 1, amountUsdCents: 3722, amountCnyFen: 26800 });
    expect(merchant.body.openAlerts).toEqual({ total: 2, aboutMerchant: 1 });
    expect(Date.parse(merchant.body.firstSeenAt)).toBeLessThanOrEqual(Date.parse(merchant.body.lastSeenAt));
    const audit = await t.dataSource.query("SELECT actor FROM audit_events WHERE action = 'merchant.read' AND entity_id = $1", [merchantId]);
    expect(audit).toEqual([{ actor: `officer:${analyst.username}` }]);

    // more than 200 payments in the window: 200 listed, newest first, truncated; the totals count them all
    const busy = `M-BUSY-${Date.now().toString(36)}`;
    await t.dataSource.query(
      `INSERT INTO payments (transaction_id, request_hash, occurred_at, payer_key, merchant_id, amount_value, amount_currency, payer_amount_value,
         payer_amount_currency, amount_usd_cents, amount_cny_fen, qr_type, payer, merchant, decision, status)
       SELECT $1 || '-' || n, 'test', now() - make_interval(mins => n), payer_key, $1, amount_value, amount_currency, payer_amount_value,
         payer_amount_currency, amount_usd_cents, amount_cny_fen, qr_type, payer, merchant, 'APPROVE', 'SETTLED'
       FROM payments, generate_series(1, 205) AS n WHERE transaction_id = $2`,
      [busy, approved.transactionId],
    );
    const capped = await t.request('GET', `/v1/merchants/${busy}`, bearer(analyst.token));
    expect(capped.status).toBe(200);
    expect(capped.body.payments).toHaveLength(200);
    expect(capped.body.truncated).toBe(true);
    expect(capped.body.payments[0].transactionId).toBe(`${busy}-1`);
    expect(capped.body.totals.count).toBe(205);
    expect(capped.body.totals.byOutcome.APPROVE.amountUsdCents).toBe(205 * 3722);

    // a malformed id names the field; an unknown merchant is 404, as an unknown payer is
    for (const bad of ['bad id!', '-leading-dash', 'x'.repeat(65)]) {
      const refused = await t.request('GET', `/v1/merchants/${encodeURIComponent(bad)}`, bearer(analyst.token));
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
      expect(refused.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['merchantId']);
    }
    expect((await t.request('GET', '/v1/merchants/M-NOBODY-000', bearer(analyst.token))).status).toBe(404);

    // the auditor reads it (payments:read); an ADMIN officer, the API keys and nobody at all are refused
    const auditor = await loginAs(t, 'AUDITOR');
    expect((await t.request('GET', `/v1/merchants/${merchantId}`, bearer(auditor.token))).status).toBe(200);
    const admin = await loginAs(t, 'ADMIN');
    expect((await t.request('GET', `/v1/merchants/${merchantId}`, bearer(admin.token))).status).toBe(403);
    expect((await t.request('GET', `/v1/merchants/${merchantId}`, { key: t.gatewayKey })).status).toBe(403);
    expect((await t.request('GET', `/v1/merchants/${merchantId}`, { key: t.adminKey })).status).toBe(403);
    expect((await t.request('GET', `/v1/merchants/${merchantId}`, { key: null })).status).toBe(401);
  });

  it('counts alerts and decisions for the dashboard, and shows a list entry in full', async () => {
    const supervisor = await loginAs(t, 'SUPERVISOR');
    await t.dataSource.query(
      `INSERT INTO alerts (dedup_key, type, priority, rule_id, risk_score, evidence, source, sla_due_at)
       VALUES ('test|R04|x', 'VELOCITY', 'HIGH', 'R04', 30, '{}', 'test', now() - interval '1 minute')`,
    );
    const stats = await t.request('GET', '/v1/alerts/stats', bearer(supervisor.token));
    expect(stats.status).toBe(200);
    expect(stats.body.byStatus.OPEN).toBeGreaterThanOrEqual(1);
    expect(stats.body.slaBreached).toBeGreaterThanOrEqual(1);
    expect(stats.body.byTypeAndPriority).toContainEqual({ type: 'VELOCITY', priority: 'HIGH', count: expect.any(Number) });
    const decisions = await t.request('GET', '/v1/decisions/stats?minutes=30', bearer(supervisor.token));
    expect(decisions.body.perMinute.reduce((sum: number, row: { count: number }) => sum + row.count, 0)).toBeGreaterThanOrEqual(1);
    expect((await t.request('GET', '/v1/decisions/stats?minutes=0', bearer(supervisor.token))).status).toBe(400);
    const entry = await t.request('GET', '/v1/lists/DEMO_UN/entries/DMi.001', bearer(supervisor.token));
    expect(entry.status).toBe(200);
    expect(entry.body.entry).toMatchObject({ list: 'DEMO_UN', sourceId: 'DMi.001', type: 'person' });
    expect(entry.body.entryVersion).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers exact alert counts by type and age, SLA breaches and queue depth (unassigned alerts and job queues)', async () => {
    const auditor = await loginAs(t, 'AUDITOR');
    const before = await t.request('GET', '/v1/alerts/stats', bearer(auditor.token));
    expect(before.status).toBe(200);
    const tag = `stats-${Date.now()}`;
    await t.dataSource.query(
      `INSERT INTO alerts (dedup_key, type, priority, rule_id, risk_score, evidence, source, sla_due_at, created_at)
       VALUES ($1 || '|a', 'MCC', 'LOW', 'R16', 10, '{}', 'test', now() + interval '3 days', now() - interval '2 days'),
              ($1 || '|b', 'MCC', 'LOW', 'R16', 10, '{}', 'test', now() + interval '3 days', now() - interval '10 minutes'),
              ($1 || '|c', 'MCC', 'MEDIUM', 'R16', 10, '{}', 'test', now() - interval '1 hour', now() - interval '30 hours')`,
      [tag],
    );
    await t.dataSource.query("UPDATE alerts SET status = 'IN_PROGRESS', assignee = 'someone' WHERE dedup_key = $1 || '|c'", [tag]);
    const stats = await t.request('GET', '/v1/alerts/stats', bearer(auditor.token));
    expect(stats.status).toBe(200);
    const mcc = (body: typeof stats.body, age: string) =>
      body.byTypeAndAge.find((row: { type: string; age: string }) => row.type === 'MCC' && row.age === age)?.count ?? 0;
    expect(mcc(stats.body, '<1h') - mcc(before.body, '<1h')).toBe(1);
    expect(mcc(stats.body, '<7d') - mcc(before.body, '<7d')).toBe(2);
    expect(Object.keys(stats.body.byAge).sort()).toEqual(['<1d', '<1h', '<7d', '>=7d']);
    expect(stats.body.slaBreached - before.body.slaBreached).toBe(1);
    // queue depth: OPEN alerts nobody has taken (the IN_PROGRESS one is not waiting), and every follow-up job queue
    expect(stats.body.queueDepth.unassigned - before.body.queueDepth.unassigned).toBe(2);
    expect(Date.parse(stats.body.queueDepth.oldestUnassignedAt)).toBeLessThanOrEqual(Date.now() - 2 * 86400_000 + 60_000);
    expect(stats.body.queueDepth.jobs.map((row: { queue: string }) => row.queue).sort()).toEqual(['follow-up', 'lists', 'maintenance', 'monitoring', 'reports', 'webhooks']);
    for (const row of stats.body.queueDepth.jobs) expect(row).toMatchObject({ waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) });
    expect(Date.parse(stats.body.at)).toBeGreaterThan(0);

    // officers without alerts:read, the gateway and nobody at all are refused
    const admin = await loginAs(t, 'ADMIN');
    expect((await t.request('GET', '/v1/alerts/stats', bearer(admin.token))).status).toBe(403);
    expect((await t.request('GET', '/v1/alerts/stats', { key: t.gatewayKey })).status).toBe(403);
    expect((await t.request('GET', '/v1/alerts/stats', { key: null })).status).toBe(401);
  });

  it('counts decisions per whole minute by outcome with totals, and names the field of a bad window', async () => {
    const analyst = await loginAs(t, 'ANALYST');
    await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer: { walletAccountId: `kp-stats-${Date.now()}` } }) });
    const stats = await t.request('GET', '/v1/decisions/stats?minutes=5', bearer(analyst.token));
    expect(stats.status).toBe(200);
    expect(stats.body.minutes).toBe(5);
    expect(new Date(stats.body.from).getUTCSeconds()).toBe(0);
    expect(Date.parse(stats.body.to) - Date.parse(stats.body.from)).toBeLessThanOrEqual(5 * 60_000);
    expect(Object.keys(stats.body.byOutcome).sort()).toEqual(['APPROVE', 'DECLINE', 'REVIEW', 'STEP_UP']);
    const total = stats.body.perMinute.reduce((sum: number, row: { count: number }) => sum + row.count, 0);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(Object.values(stats.body.byOutcome as Record<string, number>).reduce((sum, count) => sum + count, 0)).toBe(total);
    for (const row of stats.body.perMinute) expect(row.minute).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    for (const bad of ['0', '1441', 'soon']) {
      const refused = await t.request('GET', `/v1/decisions/stats?minutes=${bad}`, bearer(analyst.token));
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.map((detail: { path: string }) => detail.path)).toContain('minutes');
    }
    expect((await t.request('GET', '/v1/decisions/stats', { key: t.adminKey })).status).toBe(200);
    expect((await t.request('GET', '/v1/decisions/stats', { key: t.gatewayKey })).status).toBe(403);
  });
});
