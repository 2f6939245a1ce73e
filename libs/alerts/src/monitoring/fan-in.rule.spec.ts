import { describe, expect, it } from 'vitest';
import { fanInRule, percentile } from './fan-in.rule.js';
import { MONITORING_DEFAULTS } from './monitoring-rule.js';

const merchant = (distinctPayers: number, hourlyHistory: number[] = []) => ({ merchantId: 'M-1', distinctPayers, hourlyHistory, transactionIds: ['T1'] });

describe(fanInRule.name, () => {
  it('raises at the floor of 20 distinct payers for a merchant with a quiet history, not at 19', () => {
    expect(fanInRule([merchant(19, [1, 2, 3])], MONITORING_DEFAULTS.R08)).toEqual([]);
    const [finding] = fanInRule([merchant(20, [1, 2, 3])], MONITORING_DEFAULTS.R08);
    expect(finding).toMatchObject({ ruleId: 'R08', subject: 'merchant:M-1', priority: 'HIGH', facts: { threshold: 20, hourlyP95: 3 } });
  });
  it('uses 5 × the hourly p95 when that is above the floor', () => {
    const busy = Array.from({ length: 100 }, (_, index) => (index < 95 ? 8 : 40));
    expect(percentile(busy, 0.95)).toBe(8);
    expect(fanInRule([merchant(39, busy)], MONITORING_DEFAULTS.R08)).toEqual([]);
    expect(fanInRule([merchant(40, busy)], MONITORING_DEFAULTS.R08)[0].facts).toMatchObject({ threshold: 40 });
    expect(fanInRule([merchant(41, busy)], MONITORING_DEFAULTS.R08)).toHaveLength(1);
  });
});
