import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { ErrorDetail } from '@app/common';

/**
 * Officer passwords: scrypt (memory-hard), stored as `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the
 * cost can be raised later without invalidating stored hashes. N = 2^15, r = 8 needs 32 MiB per hash.
 */
export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
export const PASSWORD_MIN_LENGTH = 12;
/** bounds the work an attacker can make one login cost */
export const PASSWORD_MAX_LENGTH = 1024;

function scryptAsync(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is just too small for N = 2^15, r = 8. */
function maxmemFor(N: number, r: number): number {
  return 128 * N * r * 2;
}

export async function hashPassword(
  password: string,
  parameters: { N: number; r: number; p: number } = SCRYPT_PARAMETERS,
): Promise<string> {
  const { N, r, p } = parameters;
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, {
    N,
    r,
    p,
    maxmem: maxmemFor(N, r),
  });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const STORED_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** True when the password matches the stored hash; false for any malformed or implausible stored value. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED_PATTERN.exec(stored);
  if (!match) return false;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // refuse parameters that would let a tampered row make verification arbitrarily expensive or trivially cheap
  if (N < 2 ** 14 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(match[4], 'base64url');
  const expected = Buffer.from(match[5], 'base64url');
  if (expected.length < 16) return false;
  const actual = await scryptAsync(password.normalize('NFC'), salt, expected.length, {
    N,
    r,
    p,
    maxmem: maxmemFor(N, r),
  });
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real verification, so an unknown username is not told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(password, await dummyHash);
  return false;
}

/** The minimum password policy; problems name the `password` field. */
export function passwordProblems(password: string, username?: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const length = [...password].length;
  if (length === 0) problems.push({ path: 'password', message: 'password is empty' });
  else if (length < PASSWORD_MIN_LENGTH)
    problems.push({
      path: 'password',
      message: `password must be at least ${PASSWORD_MIN_LENGTH} characters (got ${length})`,
    });
  if (length > PASSWORD_MAX_LENGTH)
    problems.push({
      path: 'password',
      message: `password must be at most ${PASSWORD_MAX_LENGTH} characters`,
    });
  if (username && length > 0 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ path: 'password', message: 'password must not contain the username' });
  }
  return problems;
}
