/**
 * Test builders for the rules engine (used by specs here and elsewhere; not part of the public index).
 * Defaults describe an ordinary payment: a long-standing Korean T1 payer paying CNY 268.00 (USD 37.22) at a
 * Shanghai restaurant at 10:15 Beijing time on 2026-11-25, nothing used yet, no block.
 */
import type {
  PartyHistory,
  PastPayment,
  PaymentFacts,
  Reason,
  RuleEvaluation,
  ScreeningSignal,
} from './evaluation.js';
import { DEFAULT_RULE_SET } from './default-rule-set.js';
import type { EvaluatePaymentInput } from './evaluate-payment.js';
import type { RuleSet, RuleSetDefinition } from './rule-set.js';

export const NOW = new Date('2026-11-25T02:15:00.000Z');

export function minutesBefore(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() - minutes * 60_000);
}

export function hoursBefore(instant: Date, hours: number): Date {
  return minutesBefore(instant, hours * 60);
}

export function daysBefore(instant: Date, days: number): Date {
  return hoursBefore(instant, days * 24);
}

export function aPayment(overrides: Partial<PaymentFacts> = {}): PaymentFacts {
  return {
    transactionId: 'CPG-20261125-000001',
    occurredAt: NOW,
    amountUsdCents: 3_722,
    amountCnyFen: 26_800,
    qrType: 'DYNAMIC',
    payerKey: 'KAKAOPAY:kp-8812',
    kycLevel: 'T1',
    walletProvider: 'KAKAOPAY',
    payerNationality: 'KR',
    payerResidenceCountry: 'KR',
    ipCountry: 'KR',
    merchantId: 'M-310000-0091',
    merchantMcc: '5812',
    merchantCity: 'Shanghai',
    merchantCountry: 'CN',
    ...overrides,
  };
}

let pastSequence = 0;

/** An earlier payment; `minutesAgo` is measured from `before` (default NOW). */
export function aPastPayment(
  overrides: Partial<PastPayment> & { minutesAgo?: number; before?: Date } = {},
): PastPayment {
  const { minutesAgo = 60, before = NOW, ...rest } = overrides;
  pastSequence += 1;
  return {
    transactionId: `CPG-PAST-${String(pastSequence).padStart(6, '0')}`,
    occurredAt: minutesBefore(before, minutesAgo),
    amountUsdCents: 3_722,
    merchantId: 'M-310000-0091',
    decision: 'APPROVE',
    ...rest,
  };
}

/** `count` earlier payments, the latest `startMinutesAgo` before `before`, then every `everyMinutes` earlier. */
export function pastPayments(
  count: number,
  options: Partial<PastPayment> & { startMinutesAgo?: number; everyMinutes?: number; before?: Date } = {},
): PastPayment[] {
  const { startMinutesAgo = 1, everyMinutes = 1, before = NOW, transactionId, ...rest } = options;
  return Array.from({ length: count }, (_, i) =>
    aPastPayment({
      ...rest,
      ...(transactionId === undefined ? {} : { transactionId: `${transactionId}-${i + 1}` }),
      before,
      minutesAgo: startMinutesAgo + i * everyMinutes,
    }),
  );
}

export function aHistory(overrides: Partial<PartyHistory> = {}): PartyHistory {
  return {
    firstSeenAt: new Date('2026-01-10T03:00:00.000Z'),
    recent: [],
    usage: { dayUsdCents: 0, monthUsdCents: 0, yearUsdCents: 0, staticQrDayCnyFen: 0 },
    block: null,
    merchantRecentDeclinedPayers: [],
    ...overrides,
  };
}

export function usage(overrides: Partial<PartyHistory['usage']> = {}): PartyHistory['usage'] {
  return { dayUsdCents: 0, monthUsdCents: 0, yearUsdCents: 0, staticQrDayCnyFen: 0, ...overrides };
}

/** The default rule set, copied, optionally changed. */
export function aRuleSet(change?: (definition: RuleSetDefinition) => void, version = 1): RuleSet {
  const definition = structuredClone(DEFAULT_RULE_SET);
  change?.(definition);
  return { version, definition };
}

export function aScreeningSignal(overrides: Partial<ScreeningSignal> = {}): ScreeningSignal {
  return {
    party: 'payer',
    band: 'STRONG',
    score: 0.95,
    list: 'UN_SC',
    sourceId: 'QDi.001',
    matchedName: 'TEST PERSON',
    ...overrides,
  };
}

export function anEvaluationInput(overrides: Partial<EvaluatePaymentInput> = {}): EvaluatePaymentInput {
  return { payment: aPayment(), history: aHistory(), ruleSet: aRuleSet(), screening: [], ...overrides };
}

/** The reasons an evaluation gives for one rule id. */
export function reasonsFor(evaluation: RuleEvaluation, ruleId: string): Reason[] {
  return evaluation.reasons.filter((r) => r.ruleId === ruleId);
}

export function ruleIdsOf(evaluation: RuleEvaluation): string[] {
  return evaluation.reasons.map((r) => r.ruleId);
}
