import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { createPostgresBackend, PostgresQueueBackend, setDefaultBackendFactory, type QueueOptions } from 'bullmq';
import type { AppConfig } from '@app/common';
import type { Runtime } from '@app/persistence';
import { QUEUE_NAMES, WORKER_OPTIONS } from './queues.js';

/** Default options for every job: retries with exponential backoff; failed jobs are kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
} as const;

/**
 * BullMQ on Redis when REDIS_URL is set, otherwise BullMQ's PostgreSQL backend on the same database (real
 * PostgreSQL or the embedded one). The backend is process-wide, so it is chosen before any queue is built.
 */
export function queueRootOptions(runtime: Runtime, config: AppConfig): QueueOptions {
  if (runtime.redisUrl) {
    return {
      connection: { url: runtime.redisUrl, maxRetriesPerRequest: null },
      prefix: config.queuePrefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  if (runtime.kind === 'embedded') pollInsteadOfListen();
  return {
    connection: { connectionString: runtime.databaseUrl, migrate: true, max: 5 },
    prefix: config.queuePrefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  };
}

@Module({})
export class QueueModule {
  static forRoot(runtime: Runtime, config: AppConfig): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [BullModule.forRoot(queueRootOptions(runtime, config)), BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name })))],
      exports: [BullModule],
    };
  }
}

/**
 * On the embedded database LISTEN/NOTIFY does not reach other connections (all socket connections share one
 * PGlite session), so a worker must not block for long waiting for a notification: with a delayed job in the
 * queue (a cron schedule, a retry backoff) BullMQ's PostgreSQL backend would otherwise wait until that job is
 * due, up to an hour, and not see new jobs. Capping the block at the drain delay makes workers poll instead.
 */
function pollInsteadOfListen(): void {
  Object.defineProperty(PostgresQueueBackend.prototype, 'maximumBlockTimeout', { configurable: true, get: () => WORKER_OPTIONS.drainDelay });
}
