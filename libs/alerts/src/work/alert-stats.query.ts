import type { DataSource } from 'typeorm';

/** Age of an unresolved alert since it was raised. */
export const ALERT_AGE_BUCKETS = ['<1h', '<1d', '<7d', '>=7d'] as const;
export type AlertAgeBucket = (typeof ALERT_AGE_BUCKETS)[number];

/** Jobs waiting, running, scheduled and failed in one BullMQ queue; null counts when the backend did not answer in time. */
export interface JobQueueDepth {
  queue: string;
  waiting: number | null;
  active: number | null;
  delayed: number | null;
  failed: number | null;
}

export interface AlertStats {
  /** every alert by status (CLOSED included) */
  byStatus: Record<string, number>;
  /** unresolved (not CLOSED) alerts */
  byTypeAndPriority: Array<{ type: string; priority: string; count: number }>;
  /** unresolved alerts by type and age bucket */
  byTypeAndAge: Array<{ type: string; age: AlertAgeBucket; count: number }>;
  /** unresolved alerts whose SLA due time has passed */
  slaBreached: number;
  /** unresolved alerts by age bucket */
  byAge: Record<string, number>;
  queueDepth: {
    /** OPEN alerts nobody has taken: what "take next alert" draws from */
    unassigned: number;
    /** when the oldest of them was raised (null when none waits) */
    oldestUnassignedAt: string | null;
    /** follow-up work queues (alerts raised from decisions, list refreshes, monitoring, reports, webhooks) */
    jobs: JobQueueDepth[];
  };
  /** the instant the counts were taken */
  at: string;
}

export type JobCounts = () => Promise<JobQueueDepth[]>;

const AGE_CASE = `CASE WHEN created_at > $1::timestamptz - interval '1 hour' THEN '<1h'
  WHEN created_at > $1::timestamptz - interval '1 day' THEN '<1d'
  WHEN created_at > $1::timestamptz - interval '7 days' THEN '<7d' ELSE '>=7d' END`;

/**
 * Exact counts for the officers' dashboard, in a handful of aggregate statements (no row is sent to the client).
 * Unresolved means not CLOSED: OPEN, IN_PROGRESS and PENDING_APPROVAL.
 */
export class AlertStatsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobCounts: JobCounts = () => Promise.resolve([]),
  ) {}

  async execute(now: Date): Promise<AlertStats> {
    const [status, typePriority, typeAge, breached, unassigned, jobs] = await Promise.all([
      this.dataSource.query<Array<{ status: string; count: number }>>('SELECT status, count(*)::int AS count FROM alerts GROUP BY status'),
      this.dataSource.query<Array<{ type: string; priority: string; count: number }>>(
        "SELECT type, priority, count(*)::int AS count FROM alerts WHERE status <> 'CLOSED' GROUP BY type, priority ORDER BY type, priority",
      ),
      this.dataSource.query<Array<{ type: string; age: AlertAgeBucket; count: number }>>(
        `SELECT type, ${AGE_CASE} AS age, count(*)::int AS count FROM alerts WHERE status <> 'CLOSED' GROUP BY 1, 2 ORDER BY 1, 2`,
        [now.toISOString()],
      ),
      this.dataSource.query<Array<{ count: number }>>("SELECT count(*)::int AS count FROM alerts WHERE status <> 'CLOSED' AND sla_due_at < $1", [now.toISOString()]),
      this.dataSource.query<Array<{ count: number; oldest: Date | null }>>(
        "SELECT count(*)::int AS count, min(created_at) AS oldest FROM alerts WHERE status = 'OPEN' AND assignee IS NULL",
      ),
      this.jobCounts(),
    ]);
    const byAge: Record<string, number> = Object.fromEntries(ALERT_AGE_BUCKETS.map((bucket) => [bucket, 0]));
    for (const row of typeAge) byAge[row.age] += row.count;
    return {
      byStatus: Object.fromEntries(status.map((row) => [row.status, row.count])),
      byTypeAndPriority: typePriority,
      byTypeAndAge: typeAge,
      slaBreached: breached[0].count,
      byAge,
      queueDepth: {
        unassigned: unassigned[0].count,
        oldestUnassignedAt: unassigned[0].oldest ? new Date(unassigned[0].oldest).toISOString() : null,
        jobs,
      },
      at: now.toISOString(),
    };
  }
}
