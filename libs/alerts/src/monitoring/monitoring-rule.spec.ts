import { describe, expect, it } from 'vitest';
import { DomainError } from '@app/common';
import { findingDedupKey, MONITORING_DEFAULTS, resolveMonitoringParameters } from './monitoring-rule.js';

describe(resolveMonitoringParameters.name, () => {
  it('lays the stored keys over the defaults and keeps the rest', () => {
    const resolved = resolveMonitoringParameters({ R11: { minPayments: 4 }, R12: { everydayMccs: ['5812'] } });
    expect(resolved.R11).toEqual({ ...MONITORING_DEFAULTS.R11, minPayments: 4 });
    expect(resolved.R12.everydayMccs).toEqual(['5812']);
    expect(resolved.R08).toEqual(MONITORING_DEFAULTS.R08);
    expect(MONITORING_DEFAULTS.R11.minPayments).toBe(3);
  });
  it('answers the defaults when nothing is stored', () => {
    expect(resolveMonitoringParameters(undefined)).toEqual(MONITORING_DEFAULTS);
  });
  it('refuses values of the wrong kind and unknown keys, with their paths', () => {
    try {
      resolveMonitoringParameters({ R08: { minDistinctPayers: '20', surprise: 1 }, R12: { everydayMccs: [5812] }, R17: { defaultNormsFen: { '5812': -1 } }, R20: 3 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('CONFIGURATION_INVALID');
      expect((error as DomainError).details.map((detail) => detail.path)).toEqual(['R08.minDistinctPayers', 'R08.surprise', 'R12.everydayMccs', 'R17.defaultNormsFen', 'R20']);
    }
  });
});

describe(findingDedupKey.name, () => {
  it('keys a finding by subject, rule and window', () => {
    expect(findingDedupKey({ subject: 'merchant:M-1', ruleId: 'R11' }, '2026-11-24')).toBe('merchant:M-1|R11|2026-11-24');
    expect(findingDedupKey({ subject: 'KAKAOPAY:kp-1', ruleId: 'R12' }, '2026-11-24')).toBe('KAKAOPAY:kp-1|R12|2026-11-24');
  });
});
