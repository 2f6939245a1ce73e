import { type BeijingPeriods, centsToDecimal } from '@app/common';
import type { AlertAction, PartyHistory, PastPayment, PaymentFacts, Reason } from './evaluation.js';
import type { KycTier, RuleAction, RuleSetDefinition, TierLimits } from './rule-set.js';

/**
 * What every rule sees: the payment, the party history snapshot, the rule set, and the values derived once
 * from them (the tier after R14/R15, the effective per-payment cap after R16). Built by evaluatePayment.
 */
export interface RuleContext {
  payment: PaymentFacts;
  history: PartyHistory;
  definition: RuleSetDefinition;
  /** payment.occurredAt: the evaluation never reads the clock */
  now: Date;
  periods: BeijingPeriods;
  tier: KycTier;
  limits: TierLimits;
  /** the tier's per-payment cap, halved at a high-risk MCC when R16 is enabled (USD cents) */
  perPaymentCap: number;
  /** R15: 1, or the grey-list factor applied to the velocity count thresholds */
  thresholdFactor: number;
  /** the payer's earlier payments not declined, at or before now, this transaction excluded, oldest first */
  counted: PastPayment[];
  /** the payer's earlier declined payments, at or before now, this transaction excluded, oldest first */
  declined: PastPayment[];
}

export interface AlertSpec {
  /** raise the alert even when the finding is not the decision's main reason */
  raise: boolean;
  priority: AlertAction['priority'];
  type: AlertAction['type'];
  /** payer key, or merchant:<id> */
  subject: string;
  /** Beijing day, period bucket or transaction id: keeps one alert per subject, rule and window */
  windowKey: string;
}

/** One rule's conclusion: the reason plus what follows from it. Rules return zero or more findings. */
export interface RuleFinding {
  reason: Reason;
  alert: AlertSpec;
  block?: { ruleId: string; reason: string; until: Date | null };
  draftStr?: boolean;
  /** sanctions: the match score (0–1), used by the risk score */
  matchScore?: number;
}

/** Ordering of actions by severity: the most severe finding decides the outcome. */
export const ACTION_SEVERITY: Record<RuleAction, number> = {
  ALLOW: 0,
  ALERT: 1,
  DRAFT_LTR: 1,
  DRAFT_STR: 1,
  STEP_UP: 2,
  HOLD: 3,
  DECLINE: 4,
  BLOCK: 5,
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

export function payerSubject(payment: PaymentFacts): string {
  return payment.payerKey;
}

export function merchantSubject(payment: PaymentFacts): string {
  return `merchant:${payment.merchantId}`;
}

/** Past payments in the sliding window (now − minutes, now]. */
export function withinMinutes(payments: readonly PastPayment[], now: Date, minutes: number): PastPayment[] {
  const from = now.getTime() - minutes * MINUTE_MS;
  return payments.filter((p) => p.occurredAt.getTime() > from);
}

export function withinHours(payments: readonly PastPayment[], now: Date, hours: number): PastPayment[] {
  return withinMinutes(payments, now, hours * 60);
}

export function withinDays(payments: readonly PastPayment[], now: Date, days: number): PastPayment[] {
  const from = now.getTime() - days * DAY_MS;
  return payments.filter((p) => p.occurredAt.getTime() > from);
}

/** Beijing calendar day number (days since 1970-01-01 in UTC+8, which has no DST): cheap to compare and group. */
export function beijingDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + BEIJING_OFFSET_MS) / DAY_MS);
}

export function onBeijingDay(payments: readonly PastPayment[], instant: Date): PastPayment[] {
  const day = beijingDayNumber(instant);
  return payments.filter((p) => beijingDayNumber(p.occurredAt) === day);
}

/** Fixed bucket of `minutes` containing the instant, as its UTC start: 2026-11-25T02:10Z. */
export function bucketKey(instant: Date, minutes: number): string {
  const size = minutes * MINUTE_MS;
  const start = Math.floor(instant.getTime() / size) * size;
  return `${new Date(start).toISOString().slice(0, 16)}Z`;
}

/** R15: count thresholds × factor, rounded up, never below 1. Factor 1 leaves the threshold unchanged. */
export function scaleThreshold(threshold: number, factor: number): number {
  if (factor === 1) return threshold;
  // toFixed guards against binary noise (0.1 × 30 = 3.0000000000000004)
  return Math.max(1, Math.ceil(Number((threshold * factor).toFixed(9))));
}

/** ceil(value × fraction) without binary noise (100000 × 0.9 must be 90000). */
export function fractionOf(value: number, fraction: number): number {
  return Math.ceil(Number((value * fraction).toFixed(6)));
}

function groupThousands(decimal: string): string {
  const [whole = '0', fraction] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** 120000 → "USD 1,200.00" */
export function formatUsd(cents: number): string {
  return `USD ${groupThousands(centsToDecimal(cents))}`;
}

/** 50000 → "CNY 500.00" */
export function formatCny(fen: number): string {
  return `CNY ${groupThousands(centsToDecimal(fen))}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
