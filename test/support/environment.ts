/**
 * Which runtime the integration and end-to-end tests run on: `postgres-redis` (real PostgreSQL + real Redis),
 * `postgres` (real PostgreSQL, BullMQ's PostgreSQL backend) or `embedded` (PGlite). .ci/run runs the suite on
 * postgres-redis and on embedded. The servers default to the machine's own (PostgreSQL 127.0.0.1:5432, user
 * postgres, trust auth; Redis 127.0.0.1:6379).
 */
export type TestRuntime = 'postgres-redis' | 'postgres' | 'embedded';

export const TEST_RUNTIME = (process.env.TEST_RUNTIME ?? 'postgres-redis') as TestRuntime;
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
