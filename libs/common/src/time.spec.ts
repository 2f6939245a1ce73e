import { describe, expect, it } from 'vitest';
import { beijingDayStart, beijingHour, beijingPeriods } from './time.js';

describe(beijingPeriods.name, () => {
  it('puts an instant after 16:00 UTC into the next Beijing day', () => {
    expect(beijingPeriods(new Date('2026-11-25T16:30:00Z'))).toEqual({ day: '2026-11-26', month: '2026-11', year: '2026' });
    expect(beijingPeriods(new Date('2026-11-25T15:59:59.999Z')).day).toBe('2026-11-25');
  });

  it('rolls month and year at Beijing midnight', () => {
    expect(beijingPeriods(new Date('2026-12-31T16:00:00Z'))).toEqual({ day: '2027-01-01', month: '2027-01', year: '2027' });
  });

  it('gives the Beijing hour and the UTC start of a Beijing day', () => {
    expect(beijingHour(new Date('2026-11-25T18:00:00Z'))).toBe(2);
    expect(beijingDayStart('2026-11-26').toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });
});
