import { OfficerService, type OfficerRole } from '../../libs/access/src/index.js';
import { TEST_ACTOR, type TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestOfficer {
  id: string;
  username: string;
  role: OfficerRole;
  password: string;
}

let sequence = 0;

/** A new officer with this role (a fresh username each call). */
export async function createOfficer(
  t: TestApp,
  role: OfficerRole,
  options: { username?: string; password?: string } = {},
): Promise<TestOfficer> {
  sequence += 1;
  const username = options.username ?? `${role.toLowerCase()}-${process.pid}-${sequence}`;
  const password = options.password ?? TEST_PASSWORD;
  const officer = await new OfficerService(t.dataSource).create({ username, role, password }, TEST_ACTOR);
  return { ...officer, password };
}

let address = 0;

/**
 * POST /v1/auth/login from a client address of its own (X-Forwarded-For; the app trusts its proxy), so the
 * per-address login throttle never mixes up the tests of one file.
 */
export function postLogin(
  t: TestApp,
  body: unknown,
  clientAddress = nextClientAddress(),
): ReturnType<TestApp['request']> {
  return t.request('POST', '/v1/auth/login', {
    key: null,
    body,
    headers: { 'x-forwarded-for': clientAddress },
  });
}

export function nextClientAddress(): string {
  address += 1;
  return `198.51.${Math.floor(address / 250) % 250}.${(address % 250) + 1}`;
}

/** Logs in over HTTP; answers the bearer token. */
export async function login(t: TestApp, officer: { username: string; password: string }): Promise<string> {
  const response = await postLogin(t, { username: officer.username, password: officer.password });
  if (response.status !== 200)
    throw new Error(
      `login of ${officer.username} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return response.body.accessToken as string;
}

/** A new officer with this role, logged in. */
export async function loginAs(t: TestApp, role: OfficerRole): Promise<TestOfficer & { token: string }> {
  const officer = await createOfficer(t, role);
  return { ...officer, token: await login(t, officer) };
}

/** Request options for an officer's bearer token (and no API key). */
export function bearer(
  token: string,
  body?: unknown,
): { key: null; headers: Record<string, string>; body?: unknown } {
  return {
    key: null,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body }),
  };
}
