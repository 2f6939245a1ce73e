import { describe, expect, it } from 'vitest';
import type { FxTable } from '@app/common';
import { generatePstr } from '../formats/camlmac.js';
import { loadStructure, validateStructure } from '../formats/structure.js';
import { buildSuspiciousReport, type ConfirmedCase } from './suspicious-report.js';

const FX: FxTable = { version: 3, unitsPerUsd: { USD: '1', CNY: '7.20', KRW: '1380' } };
const INSTITUTION = { name: 'Test Payments Ltd', code: 'Z0000000000001', regionCode: '310000' };

function payment(
  id: string,
  overrides: Partial<ConfirmedCase['payments'][number]> = {},
): ConfirmedCase['payments'][number] {
  return {
    transactionId: id,
    occurredAt: new Date('2026-11-24T02:15:00Z'),
    status: 'SETTLED',
    decision: 'APPROVE',
    qrType: 'DYNAMIC',
    amount: { value: '268.00', currency: 'CNY' },
    payerAmount: { value: '37.22', currency: 'USD' },
    payerKey: 'KAKAOPAY:kp-1',
    merchantId: 'M-1',
    payer: { walletProvider: 'KAKAOPAY', walletAccountId: 'kp-1', name: 'IVAN PETROV', nationality: 'RU' },
    merchant: { id: 'M-1', name: 'Dumpling House', mcc: '5812', city: 'Shanghai', country: 'CN' },
    reasons: [],
    hits: [],
    ...overrides,
  };
}

function confirmed(overrides: Partial<ConfirmedCase> = {}): ConfirmedCase {
  return {
    caseId: '11111111-2222-4333-8444-555555555555',
    title: 'list match',
    narrative: 'The payer is the listed person.',
    immediate: false,
    proposedBy: 'officer:a',
    approvedBy: 'officer:b',
    // 2026-11-24 23:30 Beijing time
    confirmedAt: new Date('2026-11-24T15:30:00Z'),
    alerts: [{ id: 'a1', type: 'SANCTIONS', ruleId: 'R01', disposition: 'TRUE_MATCH' }],
    payments: [payment('T-2'), payment('T-1', { occurredAt: new Date('2026-11-23T01:00:00Z') })],
    ...overrides,
  };
}

describe(buildSuspiciousReport.name, () => {
  it('reports every payer and merchant once, all payments oldest first with both legs, on the Beijing confirmation day', () => {
    const content = buildSuspiciousReport({
      case: confirmed({
        payments: [
          payment('T-2'),
          payment('T-1', {
            occurredAt: new Date('2026-11-23T01:00:00Z'),
            decision: 'DECLINE',
            status: 'DECLINED',
          }),
          payment('T-3', { merchantId: 'M-2', merchant: { id: 'M-2', name: 'Tea Shop', country: 'CN' } }),
        ],
      }),
      fx: FX,
      institution: INSTITUTION,
      dueOn: '2026-12-01',
      now: new Date('2026-11-24T16:00:00Z'),
    });
    expect(content).toMatchObject({
      type: 'STR',
      period: '2026-11-24',
      suspicionConfirmedOn: '2026-11-24',
      dueOn: '2026-12-01',
      immediate: false,
      narrative: 'The payer is the listed person.',
    });
    expect(content.subjects.map((subject) => [subject.role, subject.name])).toEqual([
      ['payer', 'IVAN PETROV'],
      ['merchant', 'Dumpling House'],
      ['merchant', 'Tea Shop'],
    ]);
    expect(
      content.transactions.map((transaction) => [transaction.transactionId, transaction.status]),
    ).toEqual([
      ['T-1', 'DECLINED'],
      ['T-2', 'SETTLED'],
      ['T-3', 'SETTLED'],
    ]);
    expect(content.transactions[0]).toMatchObject({
      amount: { value: '268.00', currency: 'CNY' },
      payerAmount: { value: '37.22', currency: 'USD' },
      cnyFen: 26800,
      usdCents: 3722,
    });
    expect(content.actionTaken).toContain('1 payment(s) declined');
  });

  it('lists the rules that fired once each and every sanctions hit with list, matched name and score', () => {
    const hit = {
      party: 'payer',
      list: 'UN',
      sourceId: 'QDi.1',
      matchedName: 'IVAN PETROV',
      score: 0.97,
      band: 'STRONG',
    };
    const content = buildSuspiciousReport({
      case: confirmed({
        immediate: true,
        payments: [
          payment('T-1', {
            reasons: [{ code: 'SANCTIONS_MATCH', ruleId: 'R01', message: 'strong match' }],
            hits: [hit],
          }),
          payment('T-2', { reasons: [{ ruleId: 'R03', message: 'rapid succession' }], hits: [hit] }),
        ],
      }),
      fx: FX,
      institution: INSTITUTION,
      dueOn: '2026-11-24',
      now: new Date('2026-11-24T16:00:00Z'),
    });
    expect(content.immediate).toBe(true);
    expect(content.indicators.map((indicator) => indicator.code)).toEqual(['R01', 'R03', 'SANCTIONS_MATCH']);
    expect(content.indicators[2].description).toContain('IVAN PETROV on UN entry QDi.1 (score 0.97, STRONG)');
    expect(content.actionTaken).toContain('party blocked');
  });

  it('gives a PSTR document that meets the project schema, urgency 02 when immediate', () => {
    const content = buildSuspiciousReport({
      case: confirmed({ immediate: true }),
      fx: FX,
      institution: INSTITUTION,
      dueOn: '2026-11-24',
      now: new Date('2026-11-24T16:00:00Z'),
    });
    const { xml } = generatePstr({ id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', content });
    expect(xml).toContain('<DETR>02</DETR>');
    expect(validateStructure(xml, loadStructure('pstr'))).toEqual([]);
  });
});
