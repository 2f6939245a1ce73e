import { describe, expect, it } from 'vitest';
import { checkAttachment, decodeBase64, fourEyes, nextStatus } from './case-policy.js';

describe('case status machine', () => {
  it('goes OPEN → INVESTIGATING → PENDING_APPROVAL → CLOSED_* by the proposed conclusion', () => {
    expect(nextStatus('OPEN', 'investigate')).toEqual({ allowed: true, value: 'INVESTIGATING' });
    expect(nextStatus('INVESTIGATING', 'propose')).toEqual({ allowed: true, value: 'PENDING_APPROVAL' });
    expect(nextStatus('PENDING_APPROVAL', 'approve', 'CONFIRMED_SUSPICIOUS')).toEqual({
      allowed: true,
      value: 'CLOSED_CONFIRMED',
    });
    expect(nextStatus('PENDING_APPROVAL', 'approve', 'REFUTED')).toEqual({
      allowed: true,
      value: 'CLOSED_REFUTED',
    });
    expect(nextStatus('PENDING_APPROVAL', 'approve', 'INCONCLUSIVE')).toEqual({
      allowed: true,
      value: 'CLOSED_INCONCLUSIVE',
    });
    expect(nextStatus('PENDING_APPROVAL', 'reject')).toEqual({ allowed: true, value: 'INVESTIGATING' });
  });

  it('refuses skipped steps and changes to a closed case', () => {
    expect(nextStatus('OPEN', 'propose').allowed).toBe(false);
    expect(nextStatus('INVESTIGATING', 'approve', 'REFUTED').allowed).toBe(false);
    expect(nextStatus('CLOSED_REFUTED', 'investigate').allowed).toBe(false);
    expect(nextStatus('CLOSED_CONFIRMED', 'amend').allowed).toBe(false);
    expect(nextStatus('PENDING_APPROVAL', 'amend').allowed).toBe(true);
  });

  it('refuses the proposer as approver (four eyes)', () => {
    expect(fourEyes('officer-1', 'officer-1')).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    expect(fourEyes('officer-1', 'officer-2')).toEqual({ allowed: true, value: true });
  });
});

describe('attachments', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

  it('accepts a PDF whose bytes are a PDF', () => {
    expect(checkAttachment('application/pdf', pdf)).toEqual({
      allowed: true,
      contentType: 'application/pdf',
    });
    expect(checkAttachment('image/png', png)).toEqual({ allowed: true, contentType: 'image/png' });
  });

  it('refuses a declared type its bytes contradict, a type off the allow-list, and binary text', () => {
    expect(checkAttachment('application/pdf', png)).toMatchObject({
      allowed: false,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(checkAttachment('application/x-msdownload', pdf)).toMatchObject({
      allowed: false,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(checkAttachment('text/plain', png)).toMatchObject({
      allowed: false,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('refuses more than 5 MB and an empty file', () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(pdf);
    expect(checkAttachment('application/pdf', big)).toMatchObject({
      allowed: false,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(checkAttachment('application/pdf', new Uint8Array())).toMatchObject({
      allowed: false,
      code: 'VALIDATION_FAILED',
    });
  });

  it('decodes strict base64 only', () => {
    expect(decodeBase64(Buffer.from('hello').toString('base64'))).toEqual(
      new Uint8Array(Buffer.from('hello')),
    );
    expect(decodeBase64('not base64!')).toBeNull();
  });
});
