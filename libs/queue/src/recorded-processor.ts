import { WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { DomainError, type ErrorCode } from '@app/common';

/** Codes that no retry can fix: the job fails permanently and stays in the failed set for inspection. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set(['VALIDATION_FAILED', 'NOT_FOUND', 'LIST_FORMAT_INVALID', 'LIST_NOT_FOUND', 'CONFIGURATION_INVALID', 'FORBIDDEN']);

export function isPermanent(error: unknown): boolean {
  return error instanceof DomainError && PERMANENT.has(error.code);
}

/**
 * Base of every processor: one job name → one handler (refusing unknown names), the outcome of every run
 * recorded in job_runs, and errors classified once into retry or fail-permanently.
 */
export abstract class RecordedProcessor extends WorkerHost {
  protected abstract readonly handlers: Record<string, (job: Job) => Promise<unknown>>;

  protected constructor(protected readonly dataSource: DataSource) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const startedAt = new Date();
    const handler = this.handlers[job.name];
    try {
      if (!handler) throw new DomainError('VALIDATION_FAILED', `No handler for job "${job.name}" on queue ${job.queueName}`);
      const result = await handler(job);
      await this.record(job, startedAt, 'COMPLETED', result ?? null, null);
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.record(job, startedAt, 'FAILED', null, message).catch(() => undefined);
      if (isPermanent(error)) throw new UnrecoverableError(message);
      throw error;
    }
  }

  private async record(job: Job, startedAt: Date, status: 'COMPLETED' | 'FAILED', result: unknown, error: string | null): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO job_runs (queue, job_name, job_id, attempt, status, started_at, result, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [job.queueName, job.name, job.id ?? '', job.attemptsMade + 1, status, startedAt.toISOString(), result === null ? null : JSON.stringify(result), error],
    );
  }
}
