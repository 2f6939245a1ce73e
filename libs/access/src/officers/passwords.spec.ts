import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';
import { readFirstLine } from './password-input.js';
import {
  hashPassword,
  passwordProblems,
  SCRYPT_PARAMETERS,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.js';

describe(hashPassword.name, () => {
  it('stores scrypt with its parameters, a 16-byte salt and a 32-byte hash', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, N, r, p, salt, hash] = stored.split('$');
    expect([scheme, Number(N), Number(r), Number(p)]).toEqual([
      'scrypt',
      SCRYPT_PARAMETERS.N,
      SCRYPT_PARAMETERS.r,
      SCRYPT_PARAMETERS.p,
    ]);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64url')).toHaveLength(32);
    expect(stored).not.toContain('correct horse');
  });

  it('salts every hash, so one password stores differently twice', async () => {
    expect(await hashPassword('correct horse battery staple')).not.toEqual(
      await hashPassword('correct horse battery staple'),
    );
  });
});

describe(verifyPassword.name, () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('mot de passe très long');
    expect(await verifyPassword('mot de passe tre\u0300s long', stored)).toBe(true);
  });

  it('verifies hashes stored with other cost parameters', async () => {
    const stored = await hashPassword('correct horse battery staple', { N: 2 ** 16, r: 8, p: 1 });
    expect(stored.startsWith('scrypt$65536$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  });

  it('refuses malformed or implausibly cheap stored hashes instead of throwing', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', 'plain')).toBe(false);
    expect(
      await verifyPassword('correct horse battery staple', stored.replace('scrypt$32768$', 'scrypt$2$')),
    ).toBe(false);
    expect(
      await verifyPassword(
        'correct horse battery staple',
        stored.replace('scrypt$32768$', 'scrypt$1073741824$'),
      ),
    ).toBe(false);
    expect(await verifyAgainstDummy('anything')).toBe(false);
  });
});

describe(passwordProblems.name, () => {
  it('refuses empty and short passwords, naming the field', () => {
    expect(passwordProblems('')).toEqual([{ path: 'password', message: 'password is empty' }]);
    expect(passwordProblems('short-pass1')).toEqual([
      { path: 'password', message: 'password must be at least 12 characters (got 11)' },
    ]);
  });

  it('accepts 12 characters and more, counting characters rather than bytes', () => {
    expect(passwordProblems('twelve chars')).toEqual([]);
    expect(passwordProblems('密码密码密码密码密码密码')).toEqual([]);
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblems('li.na-password-2026', 'li.na')).toEqual([
      { path: 'password', message: 'password must not contain the username' },
    ]);
  });
});

describe(readFirstLine.name, () => {
  it('answers the first line of piped input without its line ending', async () => {
    expect(
      await readFirstLine(
        Readable.from([Buffer.from('correct horse'), Buffer.from(' battery\r\nsecond line\n')]),
      ),
    ).toBe('correct horse battery');
    expect(await readFirstLine(Readable.from([Buffer.from('no newline at all')]))).toBe('no newline at all');
    expect(await readFirstLine(Readable.from([]))).toBe('');
  });

  it('keeps a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('密码密码密码密码密码密码\n');
    expect(await readFirstLine(Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]))).toBe(
      '密码密码密码密码密码密码',
    );
  });
});

describe(LoginThrottle.name, () => {
  it('refuses attempts past the limit within the window and accepts them again after it', () => {
    const throttle = new LoginThrottle(3, 60_000);
    for (let attempt = 0; attempt < 3; attempt += 1) throttle.check('198.51.100.7', 1_000);
    expect(() => throttle.check('198.51.100.7', 2_000)).toThrow(
      expect.objectContaining({ code: 'RATE_LIMITED' }),
    );
    throttle.check('198.51.100.8', 2_000);
    throttle.check('198.51.100.7', 61_000);
  });
});
