/** The outcomes of a pre-authorisation decision, in the order the dashboard stacks them. */
export const OUTCOMES = ['APPROVE', 'STEP_UP', 'REVIEW', 'DECLINE'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type MinuteSlot = { minute: Date } & Record<Outcome, number>;

/**
 * Every minute of the stats window, oldest first, with a count per outcome: GET /v1/decisions/stats answers only
 * the minutes that had decisions, and a chart needs the quiet minutes as zeros.
 */
export function minuteSeries(stats: {
  from: string;
  minutes: number;
  perMinute: Array<{ minute: string; outcome: string; count: number }>;
}): MinuteSlot[] {
  const start = Date.parse(stats.from);
  const series: MinuteSlot[] = Array.from({ length: stats.minutes }, (_, index) => ({
    minute: new Date(start + index * 60_000),
    APPROVE: 0,
    STEP_UP: 0,
    REVIEW: 0,
    DECLINE: 0,
  }));
  for (const row of stats.perMinute) {
    const slot = series[Math.round((Date.parse(row.minute) - start) / 60_000)];
    if (slot && (OUTCOMES as readonly string[]).includes(row.outcome))
      slot[row.outcome as Outcome] += row.count;
  }
  return series;
}
