import { DomainError } from '@app/common';

/**
 * The PRC working-day calendar as data (calendar_days, maintained by officers from the State Council's yearly
 * notice): weekends are non-working unless a MAKEUP_WORKDAY, weekdays are working unless a HOLIDAY.
 */
export type CalendarDayKind = 'HOLIDAY' | 'MAKEUP_WORKDAY';

export interface WorkingDayCalendar {
  /** YYYY-MM-DD → kind */
  days: ReadonlyMap<string, CalendarDayKind>;
  /** years (YYYY) the calendar covers; a deadline computed through any other year is refused */
  years: ReadonlySet<string>;
}

export function calendarOf(rows: ReadonlyArray<{ day: string; kind: CalendarDayKind }>): WorkingDayCalendar {
  return {
    days: new Map(rows.map((row) => [row.day, row.kind])),
    years: new Set(rows.map((row) => row.day.slice(0, 4))),
  };
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, calendar: WorkingDayCalendar): boolean {
  if (!calendar.years.has(day.slice(0, 4))) {
    throw new DomainError(
      'CONFIGURATION_INVALID',
      `The working-day calendar has no entries for ${day.slice(0, 4)}: add that year's holidays to calendar_days`,
    );
  }
  const kind = calendar.days.get(day);
  if (kind === 'HOLIDAY') return false;
  if (kind === 'MAKEUP_WORKDAY') return true;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `day` (n ≥ 1); `day` itself never counts. */
export function addWorkingDays(day: string, n: number, calendar: WorkingDayCalendar): string {
  if (!DAY_PATTERN.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw new DomainError('VALIDATION_FAILED', `Not a day: ${day}`);
  if (!Number.isInteger(n) || n < 0)
    throw new DomainError('VALIDATION_FAILED', `Working days must be a non-negative integer: ${n}`);
  let current = day;
  let remaining = n;
  while (remaining > 0) {
    current = shift(current, 1);
    if (isWorkingDay(current, calendar)) remaining -= 1;
  }
  return current;
}
