import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../libs/access/src/index.js';
import { bearer, createOfficer, login, loginAs, postLogin, TEST_PASSWORD } from './support/officers.js';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const GENERIC_401 = { code: 'UNAUTHENTICATED', message: 'Invalid username or password', details: [] };

/** `npm run cli` (dist, built by `npm test`) with `input` piped on standard input. */
function cli(
  t: TestApp,
  args: string[],
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const config = t.runtime.config;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: config.queuePrefix,
    ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : { DATA_DIR: config.dataDir }),
    ...(config.redisUrl ? { REDIS_URL: config.redisUrl } : {}),
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function auditOf(
  t: TestApp,
  entityId: string,
): Promise<Array<{ id: string; actor: string; action: string; after: any }>> {
  return t.dataSource.query(
    'SELECT id, actor, action, after FROM audit_events WHERE entity_type = $1 AND entity_id = $2 ORDER BY id',
    ['officer', entityId],
  );
}

describe('officers, sessions, permissions and the audit trail', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs an officer in with an opaque bearer token valid 8 hours, stores only its hash and answers who they are', async () => {
    const officer = await createOfficer(t, 'ANALYST');
    const response = await postLogin(t, {
      username: officer.username.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accessToken: expect.stringMatching(/^cpo_[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      officer: { id: officer.id, username: officer.username, role: 'ANALYST' },
    });
    const hours = (Date.parse(response.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);

    const stored = await t.dataSource.query('SELECT token_hash FROM officer_sessions WHERE officer_id = $1', [
      officer.id,
    ]);
    expect(stored).toEqual([{ token_hash: sha256(response.body.accessToken) }]);
    const passwordHash = await t.dataSource.query('SELECT password_hash FROM officers WHERE id = $1', [
      officer.id,
    ]);
    expect(passwordHash[0].password_hash).toMatch(
      /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/,
    );

    const me = await t.request('GET', '/v1/auth/me', bearer(response.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      officer: { id: officer.id, username: officer.username, role: 'ANALYST' },
      permissions: permissionsOf('ANALYST'),
      expiresAt: response.body.expiresAt,
    });
    expect((await auditOf(t, officer.id)).map((event) => event.action)).toEqual([
      'officer.created',
      'officer.login',
    ]);
  });

  it('answers one 401 for a wrong password, an unknown username and a disabled account, and audits the real reason', async () => {
    const officer = await createOfficer(t, 'SUPERVISOR');
    const wrong = await postLogin(t, { username: officer.username, password: 'not the password at all' });
    const unknown = await postLogin(t, { username: `nobody-${Date.now()}`, password: TEST_PASSWORD });
    const disabledOfficer = await createOfficer(t, 'ANALYST');
    await t.dataSource.query('UPDATE officers SET disabled_at = now() WHERE id = $1', [disabledOfficer.id]);
    const disabled = await postLogin(t, { username: disabledOfficer.username, password: TEST_PASSWORD });
    for (const response of [wrong, unknown, disabled]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: { ...GENERIC_401, requestId: expect.any(String) } });
    }
    expect((await auditOf(t, officer.id)).at(-1)).toMatchObject({
      action: 'officer.login-failed',
      actor: `officer:${officer.username}`,
      after: { reason: 'bad-password', failedAttempts: 1 },
    });
    expect((await auditOf(t, disabledOfficer.id)).at(-1)).toMatchObject({
      action: 'officer.login-failed',
      after: { reason: 'disabled' },
    });
    const unknownEvents = await t.dataSource.query(
      "SELECT after FROM audit_events WHERE action = 'officer.login-failed' AND entity_id LIKE 'username:nobody-%'",
    );
    expect(unknownEvents).toEqual([{ after: expect.objectContaining({ reason: 'unknown-username' }) }]);
  });

  it('refuses a login body with missing or unknown fields, naming them', async () => {
    const missing = await postLogin(t, { username: 'someone' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((detail: { path: string }) => detail.path)).toContain('password');
    const extra = await postLogin(t, { username: 'someone', password: TEST_PASSWORD, role: 'ADMIN' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('locks an account for 15 minutes after 5 failed passwords, refusing even the right one, then lets it in again', async () => {
    const officer = await createOfficer(t, 'ANALYST');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await postLogin(t, {
        username: officer.username,
        password: `wrong password ${attempt}`,
      });
      expect(response.status).toBe(401);
    }
    const [row] = await t.dataSource.query(
      'SELECT failed_attempts, extract(epoch FROM locked_until - now()) AS seconds FROM officers WHERE id = $1',
      [officer.id],
    );
    expect(Number(row.seconds)).toBeGreaterThan(14 * 60);
    expect(Number(row.seconds)).toBeLessThanOrEqual(15 * 60);

    const whileLocked = await postLogin(t, { username: officer.username, password: TEST_PASSWORD });
    expect(whileLocked.status).toBe(401);
    expect(whileLocked.body.error).toMatchObject(GENERIC_401);
    const events = await auditOf(t, officer.id);
    expect(events.map((event) => event.action)).toEqual([
      'officer.created',
      ...Array(5).fill('officer.login-failed'),
      'officer.locked',
      'officer.login-failed',
    ]);
    expect(events.at(-1)!.after).toMatchObject({ reason: 'locked' });
    expect(
      await t.dataSource.query('SELECT count(*)::int AS n FROM officer_sessions WHERE officer_id = $1', [
        officer.id,
      ]),
    ).toEqual([{ n: 0 }]);

    // fifteen minutes later
    await t.dataSource.query("UPDATE officers SET locked_until = now() - interval '1 second' WHERE id = $1", [
      officer.id,
    ]);
    const after = await postLogin(t, { username: officer.username, password: TEST_PASSWORD });
    expect(after.status).toBe(200);
    expect(
      await t.dataSource.query('SELECT failed_attempts FROM officers WHERE id = $1', [officer.id]),
    ).toEqual([{ failed_attempts: 0 }]);
  });

  it('counts concurrent failed passwords atomically: eight at once lock the account once', async () => {
    const officer = await createOfficer(t, 'ANALYST');
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, attempt) =>
        postLogin(t, { username: officer.username, password: `wrong password ${attempt}` }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(401));
    const events = await auditOf(t, officer.id);
    expect(events.filter((event) => event.action === 'officer.locked')).toHaveLength(1);
    expect(
      events.filter(
        (event) => event.action === 'officer.login-failed' && event.after.reason === 'bad-password',
      ),
    ).toHaveLength(5);
    expect(
      events.filter((event) => event.action === 'officer.login-failed' && event.after.reason === 'locked'),
    ).toHaveLength(3);
  });

  it('refuses a token after logout, an expired token and a made-up one with 401', async () => {
    const officer = await loginAs(t, 'ANALYST');
    expect((await t.request('POST', '/v1/auth/logout', bearer(officer.token))).status).toBe(204);
    const afterLogout = await t.request('GET', '/v1/auth/me', bearer(officer.token));
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.body.error.code).toBe('UNAUTHENTICATED');
    expect((await t.request('POST', '/v1/auth/logout', bearer(officer.token))).status).toBe(401);
    expect((await auditOf(t, officer.id)).map((event) => event.action)).toEqual([
      'officer.created',
      'officer.login',
      'officer.logout',
    ]);

    const token = await login(t, officer);
    expect((await t.request('GET', '/v1/auth/me', bearer(token))).status).toBe(200);
    await t.dataSource.query(
      "UPDATE officer_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
      [sha256(token)],
    );
    expect((await t.request('GET', '/v1/auth/me', bearer(token))).status).toBe(401);

    expect((await t.request('GET', '/v1/auth/me', bearer(`cpo_${'A'.repeat(43)}`))).status).toBe(401);
    expect((await t.request('GET', '/v1/auth/me', bearer('not-a-token'))).status).toBe(401);
    expect((await t.request('GET', '/v1/audit', { key: null })).status).toBe(401);
  });

  it("refuses a disabled officer's existing session at once", async () => {
    const officer = await loginAs(t, 'SUPERVISOR');
    await t.dataSource.query('UPDATE officers SET disabled_at = now() WHERE id = $1', [officer.id]);
    expect((await t.request('GET', '/v1/audit', bearer(officer.token))).status).toBe(401);
  });

  it("keeps the gateway's and the admin's API keys off every officer route, and officers off API-key routes", async () => {
    for (const key of [t.gatewayKey, t.adminKey]) {
      for (const [method, url] of [
        ['GET', '/v1/audit'],
        ['GET', '/v1/audit/verify'],
        ['GET', '/v1/auth/me'],
        ['POST', '/v1/auth/logout'],
      ]) {
        const response = await t.request(method, url, { key });
        expect(response.status, `${method} ${url}`).toBe(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
      expect(
        (await t.request('GET', '/v1/audit', { key: null, headers: { authorization: `Bearer ${key}` } }))
          .status,
      ).toBe(403);
    }
    const supervisor = await loginAs(t, 'SUPERVISOR');
    const admin = await loginAs(t, 'ADMIN');
    expect((await t.request('POST', '/v1/pre-auth', bearer(supervisor.token, preAuthRequest()))).status).toBe(
      403,
    );
    expect((await t.request('GET', '/metrics', bearer(admin.token))).status).toBe(403);
    expect((await t.request('GET', '/metrics', { key: t.adminKey })).status).toBe(200);
    expect((await t.request('POST', '/v1/pre-auth', { body: preAuthRequest() })).status).toBe(200);
  });

  it('opens the audit trail to AUDITOR, SUPERVISOR and ADMIN but not to ANALYST', async () => {
    for (const role of ['AUDITOR', 'SUPERVISOR', 'ADMIN'] as const) {
      const officer = await loginAs(t, role);
      expect((await t.request('GET', '/v1/audit?limit=1', bearer(officer.token))).status, role).toBe(200);
      expect((await t.request('GET', '/v1/audit/verify', bearer(officer.token))).status, role).toBe(200);
    }
    const analyst = await loginAs(t, 'ANALYST');
    const refused = await t.request('GET', '/v1/audit', bearer(analyst.token));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'The ANALYST role does not have the audit:read permission',
    });
  });

  it("refuses an AUDITOR's write (creating an officer needs users:manage), which an ADMIN may do", async () => {
    const auditor = await loginAs(t, 'AUDITOR');
    const supervisor = await loginAs(t, 'SUPERVISOR');
    const body = {
      username: `made-by-admin-${process.pid}`,
      role: 'ANALYST',
      password: 'a long enough password',
    };
    for (const officer of [auditor, supervisor]) {
      const refused = await t.request('POST', '/v1/users', bearer(officer.token, body));
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    expect(await t.dataSource.query('SELECT id FROM officers WHERE username = $1', [body.username])).toEqual(
      [],
    );

    const admin = await loginAs(t, 'ADMIN');
    const created = await t.request('POST', '/v1/users', bearer(admin.token, body));
    expect(created.status).toBe(201);
    expect(created.body.officer).toMatchObject({ username: body.username, role: 'ANALYST' });
    expect((await auditOf(t, created.body.officer.id))[0]).toMatchObject({
      action: 'officer.created',
      actor: `officer:${admin.username}`,
    });
    expect((await t.request('POST', '/v1/users', bearer(admin.token, body))).status).toBe(409);
    const short = await t.request(
      'POST',
      '/v1/users',
      bearer(admin.token, { ...body, username: 'short-one', password: 'too short' }),
    );
    expect(short.status).toBe(400);
    expect(short.body.error.details).toEqual([
      { path: 'password', message: 'password must be at least 12 characters (got 9)' },
    ]);
    expect((await postLogin(t, { username: body.username, password: body.password })).status).toBe(200);
  });

  it('pages the audit trail newest first by entity and records every read as an audit.read event', async () => {
    const subject = await loginAs(t, 'ANALYST');
    await t.request('POST', '/v1/auth/logout', bearer(subject.token));
    const auditor = await loginAs(t, 'AUDITOR');
    const query = `/v1/audit?entityType=officer&entityId=${subject.id}&limit=2`;
    const first = await t.request('GET', query, bearer(auditor.token));
    expect(first.status).toBe(200);
    expect(first.body.events.map((event: { action: string }) => event.action)).toEqual([
      'officer.logout',
      'officer.login',
    ]);
    expect(first.body.events[0]).toMatchObject({
      actor: `officer:${subject.username}`,
      entityType: 'officer',
      entityId: subject.id,
      occurredAt: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(first.body.nextBefore).toBe(first.body.events[1].id);
    const second = await t.request('GET', `${query}&before=${first.body.nextBefore}`, bearer(auditor.token));
    expect(second.body).toEqual({
      events: [
        expect.objectContaining({
          action: 'officer.created',
          after: { username: subject.username, role: 'ANALYST' },
        }),
      ],
      nextBefore: null,
    });

    const reads = await t.dataSource.query(
      "SELECT actor, entity_id, after FROM audit_events WHERE action = 'audit.read' AND actor = $1 ORDER BY id",
      [`officer:${auditor.username}`],
    );
    expect(reads).toHaveLength(2);
    expect(reads[0]).toMatchObject({
      entity_id: `officer:${subject.id}`,
      after: {
        operation: 'list',
        returned: 2,
        filters: { entityType: 'officer', entityId: subject.id, limit: 2 },
      },
    });
    expect(reads[1].after).toMatchObject({ returned: 1, filters: { before: first.body.nextBefore } });

    for (const bad of ['limit=0', 'limit=501', 'limit=many', 'before=-3', 'entity=officer']) {
      const response = await t.request('GET', `/v1/audit?${bad}`, bearer(auditor.token));
      expect(response.status, bad).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('creates an officer from a password piped to the CLI, who can then log in; refuses an empty or short password', async () => {
    const username = `cli-officer-${process.pid}`;
    const created = await cli(
      t,
      ['users:create', '--username', username, '--role', 'SUPERVISOR'],
      'a piped password 2026\nignored second line\n',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(
      new RegExp(`^created SUPERVISOR officer ${username} \\([0-9a-f-]{36}\\)\\n$`),
    );
    expect((await postLogin(t, { username, password: 'a piped password 2026' })).status).toBe(200);
    const [event] = await t.dataSource.query(
      "SELECT actor FROM audit_events WHERE action = 'officer.created' AND after->>'username' = $1",
      [username],
    );
    expect(event.actor).toMatch(/^cli:/);

    const short = await cli(
      t,
      ['users:create', '--username', `${username}-2`, '--role', 'ANALYST'],
      'short\n',
    );
    expect(short.code, short.stderr).toBe(1);
    expect(short.stderr).toContain('password: password must be at least 12 characters (got 5)');
    const empty = await cli(t, ['users:create', '--username', `${username}-3`, '--role', 'ANALYST'], '');
    expect(empty.code, empty.stderr).toBe(2);
    expect(empty.stderr).toContain('reads the password from standard input, and it was empty');
    const badRole = await cli(
      t,
      ['users:create', '--username', `${username}-4`, '--role', 'root'],
      'a piped password 2026\n',
    );
    expect(badRole.code, badRole.stderr).toBe(1);
    expect(badRole.stderr).toContain('role: role must be one of ANALYST, SUPERVISOR, ADMIN, AUDITOR');
    const taken = await cli(
      t,
      ['users:create', '--username', username, '--role', 'ANALYST'],
      'a piped password 2026\n',
    );
    expect(taken.code, taken.stderr).toBe(1);
    expect(taken.stderr).toContain('CONFLICT');
    expect(
      await t.dataSource.query('SELECT count(*)::int AS n FROM officers WHERE username LIKE $1', [
        `${username}%`,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  // last: it breaks the chain for everything after it
  it('verifies the audit chain and names the first tampered event', async () => {
    const auditor = await loginAs(t, 'AUDITOR');
    const intact = await t.request('GET', '/v1/audit/verify', bearer(auditor.token));
    expect(intact.status).toBe(200);
    expect(intact.body).toEqual({ valid: true, events: expect.any(Number) });
    const total = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
    expect(intact.body.events).toBe(total[0].n - 1); // the verification's own audit.read comes after it

    const [target] = await t.dataSource.query(
      "SELECT id FROM audit_events WHERE action = 'officer.login' ORDER BY id LIMIT 1",
    );
    await t.dataSource.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await t.dataSource.query(`UPDATE audit_events SET after = '{"outcome": "forged"}' WHERE id = $1`, [
      target.id,
    ]);
    await t.dataSource.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    const broken = await t.request('GET', '/v1/audit/verify', bearer(auditor.token));
    expect(broken.status).toBe(200);
    expect(broken.body).toEqual({
      valid: false,
      events: expect.any(Number),
      firstBrokenId: Number(target.id),
    });
    const [read] = await t.dataSource.query(
      "SELECT after FROM audit_events WHERE action = 'audit.read' ORDER BY id DESC LIMIT 1",
    );
    expect(read.after).toMatchObject({ operation: 'verify', valid: false, firstBrokenId: Number(target.id) });
  });
});
