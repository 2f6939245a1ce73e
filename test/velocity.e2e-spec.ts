import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisVelocityStore, rebuildVelocityWindows } from '../libs/decisions/src/index.js';
import { TEST_RUNTIME } from './support/environment.js';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';

describe('velocity windows', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  const merchant = { legalRepresentative: 'LIU YANG' };

  it('steps up the fifth payment of one payer within ten minutes (R03)', async () => {
    const payer = { walletAccountId: `kp-r03-${Date.now()}` };
    const decisions: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const response = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) });
      decisions.push(response.body.decision);
      if (n === 4) expect(response.body.reasons).toContainEqual(expect.objectContaining({ code: 'VELOCITY', ruleId: 'R03' }));
    }
    expect(decisions).toEqual(['APPROVE', 'APPROVE', 'APPROVE', 'APPROVE', 'STEP_UP']);
  });

  it.runIf(TEST_RUNTIME === 'postgres-redis')('reads the windows from Redis and rebuilds them from stored payments after a loss', async () => {
    const payer = { walletAccountId: `kp-rebuild-${Date.now()}` };
    for (let n = 0; n < 4; n += 1) {
      expect((await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) })).body.decision).toBe('APPROVE');
    }
    const config = t.runtime.config;
    const store = new RedisVelocityStore(config.redisUrl!, config.queuePrefix);
    const payerKey = `KAKAOPAY:${payer.walletAccountId}`;
    const probe = { transactionId: 'probe', payerKey, merchantId: 'M-310000-0091', occurredAt: new Date(), merchantWindowMinutes: 10 };
    expect((await store.load(probe)).recent).toHaveLength(4);

    // lose the window: the next payment looks like the payer's first
    const { Redis } = await import('ioredis');
    const redis = new Redis(config.redisUrl!);
    await redis.del(`${config.queuePrefix}:velocity:payer:${payerKey}`);
    await redis.quit();
    expect((await store.load(probe)).recent).toHaveLength(0);

    await rebuildVelocityWindows(t.dataSource, new RedisVelocityStore(config.redisUrl!, config.queuePrefix));
    const fifth = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) });
    expect(fifth.body.decision).toBe('STEP_UP');
    expect((await store.load(probe)).recent).toHaveLength(5);
    await store.close();
  });
});
