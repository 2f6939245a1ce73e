import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService } from '../libs/access/src/index.js';
import { createDataSource, startRuntime } from '../libs/persistence/src/index.js';
import { TEST_RUNTIME } from './support/environment.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';
import { preAuthRequest, TEST_ACTOR } from './support/test-app.js';
import { startTestRuntime, type TestRuntime } from './support/test-runtime.js';

async function post(server: ServerProcess, key: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/v1/pre-auth`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/** A gateway key written straight into the test database (the server owns an embedded folder while it runs). */
async function createKey(config: TestRuntime['config']): Promise<string> {
  const runtime = await startRuntime(config, { connectToExisting: true });
  const dataSource = createDataSource(runtime.databaseUrl, { poolSize: 1 });
  await dataSource.initialize();
  try {
    return (await new ApiKeyService(dataSource).create('process test', 'gateway', TEST_ACTOR)).key;
  } finally {
    await dataSource.destroy();
    await runtime.close();
  }
}

describe('the server as a real process', () => {
  let runtime: TestRuntime;

  beforeAll(async () => {
    runtime = await startTestRuntime({}, { start: false });
  });
  afterAll(async () => {
    await runtime?.cleanup();
  });

  it('keeps a decision answered with 200 through a kill -9 of the server', async () => {
    let server = await startServerProcess(runtime.config, { port: await freePort() });
    const key = await createKey(runtime.config);
    const body = preAuthRequest();
    const first = await post(server, key, body);
    expect(first.status).toBe(200);
    expect(await server.stop('SIGKILL')).toBeNull();

    server = await startServerProcess(runtime.config, { port: await freePort() });
    try {
      const again = await post(server, key, body);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    } finally {
      await server.stop();
    }
    const check = await startRuntime(runtime.config, { connectToExisting: true });
    const client = new pg.Client({ connectionString: check.databaseUrl });
    await client.connect();
    const rows = await client.query('SELECT outcome FROM decisions WHERE transaction_id = $1', [body.transactionId]);
    await client.end();
    await check.close();
    expect(rows.rows).toEqual([{ outcome: first.body.decision }]);
  });

  // Two api processes need a shared database server; the embedded database belongs to one process at a time.
  it.runIf(TEST_RUNTIME !== 'embedded')('never approves payments beyond a limit across two api processes on one database', async () => {
    const servers = await Promise.all([startServerProcess(runtime.config, { port: await freePort() }), startServerProcess(runtime.config, { port: await freePort(), withWorker: false })]);
    try {
      const key = await createKey(runtime.config);
      const payer = { walletAccountId: `kp-two-processes-${Date.now()}` };
      const bodies = Array.from({ length: 24 }, () => preAuthRequest({ payer, amount: { value: '300.00', currency: 'USD' } }));
      const responses = await Promise.all(bodies.map((body, position) => post(servers[position % 2], key, body)));
      expect(responses.every((response) => response.status === 200)).toBe(true);
      const approved = responses.filter((response) => response.body.decision !== 'DECLINE').length;
      expect(approved).toBeLessThanOrEqual(6);
      expect(approved).toBeGreaterThan(0);
      const client = new pg.Client({ connectionString: runtime.config.databaseUrl! });
      await client.connect();
      const usage = await client.query("SELECT amount::int FROM limit_usage WHERE payer_key = $1 AND period = 'DAY'", [`KAKAOPAY:${payer.walletAccountId}`]);
      const decided = await client.query("SELECT count(*)::int AS n FROM decisions d JOIN payments p USING (transaction_id) WHERE p.payer_key = $1 AND d.outcome <> 'DECLINE'", [`KAKAOPAY:${payer.walletAccountId}`]);
      await client.end();
      expect(usage.rows[0].amount).toBe(approved * 30_000);
      expect(decided.rows[0].n).toBe(approved);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });
});
