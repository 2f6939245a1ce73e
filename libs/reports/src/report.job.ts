import type { Job, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import { QUEUES } from '@app/queue';
import { scheduledPeriod, type ScheduledReportType } from './periods.js';

/** Job contract of the reports queue. Payloads carry the report type and period only. */
export const REPORTS_QUEUE = QUEUES.reports;
export const GENERATE_REPORT_JOB = 'report.generate';
export const CORRECT_REPORTS_JOB = 'report.corrections';

export interface GenerateReportPayload {
  type: ScheduledReportType;
  /** absent for scheduled runs: derived from the scheduled time (previous Beijing day / month, current ISO week) */
  period?: string;
  schedule?: string;
}

export interface ReportSchedule {
  name: string;
  type: ScheduledReportType | 'CORRECTION';
  cron: string;
  timezone: string;
  enabled: boolean;
}

/** Deterministic job id: one job per (type, period) however often it is asked for. */
export function reportJobId(type: string, period: string): string {
  return `report-${type.toLowerCase()}-${period}`;
}

export async function enqueueReport(queue: Queue, type: ScheduledReportType, period: string): Promise<void> {
  const payload: GenerateReportPayload = { type, period };
  await queue.add(GENERATE_REPORT_JOB, payload, { jobId: reportJobId(type, period) });
}

export async function readReportSchedules(dataSource: DataSource): Promise<ReportSchedule[]> {
  return dataSource.query('SELECT name, type, cron, timezone, enabled FROM report_schedules ORDER BY name');
}

/** The id of a schedule's BullMQ job scheduler. */
export function reportSchedulerId(name: string): string {
  return `report-${name}`;
}

/**
 * One BullMQ job scheduler per enabled schedule of report_schedules (cron in its time zone, Asia/Shanghai);
 * disabled or removed schedules lose their scheduler. Upserting is idempotent, so every worker may do it at boot,
 * and the api does it for one schedule when an officer changes it.
 */
export async function scheduleReports(queue: Queue, dataSource: DataSource): Promise<number> {
  const schedules = await readReportSchedules(dataSource);
  let scheduled = 0;
  for (const schedule of schedules) if (await syncReportSchedule(queue, schedule)) scheduled += 1;
  return scheduled;
}

/** Puts one schedule's job scheduler in line with its row; answers whether it is scheduled. */
export async function syncReportSchedule(queue: Queue, schedule: ReportSchedule): Promise<boolean> {
  const id = reportSchedulerId(schedule.name);
  if (!schedule.enabled) {
    await queue.removeJobScheduler(id);
    return false;
  }
  if (schedule.type === 'CORRECTION') {
    await queue.upsertJobScheduler(
      id,
      { pattern: schedule.cron, tz: schedule.timezone },
      { name: CORRECT_REPORTS_JOB, data: { schedule: schedule.name } },
    );
  } else {
    const payload: GenerateReportPayload = { type: schedule.type, schedule: schedule.name };
    await queue.upsertJobScheduler(
      id,
      { pattern: schedule.cron, tz: schedule.timezone },
      { name: GENERATE_REPORT_JOB, data: payload },
    );
  }
  return true;
}

/** The time a scheduled job was due (scheduler job ids end with it), else when it was added. */
export function scheduledAt(job: Pick<Job, 'id' | 'timestamp' | 'opts'>): Date {
  const match = /^repeat:.+:(\d+)$/.exec(job.id ?? '');
  if (match) return new Date(Number(match[1]));
  return new Date(job.timestamp + (job.opts.delay ?? 0));
}

export function periodOfJob(job: Pick<Job, 'id' | 'timestamp' | 'opts' | 'data'>): {
  type: ScheduledReportType;
  period: string;
} {
  const payload = job.data as GenerateReportPayload;
  if (!['LTR', 'STATS', 'OVERDUE_ALERTS'].includes(payload.type))
    throw new DomainError('VALIDATION_FAILED', `Unknown report type ${String(payload.type)}`);
  return { type: payload.type, period: payload.period ?? scheduledPeriod(payload.type, scheduledAt(job)) };
}
