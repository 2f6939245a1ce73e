import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../libs/queue/src/index.js';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  launchChromium,
  poll,
  ROOT,
  shot,
} from './support/browser.js';
import { createOfficer, type TestOfficer } from './support/officers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SIMPLE_CSV = [
  'id,type,name,aliases,weak_aliases,original_script_names,dates_of_birth,nationalities,identifiers,addresses,programmes,gender,remarks,listed_on',
  'UP-1,organisation,Browser Upload Trading Co,,,,,HK,,,TEST,,,2026-01-01',
  '',
].join('\n');

// generous timeouts: in CI this file shares two cores with the rest of the suite
describe('officers console administration pages (browser)', { timeout: 120_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let reportsQueue: Queue;
  const contexts: BrowserContext[] = [];
  let admin: TestOfficer;
  let auditor: TestOfficer;
  let target: TestOfficer;

  async function signIn(officer: TestOfficer, language: 'en' | 'zh' = 'en'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 800 },
      locale: language === 'zh' ? 'zh-CN' : 'en-GB',
      timezoneId: 'Europe/London',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${base}/console/`);
    await page.getByLabel(language === 'zh' ? '用户名' : 'Username').fill(officer.username);
    await page.getByLabel(language === 'zh' ? '密码' : 'Password').fill(officer.password);
    await page.getByRole('button', { name: language === 'zh' ? '登录' : 'Sign in' }).click();
    await page.getByRole('navigation', { name: language === 'zh' ? '主导航' : 'Main' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    if (!hasChromium) return;
    if (!existsSync(join(ROOT, 'apps/console/dist/index.html')))
      execFileSync('npm', ['run', '-s', 'build:console'], { cwd: ROOT, stdio: 'inherit' });
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    reportsQueue = t.app.get<Queue>(getQueueToken(QUEUES.reports));
    [admin, auditor, target] = [
      await createOfficer(t, 'ADMIN'),
      await createOfficer(t, 'AUDITOR'),
      await createOfficer(t, 'ANALYST'),
    ];
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it.skipIf(hasChromium)(
    `skipped: Debian's chromium is absent at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`,
    () => undefined,
  );

  it.runIf(hasChromium)(
    'an ADMIN creates an officer (a refused password is shown beside its field, the form kept) and disables another',
    async () => {
      const page = await signIn(admin);
      await page.getByRole('link', { name: 'Officers' }).click();
      await page.getByRole('heading', { name: 'Officers', level: 1 }).waitFor();
      await page.getByRole('table', { name: 'All officers' }).waitFor();

      const username = `console-made-${process.pid}`;
      const form = page.locator('form[aria-labelledby="create-officer-title"]');
      await form.getByLabel('Username').fill(username);
      await form.getByLabel('Role').selectOption('SUPERVISOR');
      await form.getByLabel('Initial password').fill('too short');
      await page.getByRole('button', { name: 'Create officer' }).click();
      await form.locator('.field-invalid .field-error').first().waitFor();
      expect(await form.locator('.field-invalid label').first().textContent()).toBe('Initial password');
      expect(await form.getByLabel('Username').inputValue()).toBe(username);
      expect(await form.getByLabel('Role').inputValue()).toBe('SUPERVISOR');

      await form.getByLabel('Initial password').fill('a console-made passphrase');
      await page.getByRole('button', { name: 'Create officer' }).click();
      await page.getByText(`Officer ${username} created.`).waitFor();
      await page.locator(`tr[data-username="${username}"]`).waitFor();
      expect(
        await t.dataSource.query('SELECT role, created_by FROM officers WHERE username = $1', [username]),
      ).toEqual([{ role: 'SUPERVISOR', created_by: `officer:${admin.username}` }]);
      // never a password hash on the page
      expect(await page.content()).not.toContain('scrypt$');
      // no "disable" for oneself
      expect(await page.getByRole('button', { name: `Disable ${admin.username}` }).count()).toBe(0);

      await page.getByRole('button', { name: `Disable ${target.username}` }).click();
      await page.getByText(`${target.username} is disabled; their sessions have ended.`).waitFor();
      await poll(() => page.locator(`tr[data-username="${target.username}"]`).textContent()).toContain(
        'Disabled',
      );
      expect(
        await t.dataSource.query('SELECT disabled_at IS NOT NULL AS disabled FROM officers WHERE id = $1', [
          target.id,
        ]),
      ).toEqual([{ disabled: true }]);
      expect(
        await t.dataSource.query(
          "SELECT actor FROM audit_events WHERE action = 'officer.disabled' AND entity_id = $1",
          [target.id],
        ),
      ).toEqual([{ actor: `officer:${admin.username}` }]);
      await page.getByRole('button', { name: `Enable ${target.username}` }).waitFor();
      await expectAccessible(page, 'users');
      await shot(page, 'users');
    },
  );

  it.runIf(hasChromium)(
    'the rules page shows the version in force and publishes new rule set and FX versions, API field errors beside the field',
    async () => {
      const page = await signIn(admin);
      await page.getByRole('link', { name: 'Rules and FX' }).click();
      await page.getByRole('heading', { name: 'Rules and FX table' }).waitFor();
      await poll(() => page.getByTestId('rule-set-in-force').textContent()).toContain('Version 1 in force');
      await page.locator('summary', { hasText: 'Parameters of version 1' }).click();
      await page
        .getByRole('table', { name: 'Parameters of version 1' })
        .getByText('tiers.T1.daily')
        .waitFor();

      // a value the API refuses: the path lands beside the definition, and the edited text stays
      const definitionField = page.getByLabel('Rule set definition (JSON)');
      const definition = JSON.parse(await definitionField.inputValue());
      definition.tiers.T1.daily = -5;
      const refusedText = JSON.stringify(definition, null, 2);
      await definitionField.fill(refusedText);
      await page.getByLabel('Note', { exact: true }).first().fill('T1 daily limit raised after review');
      await page.getByRole('button', { name: 'Publish rule set version' }).click();
      const fieldError = page.locator(
        'form[aria-labelledby="rule-set-form-title"] .field-invalid .field-error',
      );
      await poll(() => fieldError.first().textContent()).toContain('tiers.T1.daily');
      expect(await definitionField.inputValue()).toBe(refusedText);
      expect(await t.dataSource.query('SELECT max(version)::int AS v FROM rule_sets')).toEqual([{ v: 1 }]);

      definition.tiers.T1.daily = 250000;
      await definitionField.fill(JSON.stringify(definition, null, 2));
      await page.getByRole('button', { name: 'Publish rule set version' }).click();
      await page.getByText('Rule set version 2 is published and in force.').waitFor();
      await poll(() => page.getByTestId('rule-set-in-force').textContent()).toContain('Version 2 in force');
      const stored = await t.dataSource.query(
        'SELECT definition, note, created_by FROM rule_sets WHERE version = 2',
      );
      expect(stored[0].definition.tiers.T1.daily).toBe(250000);
      expect(stored[0]).toMatchObject({
        note: 'T1 daily limit raised after review',
        created_by: `officer:${admin.username}`,
      });

      // the FX table: a malformed rate lands beside its currency
      await page.getByLabel('KRW per USD').fill('lots');
      await page.getByRole('button', { name: 'Publish FX table version' }).click();
      await poll(() =>
        page.locator('form[aria-labelledby="fx-form-title"] .field-invalid label').first().textContent(),
      ).toBe('KRW per USD');
      expect(await page.getByLabel('KRW per USD').inputValue()).toBe('lots');
      await page.getByLabel('KRW per USD').fill('1390');
      await page.getByRole('button', { name: 'Publish FX table version' }).click();
      await page.getByText('FX table version 2 is published and in force.').waitFor();
      expect(
        await t.dataSource.query("SELECT units_per_usd->>'KRW' AS krw FROM fx_tables WHERE version = 2"),
      ).toEqual([{ krw: '1390' }]);
      await expectAccessible(page, 'rules');
      await shot(page, 'rules');
    },
  );

  it.runIf(hasChromium)(
    'an ADMIN disables a report schedule (its scheduler goes at once) and a bad cron is refused beside its field',
    async () => {
      const page = await signIn(admin);
      await page.getByRole('link', { name: 'Reports' }).click();
      await page.getByRole('heading', { name: 'Report schedules' }).waitFor();
      // an ADMIN manages when reports run, but does not read them
      expect(await page.getByLabel('Status', { exact: true }).count()).toBe(0);
      expect(await reportsQueue.getJobScheduler('report-overdue-alerts-weekly')).toBeDefined();
      await page.getByRole('button', { name: 'Disable schedule overdue-alerts-weekly' }).click();
      await page.getByRole('button', { name: 'Enable schedule overdue-alerts-weekly' }).waitFor();
      expect(await reportsQueue.getJobScheduler('report-overdue-alerts-weekly')).toBeUndefined();
      expect(
        await t.dataSource.query(
          "SELECT enabled, updated_by FROM report_schedules WHERE name = 'overdue-alerts-weekly'",
        ),
      ).toEqual([{ enabled: false, updated_by: `officer:${admin.username}` }]);

      await page.getByRole('button', { name: 'Change schedule ltr-daily' }).click();
      const editor = page.getByRole('form', { name: 'Change schedule ltr-daily' });
      await editor.getByLabel('Cron').fill('0 25 * * *');
      await editor.getByRole('button', { name: 'Save schedule' }).click();
      await poll(() => editor.locator('.field-invalid .field-error').first().textContent()).toContain(
        'cron hour "25"',
      );
      expect(await editor.getByLabel('Cron').inputValue()).toBe('0 25 * * *');
      await editor.getByLabel('Cron').fill('30 1 * * *');
      await editor.getByRole('button', { name: 'Save schedule' }).click();
      await poll(() => page.locator('tr[data-schedule="ltr-daily"]').textContent()).toContain('30 1 * * *');
      expect(await reportsQueue.getJobScheduler('report-ltr-daily')).toMatchObject({ pattern: '30 1 * * *' });
      await expectAccessible(page, 'report schedules');
      await shot(page, 'report-schedules');
    },
  );

  it.runIf(hasChromium)(
    'an ADMIN refreshes a list from its source, follows the job, and imports a list file from the browser',
    async () => {
      const page = await signIn(admin);
      await page.getByRole('link', { name: 'Lists' }).click();
      await page.getByRole('heading', { name: 'List sources' }).waitFor();
      await page.getByRole('button', { name: 'Refresh now: DEMO_MOFCOM_UEL (simple-csv)' }).click();
      await page
        .getByText(/Refresh of DEMO_MOFCOM_UEL requested \(job manual-DEMO_MOFCOM_UEL-simple-csv-\d+\)/)
        .waitFor();
      expect(
        await t.dataSource.query(
          "SELECT actor FROM audit_events WHERE action = 'list.refresh.requested' AND entity_id = 'DEMO_MOFCOM_UEL'",
        ),
      ).toEqual([{ actor: `officer:${admin.username}` }]);
      // the page follows the job until its outcome
      await page.locator('[data-job-state="completed"]').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-job-state="completed"]').textContent()).toMatch(
        /^Refresh of DEMO_MOFCOM_UEL done: /,
      );

      const list = `BROWSER_${process.pid}`;
      const form = page.locator('form[aria-labelledby="import-list-title"]');
      await form.getByLabel('List id').fill(list);
      await form.getByLabel('Format').selectOption('simple-csv');
      // a malformed file: refused beside the file field, nothing activated
      await form.getByLabel('File').setInputFiles({
        name: 'broken.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('id,name\nX-1,Nobody\n'),
      });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await poll(() => form.locator('.field-invalid label').first().textContent()).toBe('File');
      expect(await form.getByLabel('List id').inputValue()).toBe(list);
      await form.getByLabel('File').setInputFiles({
        name: 'browser-upload.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(SIMPLE_CSV),
      });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText(`${list} imported: 1 entries (+1 −0 ~0); rescreening follows.`).waitFor();
      await poll(() => page.getByRole('table', { name: 'Active snapshots' }).textContent()).toContain(list);
      expect(
        await t.dataSource.query(
          "SELECT source, imported_by FROM list_snapshots WHERE list = $1 AND status = 'ACTIVE'",
          [list],
        ),
      ).toEqual([{ source: 'upload:browser-upload.csv', imported_by: `officer:${admin.username}` }]);
      await expectAccessible(page, 'lists (admin)');
      await shot(page, 'lists-admin');
    },
  );

  it.runIf(hasChromium)(
    'an AUDITOR sees the officers, rules, schedules and list sources, and nothing to act with',
    async () => {
      const page = await signIn(auditor);
      await page.getByRole('link', { name: 'Officers' }).click();
      await page.getByRole('table', { name: 'All officers' }).waitFor();
      await poll(() => page.locator('table.grid tbody tr').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('[data-action]').count()).toBe(0);
      expect(await page.locator('form').count()).toBe(0);
      await expectAccessible(page, 'users (auditor)');

      await page.getByRole('link', { name: 'Rules and FX' }).click();
      await page.getByRole('table', { name: 'Rule set versions' }).waitFor();
      expect(await page.locator('textarea').count()).toBe(0);
      expect(await page.locator('form').count()).toBe(0);
      await expectAccessible(page, 'rules (auditor)');

      await page.getByRole('link', { name: 'Reports' }).click();
      await page.locator('tr[data-schedule="ltr-daily"]').waitFor();
      expect(await page.locator('[data-action]').count()).toBe(0);
      expect(await page.getByRole('button', { name: /schedule/ }).count()).toBe(0);
      await expectAccessible(page, 'reports (auditor)');

      await page.getByRole('link', { name: 'Lists' }).click();
      await page.locator('tr[data-source="DEMO_MOFCOM_UEL"]').waitFor();
      expect(await page.locator('[data-action]').count()).toBe(0);
      expect(await page.locator('form').count()).toBe(0);
      await expectAccessible(page, 'lists (auditor)');

      // and the API refuses it too
      const token = await page.evaluate(
        () =>
          JSON.parse(
            (
              globalThis as unknown as { sessionStorage: { getItem(key: string): string } }
            ).sessionStorage.getItem('cpg.console.session'),
          ).accessToken as string,
      );
      const refused = await fetch(`${base}/v1/reports/schedules/ltr-daily`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ enabled: false }),
      });
      expect(refused.status).toBe(403);
    },
  );

  it.runIf(hasChromium)('renders the administration pages in Chinese', async () => {
    const page = await signIn(admin);
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('link', { name: '人员管理' }).click();
    await page.getByRole('heading', { name: '创建人员账户' }).waitFor();
    await page.getByRole('link', { name: '规则与汇率' }).click();
    await page.getByRole('heading', { name: '规则与汇率表' }).waitFor();
    await page.getByRole('link', { name: '报告' }).click();
    await page.getByRole('heading', { name: '报告计划' }).waitFor();
    await expectAccessible(page, 'report schedules (zh)');
  });
});
