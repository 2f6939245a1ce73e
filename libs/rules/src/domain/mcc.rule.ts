/**
 * R16 high-risk merchant category codes.
 *
 * Interpretation:
 * - A declined MCC (gambling 7995, 7800–7802 by default) → DECLINE, whatever the amount. The alert is keyed on
 *   the merchant (a merchant in a declined category should not be taking CPG payments at all) and raised only
 *   when it is the main reason.
 * - A high-risk MCC (quasi-cash, money transfer, stored value, …) does both: the per-payment cap is halved
 *   (floor(tier cap / 2); evaluatePayment puts it in RuleContext.perPaymentCap, which R05/R06 also use), a
 *   payment above the halved cap but within the tier cap is declined here (above the tier cap the KYC rule
 *   declines it), and every other payment is approved with a LOW alert on the payer, one per Beijing day.
 */
import {
  type RuleContext,
  type RuleFinding,
  formatUsd,
  merchantSubject,
  payerSubject,
} from './rule-context.js';
import type { RuleSetDefinition } from './rule-set.js';

export function isHighRiskMcc(definition: RuleSetDefinition, mcc: string): boolean {
  return (
    definition.rules.R16.enabled &&
    !definition.mcc.declined.includes(mcc) &&
    definition.mcc.highRisk.includes(mcc)
  );
}

/** The tier's per-payment cap, halved at a high-risk MCC. */
export function effectivePerPaymentCap(definition: RuleSetDefinition, mcc: string, tierCap: number): number {
  return isHighRiskMcc(definition, mcc) ? Math.floor(tierCap / 2) : tierCap;
}

export function mccRule(ctx: RuleContext): RuleFinding[] {
  const { payment, definition, periods } = ctx;
  if (!definition.rules.R16.enabled) return [];
  const mcc = payment.merchantMcc;
  if (definition.mcc.declined.includes(mcc)) {
    return [
      {
        reason: {
          code: 'HIGH_RISK_MCC',
          ruleId: 'R16',
          action: 'DECLINE',
          message: `Merchant category ${mcc} is not accepted`,
        },
        alert: {
          raise: false,
          priority: 'MEDIUM',
          type: 'MCC',
          subject: merchantSubject(payment),
          windowKey: periods.day,
        },
      },
    ];
  }
  if (!definition.mcc.highRisk.includes(mcc)) return [];
  const amount = payment.amountUsdCents;
  if (amount > ctx.perPaymentCap && amount <= ctx.limits.perPayment) {
    return [
      {
        reason: {
          code: 'HIGH_RISK_MCC',
          ruleId: 'R16',
          action: 'DECLINE',
          message:
            `Payment of ${formatUsd(amount)} exceeds the halved per-payment limit of ${formatUsd(ctx.perPaymentCap)} ` +
            `for high-risk merchant category ${mcc}`,
        },
        alert: {
          raise: true,
          priority: 'MEDIUM',
          type: 'MCC',
          subject: payerSubject(payment),
          windowKey: periods.day,
        },
      },
    ];
  }
  return [
    {
      reason: {
        code: 'HIGH_RISK_MCC',
        ruleId: 'R16',
        action: 'ALERT',
        message: `Payment at high-risk merchant category ${mcc}`,
      },
      alert: {
        raise: true,
        priority: 'LOW',
        type: 'MCC',
        subject: payerSubject(payment),
        windowKey: periods.day,
      },
    },
  ];
}
