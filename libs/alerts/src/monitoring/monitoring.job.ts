import type { JobsOptions, Queue } from 'bullmq';
import { QUEUES } from '@app/queue';
import type { MonitoringRuleId } from './monitoring-rule.js';
import type { Cadence } from './windows.js';

/** Job contracts on the monitoring queue. Payloads carry rule ids and window keys only. */
export const MONITORING_QUEUE = QUEUES.monitoring;
/** Scheduled: evaluate every rule of a cadence over the last complete windows (catching up missed ones). */
export const MONITORING_TICK_JOB = 'monitoring.tick';
/** On demand: evaluate one rule over one window (a replay). */
export const MONITORING_RUN_JOB = 'monitoring.run';

export interface MonitoringTickPayload {
  cadence: Cadence;
}

export interface MonitoringRunPayload {
  ruleId: MonitoringRuleId;
  window: string;
}

/** Hourly at minute 5 for R08; daily at 00:30 Beijing for the daily rules. */
export const MONITORING_SCHEDULES: ReadonlyArray<{ id: string; pattern: string; cadence: Cadence }> = [
  { id: 'monitoring-hourly', pattern: '5 * * * *', cadence: 'hourly' },
  { id: 'monitoring-daily', pattern: '30 0 * * *', cadence: 'daily' },
];
export const MONITORING_TIMEZONE = 'Asia/Shanghai';

export async function scheduleMonitoring(queue: Queue): Promise<void> {
  for (const schedule of MONITORING_SCHEDULES) {
    const data: MonitoringTickPayload = { cadence: schedule.cadence };
    await queue.upsertJobScheduler(schedule.id, { pattern: schedule.pattern, tz: MONITORING_TIMEZONE }, { name: MONITORING_TICK_JOB, data });
  }
}

export async function enqueueMonitoringRun(queue: Queue, payload: MonitoringRunPayload, options: JobsOptions = {}): Promise<void> {
  await queue.add(MONITORING_RUN_JOB, payload, options);
}
