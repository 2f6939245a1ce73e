import { beijingDayStart, beijingPeriods, DomainError } from '@app/common';
import type { ReportType } from './report-model.js';

/** Report periods: LTR a Beijing day (YYYY-MM-DD), STATS a Beijing month (YYYY-MM), OVERDUE_ALERTS an ISO week (YYYY-Www). */
export type ScheduledReportType = 'LTR' | 'STATS' | 'OVERDUE_ALERTS';

const DAY_MS = 86_400_000;

export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period a scheduled run at `at` reports on: the previous Beijing day or month, or the current ISO week. */
export function scheduledPeriod(type: ScheduledReportType, at: Date): string {
  const beijing = beijingPeriods(at);
  switch (type) {
    case 'LTR':
      return beijingPeriods(new Date(beijingDayStart(beijing.day).getTime() - 1)).day;
    case 'STATS':
      return beijingPeriods(new Date(beijingDayStart(`${beijing.month}-01`).getTime() - 1)).month;
    case 'OVERDUE_ALERTS':
      return isoWeek(beijing.day);
  }
}

/** The UTC bounds of a period; refuses malformed periods. */
export function periodBounds(type: ReportType, period: string): { start: Date; end: Date } {
  if (
    type === 'LTR' &&
    /^\d{4}-\d{2}-\d{2}$/.test(period) &&
    !Number.isNaN(Date.parse(`${period}T12:00:00Z`)) &&
    beijingPeriods(new Date(Date.parse(`${period}T12:00:00Z`))).day === period
  ) {
    const start = beijingDayStart(period);
    return { start, end: new Date(start.getTime() + DAY_MS) };
  }
  if (type === 'STATS' && /^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
    const [year, month] = period.split('-').map(Number);
    const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
    return { start: beijingDayStart(`${period}-01`), end: beijingDayStart(`${next}-01`) };
  }
  if (type === 'OVERDUE_ALERTS' && /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(period)) {
    const [year, week] = [Number(period.slice(0, 4)), Number(period.slice(6))];
    const jan4 = new Date(Date.UTC(year, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS + (week - 1) * 7 * DAY_MS);
    const start = beijingDayStart(monday.toISOString().slice(0, 10));
    return { start, end: new Date(start.getTime() + 7 * DAY_MS) };
  }
  throw new DomainError('VALIDATION_FAILED', `Invalid period "${period}" for a ${type} report`, [
    {
      path: 'period',
      message:
        type === 'LTR'
          ? 'a day, YYYY-MM-DD'
          : type === 'STATS'
            ? 'a month, YYYY-MM'
            : type === 'OVERDUE_ALERTS'
              ? 'an ISO week, YYYY-Www'
              : 'not a scheduled report type',
    },
  ]);
}
