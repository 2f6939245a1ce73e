import { describe, expect, it } from 'vitest';
import { MONITORING_DEFAULTS } from './monitoring-rule.js';
import { roundAmountKind, roundAmountsRule } from './round-amounts.rule.js';

const parameters = MONITORING_DEFAULTS.R11;
const pay = (transactionId: string, yuan: number, merchantId = 'M-1') => ({ transactionId, merchantId, amountCnyFen: Math.round(yuan * 100) });

describe(roundAmountsRule.name, () => {
  it('classifies multiples of CNY 1,000 and 999-endings', () => {
    expect(roundAmountKind(100_000, parameters)).toBe('ROUND');
    expect(roundAmountKind(500_000, parameters)).toBe('ROUND');
    expect(roundAmountKind(999_900, parameters)).toBe('NINES');
    expect(roundAmountKind(99_900, parameters)).toBe('NINES');
    expect(roundAmountKind(99_000, parameters)).toBeNull();
    expect(roundAmountKind(100_001, parameters)).toBeNull();
    expect(roundAmountKind(26_800, parameters)).toBeNull();
  });
  it('raises at 3 round amounts at one merchant, not at 2, and not across merchants', () => {
    expect(roundAmountsRule([pay('T1', 1000), pay('T2', 9999)], parameters)).toEqual([]);
    expect(roundAmountsRule([pay('T1', 1000), pay('T2', 9999), pay('T3', 2000, 'M-2')], parameters)).toEqual([]);
    const [finding] = roundAmountsRule([pay('T1', 1000), pay('T2', 9999), pay('T3', 3000), pay('T4', 268)], parameters);
    expect(finding).toMatchObject({ ruleId: 'R11', subject: 'merchant:M-1', facts: { roundPayments: 2, nineStylePayments: 1 }, transactionIds: ['T1', 'T2', 'T3'] });
    expect(roundAmountsRule([pay('T1', 1000), pay('T2', 2000), pay('T3', 3000), pay('T4', 4000)], parameters)[0].transactionIds).toHaveLength(4);
  });
});
