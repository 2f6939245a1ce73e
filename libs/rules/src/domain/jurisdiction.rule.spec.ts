import { describe, expect, it } from 'vitest';
import { evaluatePayment } from './evaluate-payment.js';
import { resolveTier } from './jurisdiction.rule.js';
import { aPayment, aRuleSet, anEvaluationInput, reasonsFor, ruleIdsOf } from './testing.js';

const PAYER = 'KAKAOPAY:kp-8812';

describe(evaluatePayment.name, () => {
  describe('R14 call-for-action jurisdictions', () => {
    it('declines and blocks a payer of DPRK nationality', () => {
      const result = evaluatePayment(anEvaluationInput({ payment: aPayment({ payerNationality: 'KP' }) }));
      expect(result.outcome).toBe('DECLINE');
      expect(result.tier).toBe('TX');
      expect(result.reasons[0]).toEqual({
        code: 'HIGH_RISK_JURISDICTION',
        ruleId: 'R14',
        action: 'BLOCK',
        message: 'Payer has a nexus to a FATF call-for-action jurisdiction: KP (nationality)',
      });
      expect(result.block).toEqual({ ruleId: 'R14', reason: 'HIGH_RISK_JURISDICTION', until: null });
      expect(result.alerts).toContainEqual({
        ruleId: 'R14',
        dedupKey: `${PAYER}|R14|2026-11-25`,
        priority: 'HIGH',
        type: 'JURISDICTION',
      });
      expect(result.reservations).toEqual([]);
    });

    it('blocks on an Iranian IP address or residence', () => {
      expect(
        evaluatePayment(anEvaluationInput({ payment: aPayment({ ipCountry: 'IR' }) })).block?.ruleId,
      ).toBe('R14');
      expect(
        evaluatePayment(anEvaluationInput({ payment: aPayment({ payerResidenceCountry: 'ir' }) })).block
          ?.ruleId,
      ).toBe('R14');
    });

    it("blocks on the wallet provider's home country", () => {
      const ruleSet = aRuleSet((d) => {
        d.walletCountries.KORYOPAY = 'KP';
      });
      const result = evaluatePayment(
        anEvaluationInput({ payment: aPayment({ walletProvider: 'KoryoPay' }), ruleSet }),
      );
      expect(reasonsFor(result, 'R14')[0]?.message).toContain('KP (wallet)');
    });

    it('does nothing for a payer with no nexus to a call-for-action jurisdiction', () => {
      const result = evaluatePayment(anEvaluationInput({ payment: aPayment({ payerNationality: 'KR' }) }));
      expect(result.outcome).toBe('APPROVE');
      expect(result.block).toBeNull();
    });

    it('does nothing when disabled', () => {
      const ruleSet = aRuleSet((d) => {
        d.rules.R14.enabled = false;
      });
      const result = evaluatePayment(
        anEvaluationInput({ payment: aPayment({ payerNationality: 'KP' }), ruleSet }),
      );
      expect(result.tier).toBe('T1');
      expect(result.outcome).toBe('APPROVE');
    });
  });

  describe('R15 grey-list and enhanced due diligence nexus', () => {
    it('caps a T2 payer with a grey-list nationality at T3 limits', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ kycLevel: 'T2', payerNationality: 'VN', amountUsdCents: 100_001 }),
        }),
      );
      expect(result.tier).toBe('T3');
      expect(result.outcome).toBe('DECLINE');
      expect(ruleIdsOf(result)).toEqual(['KYC.T3.PER_PAYMENT', 'R15']);
    });

    it('approves a grey-list T2 payer at the T3 per-payment limit and explains the cap', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ kycLevel: 'T2', payerNationality: 'VN', amountUsdCents: 100_000 }),
        }),
      );
      expect(result.outcome).toBe('APPROVE');
      expect(result.reasons).toEqual([
        {
          code: 'HIGH_RISK_JURISDICTION',
          ruleId: 'R15',
          action: 'ALLOW',
          message:
            'Payer has a nexus to a FATF increased-monitoring or enhanced-due-diligence jurisdiction: VN (nationality); ' +
            'T2 limits capped at T3, velocity thresholds scaled by 0.5',
        },
      ]);
      expect(result.alerts).toEqual([]);
      expect(result.riskScore).toBe(20);
    });

    it('treats Myanmar (enhanced due diligence) like the grey list', () => {
      expect(
        evaluatePayment(anEvaluationInput({ payment: aPayment({ payerResidenceCountry: 'MM' }) })).tier,
      ).toBe('T3');
    });

    it('keeps T0 limits for an unverified grey-list payer', () => {
      const result = evaluatePayment(
        anEvaluationInput({ payment: aPayment({ kycLevel: 'T0', ipCountry: 'NP' }) }),
      );
      expect(result.tier).toBe('T0');
      expect(reasonsFor(result, 'R15')[0]?.message).toContain('T0 limits kept');
    });

    it('does nothing when disabled', () => {
      const ruleSet = aRuleSet((d) => {
        d.rules.R15.enabled = false;
      });
      const result = evaluatePayment(
        anEvaluationInput({ payment: aPayment({ kycLevel: 'T2', payerNationality: 'VN' }), ruleSet }),
      );
      expect(result.tier).toBe('T2');
      expect(result.reasons).toEqual([]);
    });
  });

  describe(resolveTier.name, () => {
    it('lists every nexus and prefers the call-for-action tier', () => {
      const resolution = resolveTier(
        aRuleSet().definition,
        aPayment({ payerNationality: 'VN', ipCountry: 'IR' }),
      );
      expect(resolution).toEqual({
        mappedTier: 'T1',
        tier: 'TX',
        callForAction: [{ kind: 'ip', country: 'IR' }],
        greyList: [{ kind: 'nationality', country: 'VN' }],
        thresholdFactor: 0.5,
      });
    });

    it('ignores missing and blank country fields', () => {
      const resolution = resolveTier(
        aRuleSet().definition,
        aPayment({
          payerNationality: undefined,
          payerResidenceCountry: ' ',
          ipCountry: undefined,
          walletProvider: 'UNKNOWN',
        }),
      );
      expect(resolution.callForAction).toEqual([]);
      expect(resolution.greyList).toEqual([]);
      expect(resolution.thresholdFactor).toBe(1);
    });
  });
});
