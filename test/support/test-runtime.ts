import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type AppConfig } from '../../libs/common/src/index.js';
import { startRuntime, type Runtime } from '../../libs/persistence/src/index.js';
import { databaseUrl, TEST_POSTGRES_URL, TEST_REDIS_URL, TEST_RUNTIME } from './environment.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    embeddedTemplate: string;
  }
}

export interface TestRuntime {
  config: AppConfig;
  runtime: Runtime;
  /** the database name (real PostgreSQL) or data folder (embedded) of this test file */
  name: string;
  /** stops the runtime and removes this file's database, data folder and Redis keys */
  cleanup(): Promise<void>;
}

function uniqueName(): string {
  return `cpg_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A fresh database (or embedded data folder) and queue prefix for one test file, copied from the migrated template. */
export async function startTestRuntime(overrides: Record<string, string> = {}, options: { start?: boolean } = {}): Promise<TestRuntime> {
  const start = options.start ?? true;
  const notStarted: Runtime = { kind: 'embedded', databaseUrl: '', redisUrl: null, embedded: null, close: async () => undefined };
  const name = uniqueName();
  const baseEnv: Record<string, string> = { LOG_LEVEL: 'warn', QUEUE_PREFIX: name.replace(/_/g, '-'), LOAD_DEMO_LISTS: 'false', PORT: '0', HOST: '127.0.0.1', ...overrides };
  if (TEST_RUNTIME === 'embedded') {
    const folder = mkdtempSync(join(tmpdir(), 'cpg-test-'));
    rmSync(folder, { recursive: true });
    cpSync(inject('embeddedTemplate'), folder, { recursive: true });
    const config = loadConfig({ ...baseEnv, DATA_DIR: folder });
    const runtime = start ? await startRuntime(config) : notStarted;
    return {
      config,
      runtime,
      name: folder,
      cleanup: async () => {
        await runtime.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.end();
  const env = { ...baseEnv, DATABASE_URL: databaseUrl(name), ...(TEST_RUNTIME === 'postgres-redis' ? { REDIS_URL: TEST_REDIS_URL } : {}) };
  const config = loadConfig(env);
  const runtime = start ? await startRuntime(config) : { ...notStarted, kind: config.runtime, databaseUrl: config.databaseUrl! };
  return {
    config,
    runtime,
    name,
    cleanup: async () => {
      await runtime.close();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      if (config.redisUrl) {
        const redis = new Redis(config.redisUrl);
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.queuePrefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await redis.del(...keys);
        } while (cursor !== '0');
        await redis.quit();
      }
    },
  };
}
