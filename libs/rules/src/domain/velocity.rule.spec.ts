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
  pastPayments,
  reasonsFor,
  usage,
} from './testing.js';

const PAYER = 'KAKAOPAY:kp-8812';

function withRecent(recent: PastPayment[], overrides: Parameters<typeof aPayment>[0] = {}) {
  return evaluatePayment(anEvaluationInput({ payment: aPayment(overrides), history: aHistory({ recent }) }));
}

describe(evaluatePayment.name, () => {
  describe('R03 rapid succession', () => {
    it('does nothing for the 4th payment within 10 minutes', () => {
      const result = withRecent(pastPayments(3));
      expect(result.outcome).toBe('APPROVE');
      expect(reasonsFor(result, 'R03')).toEqual([]);
    });

    it('steps up the 5th payment within 10 minutes', () => {
      const result = withRecent(pastPayments(4));
      expect(result.outcome).toBe('STEP_UP');
      expect(result.reasons).toEqual([
        {
          code: 'VELOCITY',
          ruleId: 'R03',
          action: 'STEP_UP',
          message: '5 payments within 10 minutes (step-up threshold 5)',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R03', dedupKey: `${PAYER}|R03|2026-11-25T02:10Z`, priority: 'LOW', type: 'VELOCITY' },
      ]);
    });

    it('still steps up the 7th payment within 10 minutes', () => {
      expect(withRecent(pastPayments(6)).outcome).toBe('STEP_UP');
    });

    it('declines the 8th payment within 10 minutes and raises an alert', () => {
      const result = withRecent(pastPayments(7));
      expect(result.outcome).toBe('DECLINE');
      expect(reasonsFor(result, 'R03')).toEqual([
        {
          code: 'VELOCITY',
          ruleId: 'R03',
          action: 'DECLINE',
          message: '8 payments within 10 minutes (decline threshold 8)',
        },
      ]);
      expect(result.alerts.map((a) => [a.dedupKey, a.priority])).toEqual([
        [`${PAYER}|R03|2026-11-25T02:10Z`, 'MEDIUM'],
      ]);
    });

    it('does not count a payment exactly 10 minutes earlier', () => {
      const recent = [...pastPayments(3), aPastPayment({ minutesAgo: 10 })];
      expect(reasonsFor(withRecent(recent), 'R03')).toEqual([]);
    });

    it('does not count declined attempts', () => {
      const recent = [...pastPayments(2), ...pastPayments(2, { decision: 'DECLINE', startMinutesAgo: 3 })];
      expect(reasonsFor(withRecent(recent), 'R03')).toEqual([]);
    });

    it('counts stepped-up and held payments', () => {
      const recent = [
        ...pastPayments(2, { decision: 'STEP_UP' }),
        ...pastPayments(2, { decision: 'REVIEW', startMinutesAgo: 3 }),
      ];
      expect(reasonsFor(withRecent(recent), 'R03').map((r) => r.action)).toEqual(['STEP_UP']);
    });

    it('ignores the current transaction if the history already holds it', () => {
      const recent = [
        ...pastPayments(3),
        aPastPayment({ transactionId: 'CPG-20261125-000001', minutesAgo: 0 }),
      ];
      expect(reasonsFor(withRecent(recent), 'R03')).toEqual([]);
    });

    it('halves the thresholds for a grey-list payer: steps up the 3rd and declines the 4th', () => {
      expect(reasonsFor(withRecent(pastPayments(1), { payerNationality: 'VN' }), 'R03')).toEqual([]);
      expect(
        reasonsFor(withRecent(pastPayments(2), { payerNationality: 'VN' }), 'R03').map((r) => r.action),
      ).toEqual(['STEP_UP']);
      expect(
        reasonsFor(withRecent(pastPayments(3), { payerNationality: 'VN' }), 'R03').map((r) => r.action),
      ).toEqual(['DECLINE']);
    });

    it('does nothing when disabled', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          history: aHistory({ recent: pastPayments(7) }),
          ruleSet: aRuleSet((d) => {
            d.rules.R03.enabled = false;
          }),
        }),
      );
      expect(result.outcome).toBe('APPROVE');
      expect(result.reasons).toEqual([]);
    });
  });

  describe('R04 daily count', () => {
    // NOW is 10:15 Beijing: 615 minutes into the Beijing day; one payment every 12 minutes stays in it
    const today = (count: number) => pastPayments(count, { startMinutesAgo: 20, everyMinutes: 12 });

    it('does nothing for the 29th payment of the Beijing day', () => {
      expect(reasonsFor(withRecent(today(28)), 'R04')).toEqual([]);
    });

    it('raises an alert on the 30th payment of the Beijing day and approves it', () => {
      const result = withRecent(today(29));
      expect(result.outcome).toBe('APPROVE');
      expect(reasonsFor(result, 'R04')).toEqual([
        {
          code: 'VELOCITY',
          ruleId: 'R04',
          action: 'ALERT',
          message: '30 payments in the Beijing day 2026-11-25 (alert threshold 30)',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R04', dedupKey: `${PAYER}|R04|2026-11-25`, priority: 'LOW', type: 'VELOCITY' },
      ]);
    });

    it('still only alerts on the 49th payment', () => {
      expect(reasonsFor(withRecent(today(48)), 'R04').map((r) => r.action)).toEqual(['ALERT']);
    });

    it('sends the 50th payment of the Beijing day to review', () => {
      const result = withRecent(today(49));
      expect(result.outcome).toBe('REVIEW');
      expect(reasonsFor(result, 'R04').map((r) => r.action)).toEqual(['HOLD']);
      expect(result.alerts.map((a) => a.priority)).toEqual(['MEDIUM']);
    });

    it('does not count payments of the previous Beijing day', () => {
      const recent = [...today(28), aPastPayment({ occurredAt: new Date('2026-11-24T15:59:00Z') })];
      expect(reasonsFor(withRecent(recent), 'R04')).toEqual([]);
    });

    it('halves the thresholds for a grey-list payer', () => {
      expect(reasonsFor(withRecent(today(13), { ipCountry: 'LA' }), 'R04')).toEqual([]);
      expect(reasonsFor(withRecent(today(14), { ipCountry: 'LA' }), 'R04').map((r) => r.action)).toEqual([
        'ALERT',
      ]);
      expect(reasonsFor(withRecent(today(24), { ipCountry: 'LA' }), 'R04').map((r) => r.action)).toEqual([
        'HOLD',
      ]);
    });

    it('does nothing when disabled', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          history: aHistory({ recent: today(49) }),
          ruleSet: aRuleSet((d) => {
            d.rules.R04.enabled = false;
          }),
        }),
      );
      expect(reasonsFor(result, 'R04')).toEqual([]);
    });
  });

  describe('R05 split payment at one merchant', () => {
    const twoAtMerchant = (amountUsdCents: number) =>
      pastPayments(2, { amountUsdCents, startMinutesAgo: 5, everyMinutes: 10 });

    it('declines the 3rd payment at the merchant within 30 minutes when the sum exceeds the per-payment limit', () => {
      const result = withRecent(twoAtMerchant(40_000), { amountUsdCents: 20_001 });
      expect(result.outcome).toBe('DECLINE');
      expect(result.reasons).toEqual([
        {
          code: 'VELOCITY',
          ruleId: 'R05',
          action: 'DECLINE',
          message:
            '3 payments at the same merchant within 30 minutes total USD 1,000.01, above the T1 per-payment limit of USD 1,000.00',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R05', dedupKey: `${PAYER}|R05|2026-11-25T02:00Z`, priority: 'HIGH', type: 'VELOCITY' },
      ]);
      expect(result.reservations).toEqual([]);
    });

    it('approves when the sum is exactly the per-payment limit', () => {
      expect(withRecent(twoAtMerchant(40_000), { amountUsdCents: 20_000 }).outcome).toBe('APPROVE');
    });

    it('approves the 2nd payment even when the sum exceeds the limit', () => {
      const result = withRecent(pastPayments(1, { amountUsdCents: 90_000, startMinutesAgo: 5 }), {
        amountUsdCents: 90_000,
      });
      expect(reasonsFor(result, 'R05')).toEqual([]);
    });

    it('does not count payments at other merchants', () => {
      const recent = pastPayments(2, { amountUsdCents: 40_000, merchantId: 'M-OTHER', startMinutesAgo: 5 });
      expect(reasonsFor(withRecent(recent, { amountUsdCents: 30_000 }), 'R05')).toEqual([]);
    });

    it('does not count a payment exactly 30 minutes earlier', () => {
      const recent = [
        aPastPayment({ amountUsdCents: 40_000, minutesAgo: 5 }),
        aPastPayment({ amountUsdCents: 40_000, minutesAgo: 30 }),
      ];
      expect(reasonsFor(withRecent(recent, { amountUsdCents: 30_000 }), 'R05')).toEqual([]);
    });

    it('uses the halved cap at a high-risk merchant category', () => {
      const result = withRecent(twoAtMerchant(20_000), { amountUsdCents: 10_001, merchantMcc: '6051' });
      expect(reasonsFor(result, 'R05')[0]?.message).toContain('above the halved T1 per-payment limit of USD 500.00');
    });

    it('needs only 2 payments for a grey-list payer', () => {
      const result = withRecent(pastPayments(1, { amountUsdCents: 60_000, startMinutesAgo: 5 }), {
        amountUsdCents: 50_000,
        payerResidenceCountry: 'KE',
      });
      expect(reasonsFor(result, 'R05').map((r) => r.action)).toEqual(['DECLINE']);
    });

    it('does nothing when disabled', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ amountUsdCents: 30_000 }),
          history: aHistory({ recent: twoAtMerchant(40_000) }),
          ruleSet: aRuleSet((d) => {
            d.rules.R05.enabled = false;
          }),
        }),
      );
      expect(result.outcome).toBe('APPROVE');
    });
  });

  describe('R06 near the per-payment cap', () => {
    const nearCapDays = (amountUsdCents: number, count = 2) =>
      Array.from({ length: count }, (_, i) =>
        aPastPayment({ amountUsdCents, minutesAgo: (i + 1) * 24 * 60 }),
      );

    it('raises an alert on the 3rd payment within 7 days at 90 % of the cap', () => {
      const result = withRecent(nearCapDays(90_000), { amountUsdCents: 90_000 });
      expect(result.outcome).toBe('APPROVE');
      expect(result.reasons).toEqual([
        {
          code: 'VELOCITY',
          ruleId: 'R06',
          action: 'ALERT',
          message: '3 payments within 7 days each at least USD 900.00 (90% of the T1 per-payment limit)',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R06', dedupKey: `${PAYER}|R06|2026-11-25`, priority: 'MEDIUM', type: 'VELOCITY' },
      ]);
    });

    it('does nothing when this payment is one cent below 90 % of the cap', () => {
      expect(reasonsFor(withRecent(nearCapDays(90_000), { amountUsdCents: 89_999 }), 'R06')).toEqual([]);
    });

    it('does not count an earlier payment one cent below 90 % of the cap', () => {
      const recent = [
        aPastPayment({ amountUsdCents: 90_000, minutesAgo: 1440 }),
        aPastPayment({ amountUsdCents: 89_999, minutesAgo: 2880 }),
      ];
      expect(reasonsFor(withRecent(recent, { amountUsdCents: 95_000 }), 'R06')).toEqual([]);
    });

    it('does nothing for the 2nd near-cap payment', () => {
      expect(reasonsFor(withRecent(nearCapDays(95_000, 1), { amountUsdCents: 95_000 }), 'R06')).toEqual([]);
    });

    it('alerts on a 4th near-cap payment too', () => {
      expect(reasonsFor(withRecent(nearCapDays(95_000, 3), { amountUsdCents: 95_000 }), 'R06')).toHaveLength(
        1,
      );
    });

    it('does not count a payment 7 days earlier', () => {
      const recent = [
        aPastPayment({ amountUsdCents: 95_000, minutesAgo: 1440 }),
        aPastPayment({ amountUsdCents: 95_000, minutesAgo: 7 * 1440 }),
      ];
      expect(reasonsFor(withRecent(recent, { amountUsdCents: 95_000 }), 'R06')).toEqual([]);
    });

    it('does nothing when disabled', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ amountUsdCents: 95_000 }),
          history: aHistory({ recent: nearCapDays(95_000) }),
          ruleSet: aRuleSet((d) => {
            d.rules.R06.enabled = false;
          }),
        }),
      );
      expect(result.reasons).toEqual([]);
    });
  });

  describe('R07 structuring under the LTR threshold', () => {
    // a T2 payer can spend up to USD 10,000 a Beijing day
    const yesterday = (amountUsdCents: number) =>
      aPastPayment({ amountUsdCents, occurredAt: new Date('2026-11-24T05:00:00Z') });
    const evaluateT2 = (
      recent: PastPayment[],
      dayUsdCents: number,
      amountUsdCents: number,
      ruleSet = aRuleSet(),
    ) =>
      evaluatePayment(
        anEvaluationInput({
          payment: aPayment({ kycLevel: 'T2', amountUsdCents }),
          history: aHistory({
            recent,
            usage: usage({ dayUsdCents, monthUsdCents: dayUsdCents, yearUsdCents: dayUsdCents }),
          }),
          ruleSet,
        }),
      );

    it('raises an alert when today and one earlier day both total USD 8,000–9,999.99', () => {
      const result = evaluateT2([yesterday(500_000), yesterday(350_000)], 700_000, 150_000);
      expect(result.outcome).toBe('APPROVE');
      expect(result.reasons).toEqual([
        {
          code: 'VELOCITY',
          ruleId: 'R07',
          action: 'ALERT',
          message:
            'Beijing-day totals between USD 8,000.00 and USD 9,999.99 on 2 days within 7 days, today USD 8,500.00: possible structuring',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R07', dedupKey: `${PAYER}|R07|2026-11-25`, priority: 'HIGH', type: 'VELOCITY' },
      ]);
    });

    it('raises an alert at both ends of the range', () => {
      expect(reasonsFor(evaluateT2([yesterday(800_000)], 700_000, 100_000), 'R07')).toHaveLength(1);
      expect(reasonsFor(evaluateT2([yesterday(999_999)], 899_999, 100_000), 'R07')).toHaveLength(1);
    });

    it('does nothing when today stays below USD 8,000', () => {
      expect(reasonsFor(evaluateT2([yesterday(850_000)], 700_000, 99_999), 'R07')).toEqual([]);
    });

    it('does nothing when today reaches USD 10,000', () => {
      expect(reasonsFor(evaluateT2([yesterday(850_000)], 900_000, 100_000), 'R07')).toEqual([]);
    });

    it('does nothing when the earlier day is below USD 8,000', () => {
      expect(reasonsFor(evaluateT2([yesterday(799_999)], 700_000, 150_000), 'R07')).toEqual([]);
    });

    it('does nothing when the earlier day is at USD 10,000', () => {
      expect(reasonsFor(evaluateT2([yesterday(1_000_000)], 700_000, 150_000), 'R07')).toEqual([]);
    });

    it('counts the Beijing day six days before today but not seven', () => {
      const sixDaysBefore = aPastPayment({
        amountUsdCents: 850_000,
        occurredAt: new Date('2026-11-18T17:00:00Z'),
      }); // Beijing 11-19 01:00
      const sevenDaysBefore = aPastPayment({
        amountUsdCents: 850_000,
        occurredAt: new Date('2026-11-18T15:00:00Z'),
      }); // Beijing 11-18 23:00
      expect(reasonsFor(evaluateT2([sixDaysBefore], 700_000, 150_000), 'R07')).toHaveLength(1);
      expect(reasonsFor(evaluateT2([sevenDaysBefore], 700_000, 150_000), 'R07')).toEqual([]);
    });

    it('does not count declined payments in earlier day totals', () => {
      const declined = aPastPayment({
        amountUsdCents: 850_000,
        occurredAt: new Date('2026-11-24T05:00:00Z'),
        decision: 'DECLINE',
      });
      expect(reasonsFor(evaluateT2([declined], 700_000, 150_000), 'R07')).toEqual([]);
    });

    it('does nothing when disabled', () => {
      const ruleSet = aRuleSet((d) => {
        d.rules.R07.enabled = false;
      });
      expect(reasonsFor(evaluateT2([yesterday(850_000)], 700_000, 150_000, ruleSet), 'R07')).toEqual([]);
    });
  });

  describe('R09 fan-out to many merchants', () => {
    const merchants = (count: number, startMinutesAgo: number, everyMinutes: number) =>
      Array.from({ length: count }, (_, i) =>
        aPastPayment({ merchantId: `M-FAN-${i + 1}`, minutesAgo: startMinutesAgo + i * everyMinutes }),
      );

    it('raises an alert for the 6th distinct merchant within an hour', () => {
      const result = withRecent(merchants(5, 5, 10));
      expect(result.outcome).toBe('APPROVE');
      expect(result.reasons).toEqual([
        {
          code: 'VELOCITY',
          ruleId: 'R09',
          action: 'ALERT',
          message: 'Payments at 6 distinct merchants within 1 hour (threshold 6)',
        },
      ]);
      expect(result.alerts).toEqual([
        { ruleId: 'R09', dedupKey: `${PAYER}|R09|2026-11-25T02:00Z`, priority: 'MEDIUM', type: 'VELOCITY' },
      ]);
    });

    it('does nothing for the 5th distinct merchant within an hour', () => {
      expect(reasonsFor(withRecent(merchants(4, 5, 10)), 'R09')).toEqual([]);
    });

    it('does not count a merchant paid exactly an hour earlier', () => {
      expect(
        reasonsFor(
          withRecent([...merchants(4, 5, 10), aPastPayment({ merchantId: 'M-OLD', minutesAgo: 60 })]),
          'R09',
        ),
      ).toEqual([]);
    });

    it('counts repeated payments at one merchant once', () => {
      const recent = [...merchants(4, 5, 10), aPastPayment({ merchantId: 'M-FAN-1', minutesAgo: 2 })];
      expect(reasonsFor(withRecent(recent), 'R09')).toEqual([]);
    });

    it('raises an alert for the 20th distinct merchant of the Beijing day', () => {
      const result = withRecent(merchants(19, 70, 20));
      expect(reasonsFor(result, 'R09')).toEqual([
        {
          code: 'VELOCITY',
          ruleId: 'R09',
          action: 'ALERT',
          message: 'Payments at 20 distinct merchants in the Beijing day 2026-11-25 (threshold 20)',
        },
      ]);
      expect(result.alerts[0]?.dedupKey).toBe(`${PAYER}|R09|2026-11-25`);
    });

    it('does nothing for the 19th distinct merchant of the Beijing day', () => {
      expect(reasonsFor(withRecent(merchants(18, 70, 20)), 'R09')).toEqual([]);
    });

    it('halves the thresholds for a grey-list payer', () => {
      expect(reasonsFor(withRecent(merchants(1, 5, 10), { payerNationality: 'MM' }), 'R09')).toEqual([]);
      expect(reasonsFor(withRecent(merchants(2, 5, 10), { payerNationality: 'MM' }), 'R09')).toHaveLength(1);
    });

    it('does nothing when disabled', () => {
      const result = evaluatePayment(
        anEvaluationInput({
          history: aHistory({ recent: merchants(19, 5, 2) }),
          ruleSet: aRuleSet((d) => {
            d.rules.R09.enabled = false;
            d.rules.R03.enabled = false;
          }),
        }),
      );
      expect(result.reasons).toEqual([]);
    });
  });

  it('evaluates a payment from the future of the history snapshot without counting later payments', () => {
    const later = aPastPayment({ occurredAt: new Date(NOW.getTime() + 60_000) });
    const result = withRecent([...pastPayments(3), later]);
    expect(reasonsFor(result, 'R03')).toEqual([]);
  });
});
