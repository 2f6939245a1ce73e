import { describe, expect, it } from 'vitest';
import { evaluatePayment } from './evaluate-payment.js';
import { aHistory, aPayment, aRuleSet, anEvaluationInput, reasonsFor, ruleIdsOf, usage } from './testing.js';

describe(evaluatePayment.name, () => {
  describe('KYC tier limits', () => {
    describe('per payment', () => {
      it('approves a T1 payment exactly at the per-payment limit', () => {
        const result = evaluatePayment(anEvaluationInput({ payment: aPayment({ amountUsdCents: 100_000 }) }));
        expect(result.outcome).toBe('APPROVE');
        expect(reasonsFor(result, 'KYC.T1.PER_PAYMENT')).toEqual([]);
      });

      it('approves a T1 payment one cent below the per-payment limit', () => {
        const result = evaluatePayment(anEvaluationInput({ payment: aPayment({ amountUsdCents: 99_999 }) }));
        expect(result.outcome).toBe('APPROVE');
      });

      it('declines a T1 payment one cent above the per-payment limit', () => {
        const result = evaluatePayment(anEvaluationInput({ payment: aPayment({ amountUsdCents: 100_001 }) }));
        expect(result.outcome).toBe('DECLINE');
        expect(result.reasons[0]).toEqual({
          code: 'KYC_LIMIT_PER_PAYMENT',
          ruleId: 'KYC.T1.PER_PAYMENT',
          action: 'DECLINE',
          message: 'Payment of USD 1,000.01 exceeds the T1 per-payment limit of USD 1,000.00',
        });
      });

      it('applies T0 limits to an unknown KYC level', () => {
        const result = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ kycLevel: 'GOLD', amountUsdCents: 10_001 }) }),
        );
        expect(result.tier).toBe('T0');
        expect(ruleIdsOf(result)).toContain('KYC.T0.PER_PAYMENT');
      });

      it('maps wallet vocabulary and lower-case levels to tiers', () => {
        const full = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ kycLevel: 'FULL', amountUsdCents: 500_000 }) }),
        );
        expect(full.tier).toBe('T2');
        expect(full.outcome).toBe('APPROVE');
        const lower = evaluatePayment(anEvaluationInput({ payment: aPayment({ kycLevel: 't2' }) }));
        expect(lower.tier).toBe('T2');
      });

      it('declines every payment of a TX payer', () => {
        const result = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ kycLevel: 'BLOCKED', amountUsdCents: 1 }) }),
        );
        expect(result.tier).toBe('TX');
        expect(result.outcome).toBe('DECLINE');
        expect(ruleIdsOf(result)).toContain('KYC.TX.PER_PAYMENT');
      });
    });

    describe('Beijing day, month and year totals', () => {
      it('approves the payment that takes a T1 payer exactly to the daily limit', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: aPayment({ amountUsdCents: 50_000 }),
            history: aHistory({
              usage: usage({ dayUsdCents: 150_000, monthUsdCents: 150_000, yearUsdCents: 150_000 }),
            }),
          }),
        );
        expect(result.outcome).toBe('APPROVE');
      });

      it('approves the payment that leaves a T1 payer below the daily limit', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: aPayment({ amountUsdCents: 49_999 }),
            history: aHistory({ usage: usage({ dayUsdCents: 150_000 }) }),
          }),
        );
        expect(result.outcome).toBe('APPROVE');
      });

      it('declines the payment that would take a T1 payer over the daily limit', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: aPayment({ amountUsdCents: 50_001 }),
            history: aHistory({
              usage: usage({ dayUsdCents: 150_000, monthUsdCents: 150_000, yearUsdCents: 150_000 }),
            }),
          }),
        );
        expect(result.outcome).toBe('DECLINE');
        expect(result.reasons).toEqual([
          {
            code: 'KYC_LIMIT_DAILY',
            ruleId: 'KYC.T1.DAILY',
            action: 'DECLINE',
            message:
              'Payment of USD 500.01 would take the T1 Beijing-day total to USD 2,000.01, above the daily limit of USD 2,000.00',
          },
        ]);
        expect(result.reservations).toEqual([]);
      });

      it('approves at and declines above the monthly limit', () => {
        const history = aHistory({ usage: usage({ monthUsdCents: 450_000, yearUsdCents: 450_000 }) });
        const at = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ amountUsdCents: 50_000 }), history }),
        );
        const above = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ amountUsdCents: 50_001 }), history }),
        );
        expect(at.outcome).toBe('APPROVE');
        expect(above.outcome).toBe('DECLINE');
        expect(above.reasons.map((r) => [r.code, r.ruleId])).toEqual([
          ['KYC_LIMIT_MONTHLY', 'KYC.T1.MONTHLY'],
        ]);
      });

      it('approves at and declines above the annual limit', () => {
        const history = aHistory({ usage: usage({ yearUsdCents: 950_000 }) });
        const at = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ amountUsdCents: 50_000 }), history }),
        );
        const above = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ amountUsdCents: 50_001 }), history }),
        );
        expect(at.outcome).toBe('APPROVE');
        expect(above.outcome).toBe('DECLINE');
        expect(above.reasons.map((r) => [r.code, r.ruleId])).toEqual([['KYC_LIMIT_ANNUAL', 'KYC.T1.ANNUAL']]);
      });

      it('gives a reason for every limit the payment would breach', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: aPayment({ amountUsdCents: 120_000 }),
            history: aHistory({
              usage: usage({ dayUsdCents: 100_000, monthUsdCents: 400_000, yearUsdCents: 900_000 }),
            }),
          }),
        );
        expect(ruleIdsOf(result)).toEqual([
          'KYC.T1.PER_PAYMENT',
          'KYC.T1.DAILY',
          'KYC.T1.MONTHLY',
          'KYC.T1.ANNUAL',
        ]);
        expect(result.alerts).toEqual([
          {
            ruleId: 'KYC.T1.PER_PAYMENT',
            dedupKey: 'KAKAOPAY:kp-8812|KYC.T1.PER_PAYMENT|2026-11-25',
            priority: 'LOW',
            type: 'KYC_LIMIT',
          },
        ]);
      });
    });

    describe('static QR overlay', () => {
      const staticPayment = (amountCnyFen: number) =>
        aPayment({ qrType: 'STATIC', amountCnyFen, amountUsdCents: 1_389 });

      it('approves a static QR payment that takes the Beijing-day static total exactly to CNY 500', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: staticPayment(10_000),
            history: aHistory({ usage: usage({ staticQrDayCnyFen: 40_000 }) }),
          }),
        );
        expect(result.outcome).toBe('APPROVE');
      });

      it('approves a static QR payment below CNY 500 for the day', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: staticPayment(9_999),
            history: aHistory({ usage: usage({ staticQrDayCnyFen: 40_000 }) }),
          }),
        );
        expect(result.outcome).toBe('APPROVE');
      });

      it('declines a static QR payment that would take the Beijing-day static total over CNY 500', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: staticPayment(10_001),
            history: aHistory({ usage: usage({ staticQrDayCnyFen: 40_000 }) }),
          }),
        );
        expect(result.outcome).toBe('DECLINE');
        expect(result.reasons).toEqual([
          {
            code: 'STATIC_QR_LIMIT',
            ruleId: 'STATIC_QR.DAILY',
            action: 'DECLINE',
            message:
              'Static QR payment of CNY 100.01 would take the Beijing-day static QR total to CNY 500.01, above the limit of CNY 500.00',
          },
        ]);
      });

      it('does not apply the static QR cap to dynamic QR payments', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: aPayment({ qrType: 'DYNAMIC', amountCnyFen: 10_001 }),
            history: aHistory({ usage: usage({ staticQrDayCnyFen: 40_000 }) }),
          }),
        );
        expect(result.outcome).toBe('APPROVE');
        expect(result.reservations.map((r) => r.period)).toEqual(['DAY', 'MONTH', 'YEAR']);
      });

      it('does not apply the static QR cap when the overlay is switched off', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: staticPayment(60_000),
            ruleSet: aRuleSet((d) => {
              d.staticQrDailyCapCnyFen = null;
            }),
          }),
        );
        expect(result.outcome).toBe('APPROVE');
        expect(result.reservations.map((r) => r.period)).toEqual(['DAY', 'MONTH', 'YEAR']);
      });
    });

    describe('reservations', () => {
      it('reserves the payment against the Beijing day, month and year caps of the tier', () => {
        const result = evaluatePayment(anEvaluationInput());
        expect(result.reservations).toEqual([
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
        ]);
      });

      it('adds the static QR day in CNY fen for a static QR payment', () => {
        const result = evaluatePayment(anEvaluationInput({ payment: aPayment({ qrType: 'STATIC' }) }));
        expect(result.reservations[3]).toEqual({
          period: 'STATIC_QR_DAY',
          periodKey: '2026-11-25',
          amount: 26_800,
          cap: 50_000,
          ruleId: 'STATIC_QR.DAILY',
          code: 'STATIC_QR_LIMIT',
        });
      });

      it('uses the capped tier for grey-list payers', () => {
        const result = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ kycLevel: 'T2', payerNationality: 'VN' }) }),
        );
        expect(result.reservations.map((r) => [r.ruleId, r.cap])).toEqual([
          ['KYC.T3.DAILY', 200_000],
          ['KYC.T3.MONTHLY', 500_000],
          ['KYC.T3.ANNUAL', 1_000_000],
        ]);
      });

      it('keeps the reservations when the payment goes to review', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            screening: [
              {
                party: 'payer',
                band: 'REVIEW',
                score: 0.85,
                list: 'OFAC_SDN',
                sourceId: '1234',
                matchedName: 'X',
              },
            ],
          }),
        );
        expect(result.outcome).toBe('REVIEW');
        expect(result.reservations).toHaveLength(3);
      });
    });

    describe('Beijing day boundaries', () => {
      it('puts a payment at 16:30 UTC into the next Beijing day', () => {
        const result = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ occurredAt: new Date('2026-11-25T16:30:00Z') }) }),
        );
        expect(result.reservations.map((r) => r.periodKey)).toEqual(['2026-11-26', '2026-11', '2026']);
      });

      it('keeps a payment one millisecond before 16:00 UTC in the same Beijing day', () => {
        const result = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ occurredAt: new Date('2026-11-25T15:59:59.999Z') }) }),
        );
        expect(result.reservations[0]?.periodKey).toBe('2026-11-25');
      });

      it('rolls month and year over at Beijing midnight on New Year', () => {
        const result = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ occurredAt: new Date('2026-12-31T16:00:00Z') }) }),
        );
        expect(result.reservations.map((r) => r.periodKey)).toEqual(['2027-01-01', '2027-01', '2027']);
      });

      it('keys the limit alert on the Beijing day of the payment', () => {
        const result = evaluatePayment(
          anEvaluationInput({
            payment: aPayment({ occurredAt: new Date('2026-11-25T16:30:00Z'), amountUsdCents: 100_001 }),
          }),
        );
        expect(result.alerts[0]?.dedupKey).toBe('KAKAOPAY:kp-8812|KYC.T1.PER_PAYMENT|2026-11-26');
      });
    });
  });
});
