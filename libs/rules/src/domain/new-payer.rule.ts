/**
 * R13 new payer, high value.
 *
 * Interpretation:
 * - A payer is new when history.firstSeenAt is null or occurredAt < firstSeenAt + newForHours.
 * - Single: this payment ≥ singleUsdCents → STEP_UP + ALERT.
 * - Cumulative: the counted (not declined) payments since firstSeenAt plus this one ≥ cumulativeUsdCents
 *   → HOLD (REVIEW) + ALERT. Both may apply; each gives its own reason, and the alerts share one key
 *   (<payerKey>|R13|<Beijing day>) so the officer gets one alert at the higher priority.
 * - Amounts are not scaled by R15 (its factor applies to count thresholds).
 */
import { type RuleContext, type RuleFinding, formatUsd, payerSubject } from './rule-context.js';

const HOUR_MS = 3_600_000;

export function newPayerRule(ctx: RuleContext): RuleFinding[] {
  const params = ctx.definition.rules.R13;
  if (!params.enabled) return [];
  const { payment, history, now, periods } = ctx;
  const firstSeen = history.firstSeenAt;
  if (firstSeen !== null && now.getTime() >= firstSeen.getTime() + params.newForHours * HOUR_MS) return [];
  const amount = payment.amountUsdCents;
  const since = firstSeen?.getTime() ?? Number.NEGATIVE_INFINITY;
  const cumulative =
    ctx.counted
      .filter((p) => p.occurredAt.getTime() >= since)
      .reduce((total, p) => total + p.amountUsdCents, 0) + amount;
  const subject = payerSubject(payment);
  const findings: RuleFinding[] = [];
  if (amount >= params.singleUsdCents) {
    findings.push({
      reason: {
        code: 'NEW_PAYER_HIGH_VALUE',
        ruleId: 'R13',
        action: 'STEP_UP',
        message: `Payment of ${formatUsd(amount)} by a payer first seen less than ${params.newForHours} hours ago (threshold ${formatUsd(params.singleUsdCents)})`,
      },
      alert: { raise: true, priority: 'MEDIUM', type: 'VELOCITY', subject, windowKey: periods.day },
    });
  }
  if (cumulative >= params.cumulativeUsdCents) {
    findings.push({
      reason: {
        code: 'NEW_PAYER_HIGH_VALUE',
        ruleId: 'R13',
        action: 'HOLD',
        message: `Payments totalling ${formatUsd(cumulative)} within the first ${params.newForHours} hours of a new payer (threshold ${formatUsd(params.cumulativeUsdCents)})`,
      },
      alert: { raise: true, priority: 'HIGH', type: 'VELOCITY', subject, windowKey: periods.day },
    });
  }
  return findings;
}
