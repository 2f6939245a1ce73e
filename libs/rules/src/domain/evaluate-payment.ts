/**
 * The pre-authorisation rules engine: a pure function of (payment, party history snapshot, rule set,
 * screening signals). No clock (payment.occurredAt is "now"), no I/O, so a stored decision can be replayed.
 *
 * Combining:
 * - Every rule family returns findings; they are ordered by action severity (BLOCK > DECLINE > HOLD >
 *   STEP_UP > ALERT/DRAFT_* > ALLOW), ties kept in evaluation order: sanctions, blocks, jurisdiction, KYC
 *   limits, MCC, velocity, new payer, merchant card testing. The first is the main reason.
 * - Outcome: BLOCK/DECLINE → DECLINE, HOLD → REVIEW, STEP_UP → STEP_UP, anything else → APPROVE.
 * - Alerts: one for every finding that raises one (ALERT actions, HOLDs, blocks, sanctions, "+ ALERT" rules)
 *   and one for the main reason of any non-APPROVE outcome. Dedup key <subject>|<ruleId>|<window>; findings
 *   sharing a key give one alert at the highest priority.
 * - block: a permanent block (until null) wins over a temporary one; among temporary blocks the latest until.
 * - reservations: the KYC/static-QR limit reservations, empty when the outcome is DECLINE.
 *
 * Risk score (0–100): the highest finding weight, plus 5 for every other finding with a weight above 0,
 * capped at 100. Weights by action: ALLOW 0, ALERT/DRAFT_* 30, STEP_UP 45, HOLD 60, DECLINE 75, BLOCK 90;
 * except KYC and static-QR limit declines 40 (a policy limit, not a suspicion), the R15 grey-list nexus 20
 * (ALLOW, but a risk factor), and sanctions max(action weight, round(match score × 100)).
 */
import { beijingPeriods } from '@app/common';
import { activeBlockRule, failedAttemptsRule } from './block.rule.js';
import type {
  AlertAction,
  DecisionOutcome,
  PartyHistory,
  PaymentFacts,
  RuleEvaluation,
  ScreeningSignal,
} from './evaluation.js';
import { jurisdictionRule, resolveTier } from './jurisdiction.rule.js';
import { kycLimitsRule, limitReservations } from './kyc-limits.rule.js';
import { effectivePerPaymentCap, mccRule } from './mcc.rule.js';
import { newPayerRule } from './new-payer.rule.js';
import { ACTION_SEVERITY, type RuleContext, type RuleFinding } from './rule-context.js';
import type { RuleAction, RuleSet } from './rule-set.js';
import { sanctionsRule } from './sanctions.rule.js';
import { velocityRules } from './velocity.rule.js';

export interface EvaluatePaymentInput {
  payment: PaymentFacts;
  history: PartyHistory;
  ruleSet: RuleSet;
  screening: ScreeningSignal[];
}

const ACTION_WEIGHT: Record<RuleAction, number> = {
  ALLOW: 0,
  ALERT: 30,
  DRAFT_LTR: 30,
  DRAFT_STR: 30,
  STEP_UP: 45,
  HOLD: 60,
  DECLINE: 75,
  BLOCK: 90,
};
const LIMIT_DECLINE_WEIGHT = 40;
const GREY_LIST_WEIGHT = 20;
const FURTHER_FINDING_INCREMENT = 5;

const PRIORITY_RANK: Record<AlertAction['priority'], number> = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 };

function outcomeOf(action: RuleAction | undefined): DecisionOutcome {
  switch (action) {
    case 'BLOCK':
    case 'DECLINE':
      return 'DECLINE';
    case 'HOLD':
      return 'REVIEW';
    case 'STEP_UP':
      return 'STEP_UP';
    case 'ALLOW':
    case 'ALERT':
    case 'DRAFT_STR':
    case 'DRAFT_LTR':
    case undefined:
      return 'APPROVE';
  }
}

function weightOf(finding: RuleFinding): number {
  const { code, ruleId, action } = finding.reason;
  if (finding.matchScore !== undefined)
    return Math.max(ACTION_WEIGHT[action], Math.round(finding.matchScore * 100));
  if (action === 'DECLINE' && (code.startsWith('KYC_LIMIT_') || code === 'STATIC_QR_LIMIT'))
    return LIMIT_DECLINE_WEIGHT;
  if (ruleId === 'R15') return GREY_LIST_WEIGHT;
  return ACTION_WEIGHT[action];
}

function riskScoreOf(findings: readonly RuleFinding[]): number {
  const weights = findings.map(weightOf).filter((w) => w > 0);
  if (weights.length === 0) return 0;
  const score = Math.max(...weights) + FURTHER_FINDING_INCREMENT * (weights.length - 1);
  return Math.min(100, Math.max(0, Math.round(score)));
}

function alertsOf(ordered: readonly RuleFinding[], main: RuleFinding | undefined): AlertAction[] {
  const byKey = new Map<string, AlertAction>();
  for (const finding of ordered) {
    if (!finding.alert.raise && finding !== main) continue;
    const { ruleId } = finding.reason;
    const dedupKey = `${finding.alert.subject}|${ruleId}|${finding.alert.windowKey}`;
    const existing = byKey.get(dedupKey);
    if (existing) {
      if (PRIORITY_RANK[finding.alert.priority] > PRIORITY_RANK[existing.priority])
        existing.priority = finding.alert.priority;
      continue;
    }
    byKey.set(dedupKey, { ruleId, dedupKey, priority: finding.alert.priority, type: finding.alert.type });
  }
  return [...byKey.values()];
}

function blockOf(ordered: readonly RuleFinding[]): RuleEvaluation['block'] {
  let chosen: RuleEvaluation['block'] = null;
  for (const { block } of ordered) {
    if (!block) continue;
    if (block.until === null) return { ...block };
    if (chosen === null || (chosen.until !== null && block.until.getTime() > chosen.until.getTime()))
      chosen = { ...block };
  }
  return chosen;
}

export function evaluatePayment(input: EvaluatePaymentInput): RuleEvaluation {
  const { payment, history, ruleSet, screening } = input;
  const definition = ruleSet.definition;
  const now = payment.occurredAt;
  const periods = beijingPeriods(now);
  const resolution = resolveTier(definition, payment);
  const limits = definition.tiers[resolution.tier];

  const earlier = history.recent
    .filter((p) => p.transactionId !== payment.transactionId && p.occurredAt.getTime() <= now.getTime())
    .sort(
      (a, b) =>
        a.occurredAt.getTime() - b.occurredAt.getTime() || a.transactionId.localeCompare(b.transactionId),
    );

  const ctx: RuleContext = {
    payment,
    history,
    definition,
    now,
    periods,
    tier: resolution.tier,
    limits,
    perPaymentCap: effectivePerPaymentCap(definition, payment.merchantMcc, limits.perPayment),
    thresholdFactor: resolution.thresholdFactor,
    counted: earlier.filter((p) => p.decision !== 'DECLINE'),
    declined: earlier.filter((p) => p.decision === 'DECLINE'),
  };

  const findings: RuleFinding[] = [
    ...sanctionsRule(payment, definition, screening),
    ...activeBlockRule(ctx),
    ...jurisdictionRule(payment, resolution, periods.day),
    ...kycLimitsRule(ctx),
    ...mccRule(ctx),
    ...velocityRules(ctx),
    ...newPayerRule(ctx),
    ...failedAttemptsRule(ctx),
  ];

  // Array.prototype.sort is stable: equal severities keep evaluation order.
  const ordered = [...findings].sort(
    (a, b) => ACTION_SEVERITY[b.reason.action] - ACTION_SEVERITY[a.reason.action],
  );
  const outcome = outcomeOf(ordered[0]?.reason.action);
  const main = outcome === 'APPROVE' ? undefined : ordered[0];

  return {
    outcome,
    riskScore: riskScoreOf(ordered),
    tier: resolution.tier,
    reasons: ordered.map((f) => ({ ...f.reason })),
    alerts: alertsOf(ordered, main),
    block: blockOf(ordered),
    draftStr: ordered.some((f) => f.draftStr === true),
    reservations: outcome === 'DECLINE' ? [] : limitReservations(ctx),
  };
}
