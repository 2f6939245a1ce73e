/**
 * KYC tier limits (per payment, Beijing day, calendar month, calendar year) and the PBOC static-QR overlay.
 *
 * Interpretation:
 * - Totals are history.usage (reserved or settled in the payment's Beijing day / month / year) plus this
 *   payment. A payment is declined when the new total would exceed the limit: reaching it exactly is allowed,
 *   so the reservation's conditional update (new total ≤ cap) and this check agree.
 * - Every breached limit gives its own reason (KYC.<tier>.PER_PAYMENT / DAILY / MONTHLY / ANNUAL,
 *   STATIC_QR.DAILY); the alert is raised only when one of them is the decision's main reason.
 * - The static-QR overlay counts the CNY leg (fen) of STATIC payments only, and is off when the cap is null.
 * - limitReservations() lists what the persistence layer must reserve when the payment is not declined.
 */
import type { LimitReservation, ReasonCode } from './evaluation.js';
import { type RuleContext, type RuleFinding, formatCny, formatUsd, payerSubject } from './rule-context.js';

type Period = 'DAILY' | 'MONTHLY' | 'ANNUAL';

const PERIOD_WORDS: Record<Period, { code: ReasonCode; total: string; limit: string }> = {
  DAILY: { code: 'KYC_LIMIT_DAILY', total: 'Beijing-day', limit: 'daily' },
  MONTHLY: { code: 'KYC_LIMIT_MONTHLY', total: 'calendar-month', limit: 'monthly' },
  ANNUAL: { code: 'KYC_LIMIT_ANNUAL', total: 'calendar-year', limit: 'annual' },
};

export function kycRuleId(tier: string, limit: 'PER_PAYMENT' | Period): string {
  return `KYC.${tier}.${limit}`;
}

export const STATIC_QR_RULE_ID = 'STATIC_QR.DAILY';

export function kycLimitsRule(ctx: RuleContext): RuleFinding[] {
  const { payment, history, limits, tier, periods } = ctx;
  const amount = payment.amountUsdCents;
  const findings: RuleFinding[] = [];
  const decline = (code: ReasonCode, ruleId: string, message: string, windowKey: string): void => {
    findings.push({
      reason: { code, ruleId, action: 'DECLINE', message },
      alert: { raise: false, priority: 'LOW', type: 'KYC_LIMIT', subject: payerSubject(payment), windowKey },
    });
  };

  if (amount > limits.perPayment) {
    decline(
      'KYC_LIMIT_PER_PAYMENT',
      kycRuleId(tier, 'PER_PAYMENT'),
      `Payment of ${formatUsd(amount)} exceeds the ${tier} per-payment limit of ${formatUsd(limits.perPayment)}`,
      periods.day,
    );
  }
  const periodChecks: [Period, number, number, string][] = [
    ['DAILY', history.usage.dayUsdCents, limits.daily, periods.day],
    ['MONTHLY', history.usage.monthUsdCents, limits.monthly, periods.month],
    ['ANNUAL', history.usage.yearUsdCents, limits.annual, periods.year],
  ];
  for (const [period, used, cap, periodKey] of periodChecks) {
    const total = used + amount;
    if (total <= cap) continue;
    const words = PERIOD_WORDS[period];
    decline(
      words.code,
      kycRuleId(tier, period),
      `Payment of ${formatUsd(amount)} would take the ${tier} ${words.total} total to ${formatUsd(total)}, ` +
        `above the ${words.limit} limit of ${formatUsd(cap)}`,
      periodKey,
    );
  }

  const staticCap = staticQrCap(ctx);
  if (staticCap !== null) {
    const total = history.usage.staticQrDayCnyFen + payment.amountCnyFen;
    if (total > staticCap) {
      decline(
        'STATIC_QR_LIMIT',
        STATIC_QR_RULE_ID,
        `Static QR payment of ${formatCny(payment.amountCnyFen)} would take the Beijing-day static QR total to ` +
          `${formatCny(total)}, above the limit of ${formatCny(staticCap)}`,
        periods.day,
      );
    }
  }
  return findings;
}

function staticQrCap(ctx: RuleContext): number | null {
  return ctx.payment.qrType === 'STATIC' ? ctx.definition.staticQrDailyCapCnyFen : null;
}

/** The conditional updates to make with an APPROVE / STEP_UP / REVIEW decision. */
export function limitReservations(ctx: RuleContext): LimitReservation[] {
  const { payment, limits, tier, periods } = ctx;
  const amount = payment.amountUsdCents;
  const reservations: LimitReservation[] = [
    {
      period: 'DAY',
      periodKey: periods.day,
      amount,
      cap: limits.daily,
      ruleId: kycRuleId(tier, 'DAILY'),
      code: 'KYC_LIMIT_DAILY',
    },
    {
      period: 'MONTH',
      periodKey: periods.month,
      amount,
      cap: limits.monthly,
      ruleId: kycRuleId(tier, 'MONTHLY'),
      code: 'KYC_LIMIT_MONTHLY',
    },
    {
      period: 'YEAR',
      periodKey: periods.year,
      amount,
      cap: limits.annual,
      ruleId: kycRuleId(tier, 'ANNUAL'),
      code: 'KYC_LIMIT_ANNUAL',
    },
  ];
  const staticCap = staticQrCap(ctx);
  if (staticCap !== null) {
    reservations.push({
      period: 'STATIC_QR_DAY',
      periodKey: periods.day,
      amount: payment.amountCnyFen,
      cap: staticCap,
      ruleId: STATIC_QR_RULE_ID,
      code: 'STATIC_QR_LIMIT',
    });
  }
  return reservations;
}
