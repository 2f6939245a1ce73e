import { describe, expect, it } from 'vitest';
import { minuteSeries } from './decision-series';
import { minorUnits } from './ui';

describe(minuteSeries.name, () => {
  it('gives every minute of the window, quiet minutes as zeros, and adds the counts of the minutes the API answered', () => {
    const series = minuteSeries({
      from: '2026-11-25T02:00:00.000Z',
      minutes: 3,
      perMinute: [
        { minute: '2026-11-25T02:00Z', outcome: 'APPROVE', count: 4 },
        { minute: '2026-11-25T02:02Z', outcome: 'REVIEW', count: 1 },
        { minute: '2026-11-25T02:02Z', outcome: 'DECLINE', count: 2 },
      ],
    });
    expect(series.map((slot) => slot.minute.toISOString())).toEqual([
      '2026-11-25T02:00:00.000Z',
      '2026-11-25T02:01:00.000Z',
      '2026-11-25T02:02:00.000Z',
    ]);
    expect(
      series.map(({ APPROVE, STEP_UP, REVIEW, DECLINE }) => [APPROVE, STEP_UP, REVIEW, DECLINE]),
    ).toEqual([
      [4, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 1, 2],
    ]);
  });

  it('ignores minutes outside the window and outcomes it does not know', () => {
    const series = minuteSeries({
      from: '2026-11-25T02:00:00.000Z',
      minutes: 1,
      perMinute: [
        { minute: '2026-11-25T01:59Z', outcome: 'APPROVE', count: 4 },
        { minute: '2026-11-25T02:00Z', outcome: 'SOMETHING_NEW', count: 1 },
      ],
    });
    expect(series).toEqual([
      { minute: new Date('2026-11-25T02:00:00.000Z'), APPROVE: 0, STEP_UP: 0, REVIEW: 0, DECLINE: 0 },
    ]);
  });
});

describe(minorUnits.name, () => {
  it('writes minor units as a decimal amount with thousands separators', () => {
    expect(minorUnits(3722, 'USD')).toBe('37.22 USD');
    expect(minorUnits(100_000_000, 'USD')).toBe('1,000,000.00 USD');
    expect(minorUnits(5, 'CNY')).toBe('0.05 CNY');
    expect(minorUnits(0, 'USD')).toBe('0.00 USD');
    expect(minorUnits(-150, 'USD')).toBe('-1.50 USD');
  });
});
