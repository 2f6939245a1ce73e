/**
 * Blocks: an active block on the payer, and R18 failed attempts / card testing.
 *
 * Interpretation:
 * - history.block is active when its `until` is null (entity-level, lifted by an officer) or after
 *   payment.occurredAt. An active block declines the payment with PARTY_BLOCKED, or TEMPORARY_BLOCK when R18
 *   placed it; the reason's ruleId is the rule that placed the block. Alert (only as the main reason): one per
 *   payer, blocking rule and Beijing day, so a blocked payer's repeated attempts do not flood the queue.
 * - R18 payer side counts the payer's declined payments in (now − windowMinutes, now], this payment not
 *   included (its own outcome is not known yet). At ≥ payerDeclines → BLOCK (temporary): DECLINE this payment
 *   and place a block until occurredAt + blockMinutes. Attempts declined during the block count too, so a
 *   payer who keeps trying keeps extending the block. Not scaled by R15 (declines are partly caused by the
 *   lower limits R15 itself imposes).
 * - R18 merchant side counts the distinct payer keys in history.merchantRecentDeclinedPayers (declines at
 *   this merchant in the R18 window); at ≥ merchantDistinctPayers → ALERT on merchant:<id>.
 * - Alert windows: the fixed windowMinutes bucket containing occurredAt.
 */
import {
  type RuleContext,
  type RuleFinding,
  bucketKey,
  merchantSubject,
  payerSubject,
  plural,
  withinMinutes,
} from './rule-context.js';

const MINUTE_MS = 60_000;

export function activeBlockRule(ctx: RuleContext): RuleFinding[] {
  const { payment, history, now, periods } = ctx;
  const block = history.block;
  if (!block) return [];
  if (block.until !== null && block.until.getTime() <= now.getTime()) return [];
  const temporary = block.ruleId === 'R18';
  const until = block.until === null ? 'until lifted by an officer' : `until ${block.until.toISOString()}`;
  return [
    {
      reason: {
        code: temporary ? 'TEMPORARY_BLOCK' : 'PARTY_BLOCKED',
        ruleId: block.ruleId,
        action: 'DECLINE',
        message: `Payer is blocked (${block.ruleId}) ${until}`,
      },
      alert: {
        raise: false,
        priority: 'MEDIUM',
        type: 'BLOCK',
        subject: payerSubject(payment),
        windowKey: periods.day,
      },
    },
  ];
}

export function failedAttemptsRule(ctx: RuleContext): RuleFinding[] {
  const { payment, history, now } = ctx;
  const params = ctx.definition.rules.R18;
  if (!params.enabled) return [];
  const findings: RuleFinding[] = [];
  const windowKey = bucketKey(now, params.windowMinutes);

  const declines = withinMinutes(ctx.declined, now, params.windowMinutes).length;
  if (declines >= params.payerDeclines) {
    findings.push({
      reason: {
        code: 'TEMPORARY_BLOCK',
        ruleId: 'R18',
        action: 'BLOCK',
        message:
          `${plural(declines, 'declined payment')} within ${params.windowMinutes} minutes ` +
          `(threshold ${params.payerDeclines}); payer blocked for ${params.blockMinutes} minutes`,
      },
      alert: { raise: true, priority: 'HIGH', type: 'BLOCK', subject: payerSubject(payment), windowKey },
      block: {
        ruleId: 'R18',
        reason: 'TEMPORARY_BLOCK',
        until: new Date(now.getTime() + params.blockMinutes * MINUTE_MS),
      },
    });
  }

  const distinctPayers = new Set(history.merchantRecentDeclinedPayers).size;
  if (distinctPayers >= params.merchantDistinctPayers) {
    findings.push({
      reason: {
        code: 'VELOCITY',
        ruleId: 'R18',
        action: 'ALERT',
        message:
          `Merchant had declined payments from ${plural(distinctPayers, 'distinct payer')} within ` +
          `${params.windowMinutes} minutes (threshold ${params.merchantDistinctPayers})`,
      },
      alert: {
        raise: true,
        priority: 'HIGH',
        type: 'VELOCITY',
        subject: merchantSubject(payment),
        windowKey,
      },
    });
  }
  return findings;
}
