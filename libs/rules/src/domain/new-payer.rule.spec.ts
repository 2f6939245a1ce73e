import { describe, expect, it } from 'vitest';
import { evaluatePayment } from './evaluate-payment.js';
import type { PastPayment } from './evaluation.js';
import {
  NOW,
  aHistory,
  aPastPayment,
  aPayment,
  aRuleSet,
  anEvaluationInput,
  hoursBefore,
  reasonsFor,
} from './testing.js';

const PAYER = 'KAKAOPAY:kp-8812';

function evaluateNew(
  amountUsdCents: number,
  firstSeenAt: Date | null,
  recent: PastPayment[] = [],
  ruleSet = aRuleSet(),
) {
  return evaluatePayment(
    anEvaluationInput({
      payment: aPayment({ amountUsdCents }),
      history: aHistory({ firstSeenAt, recent }),
      ruleSet,
    }),
  );
}

/** earlier payments of USD 625.00, six hours apart, since the payer was first seen */
const earlier = (count: number, amountUsdCents = 62_500) =>
  Array.from({ length: count }, (_, i) => aPastPayment({ amountUsdCents, minutesAgo: (i + 1) * 360 }));

describe(evaluatePayment.name, () => {
  describe('R13 new payer, high value', () => {
    it('steps up a first payment of USD 1,000 and raises an alert', () => {
      const result = evaluateNew(100_000, null);
      expect(result.outcome).toBe('STEP_UP');
      expect(result.reasons).toEqual([
        {
          code: 'NEW_PAYER_HIGH_VALUE',
          ruleId: 'R13',
          action: 'STEP_UP',
          message:
            'Payment of USD 1,000.00 by a payer first seen less than 72 hours ago (threshold USD 1,000.00)',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R13', dedupKey: `${PAYER}|R13|2026-11-25`, priority: 'MEDIUM', type: 'VELOCITY' },
      ]);
    });

    it('approves a first payment one cent below USD 1,000', () => {
      expect(evaluateNew(99_999, null).outcome).toBe('APPROVE');
    });

    it('steps up a payer first seen 71 hours ago', () => {
      expect(evaluateNew(100_000, hoursBefore(NOW, 71)).outcome).toBe('STEP_UP');
    });

    it('treats a payer first seen exactly 72 hours ago as established', () => {
      expect(evaluateNew(100_000, hoursBefore(NOW, 72)).outcome).toBe('APPROVE');
    });

    it('sends a new payer to review when payments reach USD 3,000 in the first 72 hours', () => {
      const result = evaluateNew(50_000, hoursBefore(NOW, 48), earlier(4));
      expect(result.outcome).toBe('REVIEW');
      expect(result.reasons).toEqual([
        {
          code: 'NEW_PAYER_HIGH_VALUE',
          ruleId: 'R13',
          action: 'HOLD',
          message:
            'Payments totalling USD 3,000.00 within the first 72 hours of a new payer (threshold USD 3,000.00)',
        },
      ]);
      expect(result.alerts.map((a) => [a.dedupKey, a.priority])).toEqual([
        [`${PAYER}|R13|2026-11-25`, 'HIGH'],
      ]);
    });

    it('approves a new payer one cent below USD 3,000 in the first 72 hours', () => {
      expect(evaluateNew(49_999, hoursBefore(NOW, 48), earlier(4)).outcome).toBe('APPROVE');
    });

    it('does not count declined attempts or payments before the payer was first seen', () => {
      const recent = [
        ...earlier(3),
        aPastPayment({ amountUsdCents: 62_500, minutesAgo: 20, decision: 'DECLINE' }),
      ];
      expect(evaluateNew(62_500, hoursBefore(NOW, 48), recent).outcome).toBe('APPROVE');
      expect(evaluateNew(62_500, hoursBefore(NOW, 12), earlier(4)).outcome).toBe('APPROVE');
    });

    it('gives both reasons and a single alert at the higher priority when both thresholds are reached', () => {
      const result = evaluateNew(100_000, hoursBefore(NOW, 48), earlier(4, 50_000));
      expect(result.outcome).toBe('REVIEW');
      expect(reasonsFor(result, 'R13').map((r) => r.action)).toEqual(['HOLD', 'STEP_UP']);
      expect(result.alerts).toEqual([
        { ruleId: 'R13', dedupKey: `${PAYER}|R13|2026-11-25`, priority: 'HIGH', type: 'VELOCITY' },
      ]);
    });

    it('does nothing for an established payer', () => {
      expect(evaluateNew(100_000, hoursBefore(NOW, 24 * 30)).reasons).toEqual([]);
    });

    it('does nothing when disabled', () => {
      const ruleSet = aRuleSet((d) => {
        d.rules.R13.enabled = false;
      });
      expect(evaluateNew(100_000, null, [], ruleSet).outcome).toBe('APPROVE');
    });
  });
});
