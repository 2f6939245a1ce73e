import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from './config.js';

describe(loadConfig.name, () => {
  it('chooses the embedded runtime when no database URL is set, with the data folder under the working directory', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({ runtime: 'embedded', dataDir: '/srv/app/data', port: 3000, databaseUrl: null, redisUrl: null });
  });

  it('chooses PostgreSQL alone, or PostgreSQL with Redis, from the environment', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/app' }).runtime).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/app', REDIS_URL: 'redis://cache:6379' }).runtime).toBe('postgres-redis');
  });

  it('lists every problem at once and refuses to start', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'redis://cache', LOG_LEVEL: 'loud', DATABASE_URL: '' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      'REDIS_URL is set but DATABASE_URL is not: limits live in PostgreSQL, so Redis needs DATABASE_URL',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'PORT must be an integer between 0 and 65535 (got "eighty")',
    ]);
  });

  it('rejects a database URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/app' })).toThrow(/DATABASE_URL must use postgres: or postgresql:/);
  });
});
