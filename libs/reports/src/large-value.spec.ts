import { describe, expect, it } from 'vitest';
import type { FxTable } from '@app/common';
import {
  buildCorrection,
  buildLargeValueReport,
  equivalents,
  type PaymentRecord,
  type ReportRules,
} from './large-value.js';

const RULES: ReportRules = {
  version: 1,
  definition: {
    dueWorkingDays: 5,
    thresholds: {
      NATURAL_PERSON_CROSS_BORDER: { cnyFen: 20_000_000, usdCents: 1_000_000 },
      NATURAL_PERSON_DOMESTIC: { cnyFen: 50_000_000, usdCents: 10_000_000 },
      NON_NATURAL_PERSON: { cnyFen: 200_000_000, usdCents: 20_000_000 },
    },
    directions: {
      OUTFLOW: {
        enabled: true,
        naturalPersonThreshold: 'NATURAL_PERSON_CROSS_BORDER',
        organisationThreshold: 'NON_NATURAL_PERSON',
      },
      INFLOW: {
        enabled: true,
        naturalPersonThreshold: 'NATURAL_PERSON_CROSS_BORDER',
        organisationThreshold: 'NON_NATURAL_PERSON',
      },
    },
    reportingInstitution: { name: 'Test Payments Ltd', code: 'Z0000000000001', regionCode: '310000' },
  },
};
const FX: FxTable = { version: 3, unitsPerUsd: { USD: '1', CNY: '7.20', KRW: '1380' } };
// a table on which CNY 200,000 is less than USD 10,000, so the CNY threshold can be met on its own
const STRONG_CNY: FxTable = { version: 4, unitsPerUsd: { USD: '1', CNY: '25', KRW: '1380' } };

let sequence = 0;
function payment(overrides: Partial<PaymentRecord> & { payerKey?: string } = {}): PaymentRecord {
  sequence += 1;
  const payerKey = overrides.payerKey ?? 'KAKAOPAY:kp-1';
  return {
    transactionId: `T-${String(sequence).padStart(4, '0')}`,
    occurredAt: new Date('2026-11-25T02:00:00Z'),
    status: 'SETTLED',
    qrType: 'DYNAMIC',
    amount: { value: '100.00', currency: 'USD' },
    payerAmount: null,
    merchantId: 'M-1',
    payer: {
      name: 'KIM MIN JUN',
      walletProvider: 'KAKAOPAY',
      walletAccountId: payerKey.split(':')[1],
      nationality: 'KR',
      idDocument: { type: 'PASSPORT', number: 'M1', country: 'KR' },
    },
    merchant: { id: 'M-1', name: 'Shanghai Dumpling House', mcc: '5812', city: 'Shanghai', country: 'CN' },
    ...overrides,
    payerKey,
  };
}

const build = (payments: PaymentRecord[], fx: FxTable = FX, day = '2026-11-25') =>
  buildLargeValueReport({
    day,
    payments,
    rules: RULES,
    fx,
    dueOn: '2026-12-02',
    now: new Date('2026-11-26T17:00:00Z'),
  });

describe(buildLargeValueReport.name, () => {
  it('reports a single USD payment exactly at the USD threshold, and not one cent below', () => {
    const at = build([payment({ amount: { value: '10000.00', currency: 'USD' } })]);
    expect(at.entries.map((entry) => [entry.direction, entry.criteria])).toEqual([
      ['OUTFLOW', ['SINGLE_USD', 'CUMULATIVE_USD']],
    ]);
    expect(at.entries[0].totalUsdCents).toBe(1_000_000);
    expect(build([payment({ amount: { value: '9999.99', currency: 'USD' } })]).entries).toEqual([]);
    expect(build([payment({ amount: { value: '10000.01', currency: 'USD' } })]).entries).toHaveLength(1);
  });

  it('reports on the CNY threshold at, not below, and above the line', () => {
    const cny = (value: string) =>
      payment({ amount: { value, currency: 'CNY' }, payerAmount: { value: '1.00', currency: 'KRW' } });
    expect(build([cny('200000.00')], STRONG_CNY).entries[0].criteria).toEqual([
      'SINGLE_CNY',
      'CUMULATIVE_CNY',
    ]);
    expect(build([cny('199999.99')], STRONG_CNY).entries).toEqual([]);
    expect(build([cny('200000.01')], STRONG_CNY).entries[0].criteria).toEqual([
      'SINGLE_CNY',
      'CUMULATIVE_CNY',
    ]);
    // at CNY 7.20 per USD the USD threshold (CNY 72,000) is reached first
    expect(build([cny('72000.00')]).entries[0].criteria).toEqual(['SINGLE_USD', 'CUMULATIVE_USD']);
    // equivalents are rounded to the cent: CNY 71,999.99 is USD 9,999.9986 → 10,000.00; CNY 71,999.90 is USD 9,999.99
    expect(build([cny('71999.90')]).entries).toEqual([]);
  });

  it('reports a same-day cumulative total that reaches the threshold though no single payment does', () => {
    const report = build([
      payment({ amount: { value: '6000.00', currency: 'USD' } }),
      payment({ amount: { value: '4000.00', currency: 'USD' } }),
    ]);
    expect(report.entries[0]).toMatchObject({
      direction: 'OUTFLOW',
      criteria: ['CUMULATIVE_USD'],
      totalUsdCents: 1_000_000,
    });
    expect(report.entries[0].transactions).toHaveLength(2);
  });

  it('aggregates by Beijing day: 23:30 and 00:30 Beijing are two days although both are 25 Nov in UTC', () => {
    const late = payment({
      occurredAt: new Date('2026-11-25T15:30:00Z'),
      amount: { value: '6000.00', currency: 'USD' },
    }); // 23:30 Beijing 25 Nov
    const early = payment({
      occurredAt: new Date('2026-11-25T16:30:00Z'),
      amount: { value: '6000.00', currency: 'USD' },
    }); // 00:30 Beijing 26 Nov
    expect(build([late, early], FX, '2026-11-25').entries).toEqual([]);
    expect(build([late, early], FX, '2026-11-26').entries).toEqual([]);
    // and two payments on either side of midnight UTC, 07:30 and 08:30 Beijing, are one Beijing day
    const before = payment({
      occurredAt: new Date('2026-11-25T23:30:00Z'),
      amount: { value: '6000.00', currency: 'USD' },
    });
    const after = payment({
      occurredAt: new Date('2026-11-26T00:30:00Z'),
      amount: { value: '4000.00', currency: 'USD' },
    });
    expect(build([before, after], FX, '2026-11-26').entries[0].criteria).toEqual(['CUMULATIVE_USD']);
  });

  it('counts only settled payments and lists the reversed ones as excluded', () => {
    const report = build([
      payment({ amount: { value: '6000.00', currency: 'USD' } }),
      payment({ amount: { value: '4000.00', currency: 'USD' }, status: 'REVERSED' }),
      payment({ amount: { value: '4000.00', currency: 'USD' }, status: 'PENDING' }),
      payment({ amount: { value: '4000.00', currency: 'USD' }, status: 'DECLINED' }),
    ]);
    expect(report.entries).toEqual([]);
    expect(report.excludedReversed).toHaveLength(1);
    expect(report.settledPayments).toBe(1);
  });

  it('keeps customers apart and reports the merchant inflow on the non-natural-person threshold', () => {
    const payments = Array.from({ length: 25 }, (_, i) =>
      payment({ payerKey: `KAKAOPAY:kp-${i}`, amount: { value: '9000.00', currency: 'USD' } }),
    );
    const report = build(payments);
    expect(report.entries.filter((entry) => entry.direction === 'OUTFLOW')).toEqual([]);
    const inflow = report.entries.find((entry) => entry.direction === 'INFLOW');
    expect(inflow).toMatchObject({
      thresholdKind: 'NON_NATURAL_PERSON',
      criteria: ['CUMULATIVE_USD'],
      totalUsdCents: 22_500_000,
      subject: { kind: 'ORGANISATION', key: 'M-1' },
    });
    // a personal collection code is a natural person: the cross-border threshold applies to its inflow
    const personal = build([
      payment({
        payerKey: 'A:1',
        amount: { value: '5000.00', currency: 'USD' },
        merchant: { name: 'LI NA', personalCollectionCode: true },
      }),
      payment({
        payerKey: 'A:2',
        amount: { value: '5000.00', currency: 'USD' },
        merchant: { name: 'LI NA', personalCollectionCode: true },
      }),
    ]);
    expect(
      personal.entries.map((entry) => [entry.direction, entry.subject.kind, entry.thresholdKind]),
    ).toEqual([['INFLOW', 'PERSON', 'NATURAL_PERSON_CROSS_BORDER']]);
  });

  it('uses an actual USD or CNY leg as moved and converts only a missing currency with the day table', () => {
    expect(
      equivalents(
        { amount: { value: '720.00', currency: 'CNY' }, payerAmount: { value: '99.50', currency: 'USD' } },
        FX,
      ),
    ).toEqual({ cnyFen: 72_000, usdCents: 9_950 });
    expect(
      equivalents(
        { amount: { value: '720.00', currency: 'CNY' }, payerAmount: { value: '138000', currency: 'KRW' } },
        FX,
      ),
    ).toEqual({ cnyFen: 72_000, usdCents: 10_000 });
    expect(equivalents({ amount: { value: '100.00', currency: 'USD' }, payerAmount: null }, FX)).toEqual({
      cnyFen: 72_000,
      usdCents: 10_000,
    });
  });
});

describe(buildCorrection.name, () => {
  it('withdraws an entry that falls below the threshold without the reversed payment, and amends one that stays above', () => {
    const a = payment({ payerKey: 'KAKAOPAY:a', amount: { value: '6000.00', currency: 'USD' } });
    const b = payment({ payerKey: 'KAKAOPAY:a', amount: { value: '4000.00', currency: 'USD' } });
    const c = payment({ payerKey: 'KAKAOPAY:c', amount: { value: '12000.00', currency: 'USD' } });
    const d = payment({ payerKey: 'KAKAOPAY:c', amount: { value: '1000.00', currency: 'USD' } });
    const original = build([a, b, c, d]);
    const correction = buildCorrection({
      original: { id: 'r-1', content: original },
      reversedTransactionIds: [b.transactionId, d.transactionId],
      rules: RULES,
      fxVersion: 3,
      dueOn: '2026-12-09',
      now: new Date(),
    });
    expect(
      correction.entries.map((entry) => [entry.entryId, entry.action, entry.transactions.length]),
    ).toEqual([
      ['OUTFLOW:KAKAOPAY:a', 'WITHDRAW', 1],
      ['OUTFLOW:KAKAOPAY:c', 'AMEND', 1],
    ]);
    expect(correction).toMatchObject({
      correctsReportId: 'r-1',
      period: '2026-11-25',
      reversedTransactionIds: [b.transactionId, d.transactionId].sort(),
    });
  });
});
