import { describe, expect, it } from 'vitest';
import { renderCaseFilePdf } from './case-file-pdf.js';
import { buildCaseFileBundle, CASE_FILE_NOTICE, type CaseFileSource } from './case-file.js';

const DETAIL: CaseFileSource = {
  id: '11111111-2222-4333-8444-555555555555',
  title: 'IVAN PETROV 伊万: list match',
  status: 'CLOSED_CONFIRMED',
  conclusion: 'CONFIRMED_SUSPICIOUS',
  narrative: 'The payer is the listed person.',
  createdBy: 'officer:a',
  createdAt: '2026-11-24T01:00:00.000Z',
  proposedBy: 'officer:a',
  proposedAt: '2026-11-24T02:00:00.000Z',
  approvedBy: 'officer:b',
  approvedAt: '2026-11-24T03:00:00.000Z',
  closedAt: '2026-11-24T03:00:00.000Z',
  strRequired: true,
  strImmediate: true,
  alerts: [{ id: 'a1', type: 'SANCTIONS', ruleId: 'R01', disposition: 'TRUE_MATCH' }],
  payments: [
    {
      transactionId: 'T-1',
      amount: { value: '268.00', currency: 'CNY' },
      payerAmount: { value: '37.22', currency: 'USD' },
      equivalents: { USD: '37.22', CNY: '268.00' },
      ruleSetVersion: 1,
      listSnapshotIds: ['s1'],
    },
  ],
  parties: [],
  hits: [{ party: 'payer', list: 'UN', matchedName: 'IVAN PETROV', score: 0.97 }],
  notes: [],
  attachments: [],
  timeline: [],
};

describe(buildCaseFileBundle.name, () => {
  const bundle = buildCaseFileBundle({
    detail: DETAIL,
    listSnapshots: [],
    ruleSets: [{ version: 1, createdAt: '2026-01-01T00:00:00.000Z', definition: { rules: [] } }],
    reports: [],
    auditExtract: [
      {
        id: 1,
        occurredAt: '2026-11-24T02:00:00.000Z',
        actor: 'officer:a',
        action: 'case.conclusion-proposed',
        entityType: 'case',
        entityId: DETAIL.id,
        after: {},
        hash: 'h1',
      },
      {
        id: 2,
        occurredAt: '2026-11-24T02:30:00.000Z',
        actor: 'officer:a',
        action: 'case.note-added',
        entityType: 'case',
        entityId: DETAIL.id,
        after: {},
        hash: 'h2',
      },
      {
        id: 3,
        occurredAt: '2026-11-24T03:00:00.000Z',
        actor: 'officer:b',
        action: 'case.approved',
        entityType: 'case',
        entityId: DETAIL.id,
        after: {},
        hash: 'h3',
      },
    ],
    generatedBy: 'officer:c',
    now: new Date('2026-11-25T00:00:00Z'),
  });

  it('keeps the case, its payments and hits as the case detail has them, with the confidentiality notice', () => {
    expect(bundle).toMatchObject({
      schema: 'cpg.case-file/1',
      notice: CASE_FILE_NOTICE,
      generatedAt: '2026-11-25T00:00:00.000Z',
    });
    expect(bundle.case).toMatchObject({ id: DETAIL.id, conclusion: 'CONFIRMED_SUSPICIOUS' });
    expect(bundle.payments).toBe(DETAIL.payments);
    expect(bundle.screening.hits).toBe(DETAIL.hits);
    expect(bundle.dispositionsAndApprovals.map((entry) => entry.action)).toEqual([
      'case.conclusion-proposed',
      'case.approved',
    ]);
  });

  it('lays out a PDF, the same bytes for the same bundle', async () => {
    const first = await renderCaseFilePdf(bundle);
    const second = await renderCaseFilePdf(bundle);
    expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(first.equals(second)).toBe(true);
  });
});
