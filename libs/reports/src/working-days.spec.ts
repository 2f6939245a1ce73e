import { describe, expect, it } from 'vitest';
import { DomainError } from '@app/common';
import { addWorkingDays, calendarOf, isWorkingDay } from './working-days.js';

function holidays(
  from: string,
  to: string,
  kind: 'HOLIDAY' = 'HOLIDAY',
): Array<{ day: string; kind: 'HOLIDAY' }> {
  const rows = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000)
    rows.push({ day: new Date(at).toISOString().slice(0, 10), kind });
  return rows;
}

// the 2026 National Day block as seeded: 1–7 Oct off, Sun 20 Sep and Sat 10 Oct are working days
const calendar2026 = calendarOf([
  ...holidays('2026-10-01', '2026-10-07'),
  { day: '2026-09-20', kind: 'MAKEUP_WORKDAY' },
  { day: '2026-10-10', kind: 'MAKEUP_WORKDAY' },
  ...holidays('2026-09-25', '2026-09-27'),
]);

describe(addWorkingDays.name, () => {
  it('counts Monday to Friday and skips a weekend', () => {
    expect(addWorkingDays('2026-11-25', 5, calendar2026)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-27', 1, calendar2026)).toBe('2026-11-30');
  });

  it('skips the National Day holiday and counts the make-up Saturday as a working day', () => {
    // Tue 29 Sep, Wed 30 Sep, (1–7 Oct off), Thu 8 Oct, Fri 9 Oct, Sat 10 Oct (make-up)
    expect(addWorkingDays('2026-09-28', 5, calendar2026)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 1, calendar2026)).toBe('2026-10-08');
  });

  it('counts a make-up Sunday as a working day', () => {
    expect(isWorkingDay('2026-09-20', calendar2026)).toBe(true);
    expect(addWorkingDays('2026-09-19', 1, calendar2026)).toBe('2026-09-20');
  });

  it('treats a holiday on a weekday as non-working', () => {
    expect(isWorkingDay('2026-09-25', calendar2026)).toBe(false);
    expect(addWorkingDays('2026-09-24', 1, calendar2026)).toBe('2026-09-28');
  });

  it('refuses a deadline that runs into a year the calendar does not cover', () => {
    expect(() => addWorkingDays('2026-12-28', 5, calendar2026)).toThrow(DomainError);
    expect(() => addWorkingDays('2026-12-28', 5, calendar2026)).toThrow(/no entries for 2027/);
  });
});
