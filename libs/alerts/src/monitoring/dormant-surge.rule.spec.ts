import { describe, expect, it } from 'vitest';
import { dormantSurgeRule } from './dormant-surge.rule.js';
import { MONITORING_DEFAULTS } from './monitoring-rule.js';

const parameters = MONITORING_DEFAULTS.R19;
const windowStart = new Date('2026-11-24T16:00:00Z');
const merchant = (dormantDays: number, dayYuan: number) => ({
  merchantId: 'M-1',
  dayTotalCnyFen: dayYuan * 100,
  dayPayments: 3,
  lastActiveAt: new Date(windowStart.getTime() - dormantDays * 86_400_000),
  // CNY 1,000 a day over 20 active days
  priorTotalCnyFen: 20 * 100_000,
  priorActiveDays: 20,
});

describe(dormantSurgeRule.name, () => {
  it('raises after 90 dormant days at 10 × the prior daily average', () => {
    expect(dormantSurgeRule([merchant(90, 10_000)], windowStart, parameters)[0]).toMatchObject({ ruleId: 'R19', facts: { dormantDays: 90, priorDailyAverageCnyFen: 100_000 } });
    expect(dormantSurgeRule([merchant(200, 50_000)], windowStart, parameters)).toHaveLength(1);
  });
  it('stays silent below either threshold and for new merchants', () => {
    expect(dormantSurgeRule([merchant(89, 50_000)], windowStart, parameters)).toEqual([]);
    expect(dormantSurgeRule([merchant(120, 9_999)], windowStart, parameters)).toEqual([]);
    expect(dormantSurgeRule([{ ...merchant(120, 50_000), lastActiveAt: null, priorActiveDays: 0, priorTotalCnyFen: 0 }], windowStart, parameters)).toEqual([]);
  });
});
