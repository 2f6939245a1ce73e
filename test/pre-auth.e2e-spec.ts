import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';


describe('POST /v1/pre-auth', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('approves a clean payment and persists the decision with rule set version and list snapshots before answering', async () => {
    const body = preAuthRequest();
    const response = await t.request('POST', '/v1/pre-auth', { body });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ transactionId: body.transactionId, decision: 'APPROVE', alertRaised: false, ruleSetVersion: 1 });
    expect(response.body.screening.listSnapshots.length).toBeGreaterThanOrEqual(2);
    expect(response.body.screening.hits).toEqual([]);
    const rows = await t.dataSource.query(
      'SELECT d.outcome, d.rule_set_version, d.fx_version, cardinality(d.list_snapshot_ids) AS snapshots, p.status, p.amount_usd_cents FROM decisions d JOIN payments p USING (transaction_id) WHERE transaction_id = $1',
      [body.transactionId],
    );
    expect(rows).toEqual([{ outcome: 'APPROVE', rule_set_version: 1, fx_version: 1, snapshots: expect.any(Number), status: 'PENDING', amount_usd_cents: '3722' }]);
    expect(rows[0].snapshots).toBe(response.body.screening.listSnapshots.length);
  });

  it('declines a payer who matches a demo list entry on name, date of birth and nationality, and raises an alert', async () => {
    const body = preAuthRequest({ payer: { name: 'IVAN DEMOVICH PETROV', nameOriginalScript: undefined, dateOfBirth: '1970-01-01', nationality: 'RU', residenceCountry: 'RU', idDocument: undefined } });
    const response = await t.request('POST', '/v1/pre-auth', { body });
    expect(response.status).toBe(200);
    expect(response.body.decision).toBe('DECLINE');
    expect(response.body.reasons.map((reason: { code: string }) => reason.code)).toContain('SANCTIONS_MATCH');
    const hit = response.body.screening.hits.find((candidate: { party: string; band: string }) => candidate.party === 'payer' && candidate.band === 'STRONG');
    expect(hit).toMatchObject({ party: 'payer', band: 'STRONG' });
    expect(['DEMO_UN', 'DEMO_OFAC']).toContain(hit.list);
    expect(response.body.alertRaised).toBe(true);
    const alerts = await waitFor(async () => {
      const rows = await t.dataSource.query("SELECT rule_id, type, status FROM alerts WHERE evidence->>'transactionId' = $1", [body.transactionId]);
      return rows.length ? rows : null;
    });
    expect(alerts).toContainEqual({ rule_id: 'R01', type: 'SANCTIONS', status: 'OPEN' });
    const blocks = await t.dataSource.query('SELECT rule_id FROM party_blocks WHERE party_key = $1', [`${body.payer.walletProvider}:${body.payer.walletAccountId}`]);
    expect(blocks).toEqual([{ rule_id: 'R01' }]);
  });

  it('answers the stored decision again for the same transaction id and body, and 409 for a different body', async () => {
    const body = preAuthRequest();
    const first = await t.request('POST', '/v1/pre-auth', { body });
    const again = await t.request('POST', '/v1/pre-auth', { body });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const changed = await t.request('POST', '/v1/pre-auth', { body: { ...body, amount: { value: '999.00', currency: 'CNY' } } });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const count = await t.dataSource.query('SELECT count(*)::int AS n FROM decisions WHERE transaction_id = $1', [body.transactionId]);
    expect(count[0].n).toBe(1);
  });

  it('declines the payment that would take a T1 payer over the daily limit, and a FAILED outcome releases the reservation', async () => {
    const payer = { walletAccountId: `kp-limit-${Date.now()}` };
    // a different merchant each time: several large payments at one merchant within 30 minutes are R05 (split payment)
    let merchantNumber = 0;
    const big = (value: string) => {
      merchantNumber += 1;
      return preAuthRequest({ payer, merchant: { id: `M-LIMIT-${merchantNumber}` }, amount: { value, currency: 'USD' }, payerAmount: { value, currency: 'USD' } });
    };
    const first = await t.request('POST', '/v1/pre-auth', { body: big('990.00') });
    const second = await t.request('POST', '/v1/pre-auth', { body: big('990.00') });
    const third = await t.request('POST', '/v1/pre-auth', { body: big('990.00') });
    expect([first.body.decision, second.body.decision]).toEqual(['APPROVE', 'APPROVE']);
    expect(third.body.decision).toBe('DECLINE');
    expect(third.body.reasons[0]).toMatchObject({ code: 'KYC_LIMIT_DAILY', ruleId: 'KYC.T1.DAILY' });

    const released = await t.request('POST', `/v1/transactions/${second.body.transactionId}/outcome`, { body: { status: 'FAILED', at: new Date().toISOString() } });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'FAILED', previousStatus: 'PENDING', limitsReleased: true });
    const fourth = await t.request('POST', '/v1/pre-auth', { body: big('990.00') });
    expect(fourth.body.decision).toBe('APPROVE');
  });

  it('never approves concurrent payments of one payer beyond the daily limit', async () => {
    const payer = { walletAccountId: `kp-race-${Date.now()}` };
    const bodies = Array.from({ length: 16 }, () => preAuthRequest({ payer, amount: { value: '300.00', currency: 'USD' } }));
    const responses = await Promise.all(bodies.map((body) => t.request('POST', '/v1/pre-auth', { body })));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const approved = responses.filter((response) => response.body.decision !== 'DECLINE');
    // T1 daily cap USD 2,000 → at most 6 payments of USD 300
    expect(approved.length).toBeLessThanOrEqual(6);
    const usage = await t.dataSource.query("SELECT amount::int FROM limit_usage WHERE payer_key = $1 AND period = 'DAY'", [`KAKAOPAY:${payer.walletAccountId}`]);
    expect(usage[0].amount).toBe(approved.length * 30_000);
    expect(usage[0].amount).toBeLessThanOrEqual(200_000);
  });

  it('refuses to settle a payment held for review, but lets the gateway abandon it', async () => {
    const body = preAuthRequest({ payer: { name: 'IVAN DEMOVICH PETROV', nameOriginalScript: undefined, dateOfBirth: undefined, nationality: undefined, idDocument: undefined }, merchant: { legalRepresentative: 'LIU YANG' } });
    expect((await t.request('POST', '/v1/pre-auth', { body })).body.decision).toBe('REVIEW');
    const settle = await t.request('POST', `/v1/transactions/${body.transactionId}/outcome`, { body: { status: 'SETTLED', at: new Date().toISOString() } });
    expect(settle.status).toBe(409);
    expect(settle.body.error.details[0].path).toBe('status');
    const abandon = await t.request('POST', `/v1/transactions/${body.transactionId}/outcome`, { body: { status: 'FAILED', at: new Date().toISOString() } });
    expect(abandon.body).toMatchObject({ status: 'FAILED', limitsReleased: true });
  });

  it('settles, then reverses, and refuses an outcome that does not follow', async () => {
    const body = preAuthRequest();
    await t.request('POST', '/v1/pre-auth', { body });
    const settled = await t.request('POST', `/v1/transactions/${body.transactionId}/outcome`, { body: { status: 'SETTLED', at: new Date().toISOString() } });
    expect(settled.body).toMatchObject({ status: 'SETTLED', limitsReleased: false });
    const failed = await t.request('POST', `/v1/transactions/${body.transactionId}/outcome`, { body: { status: 'FAILED', at: new Date().toISOString() } });
    expect(failed.status).toBe(409);
    const reversed = await t.request('POST', `/v1/transactions/${body.transactionId}/outcome`, { body: { status: 'REVERSED', at: new Date().toISOString() } });
    expect(reversed.body).toMatchObject({ status: 'REVERSED', previousStatus: 'SETTLED', limitsReleased: true });
    const unknown = await t.request('POST', '/v1/transactions/NO-SUCH-TX/outcome', { body: { status: 'SETTLED', at: new Date().toISOString() } });
    expect(unknown.status).toBe(404);
    const outcomes = await t.dataSource.query('SELECT status FROM payment_outcomes WHERE transaction_id = $1 ORDER BY id', [body.transactionId]);
    expect(outcomes.map((row: { status: string }) => row.status)).toEqual(['SETTLED', 'REVERSED']);
  });
});

describe('bad input and access', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 400 with the failing field paths for invalid input', async () => {
    const body = preAuthRequest({ payer: { nationality: 'Korea', kycLevel: undefined }, merchant: { mcc: '58' } });
    const response = await t.request('POST', '/v1/pre-auth', { body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const paths = response.body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['payer.nationality', 'payer.kycLevel', 'merchant.mcc']));
  });

  it('answers 400 for malformed amounts, unknown fields, broken JSON and a currency without an FX rate', async () => {
    const float = await t.request('POST', '/v1/pre-auth', { body: { ...preAuthRequest(), amount: { value: 268.5, currency: 'CNY' } } });
    expect(float.status).toBe(400);
    expect(float.body.error.details.map((detail: { path: string }) => detail.path)).toContain('amount.value');
    const negative = await t.request('POST', '/v1/pre-auth', { body: { ...preAuthRequest(), amount: { value: '-1', currency: 'CNY' } } });
    expect(negative.status).toBe(400);
    const unknownField = await t.request('POST', '/v1/pre-auth', { body: { ...preAuthRequest(), surprise: true } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details[0].path).toBe('surprise');
    const broken = await t.request('POST', '/v1/pre-auth', { rawBody: '{"transactionId": "x",' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('VALIDATION_FAILED');
    const noRate = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ amount: { value: '10.00', currency: 'XAU' } }) });
    expect(noRate.status).toBe(400);
    expect(noRate.body.error.details[0].path).toBe('amount.currency');
  });

  it('answers 413 for an oversized body', async () => {
    const body = preAuthRequest({ merchant: { name: 'x'.repeat(2_000_000) } });
    const response = await t.request('POST', '/v1/pre-auth', { body });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('requires a valid API key of the right role on every /v1 route', async () => {
    expect((await t.request('POST', '/v1/pre-auth', { body: preAuthRequest(), key: null })).status).toBe(401);
    expect((await t.request('POST', '/v1/pre-auth', { body: preAuthRequest(), key: 'cpg_abcdefghij_' + 'A'.repeat(43) })).status).toBe(401);
    expect((await t.request('POST', '/v1/pre-auth', { body: preAuthRequest(), key: t.adminKey })).status).toBe(403);
    expect((await t.request('GET', '/v1/lists', { key: t.gatewayKey })).status).toBe(403);
    expect((await t.request('GET', '/metrics', { key: null })).status).toBe(401);
    expect((await t.request('GET', '/metrics', { key: null, headers: { authorization: `Bearer ${t.adminKey}` } })).status).toBe(200);
    expect((await t.request('GET', '/metrics', { key: null, headers: { authorization: `Bearer ${t.gatewayKey}` } })).status).toBe(403);
  });

  it('lists the active snapshots, reports readiness and exposes Prometheus metrics', async () => {
    const lists = await t.request('GET', '/v1/lists', { key: t.adminKey });
    expect(lists.status).toBe(200);
    expect(lists.body.lists.map((list: { list: string }) => list.list)).toEqual(expect.arrayContaining(['DEMO_UN', 'DEMO_OFAC']));
    expect(lists.body.lists[0]).toMatchObject({ id: expect.any(String), format: expect.any(String), entries: expect.any(Number), contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const ready = await t.request('GET', '/health/ready', { key: null });
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: 'ok', queue: 'ok', sanctionsIndex: 'ok' });
    await t.request('POST', '/v1/pre-auth', { body: preAuthRequest() });
    const metrics = await t.request('GET', '/metrics', { key: t.adminKey });
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).toMatch(/cpg_decisions_total\{outcome="APPROVE"\} \d+/);
    expect(String(metrics.body)).toContain('cpg_pre_auth_duration_seconds_bucket');
    expect(String(metrics.body)).toContain('cpg_queue_jobs');
  });

  it('serves the OpenAPI description', async () => {
    const response = await t.request('GET', '/docs/openapi.json', { key: null });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/v1/pre-auth', '/v1/transactions/{transactionId}/outcome']));
  });
});
