import { describe, expect, it } from 'vitest';
import { MONITORING_DEFAULTS } from './monitoring-rule.js';
import { passThroughRule } from './pass-through.rule.js';

const parameters = MONITORING_DEFAULTS.R20;
const merchant = (inflowYuan: number, reversedYuan: number, reversed = 3) => ({
  merchantId: 'M-1',
  inflowCnyFen: inflowYuan * 100,
  reversedCnyFen: reversedYuan * 100,
  reversedTransactionIds: Array.from({ length: reversed }, (_, index) => `T${index}`),
});

describe(passThroughRule.name, () => {
  it('raises when 80 % of a CNY 10,000 day is reversed the same day in 3 payments', () => {
    expect(passThroughRule([merchant(10_000, 8_000)], parameters)[0]).toMatchObject({ ruleId: 'R20', subject: 'merchant:M-1', facts: { reversedShare: 0.8 } });
    expect(passThroughRule([merchant(50_000, 49_000)], parameters)).toHaveLength(1);
  });
  it('stays silent below the share, the inflow or the number of reversals', () => {
    expect(passThroughRule([merchant(10_000, 7_999)], parameters)).toEqual([]);
    expect(passThroughRule([merchant(9_999, 9_999)], parameters)).toEqual([]);
    expect(passThroughRule([merchant(10_000, 10_000, 2)], parameters)).toEqual([]);
  });
});
