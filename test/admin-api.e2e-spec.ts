import { gzipSync } from 'node:zlib';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../libs/queue/src/index.js';
import { bearer, createOfficer, login, loginAs, postLogin, type TestOfficer } from './support/officers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

type Officer = TestOfficer & { token: string };

const SIMPLE_CSV_HEADER =
  'id,type,name,aliases,weak_aliases,original_script_names,dates_of_birth,nationalities,identifiers,addresses,programmes,gender,remarks,listed_on';

function simpleCsv(rows: string[]): string {
  return `${[SIMPLE_CSV_HEADER, ...rows].join('\n')}\n`;
}

const base64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

describe('officers console administration API: users, report schedules, list sources and uploads', () => {
  let t: TestApp;
  let reportsQueue: Queue;
  let admin: Officer;
  let auditor: Officer;
  let supervisor: Officer;

  async function auditOf(
    entityType: string,
    entityId: string,
  ): Promise<Array<{ actor: string; action: string; before: any; after: any }>> {
    return t.dataSource.query(
      'SELECT actor, action, before, after FROM audit_events WHERE entity_type = $1 AND entity_id = $2 ORDER BY id',
      [entityType, entityId],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    reportsQueue = t.app.get<Queue>(getQueueToken(QUEUES.reports));
    [admin, auditor, supervisor] = [
      await loginAs(t, 'ADMIN'),
      await loginAs(t, 'AUDITOR'),
      await loginAs(t, 'SUPERVISOR'),
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('users', () => {
    it('lists officers with their state and never a password hash, to users:read only', async () => {
      const listed = await t.request('GET', '/v1/users', bearer(auditor.token));
      expect(listed.status).toBe(200);
      const mine = listed.body.officers.find((officer: { id: string }) => officer.id === admin.id);
      expect(mine).toEqual({
        id: admin.id,
        username: admin.username,
        role: 'ADMIN',
        createdAt: expect.any(String),
        createdBy: 'cli:test',
        disabledAt: null,
        lockedUntil: null,
        failedAttempts: 0,
        lastSeenAt: expect.any(String),
      });
      expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|password/i);
      expect((await t.request('GET', '/v1/users', bearer(supervisor.token))).status).toBe(403);
      expect((await t.request('GET', '/v1/users', { key: t.adminKey })).status).toBe(403);
    });

    it('creates an officer as an ADMIN and refuses a bad one with the field at fault', async () => {
      const username = `created-${process.pid}`;
      const created = await t.request(
        'POST',
        '/v1/users',
        bearer(admin.token, { username, role: 'ANALYST', password: 'a long enough passphrase' }),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const refused = await t.request(
        'POST',
        '/v1/users',
        bearer(admin.token, { username: 'x', role: 'ANALYST', password: 'short' }),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(
        expect.arrayContaining(['username', 'password']),
      );
      expect(
        (
          await t.request(
            'POST',
            '/v1/users',
            bearer(auditor.token, {
              username: `nope-${process.pid}`,
              role: 'ANALYST',
              password: 'a long enough passphrase',
            }),
          )
        ).status,
      ).toBe(403);
    });

    it('disables an officer (revoking their sessions), enables them again, and audits both', async () => {
      const analyst = await loginAs(t, 'ANALYST');
      expect((await t.request('GET', '/v1/auth/me', bearer(analyst.token))).status).toBe(200);
      const disabled = await t.request('POST', `/v1/users/${analyst.id}/disable`, bearer(admin.token));
      expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
      expect(disabled.body.officer.disabledAt).toEqual(expect.any(String));
      expect((await t.request('GET', '/v1/auth/me', bearer(analyst.token))).status).toBe(401);
      expect(
        await t.dataSource.query(
          'SELECT count(*)::int AS n FROM officer_sessions WHERE officer_id = $1 AND revoked_at IS NULL',
          [analyst.id],
        ),
      ).toEqual([{ n: 0 }]);
      // a second disable changes nothing and is not audited twice
      expect((await t.request('POST', `/v1/users/${analyst.id}/disable`, bearer(admin.token))).status).toBe(
        200,
      );
      const login = await postLogin(t, { username: analyst.username, password: analyst.password });
      expect(login.status).toBe(401);

      const enabled = await t.request('POST', `/v1/users/${analyst.id}/enable`, bearer(admin.token));
      expect(enabled.status).toBe(200);
      expect(enabled.body.officer.disabledAt).toBeNull();
      expect((await postLogin(t, { username: analyst.username, password: analyst.password })).status).toBe(
        200,
      );

      const events = (await auditOf('officer', analyst.id)).filter((event) =>
        ['officer.disabled', 'officer.enabled'].includes(event.action),
      );
      expect(events).toEqual([
        {
          actor: `officer:${admin.username}`,
          action: 'officer.disabled',
          before: expect.objectContaining({ disabledAt: null }),
          after: expect.objectContaining({ disabledAt: expect.any(String) }),
        },
        {
          actor: `officer:${admin.username}`,
          action: 'officer.enabled',
          before: expect.objectContaining({ disabledAt: expect.any(String) }),
          after: expect.objectContaining({ disabledAt: null }),
        },
      ]);
    });

    it('unlocks a locked-out officer before the 15 minutes are over', async () => {
      const locked = await createOfficer(t, 'ANALYST');
      for (let attempt = 0; attempt < 5; attempt += 1)
        await postLogin(t, { username: locked.username, password: 'wrong password, wrong' });
      const listed = await t.request('GET', '/v1/users', bearer(admin.token));
      expect(
        listed.body.officers.find((officer: { id: string }) => officer.id === locked.id).lockedUntil,
      ).toEqual(expect.any(String));
      expect((await postLogin(t, { username: locked.username, password: locked.password })).status).toBe(401);
      const unlocked = await t.request('POST', `/v1/users/${locked.id}/unlock`, bearer(admin.token));
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.officer).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
      expect((await postLogin(t, { username: locked.username, password: locked.password })).status).toBe(200);
      expect((await auditOf('officer', locked.id)).map((event) => event.action)).toContain(
        'officer.unlocked',
      );
    });

    it('refuses disabling oneself, an unknown officer, and any change by an officer without users:manage', async () => {
      const self = await t.request('POST', `/v1/users/${admin.id}/disable`, bearer(admin.token));
      expect(self.status).toBe(403);
      expect(self.body.error.details).toEqual([{ path: 'id', message: 'this is your own account' }]);
      expect((await t.request('POST', '/v1/users/not-a-uuid/disable', bearer(admin.token))).status).toBe(404);
      expect(
        (
          await t.request(
            'POST',
            '/v1/users/00000000-0000-4000-8000-000000000000/enable',
            bearer(admin.token),
          )
        ).status,
      ).toBe(404);
      expect(
        (await t.request('POST', `/v1/users/${supervisor.id}/disable`, bearer(auditor.token))).status,
      ).toBe(403);
      expect(
        (await t.request('POST', `/v1/users/${supervisor.id}/unlock`, bearer(supervisor.token))).status,
      ).toBe(403);
      expect(
        (await t.request('POST', `/v1/users/${supervisor.id}/disable`, { key: t.adminKey })).status,
      ).toBe(403);
    });

    it('never leaves nobody able to manage officers: of two ADMINs disabling each other at once, one is refused', async () => {
      const others: Array<{ id: string }> = await t.dataSource.query(
        "SELECT id FROM officers WHERE role = 'ADMIN' AND disabled_at IS NULL AND id <> $1",
        [admin.id],
      );
      for (const row of others)
        expect((await t.request('POST', `/v1/users/${row.id}/disable`, bearer(admin.token))).status).toBe(
          200,
        );
      const second = await loginAs(t, 'ADMIN');
      const [one, two] = await Promise.all([
        t.request('POST', `/v1/users/${second.id}/disable`, bearer(admin.token)),
        t.request('POST', `/v1/users/${admin.id}/disable`, bearer(second.token)),
      ]);
      // the loser is refused by the rule, or (had the winner committed before its session was read) as disabled
      expect([one.status, two.status].filter((status) => status === 200)).toHaveLength(1);
      const refused = one.status === 200 ? two : one;
      expect([401, 409]).toContain(refused.status);
      if (refused.status === 409)
        expect(refused.body.error.details).toEqual([{ path: 'id', message: 'the only enabled ADMIN' }]);
      expect(
        await t.dataSource.query(
          "SELECT count(*)::int AS n FROM officers WHERE role = 'ADMIN' AND disabled_at IS NULL",
        ),
      ).toEqual([{ n: 1 }]);
      // whoever is left enables the other again
      if (one.status === 200) {
        expect((await t.request('POST', `/v1/users/${second.id}/enable`, bearer(admin.token))).status).toBe(
          200,
        );
      } else {
        expect((await t.request('POST', `/v1/users/${admin.id}/enable`, bearer(second.token))).status).toBe(
          200,
        );
        admin = { ...admin, token: await login(t, admin) };
      }
    });
  });

  describe('report schedules', () => {
    it('lists the schedules with the scheduler the workers run, to every officer role that reads', async () => {
      const listed = await t.request('GET', '/v1/reports/schedules', bearer(auditor.token));
      expect(listed.status).toBe(200);
      const daily = listed.body.schedules.find((schedule: { name: string }) => schedule.name === 'ltr-daily');
      expect(daily).toEqual({
        name: 'ltr-daily',
        type: 'LTR',
        cron: '0 1 * * *',
        timezone: 'Asia/Shanghai',
        enabled: true,
        updatedAt: expect.any(String),
        updatedBy: 'migration',
        scheduled: true,
        nextRunAt: expect.any(String),
      });
      expect(Date.parse(daily.nextRunAt)).toBeGreaterThan(Date.now());
      expect((await t.request('GET', '/v1/reports/schedules', bearer(admin.token))).status).toBe(200);
    });

    it('disables a schedule, which removes its job scheduler at once, and enables it with a new cron; audited', async () => {
      const disabled = await t.request(
        'PATCH',
        '/v1/reports/schedules/stats-monthly',
        bearer(admin.token, { enabled: false }),
      );
      expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
      expect(disabled.body.schedule).toMatchObject({
        enabled: false,
        scheduled: false,
        nextRunAt: null,
        updatedBy: `officer:${admin.username}`,
      });
      expect(await reportsQueue.getJobScheduler('report-stats-monthly')).toBeUndefined();

      const changed = await t.request(
        'PATCH',
        '/v1/reports/schedules/stats-monthly',
        bearer(admin.token, { enabled: true, cron: '30  4 2 * *' }),
      );
      expect(changed.status).toBe(200);
      expect(changed.body.schedule).toMatchObject({ enabled: true, cron: '30 4 2 * *', scheduled: true });
      expect(await reportsQueue.getJobScheduler('report-stats-monthly')).toMatchObject({
        pattern: '30 4 2 * *',
        tz: 'Asia/Shanghai',
      });
      expect(
        await t.dataSource.query("SELECT cron, enabled FROM report_schedules WHERE name = 'stats-monthly'"),
      ).toEqual([{ cron: '30 4 2 * *', enabled: true }]);
      expect(await auditOf('report-schedule', 'stats-monthly')).toEqual([
        {
          actor: `officer:${admin.username}`,
          action: 'report-schedule.updated',
          before: { enabled: true, cron: '0 2 1 * *', timezone: 'Asia/Shanghai' },
          after: { enabled: false, cron: '0 2 1 * *', timezone: 'Asia/Shanghai' },
        },
        {
          actor: `officer:${admin.username}`,
          action: 'report-schedule.updated',
          before: { enabled: false, cron: '0 2 1 * *', timezone: 'Asia/Shanghai' },
          after: { enabled: true, cron: '30 4 2 * *', timezone: 'Asia/Shanghai' },
        },
      ]);
      // the same change again changes nothing and is not audited
      expect(
        (
          await t.request(
            'PATCH',
            '/v1/reports/schedules/stats-monthly',
            bearer(admin.token, { cron: '30 4 2 * *' }),
          )
        ).status,
      ).toBe(200);
      expect(await auditOf('report-schedule', 'stats-monthly')).toHaveLength(2);
    });

    it('refuses a bad cron or time zone with a 400 naming the field, and changes nothing', async () => {
      const badCron = await t.request(
        'PATCH',
        '/v1/reports/schedules/ltr-daily',
        bearer(admin.token, { cron: '0 25 * * *' }),
      );
      expect(badCron.status).toBe(400);
      expect(badCron.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'cron', message: 'cron hour "25": 25 is outside 0-23' }],
      });
      const badZone = await t.request(
        'PATCH',
        '/v1/reports/schedules/ltr-daily',
        bearer(admin.token, { timezone: 'Beijing' }),
      );
      expect(badZone.status).toBe(400);
      expect(badZone.body.error.details[0].path).toBe('timezone');
      const badType = await t.request(
        'PATCH',
        '/v1/reports/schedules/ltr-daily',
        bearer(admin.token, { enabled: 'no' }),
      );
      expect(badType.status).toBe(400);
      expect(badType.body.error.details[0].path).toBe('enabled');
      expect(
        (await t.request('PATCH', '/v1/reports/schedules/ltr-daily', bearer(admin.token, {}))).status,
      ).toBe(400);
      expect(
        (await t.request('PATCH', '/v1/reports/schedules/no-such', bearer(admin.token, { enabled: false })))
          .status,
      ).toBe(404);
      expect(
        await t.dataSource.query("SELECT cron, enabled FROM report_schedules WHERE name = 'ltr-daily'"),
      ).toEqual([{ cron: '0 1 * * *', enabled: true }]);
      expect(await reportsQueue.getJobScheduler('report-ltr-daily')).toMatchObject({ pattern: '0 1 * * *' });
    });

    it('lets only schedules:manage change a schedule', async () => {
      for (const officer of [auditor, supervisor])
        expect(
          (
            await t.request(
              'PATCH',
              '/v1/reports/schedules/ltr-daily',
              bearer(officer.token, { enabled: false }),
            )
          ).status,
        ).toBe(403);
    });

    it('runs one report period on request (reports:export), once per type and period, refusing a period not over', async () => {
      const day = new Date(Date.now() + 8 * 3_600_000 - 3 * 86_400_000).toISOString().slice(0, 10);
      const run = await t.request(
        'POST',
        '/v1/reports/runs',
        bearer(supervisor.token, { type: 'LTR', period: day }),
      );
      expect(run.status, JSON.stringify(run.body)).toBe(202);
      expect(run.body).toEqual({ jobId: `report-ltr-${day}`, type: 'LTR', period: day });
      await waitFor(
        async () =>
          (await t.dataSource.query("SELECT id FROM reports WHERE type = 'LTR' AND period = $1", [day]))
            .length > 0,
      );
      expect(await auditOf('report', `LTR:${day}`)).toEqual([
        expect.objectContaining({ actor: `officer:${supervisor.username}`, action: 'report.run.requested' }),
      ]);
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const notOver = await t.request(
        'POST',
        '/v1/reports/runs',
        bearer(supervisor.token, { type: 'LTR', period: today }),
      );
      expect(notOver.status).toBe(400);
      expect(notOver.body.error.details[0].path).toBe('period');
      const malformed = await t.request(
        'POST',
        '/v1/reports/runs',
        bearer(supervisor.token, { type: 'STATS', period: '2026-13' }),
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.details[0].path).toBe('period');
      expect(
        (await t.request('POST', '/v1/reports/runs', bearer(admin.token, { type: 'LTR', period: day })))
          .status,
      ).toBe(403);
      expect(
        (await t.request('POST', '/v1/reports/runs', bearer(auditor.token, { type: 'LTR', period: day })))
          .status,
      ).toBe(403);
    });
  });

  describe('lists', () => {
    it('lists the sources of sources.json to lists:read', async () => {
      const listed = await t.request('GET', '/v1/lists/sources', bearer(auditor.token));
      expect(listed.status).toBe(200);
      expect(listed.body.sources).toContainEqual({
        list: 'DEMO_MOFCOM_UEL',
        format: 'simple-csv',
        location: 'sanctions-data/demo/mofcom-demo.csv',
        schedule: '0 0 * * *',
        enabled: true,
        demo: true,
        note: null,
      });
      // a token in a source URL is never shown
      const eu = listed.body.sources.find((source: { list: string }) => source.list === 'EU_FSF');
      expect(eu.location).toBe(
        'https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList/content?…',
      );
      expect(JSON.stringify(listed.body)).not.toContain('token=');
    });

    it('refreshes a list from its source as a job (lists:import), audited', async () => {
      const refreshed = await t.request(
        'POST',
        '/v1/lists/refresh',
        bearer(admin.token, { list: 'DEMO_MOFCOM_UEL' }),
      );
      expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(202);
      const jobId = refreshed.body.jobId as string;
      const done = await waitFor(async () => {
        const job = await t.request('GET', `/v1/lists/refresh/${jobId}`, bearer(auditor.token));
        expect(job.status).toBe(200);
        return job.body.state === 'completed' ? job.body : null;
      });
      expect(done).toMatchObject({
        jobId,
        list: 'DEMO_MOFCOM_UEL',
        format: 'simple-csv',
        attemptsMade: expect.any(Number),
        failedReason: null,
        result: { status: expect.stringMatching(/^(ACTIVATED|UNCHANGED)$/), entries: expect.any(Number) },
        finishedAt: expect.any(String),
      });
      for (const unknown of ['manual-NOPE-simple-csv-1', 'rescreen-x', '..'])
        expect((await t.request('GET', `/v1/lists/refresh/${unknown}`, bearer(admin.token))).status).toBe(
          404,
        );
      await waitFor(async () => {
        const runs = await t.dataSource.query(
          "SELECT status FROM list_import_runs WHERE list = 'DEMO_MOFCOM_UEL' AND requested_by = 'system:system' AND finished_at IS NOT NULL",
        );
        return runs.length > 0;
      });
      expect((await auditOf('list', 'DEMO_MOFCOM_UEL')).map((event) => event.action)).toContain(
        'list.refresh.requested',
      );
      expect(
        (await t.request('POST', '/v1/lists/refresh', bearer(auditor.token, { list: 'DEMO_MOFCOM_UEL' })))
          .status,
      ).toBe(403);
    });

    it('imports an uploaded file as the new snapshot, refuses a malformed one naming the file, and keeps the active snapshot', async () => {
      const list = `UPLOAD_${process.pid}`;
      const first = await t.request(
        'POST',
        `/v1/lists/${list}/import`,
        bearer(admin.token, {
          format: 'simple-csv',
          fileName: 'hand-kept.csv',
          content: base64(
            simpleCsv([
              'HK-1,organisation,Uploaded Trading Co,,,,,HK,,,TEST,,,2026-01-01',
              'HK-2,person,"ZHOU, Fictional",,,,1970-01-01,CN,,,TEST,male,,2026-01-01',
            ]),
          ),
        }),
      );
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body).toMatchObject({
        status: 'ACTIVATED',
        list,
        entries: 2,
        delta: { added: 2, removed: 0, changed: 0 },
      });
      const snapshot = first.body.snapshotId;
      expect(
        await t.dataSource.query('SELECT source, imported_by FROM list_snapshots WHERE id = $1', [snapshot]),
      ).toEqual([{ source: 'upload:hand-kept.csv', imported_by: `officer:${admin.username}` }]);

      const gzipped = await t.request(
        'POST',
        `/v1/lists/${list}/import`,
        bearer(admin.token, {
          format: 'simple-csv',
          content: base64(
            gzipSync(simpleCsv(['HK-1,organisation,Uploaded Trading Co,,,,,HK,,,TEST,,,2026-01-01'])),
          ),
        }),
      );
      expect(gzipped.status, JSON.stringify(gzipped.body)).toBe(201);
      expect(gzipped.body).toMatchObject({ status: 'ACTIVATED', entries: 1, delta: { removed: 1 } });

      const malformed = await t.request(
        'POST',
        `/v1/lists/${list}/import`,
        bearer(admin.token, {
          format: 'simple-csv',
          fileName: 'broken.csv',
          content: base64('id,name\nX-1,Nobody\n'),
        }),
      );
      expect(malformed.status).toBe(422);
      expect(malformed.body.error.code).toBe('LIST_FORMAT_INVALID');
      expect(malformed.body.error.details[0].path).toBe('content');
      expect(malformed.body.error.message).toContain('broken.csv');
      const active = await t.dataSource.query(
        "SELECT id, entry_count FROM list_snapshots WHERE list = $1 AND status = 'ACTIVE'",
        [list],
      );
      expect(active).toEqual([{ id: gzipped.body.snapshotId, entry_count: 1 }]);
      expect(
        await t.dataSource.query("SELECT status FROM list_import_runs WHERE source = 'upload:broken.csv'"),
      ).toEqual([{ status: 'REJECTED' }]);
    });

    it('refuses an upload that is too large, not base64, in an unknown format or for a bad list id, with the field at fault', async () => {
      const tooLarge = await t.request(
        'POST',
        '/v1/lists/BIG_LIST/import',
        bearer(admin.token, {
          format: 'simple-csv',
          content: Buffer.alloc(10 * 1024 * 1024 + 1, 65).toString('base64'),
        }),
      );
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.details[0].path).toBe('content');
      const bomb = await t.request(
        'POST',
        '/v1/lists/BIG_LIST/import',
        bearer(admin.token, {
          format: 'simple-csv',
          content: base64(gzipSync(Buffer.alloc(40 * 1024 * 1024, 32))),
        }),
      );
      expect(bomb.status).toBe(413);
      const notBase64 = await t.request(
        'POST',
        '/v1/lists/SOME_LIST/import',
        bearer(admin.token, { format: 'simple-csv', content: '***' }),
      );
      expect(notBase64.status).toBe(400);
      expect(notBase64.body.error.details[0].path).toBe('content');
      const format = await t.request(
        'POST',
        '/v1/lists/SOME_LIST/import',
        bearer(admin.token, { format: 'pdf', content: base64('x') }),
      );
      expect(format.status).toBe(400);
      expect(format.body.error.details[0].path).toBe('format');
      const listId = await t.request(
        'POST',
        '/v1/lists/bad-id/import',
        bearer(admin.token, { format: 'simple-csv', content: base64('x') }),
      );
      expect(listId.status).toBe(400);
      expect(listId.body.error.details[0].path).toBe('list');
      expect(
        (
          await t.request(
            'POST',
            '/v1/lists/SOME_LIST/import',
            bearer(auditor.token, { format: 'simple-csv', content: base64('x') }),
          )
        ).status,
      ).toBe(403);
      expect(
        await t.dataSource.query(
          "SELECT count(*)::int AS n FROM list_snapshots WHERE list IN ('BIG_LIST', 'SOME_LIST')",
        ),
      ).toEqual([{ n: 0 }]);
    });
  });
});
