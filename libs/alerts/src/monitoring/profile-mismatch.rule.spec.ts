import { describe, expect, it } from 'vitest';
import { MONITORING_DEFAULTS } from './monitoring-rule.js';
import { mccTicketNorms, profileMismatchRule } from './profile-mismatch.rule.js';

const parameters = MONITORING_DEFAULTS.R17;
const day = (payments: number, averageYuan: number, mcc = '5812') => ({ merchantId: 'M-1', mcc, payments, totalCnyFen: payments * averageYuan * 100 });

describe(profileMismatchRule.name, () => {
  const norms = mccTicketNorms([], parameters);
  it('raises at 5 × the MCC norm (restaurants CNY 150 → CNY 750), not below', () => {
    expect(profileMismatchRule([day(20, 749)], norms, parameters)).toEqual([]);
    expect(profileMismatchRule([day(20, 750)], norms, parameters)[0]).toMatchObject({ ruleId: 'R17', subject: 'merchant:M-1', facts: { mccNormCnyFen: 15_000, averageTicketCnyFen: 75_000 } });
    expect(profileMismatchRule([day(20, 3000)], norms, parameters)).toHaveLength(1);
  });
  it('needs 5 payments and CNY 10,000 that day, and a norm for the MCC', () => {
    expect(profileMismatchRule([day(4, 3000)], norms, parameters)).toEqual([]);
    expect(profileMismatchRule([day(5, 1000)], norms, parameters)).toEqual([]);
    expect(profileMismatchRule([day(20, 3000, '5999')], norms, parameters)).toEqual([]);
  });
  it('takes the median of ≥ 5 peers as the norm', () => {
    const peers = [100, 200, 300, 400, 500].map((yuan) => ({ mcc: '5999', averageCnyFen: yuan * 100 }));
    expect(mccTicketNorms(peers, parameters).get('5999')).toBe(30_000);
    expect(mccTicketNorms(peers.slice(0, 4), parameters).has('5999')).toBe(false);
  });
});
