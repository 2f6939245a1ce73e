/**
 * Structural validation of a rule set definition submitted by an officer (JSON from the API or the database).
 * Hand-written so that every problem is reported with its path, at once. Unknown keys are refused: a typo
 * such as "R3" for "R03" must not silently leave a rule on its old parameters.
 */
import type { KycTier, RuleSetDefinition } from './rule-set.js';

export interface RuleSetValidationError {
  path: string;
  message: string;
}

export type RuleSetValidationResult =
  { ok: true; definition: RuleSetDefinition } | { ok: false; errors: RuleSetValidationError[] };

const KYC_TIERS: readonly KycTier[] = ['T0', 'T1', 'T2', 'T3', 'TX'];
const LIMIT_KEYS = ['perPayment', 'daily', 'monthly', 'annual'] as const;
const COUNTRY_CODE = /^[A-Z]{2}$/;
const MCC = /^\d{4}$/;

type Kind = 'boolean' | 'count' | 'amount' | 'fraction';

/** Each rule's parameters and their kind: count = integer ≥ 1, amount = integer ≥ 0, fraction = (0, 1]. */
const RULE_PARAMETERS: Record<keyof RuleSetDefinition['rules'], Record<string, Kind>> = {
  R03: { enabled: 'boolean', windowMinutes: 'count', stepUpAt: 'count', declineAt: 'count' },
  R04: { enabled: 'boolean', alertAt: 'count', reviewAt: 'count' },
  R05: { enabled: 'boolean', windowMinutes: 'count', minPayments: 'count' },
  R06: { enabled: 'boolean', windowDays: 'count', minPayments: 'count', fractionOfCap: 'fraction' },
  R07: {
    enabled: 'boolean',
    windowDays: 'count',
    dayTotalFromUsdCents: 'amount',
    dayTotalToUsdCents: 'amount',
    minDays: 'count',
  },
  R09: { enabled: 'boolean', perHour: 'count', perDay: 'count' },
  R13: { enabled: 'boolean', newForHours: 'count', singleUsdCents: 'amount', cumulativeUsdCents: 'amount' },
  R14: { enabled: 'boolean' },
  R15: { enabled: 'boolean', thresholdFactor: 'fraction' },
  R16: { enabled: 'boolean' },
  R18: {
    enabled: 'boolean',
    windowMinutes: 'count',
    payerDeclines: 'count',
    blockMinutes: 'count',
    merchantDistinctPayers: 'count',
  },
};

/** "lower ≤ upper" pairs checked once both are valid. */
const RULE_ORDERINGS: [keyof RuleSetDefinition['rules'], string, string][] = [
  ['R03', 'stepUpAt', 'declineAt'],
  ['R04', 'alertAt', 'reviewAt'],
  ['R07', 'dayTotalFromUsdCents', 'dayTotalToUsdCents'],
  ['R13', 'singleUsdCents', 'cumulativeUsdCents'],
];

const TOP_LEVEL_KEYS = [
  'kycLevelToTier',
  'tiers',
  'staticQrDailyCapCnyFen',
  'walletCountries',
  'jurisdictions',
  'mcc',
  'rules',
  'screening',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

class Collector {
  readonly errors: RuleSetValidationError[] = [];

  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  record(value: unknown, path: string): Record<string, unknown> | undefined {
    if (isRecord(value)) return value;
    this.add(path, value === undefined ? 'is required' : 'must be an object');
    return undefined;
  }

  keys(value: Record<string, unknown>, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.add(join(path, key), 'is not a known key');
    }
  }

  check(value: unknown, path: string, kind: Kind): boolean {
    const fail = (message: string): boolean => {
      this.add(path, value === undefined ? 'is required' : message);
      return false;
    };
    switch (kind) {
      case 'boolean':
        return typeof value === 'boolean' || fail('must be a boolean');
      case 'count':
        return (isAmount(value) && value >= 1) || fail('must be an integer of at least 1');
      case 'amount':
        return isAmount(value) || fail('must be a non-negative integer (minor units)');
      case 'fraction':
        return (
          (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 1) ||
          fail('must be a number in (0, 1]')
        );
    }
  }

  stringArray(value: unknown, path: string, pattern: RegExp, what: string): void {
    if (!Array.isArray(value)) {
      this.add(path, value === undefined ? 'is required' : 'must be an array');
      return;
    }
    const seen = new Set<unknown>();
    value.forEach((item, index) => {
      if (typeof item !== 'string' || !pattern.test(item)) this.add(`${path}[${index}]`, `must be ${what}`);
      else if (seen.has(item)) this.add(`${path}[${index}]`, `duplicates ${item}`);
      seen.add(item);
    });
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function validateRuleSetDefinition(input: unknown): RuleSetValidationResult {
  const c = new Collector();
  const root = c.record(input, '');
  if (!root) return { ok: false, errors: c.errors.map((e) => ({ ...e, path: e.path || '(root)' })) };
  c.keys(root, '', TOP_LEVEL_KEYS);

  const levels = c.record(root.kycLevelToTier, 'kycLevelToTier');
  if (levels) {
    for (const [level, tier] of Object.entries(levels)) {
      if (level.trim() === '') c.add('kycLevelToTier', 'KYC levels must be non-empty');
      if (!KYC_TIERS.includes(tier as KycTier))
        c.add(`kycLevelToTier.${level}`, `must be one of ${KYC_TIERS.join(', ')}`);
    }
  }

  const tiers = c.record(root.tiers, 'tiers');
  if (tiers) {
    c.keys(tiers, 'tiers', KYC_TIERS);
    for (const tier of KYC_TIERS) {
      const limits = c.record(tiers[tier], `tiers.${tier}`);
      if (!limits) continue;
      c.keys(limits, `tiers.${tier}`, LIMIT_KEYS);
      const valid = LIMIT_KEYS.map((key) => c.check(limits[key], `tiers.${tier}.${key}`, 'amount')).every(
        Boolean,
      );
      if (!valid) continue;
      for (let i = 1; i < LIMIT_KEYS.length; i++) {
        const lower = LIMIT_KEYS[i - 1];
        const upper = LIMIT_KEYS[i];
        if ((limits[lower] as number) > (limits[upper] as number))
          c.add(`tiers.${tier}.${lower}`, `must not exceed ${upper}`);
      }
    }
  }

  if (root.staticQrDailyCapCnyFen !== null) {
    c.check(root.staticQrDailyCapCnyFen, 'staticQrDailyCapCnyFen', 'amount');
  }

  const wallets = c.record(root.walletCountries, 'walletCountries');
  if (wallets) {
    for (const [wallet, country] of Object.entries(wallets)) {
      if (typeof country !== 'string' || !COUNTRY_CODE.test(country)) {
        c.add(`walletCountries.${wallet}`, 'must be an ISO 3166-1 alpha-2 code in upper case');
      }
    }
  }

  const jurisdictions = c.record(root.jurisdictions, 'jurisdictions');
  if (jurisdictions) {
    c.keys(jurisdictions, 'jurisdictions', ['callForAction', 'greyList']);
    const iso = 'an ISO 3166-1 alpha-2 code in upper case';
    c.stringArray(jurisdictions.callForAction, 'jurisdictions.callForAction', COUNTRY_CODE, iso);
    c.stringArray(jurisdictions.greyList, 'jurisdictions.greyList', COUNTRY_CODE, iso);
  }

  const mcc = c.record(root.mcc, 'mcc');
  if (mcc) {
    c.keys(mcc, 'mcc', ['declined', 'highRisk']);
    c.stringArray(mcc.declined, 'mcc.declined', MCC, 'a 4-digit merchant category code');
    c.stringArray(mcc.highRisk, 'mcc.highRisk', MCC, 'a 4-digit merchant category code');
  }

  const rules = c.record(root.rules, 'rules');
  if (rules) {
    c.keys(rules, 'rules', Object.keys(RULE_PARAMETERS));
    const validRules = new Set<string>();
    for (const [ruleId, parameters] of Object.entries(RULE_PARAMETERS)) {
      const path = `rules.${ruleId}`;
      const rule = c.record(rules[ruleId], path);
      if (!rule) continue;
      c.keys(rule, path, Object.keys(parameters));
      const valid = Object.entries(parameters)
        .map(([key, kind]) => c.check(rule[key], `${path}.${key}`, kind))
        .every(Boolean);
      if (valid) validRules.add(ruleId);
    }
    for (const [ruleId, lower, upper] of RULE_ORDERINGS) {
      if (!validRules.has(ruleId)) continue;
      const rule = rules[ruleId] as Record<string, number>;
      if (rule[lower] > rule[upper]) c.add(`rules.${ruleId}.${lower}`, `must not exceed ${upper}`);
    }
  }

  const screening = c.record(root.screening, 'screening');
  if (screening) {
    c.keys(screening, 'screening', ['review', 'strong']);
    const reviewOk = checkThreshold(c, screening.review, 'screening.review');
    const strongOk = checkThreshold(c, screening.strong, 'screening.strong');
    if (reviewOk && strongOk && (screening.review as number) >= (screening.strong as number)) {
      c.add('screening.review', 'must be below screening.strong');
    }
  }

  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, definition: structuredClone(root) as unknown as RuleSetDefinition };
}

function checkThreshold(c: Collector, value: unknown, path: string): boolean {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1) return true;
  c.add(path, value === undefined ? 'is required' : 'must be a number in [0, 1]');
  return false;
}
