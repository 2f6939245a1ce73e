import { describe, expect, it } from 'vitest';
import { evaluatePayment } from './evaluate-payment.js';
import { aScreeningSignal, anEvaluationInput, reasonsFor } from './testing.js';

const TX = 'CPG-20261125-000001';

describe(evaluatePayment.name, () => {
  describe('R01 sanctions strong match', () => {
    it('declines, blocks the payer and drafts an STR on a strong corroborated payer match', () => {
      const result = evaluatePayment(anEvaluationInput({ screening: [aScreeningSignal({ score: 0.95 })] }));
      expect(result.outcome).toBe('DECLINE');
      expect(result.reasons).toEqual([
        {
          code: 'SANCTIONS_MATCH',
          ruleId: 'R01',
          action: 'BLOCK',
          message: 'Payer strongly matches list entry QDi.001 on UN_SC (score 0.95, corroborated)',
        },
      ]);
      expect(result.block).toEqual({ ruleId: 'R01', reason: 'SANCTIONS_MATCH', until: null });
      expect(result.draftStr).toBe(true);
      expect(result.alerts).toEqual([
        { ruleId: 'R01', dedupKey: `KAKAOPAY:kp-8812|R01|${TX}`, priority: 'CRITICAL', type: 'SANCTIONS' },
      ]);
      expect(result.riskScore).toBe(95);
      expect(result.reservations).toEqual([]);
    });

    it('applies R01 exactly at the strong threshold', () => {
      const result = evaluatePayment(anEvaluationInput({ screening: [aScreeningSignal({ score: 0.92 })] }));
      expect(reasonsFor(result, 'R01')).toHaveLength(1);
      expect(result.riskScore).toBe(92);
    });

    it('treats a strong band below the rule set threshold as a possible match', () => {
      const result = evaluatePayment(anEvaluationInput({ screening: [aScreeningSignal({ score: 0.919 })] }));
      expect(result.outcome).toBe('REVIEW');
      expect(result.reasons.map((r) => r.ruleId)).toEqual(['R02']);
      expect(result.draftStr).toBe(false);
    });

    it('declines without blocking the payer and keys the alert on the merchant for a merchant match', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          screening: [aScreeningSignal({ party: 'merchant', list: 'OFAC_SDN', sourceId: '36001' })],
        }),
      );
      expect(result.outcome).toBe('DECLINE');
      expect(result.reasons[0]?.action).toBe('DECLINE');
      expect(result.block).toBeNull();
      expect(result.draftStr).toBe(true);
      expect(result.alerts).toEqual([
        {
          ruleId: 'R01',
          dedupKey: `merchant:M-310000-0091|R01|${TX}`,
          priority: 'CRITICAL',
          type: 'SANCTIONS',
        },
      ]);
    });

    it('never puts the matched name into a message', () => {
      const result = evaluatePayment(
        anEvaluationInput({ screening: [aScreeningSignal({ matchedName: 'KIM MIN JUN' })] }),
      );
      expect(JSON.stringify(result)).not.toContain('KIM MIN JUN');
    });
  });

  describe('R02 sanctions possible match', () => {
    it('holds the payment for an officer on a review-band match', () => {
      const result = evaluatePayment(
        anEvaluationInput({ screening: [aScreeningSignal({ band: 'REVIEW', score: 0.85 })] }),
      );
      expect(result.outcome).toBe('REVIEW');
      expect(result.reasons).toEqual([
        {
          code: 'SANCTIONS_POSSIBLE_MATCH',
          ruleId: 'R02',
          action: 'HOLD',
          message: 'Payer possibly matches list entry QDi.001 on UN_SC (score 0.85); officer review required',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R02', dedupKey: `KAKAOPAY:kp-8812|R02|${TX}`, priority: 'HIGH', type: 'SANCTIONS' },
      ]);
      expect(result.block).toBeNull();
      expect(result.riskScore).toBe(85);
    });

    it('holds at exactly the review threshold', () => {
      const result = evaluatePayment(
        anEvaluationInput({ screening: [aScreeningSignal({ band: 'REVIEW', score: 0.8 })] }),
      );
      expect(result.outcome).toBe('REVIEW');
    });

    it('ignores a signal below the review threshold', () => {
      const result = evaluatePayment(
        anEvaluationInput({ screening: [aScreeningSignal({ band: 'REVIEW', score: 0.79 })] }),
      );
      expect(result.outcome).toBe('APPROVE');
      expect(result.reasons).toEqual([]);
    });

    it('holds an uncorroborated high score rather than declining it', () => {
      const result = evaluatePayment(
        anEvaluationInput({ screening: [aScreeningSignal({ band: 'REVIEW', score: 0.97 })] }),
      );
      expect(result.outcome).toBe('REVIEW');
      expect(result.riskScore).toBe(97);
    });

    it("keys a legal representative's match on the merchant", () => {
      const result = evaluatePayment(
        anEvaluationInput({
          screening: [aScreeningSignal({ party: 'legalRepresentative', band: 'REVIEW', score: 0.81 })],
        }),
      );
      expect(result.reasons[0]?.message).toMatch(/^Merchant's legal representative possibly matches/);
      expect(result.alerts[0]?.dedupKey).toBe(`merchant:M-310000-0091|R02|${TX}`);
    });
  });

  it('lets a strong match outrank a possible match and gives one alert per party and rule', () => {
    const result = evaluatePayment(
      anEvaluationInput({
        screening: [
          aScreeningSignal({ band: 'REVIEW', score: 0.83, sourceId: 'A' }),
          aScreeningSignal({ band: 'STRONG', score: 0.96, sourceId: 'B' }),
          aScreeningSignal({ band: 'STRONG', score: 0.93, sourceId: 'C', list: 'OFAC_SDN' }),
        ],
      }),
    );
    expect(result.outcome).toBe('DECLINE');
    expect(result.reasons.map((r) => r.ruleId)).toEqual(['R01', 'R01', 'R02']);
    expect(result.alerts.map((a) => a.ruleId)).toEqual(['R01', 'R02']);
    expect(result.riskScore).toBe(100);
  });
});
