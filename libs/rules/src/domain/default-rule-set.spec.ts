import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from './default-rule-set.js';
import { validateRuleSetDefinition } from './validate-rule-set.js';

describe('DEFAULT_RULE_SET', () => {
  it('passes its own validation', () => {
    expect(validateRuleSetDefinition(DEFAULT_RULE_SET)).toMatchObject({ ok: true });
  });

  it('holds the DOMAIN.md tier limits in USD cents', () => {
    expect(DEFAULT_RULE_SET.tiers.T0).toEqual({
      perPayment: 10_000,
      daily: 30_000,
      monthly: 100_000,
      annual: 200_000,
    });
    expect(DEFAULT_RULE_SET.tiers.T2).toEqual({
      perPayment: 500_000,
      daily: 1_000_000,
      monthly: 2_000_000,
      annual: 5_000_000,
    });
    expect(DEFAULT_RULE_SET.tiers.TX).toEqual({ perPayment: 0, daily: 0, monthly: 0, annual: 0 });
  });

  it('lists the 22 FATF grey-list jurisdictions of February 2026 plus Myanmar', () => {
    const { greyList, callForAction } = DEFAULT_RULE_SET.jurisdictions;
    expect(greyList).toHaveLength(23);
    expect(greyList).toEqual(expect.arrayContaining(['KW', 'PG', 'VN', 'VG', 'MM']));
    expect(callForAction).toEqual(['KP', 'IR']);
    expect(greyList.filter((c) => callForAction.includes(c))).toEqual([]);
  });

  it('cannot be changed in place', () => {
    expect(Object.isFrozen(DEFAULT_RULE_SET.rules.R03)).toBe(true);
    expect(() => {
      (DEFAULT_RULE_SET.rules.R03 as { stepUpAt: number }).stepUpAt = 1;
    }).toThrow(TypeError);
  });
});
