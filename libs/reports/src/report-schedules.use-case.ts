import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { actorLabel, NotFoundError, ValidationError, type Actor, type ErrorDetail } from '@app/common';
import { AuditLog } from '@app/persistence';
import { cronProblem, timeZoneProblem } from './cron.js';
import { reportSchedulerId, syncReportSchedule, type ReportSchedule } from './report.job.js';

export interface ReportScheduleView extends ReportSchedule {
  updatedAt: string;
  updatedBy: string;
  /** whether a BullMQ job scheduler is in place for it (false for a disabled schedule) */
  scheduled: boolean;
  /** the next run the queue holds, if scheduled */
  nextRunAt: string | null;
}

export interface ReportScheduleChange {
  enabled?: boolean;
  cron?: string;
  timezone?: string;
}

interface ScheduleRow {
  name: string;
  type: ReportSchedule['type'];
  cron: string;
  timezone: string;
  enabled: boolean;
  updated_at: Date;
  updated_by: string;
}

/**
 * The report schedules officers see and change. A change is validated (a cron pattern the scheduler can run, a
 * known time zone), stored and audited in one transaction, then the schedule's BullMQ job scheduler is put in line
 * with the row, through the same queue the workers read, so it takes effect at once on every runtime. Workers also
 * re-apply every row at boot, so a scheduler update lost to a crash between the two steps is repaired then.
 */
export class ReportSchedulesUseCase {
  private readonly audit: AuditLog;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: Queue,
  ) {
    this.audit = new AuditLog(dataSource);
  }

  async list(): Promise<ReportScheduleView[]> {
    const rows: ScheduleRow[] = await this.dataSource.query(
      'SELECT name, type, cron, timezone, enabled, updated_at, updated_by FROM report_schedules ORDER BY name',
    );
    return Promise.all(rows.map((row) => this.view(row)));
  }

  async update(
    name: string,
    change: ReportScheduleChange,
    actor: Actor,
    requestId?: string,
  ): Promise<ReportScheduleView> {
    const problems: ErrorDetail[] = [];
    if (change.cron !== undefined) {
      const problem = cronProblem(change.cron);
      if (problem) problems.push({ path: 'cron', message: problem });
    }
    if (change.timezone !== undefined) {
      const problem = timeZoneProblem(change.timezone);
      if (problem) problems.push({ path: 'timezone', message: problem });
    }
    if (change.enabled === undefined && change.cron === undefined && change.timezone === undefined)
      problems.push({ path: 'enabled', message: 'give at least one of enabled, cron, timezone' });
    if (problems.length) throw new ValidationError('Invalid report schedule change', problems);

    const changed = await this.dataSource.transaction(async (manager) => {
      const rows: ScheduleRow[] = await manager.query(
        'SELECT name, type, cron, timezone, enabled, updated_at, updated_by FROM report_schedules WHERE name = $1 FOR UPDATE',
        [name],
      );
      const before = rows[0];
      if (!before) throw new NotFoundError(`No report schedule ${name}`);
      const after = {
        enabled: change.enabled ?? before.enabled,
        cron: change.cron?.trim().replace(/\s+/g, ' ') ?? before.cron,
        timezone: change.timezone ?? before.timezone,
      };
      if (
        after.enabled === before.enabled &&
        after.cron === before.cron &&
        after.timezone === before.timezone
      )
        return false;
      await manager.query(
        'UPDATE report_schedules SET enabled = $2, cron = $3, timezone = $4, updated_at = now(), updated_by = $5 WHERE name = $1',
        [name, after.enabled, after.cron, after.timezone, actorLabel(actor)],
      );
      await this.audit.append(
        {
          actor,
          action: 'report-schedule.updated',
          entityType: 'report-schedule',
          entityId: name,
          before: { enabled: before.enabled, cron: before.cron, timezone: before.timezone },
          after,
          requestId,
        },
        manager,
      );
      return true;
    });
    // after the commit (on the embedded database a queue call inside the transaction would wait on it): the
    // row is read again, so of two changes racing, the scheduler ends up as the last committed one
    const rows: ScheduleRow[] = await this.dataSource.query(
      'SELECT name, type, cron, timezone, enabled, updated_at, updated_by FROM report_schedules WHERE name = $1',
      [name],
    );
    if (changed || (await this.isOutOfLine(rows[0]))) await syncReportSchedule(this.queue, rows[0]);
    return this.view(rows[0]);
  }

  private async isOutOfLine(row: ScheduleRow): Promise<boolean> {
    const scheduler = await this.queue.getJobScheduler(reportSchedulerId(row.name));
    if (!row.enabled) return scheduler !== undefined;
    return !scheduler || scheduler.pattern !== row.cron || scheduler.tz !== row.timezone;
  }

  private async view(row: ScheduleRow): Promise<ReportScheduleView> {
    const scheduler = await this.queue.getJobScheduler(reportSchedulerId(row.name));
    return {
      name: row.name,
      type: row.type,
      cron: row.cron,
      timezone: row.timezone,
      enabled: row.enabled,
      updatedAt: row.updated_at.toISOString(),
      updatedBy: row.updated_by,
      scheduled: scheduler !== undefined,
      nextRunAt: scheduler?.next ? new Date(Number(scheduler.next)).toISOString() : null,
    };
  }
}
