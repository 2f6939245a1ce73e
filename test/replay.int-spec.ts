import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayDecisionUseCase, verifyDecisionChain } from '../libs/decisions/src/index.js';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';

describe(ReplayDecisionUseCase.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reproduces a sanctions decline exactly from the stored inputs, rule set version and list snapshots', async () => {
    const body = preAuthRequest({ payer: { name: 'IVAN DEMOVICH PETROV', nameOriginalScript: undefined, dateOfBirth: '1970-01-01', nationality: 'RU', idDocument: undefined } });
    const decided = await t.request('POST', '/v1/pre-auth', { body });
    expect(decided.body.decision).toBe('DECLINE');
    const replay = await new ReplayDecisionUseCase(t.dataSource).execute(body.transactionId);
    expect(replay.identical).toBe(true);
    expect(replay.rules.replayed.outcome).toBe('DECLINE');
    expect(replay.screening.replayed.length).toBeGreaterThan(0);
  });

  it('reproduces a velocity step-up that depended on the payer history at the time', async () => {
    const payer = { walletAccountId: `kp-replay-${Date.now()}` };
    const merchant = { legalRepresentative: 'LIU YANG' };
    let last = '';
    for (let n = 0; n < 5; n += 1) {
      const body = preAuthRequest({ payer, merchant });
      last = body.transactionId;
      await t.request('POST', '/v1/pre-auth', { body });
    }
    // later payments change the payer's history; the replay must still use the history stored with the decision
    await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) });
    const replay = await new ReplayDecisionUseCase(t.dataSource).execute(last);
    expect(replay).toMatchObject({ identical: true, rules: { replayed: { outcome: 'STEP_UP' } } });
  });

  it('says so when a stored decision no longer reproduces', async () => {
    const body = preAuthRequest({ payer: { walletAccountId: `kp-tamper-${Date.now()}` }, merchant: { legalRepresentative: 'LIU YANG' } });
    await t.request('POST', '/v1/pre-auth', { body });
    // a database owner rewrites the stored inputs behind the append-only trigger
    await t.dataSource.query('ALTER TABLE decisions DISABLE TRIGGER decisions_append_only');
    await t.dataSource.query(`UPDATE decisions SET inputs = jsonb_set(inputs, '{facts,amountUsdCents}', '900000') WHERE transaction_id = $1`, [body.transactionId]);
    await t.dataSource.query('ALTER TABLE decisions ENABLE TRIGGER decisions_append_only');
    const replay = await new ReplayDecisionUseCase(t.dataSource).execute(body.transactionId);
    expect(replay.identical).toBe(false);
    expect(replay.rules.replayed.outcome).toBe('DECLINE');
  });
});

describe('decision chain', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('links every recorded decision and detects a decision changed behind the append-only trigger', async () => {
    const bodies = Array.from({ length: 5 }, () => preAuthRequest({ merchant: { legalRepresentative: 'LIU YANG' } }));
    await Promise.all(bodies.map((body) => t.request('POST', '/v1/pre-auth', { body })));
    const before = await verifyDecisionChain(t.dataSource);
    expect(before).toMatchObject({ valid: true, unchained: 0 });
    expect(before.decisions).toBeGreaterThanOrEqual(5);

    await t.dataSource.query('ALTER TABLE decisions DISABLE TRIGGER decisions_append_only');
    await t.dataSource.query("UPDATE decisions SET outcome = 'DECLINE' WHERE transaction_id = $1", [bodies[2].transactionId]);
    await t.dataSource.query('ALTER TABLE decisions ENABLE TRIGGER decisions_append_only');
    const after = await verifyDecisionChain(t.dataSource);
    expect(after).toMatchObject({ valid: false, firstBroken: { transactionId: bodies[2].transactionId, problem: 'content' } });
  });
});
