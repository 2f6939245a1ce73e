import { describe, expect, it } from 'vitest';
import { signatureOf, verifySignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'a-test-secret-of-some-length';
  const body = '{"event":"hold.resolved"}';

  it('signs "<t>.<body>" with HMAC-SHA256 and verifies it', () => {
    const header = signatureOf(secret, 1_764_100_000, body);
    expect(header).toMatch(/^t=1764100000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, 1_764_100_010)).toBe(true);
  });

  it('refuses another body, another secret and a stale timestamp', () => {
    const header = signatureOf(secret, 1_764_100_000, body);
    expect(verifySignature(secret, header, `${body} `, 1_764_100_000)).toBe(false);
    expect(verifySignature('another-secret-entirely', header, body, 1_764_100_000)).toBe(false);
    expect(verifySignature(secret, header, body, 1_764_100_000 + 3600)).toBe(false);
    expect(verifySignature(secret, 't=abc,v1=zz', body, 1_764_100_000)).toBe(false);
  });
});
