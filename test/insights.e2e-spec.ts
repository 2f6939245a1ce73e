import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const audit = await t.dataSource.query("SELECT actor FROM audit_events WHERE action = 'party.read' AND entity_id = $1", [`KAKAOPAY:${payer.walletAccountId}`]);
    expect(audit).toEqual([{ actor: `officer:${analyst.username}` }]);
    expect((await t.request('GET', '/v1/parties/NOPE:none', bearer(analyst.token))).status).toBe(404);
    expect((await t.request('GET', `/v1/parties/KAKAOPAY:${payer.walletAccountId}`, { key: t.gatewayKey })).status).toBe(403);
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
});
