import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaiseAlertsUseCase } from '../libs/alerts/src/index.js';
import { AuditLog } from '../libs/persistence/src/index.js';
import { preAuthRequest, startTestApp, TEST_ACTOR, type TestApp } from './support/test-app.js';

describe('audit trail and alerts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('chains audit events by hash, refuses UPDATE and DELETE, and detects a tampered row', async () => {
    const audit = new AuditLog(t.dataSource);
    const first = await audit.append({ actor: TEST_ACTOR, action: 'test.one', entityType: 'test', entityId: 'a', after: { n: 1 } });
    await audit.append({ actor: TEST_ACTOR, action: 'test.two', entityType: 'test', entityId: 'b', before: { n: 1 }, after: { n: 2 } });
    const verified = await audit.verify();
    expect(verified.valid).toBe(true);
    expect(verified.events).toBeGreaterThanOrEqual(2);

    await expect(t.dataSource.query("UPDATE audit_events SET action = 'forged' WHERE id = $1", [first])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM audit_events WHERE id = $1', [first])).rejects.toThrow(/append-only/);

    // a database owner who switches the trigger off can still change a row: the chain shows it
    await t.dataSource.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await t.dataSource.query("UPDATE audit_events SET after = '{\"n\": 99}' WHERE id = $1", [first]);
    await t.dataSource.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    expect(await audit.verify()).toMatchObject({ valid: false, firstBrokenId: first });
  });

  it('refuses UPDATE and DELETE on stored decisions', async () => {
    const body = preAuthRequest();
    await t.request('POST', '/v1/pre-auth', { body });
    await expect(t.dataSource.query("UPDATE decisions SET outcome = 'APPROVE' WHERE transaction_id = $1", [body.transactionId])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM decisions WHERE transaction_id = $1', [body.transactionId])).rejects.toThrow(/append-only/);
  });

  it('raises one open alert per dedup key however often a decision is processed, and attaches repeats', async () => {
    const payer = { walletAccountId: `kp-alerts-${Date.now()}` };
    const merchant = { legalRepresentative: 'LIU YANG' };
    const bodies = Array.from({ length: 6 }, () => preAuthRequest({ payer, merchant }));
    const decisions: string[] = [];
    for (const body of bodies) decisions.push((await t.request('POST', '/v1/pre-auth', { body })).body.decision);
    expect(decisions.slice(4)).toEqual(['STEP_UP', 'STEP_UP']);

    const raise = new RaiseAlertsUseCase(t.dataSource);
    const fifth = await raise.forDecision(bodies[4].transactionId);
    const again = await raise.forDecision(bodies[4].transactionId);
    const sixth = await raise.forDecision(bodies[5].transactionId);
    expect(fifth.length).toBeGreaterThan(0);
    expect(fifth.every((alert) => alert.created)).toBe(true);
    expect(again.every((alert) => !alert.created && !alert.attached)).toBe(true);
    const r03 = sixth.find((alert) => alert.dedupKey.includes('R03'));
    expect(r03).toMatchObject({ created: false, attached: true, alertId: fifth.find((alert) => alert.dedupKey.includes('R03'))!.alertId });

    const rows = await t.dataSource.query("SELECT occurrences, status, rule_id FROM alerts WHERE dedup_key = $1", [r03!.dedupKey]);
    expect(rows).toEqual([{ occurrences: 2, status: 'OPEN', rule_id: 'R03' }]);
    const outbox = await t.dataSource.query("SELECT processed_at IS NOT NULL AS done FROM outbox WHERE ref = $1", [bodies[4].transactionId]);
    expect(outbox).toEqual([{ done: true }]);
  });
});
