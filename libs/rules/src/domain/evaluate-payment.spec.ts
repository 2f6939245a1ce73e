import { describe, expect, it } from 'vitest';
import { evaluatePayment } from './evaluate-payment.js';
import type { EvaluatePaymentInput } from './evaluate-payment.js';
import {
  NOW,
  aHistory,
  aPastPayment,
  aPayment,
  aRuleSet,
  aScreeningSignal,
  anEvaluationInput,
  hoursBefore,
  pastPayments,
  ruleIdsOf,
  usage,
} from './testing.js';

const PAYER = 'KAKAOPAY:kp-8812';

describe(evaluatePayment.name, () => {
  it('approves an ordinary payment with no reasons, no alerts and a risk score of 0', () => {
    const result = evaluatePayment(anEvaluationInput());
    expect(result).toEqual({
      outcome: 'APPROVE',
      riskScore: 0,
      tier: 'T1',
      reasons: [],
      alerts: [],
      block: null,
      draftStr: false,
      reservations: [
        {
          period: 'DAY',
          periodKey: '2026-11-25',
          amount: 3_722,
          cap: 200_000,
          ruleId: 'KYC.T1.DAILY',
          code: 'KYC_LIMIT_DAILY',
        },
        {
          period: 'MONTH',
          periodKey: '2026-11',
          amount: 3_722,
          cap: 500_000,
          ruleId: 'KYC.T1.MONTHLY',
          code: 'KYC_LIMIT_MONTHLY',
        },
        {
          period: 'YEAR',
          periodKey: '2026',
          amount: 3_722,
          cap: 1_000_000,
          ruleId: 'KYC.T1.ANNUAL',
          code: 'KYC_LIMIT_ANNUAL',
        },
      ],
    });
  });

  describe('combining findings', () => {
    it('lets a decline outrank a review: a KYC daily breach during a possible sanctions match', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ amountUsdCents: 60_000 }),
          history: aHistory({ usage: usage({ dayUsdCents: 150_000 }) }),
          screening: [aScreeningSignal({ band: 'REVIEW', score: 0.82 })],
        }),
      );
      expect(result.outcome).toBe('DECLINE');
      expect(ruleIdsOf(result)).toEqual(['KYC.T1.DAILY', 'R02']);
      // the main reason gets an alert, and so does the possible match an officer must still look at
      expect(result.alerts.map((a) => a.ruleId)).toEqual(['KYC.T1.DAILY', 'R02']);
      expect(result.reservations).toEqual([]);
    });

    it('lets a review outrank a step-up', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          history: aHistory({ recent: pastPayments(4) }),
          screening: [aScreeningSignal({ band: 'REVIEW', score: 0.82 })],
        }),
      );
      expect(result.outcome).toBe('REVIEW');
      expect(result.reasons.map((r) => r.action)).toEqual(['HOLD', 'STEP_UP']);
      expect(result.alerts.map((a) => a.ruleId)).toEqual(['R02']);
    });

    it('lets a step-up outrank an alert and alerts on both', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ merchantMcc: '6051' }),
          history: aHistory({ recent: pastPayments(4) }),
        }),
      );
      expect(result.outcome).toBe('STEP_UP');
      expect(ruleIdsOf(result)).toEqual(['R03', 'R16']);
      expect(result.alerts.map((a) => a.dedupKey)).toEqual([
        `${PAYER}|R03|2026-11-25T02:10Z`,
        `${PAYER}|R16|2026-11-25`,
      ]);
      expect(result.riskScore).toBe(50);
    });

    it('approves with alerts only', () => {
      const result = evaluatePayment(anEvaluationInput({ payment: aPayment({ merchantMcc: '6051' }) }));
      expect(result.outcome).toBe('APPROVE');
      expect(result.alerts).toHaveLength(1);
    });

    it('puts sanctions before jurisdiction when both block, and keeps the permanent block', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ payerNationality: 'KP' }),
          history: aHistory({ recent: pastPayments(3, { decision: 'DECLINE' }) }),
          screening: [aScreeningSignal()],
        }),
      );
      expect(result.outcome).toBe('DECLINE');
      expect(ruleIdsOf(result)).toEqual([
        'R01',
        'R14',
        'R18',
        'KYC.TX.PER_PAYMENT',
        'KYC.TX.DAILY',
        'KYC.TX.MONTHLY',
        'KYC.TX.ANNUAL',
      ]);
      expect(result.block).toEqual({ ruleId: 'R01', reason: 'SANCTIONS_MATCH', until: null });
      expect(result.draftStr).toBe(true);
      expect(result.alerts.map((a) => a.ruleId)).toEqual(['R01', 'R14', 'R18']);
      expect(result.riskScore).toBe(100);
    });

    it('places a temporary block when only R18 blocks', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ amountUsdCents: 100_001 }),
          history: aHistory({ recent: pastPayments(3, { decision: 'DECLINE' }) }),
        }),
      );
      expect(result.block?.until).toEqual(new Date(NOW.getTime() + 30 * 60_000));
      expect(result.reasons[0]?.ruleId).toBe('R18');
    });
  });

  describe('risk score', () => {
    it('weighs a limit decline below a suspicion decline', () => {
      const limit = evaluatePayment(anEvaluationInput({ payment: aPayment({ amountUsdCents: 100_001 }) }));
      const split = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ amountUsdCents: 20_001 }),
          history: aHistory({
            recent: pastPayments(2, { amountUsdCents: 40_000, startMinutesAgo: 5, everyMinutes: 10 }),
          }),
        }),
      );
      expect(limit.riskScore).toBe(40);
      expect(split.riskScore).toBe(75);
    });

    it('adds 5 for every further finding, up to 100', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ amountUsdCents: 120_000 }),
          history: aHistory({
            usage: usage({ dayUsdCents: 100_000, monthUsdCents: 400_000, yearUsdCents: 900_000 }),
          }),
        }),
      );
      expect(result.riskScore).toBe(40 + 3 * 5);
    });

    it('stays within 0–100', () => {
      const payers = Array.from({ length: 12 }, (_, i) => `W:p-${i}`);
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ payerNationality: 'IR', merchantMcc: '7995', amountUsdCents: 900_000 }),
          history: aHistory({
            firstSeenAt: null,
            recent: [...pastPayments(10), ...pastPayments(4, { decision: 'DECLINE' })],
            merchantRecentDeclinedPayers: payers,
          }),
          screening: [
            aScreeningSignal(),
            aScreeningSignal({ party: 'merchant', band: 'REVIEW', score: 0.9 }),
          ],
        }),
      );
      expect(result.riskScore).toBe(100);
    });
  });

  describe('determinism', () => {
    const busyInput = (): EvaluatePaymentInput =>
      anEvaluationInput({
        payment: aPayment({
          qrType: 'STATIC',
          merchantMcc: '6051',
          payerNationality: 'VN',
          amountUsdCents: 30_000,
        }),
        history: aHistory({
          firstSeenAt: hoursBefore(NOW, 30),
          recent: [
            ...pastPayments(3, { amountUsdCents: 20_000, startMinutesAgo: 2 }),
            aPastPayment({ merchantId: 'M-2', minutesAgo: 40 }),
            aPastPayment({ decision: 'DECLINE', minutesAgo: 3 }),
          ],
          usage: usage({
            dayUsdCents: 60_000,
            monthUsdCents: 60_000,
            yearUsdCents: 60_000,
            staticQrDayCnyFen: 10_000,
          }),
        }),
        screening: [aScreeningSignal({ band: 'REVIEW', score: 0.88 })],
      });

    it('returns deep-equal evaluations for the same input', () => {
      const input = busyInput();
      const first = evaluatePayment(input);
      const second = evaluatePayment(input);
      expect(second).toEqual(first);
      expect(first.reasons.length).toBeGreaterThan(2);
    });

    it('does not depend on the order of the history', () => {
      const input = busyInput();
      const reversed = {
        ...input,
        history: { ...input.history, recent: [...input.history.recent].reverse() },
      };
      expect(evaluatePayment(reversed)).toEqual(evaluatePayment(input));
    });

    it('does not change its input', () => {
      const input = busyInput();
      const copy = structuredClone(input);
      evaluatePayment(input);
      expect(input).toEqual(copy);
    });

    it('reads the rule set it is given, not the defaults', () => {
      const ruleSet = aRuleSet((d) => {
        d.tiers.T1.perPayment = 2_000;
      }, 7);
      const result = evaluatePayment(
        anEvaluationInput({ payment: aPayment({ amountUsdCents: 3_000 }), ruleSet }),
      );
      expect(result.reasons[0]?.message).toBe(
        'Payment of USD 30.00 exceeds the T1 per-payment limit of USD 20.00',
      );
    });
  });
});
