import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { createPostgresBackend, setDefaultBackendFactory, type QueueOptions } from 'bullmq';
import type { AppConfig } from '@app/common';
import type { Runtime } from '@app/persistence';
import { QUEUE_NAMES } from './queues.js';

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
