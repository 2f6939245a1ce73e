import { isAbsolute, resolve } from 'node:path';

/**
 * The one place that reads process.env. Built once at boot; fails fast with every problem listed.
 * Compliance settings (thresholds, tiers, rules, FX) live in the database, not here.
 */
export type RuntimeKind = 'postgres-redis' | 'postgres' | 'embedded';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  port: number;
  host: string;
  runtime: RuntimeKind;
  /** embedded database folder (embedded runtime only) */
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  /** prefix for BullMQ queues and Redis keys; one per deployment (or per test run) */
  queuePrefix: string;
  logLevel: LogLevel;
  /** largest accepted request body */
  bodyLimitBytes: number;
  /** micro-batch window for pre-auth commits, milliseconds (0 = one commit per request) */
  preAuthBatchWindowMs: number;
  preAuthBatchMaxSize: number;
  /** batches of party-state loads / decision commits running at once; while they run, requests collect */
  preAuthMaxInFlight: number;
  /** load the fictional demo list on first start when no list is active */
  loadDemoLists: boolean;
  /** folder holding sources.json and the demo list */
  sanctionsDataDir: string;
  /** where hold resolutions and expiries are posted (HMAC-SHA256 signed); no URL, no webhook */
  gatewayWebhook: { url: string | null; secret: string | null; attempts: number; backoffMs: number };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return null;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) problems.push(`${name} must use ${protocols.join(' or ')}`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };

  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);
  if (redisUrl && !databaseUrl) {
    problems.push('REDIS_URL is set but DATABASE_URL is not: limits live in PostgreSQL, so Redis needs DATABASE_URL');
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const queuePrefix = env.QUEUE_PREFIX ?? 'cpg';
  if (!/^[a-zA-Z0-9_-]{1,40}$/.test(queuePrefix)) problems.push('QUEUE_PREFIX must be 1-40 letters, digits, _ or -');
  const dataDirRaw = env.DATA_DIR ?? './data';

  const config: AppConfig = {
    port: integer('PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    runtime: databaseUrl ? (redisUrl ? 'postgres-redis' : 'postgres') : 'embedded',
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    databaseUrl,
    redisUrl,
    queuePrefix,
    logLevel,
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    preAuthBatchWindowMs: integer('PRE_AUTH_BATCH_WINDOW_MS', 2, 0, 50),
    preAuthBatchMaxSize: integer('PRE_AUTH_BATCH_MAX_SIZE', 64, 1, 1000),
    preAuthMaxInFlight: integer('PRE_AUTH_MAX_IN_FLIGHT', 2, 1, 32),
    loadDemoLists: (env.LOAD_DEMO_LISTS ?? 'true') !== 'false',
    sanctionsDataDir: resolve(cwd, env.SANCTIONS_DATA_DIR ?? 'sanctions-data'),
    gatewayWebhook: {
      url: url('GATEWAY_WEBHOOK_URL', ['https:', 'http:']),
      secret: env.GATEWAY_WEBHOOK_SECRET || null,
      attempts: integer('GATEWAY_WEBHOOK_ATTEMPTS', 10, 1, 100),
      backoffMs: integer('GATEWAY_WEBHOOK_BACKOFF_MS', 5_000, 1, 3_600_000),
    },
  };
  if (config.gatewayWebhook.url && (config.gatewayWebhook.secret ?? '').length < 16) {
    problems.push('GATEWAY_WEBHOOK_URL is set: GATEWAY_WEBHOOK_SECRET must be set too, at least 16 characters');
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

/** Injection token of the AppConfig built at boot. */
export const APP_CONFIG = Symbol('APP_CONFIG');
