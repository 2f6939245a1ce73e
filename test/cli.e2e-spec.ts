import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService } from '../libs/access/src/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function cli(t: TestApp, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const config = t.runtime.config;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: config.queuePrefix,
    ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : { DATA_DIR: config.dataDir }),
    ...(config.redisUrl ? { REDIS_URL: config.redisUrl } : {}),
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI while the server runs (on the embedded database it goes through the server's socket). */
describe('npm run cli', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates an API key, prints it as the last line and stores only its hash', async () => {
    const result = await cli(t, ['api-keys:create', '--name', 'cli gateway', '--role', 'gateway']);
    expect(result.code).toBe(0);
    const key = result.stdout.trim().split('\n').pop()!;
    expect(key).toMatch(/^cpg_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(await new ApiKeyService(t.dataSource).verify(key)).toMatchObject({ name: 'cli gateway', role: 'gateway' });
    const stored = await t.dataSource.query("SELECT key_hash FROM api_keys WHERE name = 'cli gateway'");
    expect(stored[0].key_hash).not.toContain(key.slice(15));
    const response = await t.request('GET', '/v1/lists', { key });
    expect(response.status).toBe(403);
  });

  it('refuses a role it does not know, naming the field', async () => {
    const result = await cli(t, ['api-keys:create', '--name', 'x', '--role', 'root']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('role: role must be one of gateway, admin');
  });

  it('imports a list and rejects a broken file with its name, keeping the active snapshot', async () => {
    const ok = await cli(t, ['lists:import', '--format', 'un-xml', '--file', 'test/fixtures/mini-un.xml', '--list', 'CLI_UN']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^activated CLI_UN snapshot [0-9a-f-]{36}: 2 entries/);
    const broken = await cli(t, ['lists:import', '--format', 'un-xml', '--file', 'test/fixtures/mini-un-truncated.xml', '--list', 'CLI_UN']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('mini-un-truncated.xml');
    const active = await t.dataSource.query("SELECT entry_count FROM list_snapshots WHERE list = 'CLI_UN' AND status = 'ACTIVE'");
    expect(active).toEqual([{ entry_count: 2 }]);
  });

  it('prints usage for an unknown command', async () => {
    const result = await cli(t, ['lists:destroy']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('lists:import --format <format>');
  });
});
