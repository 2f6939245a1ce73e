/**
 * Velocity and typology rules of the authorisation path: R03, R04, R05, R06, R07, R09.
 *
 * Interpretation (common to all):
 * - "Payments" are the payer's earlier payments whose decision was not DECLINE (APPROVE, STEP_UP, REVIEW:
 *   attempts that went, or may go, through), plus this payment. Declined attempts count only for R18.
 * - Sliding windows are (occurredAt − window, occurredAt]; "Beijing day" is the calendar day in UTC+8.
 * - Count thresholds are "at or above", counting this payment: with stepUpAt 5, the 5th payment within
 *   10 minutes is stepped up. R15 scales every count threshold here (scaleThreshold).
 * - Alerts are keyed <payerKey>|<ruleId>|<window>: a fixed bucket of the window length for minute windows,
 *   the Beijing day for day and 7-day windows.
 *
 * Per rule:
 * - R03: count in windowMinutes ≥ declineAt → DECLINE + ALERT; else ≥ stepUpAt → STEP_UP (alert only when it
 *   is the main reason).
 * - R04: count in the Beijing day ≥ reviewAt → HOLD (REVIEW) + ALERT; else ≥ alertAt → ALERT.
 * - R05: at this merchant within windowMinutes, count ≥ minPayments and the sum > the per-payment cap (the
 *   tier's, halved at a high-risk MCC) → DECLINE this payment + ALERT.
 * - R06: this payment is ≥ fractionOfCap × the per-payment cap, and with the earlier such payments in
 *   windowDays the count is ≥ minPayments → ALERT. A payment below the fraction raises nothing, so the alert
 *   comes from the near-cap payment that completes the pattern.
 * - R07: day totals over the Beijing days of the window (today and the windowDays − 1 days before). Today's
 *   total is history.usage.dayUsdCents + this payment (the figure the daily limit uses); earlier days sum
 *   the counted payments. Today's total in [from, to] and ≥ minDays such days → ALERT (STR candidate, HIGH).
 * - R09: distinct merchants (this one included) in the last hour ≥ perHour, or in the Beijing day ≥ perDay
 *   → ALERT (one finding; the day window key when the daily threshold is reached, else the hour bucket).
 */
import type { PastPayment } from './evaluation.js';
import {
  type RuleContext,
  type RuleFinding,
  beijingDayNumber,
  bucketKey,
  formatUsd,
  fractionOf,
  onBeijingDay,
  payerSubject,
  plural,
  scaleThreshold,
  withinDays,
  withinHours,
  withinMinutes,
} from './rule-context.js';

/** "T1 per-payment limit", or "halved T1 per-payment limit" at a high-risk MCC (R16) */
function capWords(ctx: RuleContext): string {
  const halved = ctx.perPaymentCap !== ctx.limits.perPayment ? 'halved ' : '';
  return `${halved}${ctx.tier} per-payment limit`;
}

function sum(payments: readonly PastPayment[]): number {
  return payments.reduce((total, p) => total + p.amountUsdCents, 0);
}

export function rapidSuccessionRule(ctx: RuleContext): RuleFinding[] {
  const params = ctx.definition.rules.R03;
  if (!params.enabled) return [];
  const { payment, now } = ctx;
  const count = withinMinutes(ctx.counted, now, params.windowMinutes).length + 1;
  const declineAt = scaleThreshold(params.declineAt, ctx.thresholdFactor);
  const stepUpAt = scaleThreshold(params.stepUpAt, ctx.thresholdFactor);
  const windowKey = bucketKey(now, params.windowMinutes);
  const counted = `${plural(count, 'payment')} within ${params.windowMinutes} minutes`;
  if (count >= declineAt) {
    return [
      {
        reason: {
          code: 'VELOCITY',
          ruleId: 'R03',
          action: 'DECLINE',
          message: `${counted} (decline threshold ${declineAt})`,
        },
        alert: {
          raise: true,
          priority: 'MEDIUM',
          type: 'VELOCITY',
          subject: payerSubject(payment),
          windowKey,
        },
      },
    ];
  }
  if (count >= stepUpAt) {
    return [
      {
        reason: {
          code: 'VELOCITY',
          ruleId: 'R03',
          action: 'STEP_UP',
          message: `${counted} (step-up threshold ${stepUpAt})`,
        },
        alert: { raise: false, priority: 'LOW', type: 'VELOCITY', subject: payerSubject(payment), windowKey },
      },
    ];
  }
  return [];
}

export function dailyCountRule(ctx: RuleContext): RuleFinding[] {
  const params = ctx.definition.rules.R04;
  if (!params.enabled) return [];
  const { payment, now, periods } = ctx;
  const count = onBeijingDay(ctx.counted, now).length + 1;
  const reviewAt = scaleThreshold(params.reviewAt, ctx.thresholdFactor);
  const alertAt = scaleThreshold(params.alertAt, ctx.thresholdFactor);
  const counted = `${plural(count, 'payment')} in the Beijing day ${periods.day}`;
  if (count >= reviewAt) {
    return [
      {
        reason: {
          code: 'VELOCITY',
          ruleId: 'R04',
          action: 'HOLD',
          message: `${counted} (review threshold ${reviewAt})`,
        },
        alert: {
          raise: true,
          priority: 'MEDIUM',
          type: 'VELOCITY',
          subject: payerSubject(payment),
          windowKey: periods.day,
        },
      },
    ];
  }
  if (count >= alertAt) {
    return [
      {
        reason: {
          code: 'VELOCITY',
          ruleId: 'R04',
          action: 'ALERT',
          message: `${counted} (alert threshold ${alertAt})`,
        },
        alert: {
          raise: true,
          priority: 'LOW',
          type: 'VELOCITY',
          subject: payerSubject(payment),
          windowKey: periods.day,
        },
      },
    ];
  }
  return [];
}

export function splitPaymentRule(ctx: RuleContext): RuleFinding[] {
  const params = ctx.definition.rules.R05;
  if (!params.enabled) return [];
  const { payment, now } = ctx;
  const atMerchant = withinMinutes(ctx.counted, now, params.windowMinutes).filter(
    (p) => p.merchantId === payment.merchantId,
  );
  const count = atMerchant.length + 1;
  const total = sum(atMerchant) + payment.amountUsdCents;
  const minPayments = scaleThreshold(params.minPayments, ctx.thresholdFactor);
  if (count < minPayments || total <= ctx.perPaymentCap) return [];
  return [
    {
      reason: {
        code: 'VELOCITY',
        ruleId: 'R05',
        action: 'DECLINE',
        message:
          `${plural(count, 'payment')} at the same merchant within ${params.windowMinutes} minutes total ${formatUsd(total)}, ` +
          `above the ${capWords(ctx)} of ${formatUsd(ctx.perPaymentCap)}`,
      },
      alert: {
        raise: true,
        priority: 'HIGH',
        type: 'VELOCITY',
        subject: payerSubject(payment),
        windowKey: bucketKey(now, params.windowMinutes),
      },
    },
  ];
}

export function nearCapRule(ctx: RuleContext): RuleFinding[] {
  const params = ctx.definition.rules.R06;
  if (!params.enabled || ctx.perPaymentCap <= 0) return [];
  const { payment, now, periods } = ctx;
  const floor = fractionOf(ctx.perPaymentCap, params.fractionOfCap);
  if (payment.amountUsdCents < floor) return [];
  const count =
    withinDays(ctx.counted, now, params.windowDays).filter((p) => p.amountUsdCents >= floor).length + 1;
  const minPayments = scaleThreshold(params.minPayments, ctx.thresholdFactor);
  if (count < minPayments) return [];
  return [
    {
      reason: {
        code: 'VELOCITY',
        ruleId: 'R06',
        action: 'ALERT',
        message:
          `${plural(count, 'payment')} within ${params.windowDays} days each at least ${formatUsd(floor)} ` +
          `(${Math.round(params.fractionOfCap * 100)}% of the ${capWords(ctx)})`,
      },
      alert: {
        raise: true,
        priority: 'MEDIUM',
        type: 'VELOCITY',
        subject: payerSubject(payment),
        windowKey: periods.day,
      },
    },
  ];
}

export function structuringRule(ctx: RuleContext): RuleFinding[] {
  const params = ctx.definition.rules.R07;
  if (!params.enabled) return [];
  const { payment, history, now, periods } = ctx;
  const inRange = (total: number): boolean =>
    total >= params.dayTotalFromUsdCents && total <= params.dayTotalToUsdCents;
  const todayTotal = history.usage.dayUsdCents + payment.amountUsdCents;
  if (!inRange(todayTotal)) return [];
  const today = beijingDayNumber(now);
  const firstDay = today - (params.windowDays - 1);
  const totals = new Map<number, number>();
  for (const p of ctx.counted) {
    const day = beijingDayNumber(p.occurredAt);
    if (day < firstDay || day >= today) continue;
    totals.set(day, (totals.get(day) ?? 0) + p.amountUsdCents);
  }
  const days = [...totals.values()].filter(inRange).length + 1;
  const minDays = scaleThreshold(params.minDays, ctx.thresholdFactor);
  if (days < minDays) return [];
  return [
    {
      reason: {
        code: 'VELOCITY',
        ruleId: 'R07',
        action: 'ALERT',
        message:
          `Beijing-day totals between ${formatUsd(params.dayTotalFromUsdCents)} and ${formatUsd(params.dayTotalToUsdCents)} ` +
          `on ${plural(days, 'day')} within ${params.windowDays} days, today ${formatUsd(todayTotal)}: possible structuring`,
      },
      alert: {
        raise: true,
        priority: 'HIGH',
        type: 'VELOCITY',
        subject: payerSubject(payment),
        windowKey: periods.day,
      },
    },
  ];
}

export function fanOutRule(ctx: RuleContext): RuleFinding[] {
  const params = ctx.definition.rules.R09;
  if (!params.enabled) return [];
  const { payment, now, periods } = ctx;
  const distinct = (payments: readonly PastPayment[]): number =>
    new Set([...payments.map((p) => p.merchantId), payment.merchantId]).size;
  const lastHour = distinct(withinHours(ctx.counted, now, 1));
  const today = distinct(onBeijingDay(ctx.counted, now));
  const perHour = scaleThreshold(params.perHour, ctx.thresholdFactor);
  const perDay = scaleThreshold(params.perDay, ctx.thresholdFactor);
  const daily = today >= perDay;
  if (!daily && lastHour < perHour) return [];
  const message = daily
    ? `Payments at ${plural(today, 'distinct merchant')} in the Beijing day ${periods.day} (threshold ${perDay})`
    : `Payments at ${plural(lastHour, 'distinct merchant')} within 1 hour (threshold ${perHour})`;
  return [
    {
      reason: { code: 'VELOCITY', ruleId: 'R09', action: 'ALERT', message },
      alert: {
        raise: true,
        priority: 'MEDIUM',
        type: 'VELOCITY',
        subject: payerSubject(payment),
        windowKey: daily ? periods.day : bucketKey(now, 60),
      },
    },
  ];
}

export function velocityRules(ctx: RuleContext): RuleFinding[] {
  return [
    ...rapidSuccessionRule(ctx),
    ...dailyCountRule(ctx),
    ...splitPaymentRule(ctx),
    ...nearCapRule(ctx),
    ...structuringRule(ctx),
    ...fanOutRule(ctx),
  ];
}
