import { describe, expect, it } from 'vitest';
import { MONITORING_DEFAULTS } from './monitoring-rule.js';
import { nightTimeRule } from './night-time.rule.js';

const parameters = MONITORING_DEFAULTS.R12;
// Beijing = UTC+8: 2026-11-24T16:00Z is 00:00 Beijing on the 25th
const pay = (transactionId: string, utc: string, yuan: number, mcc = '5944') => ({ transactionId, payerKey: 'KAKAOPAY:kp-1', merchantId: 'M-1', mcc, occurredAt: new Date(utc), amountCnyFen: yuan * 100 });

describe(nightTimeRule.name, () => {
  it('raises for CNY 2,000 at 00:00 and 05:59 Beijing outside everyday MCCs, one finding per payer', () => {
    const findings = nightTimeRule([pay('T1', '2026-11-24T16:00:00Z', 2000), pay('T2', '2026-11-24T21:59:00Z', 5000)], parameters);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'R12', subject: 'KAKAOPAY:kp-1', payerKey: 'KAKAOPAY:kp-1', transactionIds: ['T1', 'T2'] });
  });
  it('ignores CNY 1,999.99, 06:00 Beijing, 23:59 Beijing and everyday MCCs', () => {
    expect(nightTimeRule([{ ...pay('T1', '2026-11-24T17:00:00Z', 0), amountCnyFen: 199_999 }], parameters)).toEqual([]);
    expect(nightTimeRule([pay('T2', '2026-11-24T22:00:00Z', 9000)], parameters)).toEqual([]);
    expect(nightTimeRule([pay('T3', '2026-11-24T15:59:00Z', 9000)], parameters)).toEqual([]);
    expect(nightTimeRule([pay('T4', '2026-11-24T18:00:00Z', 9000, '5812')], parameters)).toEqual([]);
  });
});
