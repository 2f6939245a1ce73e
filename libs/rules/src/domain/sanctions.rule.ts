/**
 * R01 (sanctions strong match) and R02 (sanctions possible match), from the screening lib's signals.
 *
 * Interpretation:
 * - The screening lib sets band STRONG only when the name match is corroborated (DOB, nationality or ID);
 *   the rule set's thresholds still apply, so a signal counts as R01 when band is STRONG and
 *   score ≥ screening.strong, as R02 when score ≥ screening.review (a STRONG band below the rule set's strong
 *   threshold, or an uncorroborated REVIEW band of any score), and is ignored below screening.review.
 * - R01 → DECLINE + DRAFT_STR and a CRITICAL alert, immediately. The block goes on the payer when the payer
 *   matched (action BLOCK, until null); a merchant or legal-representative match declines the payment
 *   (action DECLINE) and the CRITICAL alert on merchant:<id> lets officers act on the merchant, since the
 *   evaluation's block applies to the payer only.
 * - R02 → HOLD (REVIEW) with a HIGH alert for an officer.
 * - One reason per signal; alerts are keyed per party and transaction (real time): <subject>|R0x|<transactionId>.
 * - Messages name the list and the list entry id, never the matched name.
 */
import type { PaymentFacts, ScreeningSignal } from './evaluation.js';
import { type RuleFinding, merchantSubject, payerSubject } from './rule-context.js';
import type { RuleSetDefinition } from './rule-set.js';

const PARTY_WORDS: Record<ScreeningSignal['party'], string> = {
  payer: 'Payer',
  merchant: 'Merchant',
  legalRepresentative: "Merchant's legal representative",
};

function subjectOf(payment: PaymentFacts, party: ScreeningSignal['party']): string {
  return party === 'payer' ? payerSubject(payment) : merchantSubject(payment);
}

export function sanctionsRule(
  payment: PaymentFacts,
  definition: RuleSetDefinition,
  screening: readonly ScreeningSignal[],
): RuleFinding[] {
  const { review, strong } = definition.screening;
  const findings: RuleFinding[] = [];
  for (const signal of screening) {
    const score = String(Number(signal.score.toFixed(3)));
    const who = PARTY_WORDS[signal.party];
    const subject = subjectOf(payment, signal.party);
    if (signal.band === 'STRONG' && signal.score >= strong) {
      const onPayer = signal.party === 'payer';
      findings.push({
        reason: {
          code: 'SANCTIONS_MATCH',
          ruleId: 'R01',
          action: onPayer ? 'BLOCK' : 'DECLINE',
          message: `${who} strongly matches list entry ${signal.sourceId} on ${signal.list} (score ${score}, corroborated)`,
        },
        alert: {
          raise: true,
          priority: 'CRITICAL',
          type: 'SANCTIONS',
          subject,
          windowKey: payment.transactionId,
        },
        ...(onPayer ? { block: { ruleId: 'R01', reason: 'SANCTIONS_MATCH', until: null } } : {}),
        draftStr: true,
        matchScore: signal.score,
      });
    } else if (signal.score >= review) {
      findings.push({
        reason: {
          code: 'SANCTIONS_POSSIBLE_MATCH',
          ruleId: 'R02',
          action: 'HOLD',
          message: `${who} possibly matches list entry ${signal.sourceId} on ${signal.list} (score ${score}); officer review required`,
        },
        alert: {
          raise: true,
          priority: 'HIGH',
          type: 'SANCTIONS',
          subject,
          windowKey: payment.transactionId,
        },
        matchScore: signal.score,
      });
    }
  }
  return findings;
}
