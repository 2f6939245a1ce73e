import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from './default-rule-set.js';
import { validateRuleSetDefinition } from './validate-rule-set.js';

const REMOVE = Symbol('remove');

/**
 * The default definition as plain JSON with edits applied: each edit sets (or removes) the value at a dotted
 * path; numeric segments index arrays.
 */
function definitionWith(...edits: [path: string, value: unknown][]): unknown {
  const definition: unknown = JSON.parse(JSON.stringify(DEFAULT_RULE_SET));
  for (const [path, value] of edits) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let target = definition as Record<string, unknown>;
    for (const key of keys) target = target[key] as Record<string, unknown>;
    if (value === REMOVE) delete target[last];
    else target[last] = value;
  }
  return definition;
}

function errorsOf(input: unknown): { path: string; message: string }[] {
  const result = validateRuleSetDefinition(input);
  return result.ok ? [] : result.errors;
}

describe(validateRuleSetDefinition.name, () => {
  it('accepts the default rule set and returns a copy', () => {
    const result = validateRuleSetDefinition(DEFAULT_RULE_SET);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition).toEqual(DEFAULT_RULE_SET);
    expect(result.definition).not.toBe(DEFAULT_RULE_SET);
    expect(Object.isFrozen(result.definition)).toBe(false);
  });

  it('accepts a switched-off static QR overlay', () => {
    expect(errorsOf(definitionWith(['staticQrDailyCapCnyFen', null]))).toEqual([]);
  });

  it('refuses something that is not an object', () => {
    expect(errorsOf('rules')).toEqual([{ path: '(root)', message: 'must be an object' }]);
    expect(errorsOf(null)).toEqual([{ path: '(root)', message: 'must be an object' }]);
    expect(errorsOf([])).toEqual([{ path: '(root)', message: 'must be an object' }]);
  });

  it('reports missing sections and unknown keys', () => {
    const errors = errorsOf(
      definitionWith(
        ['screening', REMOVE],
        ['extra', true],
        ['rules.R3', DEFAULT_RULE_SET.rules.R03],
        ['rules.R03', REMOVE],
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'extra', message: 'is not a known key' },
        { path: 'rules.R3', message: 'is not a known key' },
        { path: 'rules.R03', message: 'is required' },
        { path: 'screening', message: 'is required' },
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it('requires every tier with non-negative integer limits in order', () => {
    const errors = errorsOf(
      definitionWith(
        ['tiers.TX', REMOVE],
        ['tiers.T0.perPayment', -1],
        ['tiers.T1.daily', 1000.5],
        ['tiers.T2.daily', '10000'],
        ['tiers.T3.perPayment', 300_000],
      ),
    );
    expect(errors).toEqual([
      { path: 'tiers.T0.perPayment', message: 'must be a non-negative integer (minor units)' },
      { path: 'tiers.T1.daily', message: 'must be a non-negative integer (minor units)' },
      { path: 'tiers.T2.daily', message: 'must be a non-negative integer (minor units)' },
      { path: 'tiers.T3.perPayment', message: 'must not exceed daily' },
      { path: 'tiers.TX', message: 'is required' },
    ]);
  });

  it('refuses KYC levels mapped to unknown tiers', () => {
    expect(errorsOf(definitionWith(['kycLevelToTier.GOLD', 'T9']))).toEqual([
      { path: 'kycLevelToTier.GOLD', message: 'must be one of T0, T1, T2, T3, TX' },
    ]);
  });

  it('refuses country codes that are not upper-case ISO alpha-2', () => {
    const errors = errorsOf(
      definitionWith(
        ['jurisdictions.callForAction', ['KP', 'ir']],
        ['jurisdictions.greyList.23', 'VNM'],
        ['walletCountries.KAKAOPAY', 'Korea'],
      ),
    );
    expect(errors).toEqual([
      { path: 'walletCountries.KAKAOPAY', message: 'must be an ISO 3166-1 alpha-2 code in upper case' },
      { path: 'jurisdictions.callForAction[1]', message: 'must be an ISO 3166-1 alpha-2 code in upper case' },
      { path: 'jurisdictions.greyList[23]', message: 'must be an ISO 3166-1 alpha-2 code in upper case' },
    ]);
  });

  it('refuses duplicate list entries', () => {
    expect(errorsOf(definitionWith(['jurisdictions.callForAction.2', 'KP']))).toEqual([
      { path: 'jurisdictions.callForAction[2]', message: 'duplicates KP' },
    ]);
  });

  it('refuses merchant category codes that are not 4 digits', () => {
    const errors = errorsOf(definitionWith(['mcc.declined.4', '799'], ['mcc.highRisk.5', 6051]));
    expect(errors).toEqual([
      { path: 'mcc.declined[4]', message: 'must be a 4-digit merchant category code' },
      { path: 'mcc.highRisk[5]', message: 'must be a 4-digit merchant category code' },
    ]);
  });

  it('checks every rule parameter by kind', () => {
    const errors = errorsOf(
      definitionWith(
        ['rules.R03.enabled', 'yes'],
        ['rules.R04.alertAt', 0],
        ['rules.R06.fractionOfCap', 1.5],
        ['rules.R15.thresholdFactor', 0],
        ['rules.R13.singleUsdCents', -100],
        ['rules.R18.blockMinutes', REMOVE],
        ['rules.R09.perMinute', 3],
      ),
    );
    expect(errors).toEqual([
      { path: 'rules.R03.enabled', message: 'must be a boolean' },
      { path: 'rules.R04.alertAt', message: 'must be an integer of at least 1' },
      { path: 'rules.R06.fractionOfCap', message: 'must be a number in (0, 1]' },
      { path: 'rules.R09.perMinute', message: 'is not a known key' },
      { path: 'rules.R13.singleUsdCents', message: 'must be a non-negative integer (minor units)' },
      { path: 'rules.R15.thresholdFactor', message: 'must be a number in (0, 1]' },
      { path: 'rules.R18.blockMinutes', message: 'is required' },
    ]);
  });

  it('refuses escalation thresholds in the wrong order', () => {
    const errors = errorsOf(
      definitionWith(
        ['rules.R03.stepUpAt', 9],
        ['rules.R04.alertAt', 60],
        ['rules.R07.dayTotalFromUsdCents', 1_000_000],
      ),
    );
    expect(errors).toEqual([
      { path: 'rules.R03.stepUpAt', message: 'must not exceed declineAt' },
      { path: 'rules.R04.alertAt', message: 'must not exceed reviewAt' },
      { path: 'rules.R07.dayTotalFromUsdCents', message: 'must not exceed dayTotalToUsdCents' },
    ]);
  });

  it('accepts equal escalation thresholds', () => {
    expect(errorsOf(definitionWith(['rules.R03.stepUpAt', 8]))).toEqual([]);
  });

  it('requires screening thresholds in [0, 1] with review below strong', () => {
    expect(errorsOf(definitionWith(['screening', { review: 0.92, strong: 0.92 }]))).toEqual([
      { path: 'screening.review', message: 'must be below screening.strong' },
    ]);
    expect(errorsOf(definitionWith(['screening', { review: -0.1, strong: 1.2 }]))).toEqual([
      { path: 'screening.review', message: 'must be a number in [0, 1]' },
      { path: 'screening.strong', message: 'must be a number in [0, 1]' },
    ]);
    expect(errorsOf(definitionWith(['screening', { review: 0, strong: 1 }]))).toEqual([]);
  });

  it('refuses a negative or fractional static QR cap', () => {
    expect(errorsOf(definitionWith(['staticQrDailyCapCnyFen', 500.5]))).toEqual([
      { path: 'staticQrDailyCapCnyFen', message: 'must be a non-negative integer (minor units)' },
    ]);
  });
});
