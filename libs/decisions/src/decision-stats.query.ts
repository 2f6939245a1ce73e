import type { DataSource } from 'typeorm';

export const DECISION_OUTCOMES = ['APPROVE', 'STEP_UP', 'REVIEW', 'DECLINE'] as const;

export interface DecisionStats {
  minutes: number;
  /** start of the first minute counted (UTC, whole minute) */
  from: string;
  /** the instant the counts were taken */
  to: string;
  /** one row per minute and outcome that had at least one decision, oldest first */
  perMinute: Array<{ minute: string; outcome: string; count: number }>;
  /** totals over the window, every outcome present (0 when none) */
  byOutcome: Record<string, number>;
}

/**
 * Decisions per minute by outcome over the last N minutes, for the dashboard. The window starts on a whole
 * minute, so the first bar is as complete as the others; the last minute is the one in progress.
 */
export class DecisionStatsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: { minutes: number; now: Date }): Promise<DecisionStats> {
    const from = new Date(Math.floor(input.now.getTime() / 60_000) * 60_000 - (input.minutes - 1) * 60_000);
    const perMinute = await this.dataSource.query<Array<{ minute: string; outcome: string; count: number }>>(
      `SELECT to_char(date_trunc('minute', decided_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI"Z"') AS minute, outcome, count(*)::int AS count
       FROM decisions WHERE decided_at >= $1 AND decided_at <= $2 GROUP BY 1, 2 ORDER BY 1, 2`,
      [from.toISOString(), input.now.toISOString()],
    );
    const byOutcome: Record<string, number> = Object.fromEntries(DECISION_OUTCOMES.map((outcome) => [outcome, 0]));
    for (const row of perMinute) byOutcome[row.outcome] = (byOutcome[row.outcome] ?? 0) + row.count;
    return { minutes: input.minutes, from: from.toISOString(), to: input.now.toISOString(), perMinute, byOutcome };
  }
}
