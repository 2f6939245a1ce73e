import { describe, expect, it } from 'vitest';
import { evaluatePayment } from './evaluate-payment.js';
import {
  NOW,
  aHistory,
  aPastPayment,
  aRuleSet,
  anEvaluationInput,
  pastPayments,
  reasonsFor,
} from './testing.js';

const PAYER = 'KAKAOPAY:kp-8812';

describe(evaluatePayment.name, () => {
  describe('an active block', () => {
    it('declines a payer under a temporary R18 block', () => {
      const until = new Date(NOW.getTime() + 20 * 60_000);
      const result = evaluatePayment(
        anEvaluationInput({
          history: aHistory({ block: { reason: 'TEMPORARY_BLOCK', ruleId: 'R18', until } }),
        }),
      );
      expect(result.outcome).toBe('DECLINE');
      expect(result.reasons).toEqual([
        {
          code: 'TEMPORARY_BLOCK',
          ruleId: 'R18',
          action: 'DECLINE',
          message: 'Payer is blocked (R18) until 2026-11-25T02:35:00.000Z',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R18', dedupKey: `${PAYER}|R18|2026-11-25`, priority: 'MEDIUM', type: 'BLOCK' },
      ]);
      expect(result.block).toBeNull();
      expect(result.reservations).toEqual([]);
    });

    it('declines a payer under an entity-level block with PARTY_BLOCKED', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          history: aHistory({ block: { reason: 'SANCTIONS_MATCH', ruleId: 'R01', until: null } }),
        }),
      );
      expect(result.outcome).toBe('DECLINE');
      expect(result.reasons[0]).toMatchObject({
        code: 'PARTY_BLOCKED',
        ruleId: 'R01',
        message: 'Payer is blocked (R01) until lifted by an officer',
      });
    });

    it('approves once a temporary block has expired', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          history: aHistory({ block: { reason: 'TEMPORARY_BLOCK', ruleId: 'R18', until: NOW } }),
        }),
      );
      expect(result.outcome).toBe('APPROVE');
    });
  });

  describe('R18 failed attempts', () => {
    it('declines and blocks the payer for 30 minutes after 3 declines within 10 minutes', () => {
      const result = evaluatePayment(
        anEvaluationInput({ history: aHistory({ recent: pastPayments(3, { decision: 'DECLINE' }) }) }),
      );
      expect(result.outcome).toBe('DECLINE');
      expect(result.reasons).toEqual([
        {
          code: 'TEMPORARY_BLOCK',
          ruleId: 'R18',
          action: 'BLOCK',
          message: '3 declined payments within 10 minutes (threshold 3); payer blocked for 30 minutes',
        },
      ]);
      expect(result.block).toEqual({
        ruleId: 'R18',
        reason: 'TEMPORARY_BLOCK',
        until: new Date('2026-11-25T02:45:00.000Z'),
      });
      expect(result.alerts).toEqual([
        { ruleId: 'R18', dedupKey: `${PAYER}|R18|2026-11-25T02:10Z`, priority: 'HIGH', type: 'BLOCK' },
      ]);
      expect(result.reservations).toEqual([]);
    });

    it('does nothing after 2 declines', () => {
      const result = evaluatePayment(
        anEvaluationInput({ history: aHistory({ recent: pastPayments(2, { decision: 'DECLINE' }) }) }),
      );
      expect(result.outcome).toBe('APPROVE');
      expect(result.block).toBeNull();
    });

    it('does not count a decline exactly 10 minutes earlier', () => {
      const recent = [
        ...pastPayments(2, { decision: 'DECLINE' }),
        aPastPayment({ decision: 'DECLINE', minutesAgo: 10 }),
      ];
      expect(evaluatePayment(anEvaluationInput({ history: aHistory({ recent }) })).outcome).toBe('APPROVE');
    });

    it('does not count approved payments as failed attempts', () => {
      const recent = [...pastPayments(2, { decision: 'DECLINE' }), aPastPayment({ minutesAgo: 1 })];
      expect(
        reasonsFor(evaluatePayment(anEvaluationInput({ history: aHistory({ recent }) })), 'R18'),
      ).toEqual([]);
    });

    it('raises a merchant alert when 10 distinct payers were declined at the merchant', () => {
      const payers = Array.from({ length: 10 }, (_, i) => `WALLET:p-${i}`);
      const result = evaluatePayment(
        anEvaluationInput({ history: aHistory({ merchantRecentDeclinedPayers: payers }) }),
      );
      expect(result.outcome).toBe('APPROVE');
      expect(result.reasons).toEqual([
        {
          code: 'VELOCITY',
          ruleId: 'R18',
          action: 'ALERT',
          message: 'Merchant had declined payments from 10 distinct payers within 10 minutes (threshold 10)',
        },
      ]);
      expect(result.alerts).toEqual([
        {
          ruleId: 'R18',
          dedupKey: 'merchant:M-310000-0091|R18|2026-11-25T02:10Z',
          priority: 'HIGH',
          type: 'VELOCITY',
        },
      ]);
    });

    it('counts each declined payer at the merchant once', () => {
      const payers = [...Array.from({ length: 9 }, (_, i) => `WALLET:p-${i}`), 'WALLET:p-0'];
      expect(
        evaluatePayment(anEvaluationInput({ history: aHistory({ merchantRecentDeclinedPayers: payers }) }))
          .reasons,
      ).toEqual([]);
    });

    it('does nothing when disabled', () => {
      const ruleSet = aRuleSet((d) => {
        d.rules.R18.enabled = false;
      });
      const payers = Array.from({ length: 12 }, (_, i) => `WALLET:p-${i}`);
      const history = aHistory({
        recent: pastPayments(5, { decision: 'DECLINE' }),
        merchantRecentDeclinedPayers: payers,
      });
      const result = evaluatePayment(anEvaluationInput({ history, ruleSet }));
      expect(result.outcome).toBe('APPROVE');
      expect(result.reasons).toEqual([]);
    });
  });
});
