import { describe, expect, it } from 'vitest';
import { evaluatePayment } from './evaluate-payment.js';
import { aPayment, aRuleSet, anEvaluationInput, reasonsFor } from './testing.js';

describe(evaluatePayment.name, () => {
  describe('R16 high-risk merchant categories', () => {
    it.each(['7995', '7800', '7801', '7802'])(
      'declines any payment at declined merchant category %s',
      (mcc) => {
        const result = evaluatePayment(
          anEvaluationInput({ payment: aPayment({ merchantMcc: mcc, amountUsdCents: 100 }) }),
        );
        expect(result.outcome).toBe('DECLINE');
        expect(result.reasons).toEqual([
          {
            code: 'HIGH_RISK_MCC',
            ruleId: 'R16',
            action: 'DECLINE',
            message: `Merchant category ${mcc} is not accepted`,
          },
        ]);
        expect(result.alerts).toEqual([
          {
            ruleId: 'R16',
            dedupKey: 'merchant:M-310000-0091|R16|2026-11-25',
            priority: 'MEDIUM',
            type: 'MCC',
          },
        ]);
      },
    );

    it('approves a high-risk category payment at the halved per-payment limit with an alert', () => {
      const result = evaluatePayment(
        anEvaluationInput({ payment: aPayment({ merchantMcc: '6051', amountUsdCents: 50_000 }) }),
      );
      expect(result.outcome).toBe('APPROVE');
      expect(result.reasons).toEqual([
        {
          code: 'HIGH_RISK_MCC',
          ruleId: 'R16',
          action: 'ALERT',
          message: 'Payment at high-risk merchant category 6051',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R16', dedupKey: 'KAKAOPAY:kp-8812|R16|2026-11-25', priority: 'LOW', type: 'MCC' },
      ]);
      expect(result.riskScore).toBe(30);
    });

    it('declines a high-risk category payment one cent above the halved per-payment limit', () => {
      const result = evaluatePayment(
        anEvaluationInput({ payment: aPayment({ merchantMcc: '4829', amountUsdCents: 50_001 }) }),
      );
      expect(result.outcome).toBe('DECLINE');
      expect(result.reasons).toEqual([
        {
          code: 'HIGH_RISK_MCC',
          ruleId: 'R16',
          action: 'DECLINE',
          message:
            'Payment of USD 500.01 exceeds the halved per-payment limit of USD 500.00 for high-risk merchant category 4829',
        },
      ]);
    });

    it('leaves a high-risk category payment above the tier limit to the KYC rule', () => {
      const result = evaluatePayment(
        anEvaluationInput({ payment: aPayment({ merchantMcc: '6540', amountUsdCents: 100_001 }) }),
      );
      expect(result.reasons.map((r) => [r.ruleId, r.action])).toEqual([
        ['KYC.T1.PER_PAYMENT', 'DECLINE'],
        ['R16', 'ALERT'],
      ]);
    });

    it('does nothing at an ordinary merchant category', () => {
      expect(
        evaluatePayment(anEvaluationInput({ payment: aPayment({ merchantMcc: '5812' }) })).reasons,
      ).toEqual([]);
    });

    it('does nothing when disabled', () => {
      const ruleSet = aRuleSet((d) => {
        d.rules.R16.enabled = false;
      });
      expect(
        evaluatePayment(anEvaluationInput({ payment: aPayment({ merchantMcc: '7995' }), ruleSet })).outcome,
      ).toBe('APPROVE');
      const highRisk = evaluatePayment(
        anEvaluationInput({ payment: aPayment({ merchantMcc: '6051', amountUsdCents: 90_000 }), ruleSet }),
      );
      expect(reasonsFor(highRisk, 'R16')).toEqual([]);
      expect(highRisk.outcome).toBe('APPROVE');
    });
  });
});
