import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';

describe('rule set and FX versions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('puts a new rule set version in force, records it on decisions, and keeps the old one', async () => {
    const current = await t.request('GET', '/v1/rules', { key: t.adminKey });
    expect(current.status).toBe(200);
    expect(current.body.versions[0].version).toBe(1);
    const definition = structuredClone(current.body.versions[0].definition);
    definition.rules.R03.stepUpAt = 2;
    const added = await t.request('POST', '/v1/rules', { key: t.adminKey, body: { definition, note: 'test: step up from the second payment' } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ version: 2 });

    const payer = { walletAccountId: `kp-rules-${Date.now()}` };
    const merchant = { legalRepresentative: 'LIU YANG' };
    await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) });
    const second = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) });
    expect(second.body).toMatchObject({ decision: 'STEP_UP', ruleSetVersion: 2 });
    const audit = await t.dataSource.query("SELECT action, after->>'version' AS version FROM audit_events WHERE entity_type = 'rule-set'");
    expect(audit).toEqual([{ action: 'rule-set.version.added', version: '2' }]);
    expect((await t.request('GET', '/v1/rules', { key: t.adminKey })).body.versions.map((row: { version: number }) => row.version)).toEqual([2, 1]);
  });

  it('refuses an invalid rule set with the paths at fault and changes nothing', async () => {
    const current = (await t.request('GET', '/v1/rules', { key: t.adminKey })).body.versions[0];
    const definition = structuredClone(current.definition);
    definition.screening.review = 0.99;
    definition.tiers.T1.daily = -5;
    const refused = await t.request('POST', '/v1/rules', { key: t.adminKey, body: { definition } });
    expect(refused.status).toBe(400);
    const paths = refused.body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths.some((path: string) => path.startsWith('definition.tiers.T1'))).toBe(true);
    expect(paths.some((path: string) => path.startsWith('definition.screening'))).toBe(true);
    expect((await t.request('GET', '/v1/rules', { key: t.adminKey })).body.versions[0].version).toBe(current.version);
  });

  it('adds an FX table version that new decisions convert with, and refuses malformed rates', async () => {
    const added = await t.request('POST', '/v1/fx', { key: t.adminKey, body: { unitsPerUsd: { USD: '1', CNY: '8.00' } } });
    expect(added.body).toEqual({ version: 2 });
    const body = preAuthRequest({ merchant: { legalRepresentative: 'LIU YANG' }, amount: { value: '80.00', currency: 'CNY' } });
    await t.request('POST', '/v1/pre-auth', { body });
    const rows = await t.dataSource.query('SELECT d.fx_version, p.amount_usd_cents::int AS usd FROM decisions d JOIN payments p USING (transaction_id) WHERE transaction_id = $1', [body.transactionId]);
    expect(rows).toEqual([{ fx_version: 2, usd: 1000 }]);
    const bad = await t.request('POST', '/v1/fx', { key: t.adminKey, body: { unitsPerUsd: { USD: '1', CNY: '7,2' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('unitsPerUsd.CNY');
    expect((await t.request('POST', '/v1/fx', { key: t.gatewayKey, body: { unitsPerUsd: { USD: '1', CNY: '7' } } })).status).toBe(403);
  });
});
