import { describe, expect, it } from 'vitest';
import { DomainError } from '@app/common';
import { alertSubjectParties, checkApproval, checkAssign, checkDisposition, escalatedPriority, needsFourEyes, suppressionTargets, type AlertState } from './alert-policy.js';

const alert = (overrides: Partial<AlertState> = {}): AlertState => ({ id: 'a1', status: 'IN_PROGRESS', type: 'VELOCITY', assignee: 'li.na', disposedById: null, ...overrides });
const codeOf = (action: () => void): string | undefined => {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER';
  }
};

describe('needsFourEyes', () => {
  it('asks a second officer for every sanctions disposition and for SUSPICIOUS anywhere', () => {
    expect(needsFourEyes('SANCTIONS', 'FALSE_POSITIVE')).toBe(true);
    expect(needsFourEyes('SANCTIONS', 'NOT_SUSPICIOUS')).toBe(true);
    expect(needsFourEyes('VELOCITY', 'SUSPICIOUS')).toBe(true);
    expect(needsFourEyes('VELOCITY', 'NOT_SUSPICIOUS')).toBe(false);
    expect(needsFourEyes('MONITORING', 'FALSE_POSITIVE')).toBe(false);
  });
});

describe('escalatedPriority', () => {
  it('moves one step up and stays at CRITICAL', () => {
    expect(escalatedPriority('LOW')).toBe('MEDIUM');
    expect(escalatedPriority('MEDIUM')).toBe('HIGH');
    expect(escalatedPriority('HIGH')).toBe('CRITICAL');
    expect(escalatedPriority('CRITICAL')).toBe('CRITICAL');
  });
});

describe('state checks', () => {
  const officer = { id: 'o1', username: 'li.na' };
  it('assigns OPEN and IN_PROGRESS alerts only', () => {
    expect(codeOf(() => checkAssign(alert({ status: 'OPEN' })))).toBeUndefined();
    expect(codeOf(() => checkAssign(alert({ status: 'PENDING_APPROVAL' })))).toBe('CONFLICT');
    expect(codeOf(() => checkAssign(alert({ status: 'CLOSED' })))).toBe('CONFLICT');
  });
  it('lets only the assignee dispose of an IN_PROGRESS alert', () => {
    expect(codeOf(() => checkDisposition(alert(), officer))).toBeUndefined();
    expect(codeOf(() => checkDisposition(alert({ assignee: 'wang.fang' }), officer))).toBe('FORBIDDEN');
    expect(codeOf(() => checkDisposition(alert({ status: 'CLOSED' }), officer))).toBe('CONFLICT');
    expect(codeOf(() => checkDisposition(alert({ status: 'OPEN', assignee: null }), officer))).toBe('CONFLICT');
  });
  it('refuses approval by the proposer (four eyes) and of alerts not pending', () => {
    expect(codeOf(() => checkApproval(alert({ status: 'PENDING_APPROVAL', disposedById: 'o1' }), officer))).toBe('FORBIDDEN');
    expect(codeOf(() => checkApproval(alert({ status: 'PENDING_APPROVAL', disposedById: 'o2' }), officer))).toBeUndefined();
    expect(codeOf(() => checkApproval(alert({ status: 'IN_PROGRESS' }), officer))).toBe('CONFLICT');
  });
});

describe('suppressionTargets', () => {
  it('keys every pre-auth hit by its party', () => {
    const evidence = {
      hits: [
        { party: 'payer', list: 'DEMO_UN', sourceId: 'D1', entryVersion: 'f1' },
        { party: 'merchant', list: 'DEMO_OFAC', sourceId: 'D2', entryVersion: 'f2' },
        { party: 'legalRepresentative', list: 'DEMO_OFAC', sourceId: 'D3', entryVersion: 'f3' },
        { party: 'payer', list: 'DEMO_UN', sourceId: 'D1', entryVersion: 'f1' },
      ],
    };
    expect(suppressionTargets(evidence, 'KAKAOPAY:kp-1', 'M-1')).toEqual([
      { partyKey: 'payer:KAKAOPAY:kp-1', list: 'DEMO_UN', sourceId: 'D1', entryVersion: 'f1' },
      { partyKey: 'merchant:M-1', list: 'DEMO_OFAC', sourceId: 'D2', entryVersion: 'f2' },
      { partyKey: 'merchant:M-1:legal-representative', list: 'DEMO_OFAC', sourceId: 'D3', entryVersion: 'f3' },
    ]);
  });
  it("keeps to the alert's own parties: the payer's alert does not suppress a merchant hit", () => {
    const evidence = {
      hits: [
        { party: 'payer', list: 'DEMO_UN', sourceId: 'D1', entryVersion: 'f1' },
        { party: 'merchant', list: 'DEMO_OFAC', sourceId: 'D2', entryVersion: 'f2' },
        { party: 'legalRepresentative', list: 'DEMO_OFAC', sourceId: 'D3', entryVersion: 'f3' },
      ],
    };
    expect(alertSubjectParties('KAKAOPAY:kp-1|R02|T1')).toEqual(['payer']);
    expect(suppressionTargets(evidence, 'KAKAOPAY:kp-1', 'M-1', alertSubjectParties('KAKAOPAY:kp-1|R02|T1')).map((target) => target.partyKey)).toEqual(['payer:KAKAOPAY:kp-1']);
    expect(suppressionTargets(evidence, 'KAKAOPAY:kp-1', 'M-1', alertSubjectParties('merchant:M-1|R02|T1')).map((target) => target.partyKey)).toEqual([
      'merchant:M-1',
      'merchant:M-1:legal-representative',
    ]);
  });
  it('reads the single hit of a rescreen alert, and nothing from evidence without hits', () => {
    expect(suppressionTargets({ party: 'merchant', list: 'UN_SC', sourceId: 'QDe.1', entryVersion: 'abc' }, null, 'M-9')).toEqual([
      { partyKey: 'merchant:M-9', list: 'UN_SC', sourceId: 'QDe.1', entryVersion: 'abc' },
    ]);
    expect(suppressionTargets({ transactionId: 'T', hits: [] }, 'p', 'm')).toEqual([]);
    expect(suppressionTargets(null, 'p', 'm')).toEqual([]);
  });
});
