import type { AppConfig, RuntimeKind } from '@app/common';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

/**
 * Chooses the runtime from configuration: PostgreSQL + Redis, PostgreSQL only, or the embedded default.
 * Everything above this sees a PostgreSQL URL and, optionally, a Redis URL: one code path.
 */
export interface Runtime {
  kind: RuntimeKind;
  databaseUrl: string;
  redisUrl: string | null;
  /** the embedded server when this process runs one */
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

export async function startRuntime(config: AppConfig, options: { connectToExisting?: boolean } = {}): Promise<Runtime> {
  if (config.runtime !== 'embedded') {
    return { kind: config.runtime, databaseUrl: config.databaseUrl!, redisUrl: config.redisUrl, embedded: null, close: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(config.dataDir, { connectToExisting: options.connectToExisting });
  return { kind: 'embedded', databaseUrl: embedded.url, redisUrl: null, embedded, close: () => embedded.stop() };
}
