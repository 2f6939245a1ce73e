import { describe, expect, it } from 'vitest';
import { isoWeek, periodBounds, scheduledPeriod } from './periods.js';

describe(scheduledPeriod.name, () => {
  it('reports the previous Beijing day for the 01:00 Beijing LTR run, which is 17:00 UTC the day before', () => {
    expect(scheduledPeriod('LTR', new Date('2026-11-25T17:00:00Z'))).toBe('2026-11-25');
    expect(scheduledPeriod('LTR', new Date('2026-11-26T01:00:00+08:00'))).toBe('2026-11-25');
  });

  it('reports the previous month for the monthly statistics and the current ISO week for overdue alerts', () => {
    expect(scheduledPeriod('STATS', new Date('2026-12-01T02:00:00+08:00'))).toBe('2026-11');
    expect(scheduledPeriod('STATS', new Date('2027-01-01T02:00:00+08:00'))).toBe('2026-12');
    expect(scheduledPeriod('OVERDUE_ALERTS', new Date('2026-11-30T03:00:00+08:00'))).toBe('2026-W49');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
  });

  it('bounds a Beijing day, month and ISO week in UTC and refuses malformed periods', () => {
    expect(periodBounds('LTR', '2026-11-25')).toEqual({
      start: new Date('2026-11-24T16:00:00Z'),
      end: new Date('2026-11-25T16:00:00Z'),
    });
    expect(periodBounds('STATS', '2026-12').end).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(periodBounds('OVERDUE_ALERTS', '2026-W49').start).toEqual(new Date('2026-11-29T16:00:00Z'));
    expect(() => periodBounds('LTR', '2026-02-30')).toThrow(/Invalid period/);
    expect(() => periodBounds('LTR', '2026-13-45')).toThrow(/Invalid period/);
    expect(() => periodBounds('STATS', '2026-11-25')).toThrow(/Invalid period/);
  });
});
