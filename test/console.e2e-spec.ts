import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateReportUseCase } from '../libs/reports/src/index.js';
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
import { preAuthRequest, startTestApp, TEST_ACTOR, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

/** A payer matching the demo list by name only (no date of birth or nationality): a REVIEW-band hit, a held payment and an alert. */
function reviewRequest(): Record<string, any> {
  return preAuthRequest({
    payer: {
      name: 'IVAN DEMOVICH PETROV',
      nameOriginalScript: undefined,
      dateOfBirth: undefined,
      nationality: undefined,
      residenceCountry: undefined,
      idDocument: undefined,
    },
  });
}

// generous timeouts: in CI this file shares two cores with the rest of the suite
describe('officers console (browser)', { timeout: 120_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let analyst: TestOfficer;
  let supervisor: TestOfficer;
  let auditor: TestOfficer;
  let disposedAlertId: string;

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
    expect(page.url()).not.toContain(officer.password);
    return page;
  }

  beforeAll(async () => {
    if (!hasChromium) return;
    if (!existsSync(join(ROOT, 'apps/console/dist/index.html')))
      execFileSync('npm', ['run', '-s', 'build:console'], { cwd: ROOT, stdio: 'inherit' });
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    [analyst, supervisor, auditor] = [
      await createOfficer(t, 'ANALYST'),
      await createOfficer(t, 'SUPERVISOR'),
      await createOfficer(t, 'AUDITOR'),
    ];
    // two REVIEW payments: two sanctions alerts and two held payments
    const transactions: string[] = [];
    for (let index = 0; index < 2; index += 1) {
      const body = reviewRequest();
      const response = await t.request('POST', '/v1/pre-auth', { body });
      expect(response.body.decision).toBe('REVIEW');
      transactions.push(body.transactionId);
    }
    await waitFor(async () => {
      const rows = await t.dataSource.query(
        "SELECT count(*)::int AS n FROM alerts WHERE evidence->>'transactionId' = ANY($1)",
        [transactions],
      );
      const holds = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM payment_holds WHERE transaction_id = ANY($1)',
        [transactions],
      );
      return rows[0].n >= 2 && holds[0].n >= 2;
    }, 60_000);
    // a large-value transaction report for a past Beijing day, for the reports page
    const day = new Date(Date.now() + 8 * 3600_000 - 2 * 86400_000).toISOString().slice(0, 10);
    await new GenerateReportUseCase(t.dataSource).execute({
      type: 'LTR',
      period: day,
      actor: TEST_ACTOR,
      now: new Date(),
    });
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
    'serves the console under /console with the SPA fallback, redirects / to it, and refuses wrong sign-ins in words',
    async () => {
      const root = await fetch(`${base}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/console/');
      const deep = await fetch(`${base}/console/alerts/00000000-0000-0000-0000-000000000000`);
      expect(deep.status).toBe(200);
      expect(deep.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await deep.text()).toContain('<div id="root">');

      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${base}/console/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await expectAccessible(page, 'sign-in');
      await shot(page, 'sign-in');
      await page.getByLabel('Username').fill(analyst.username);
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await poll(() => page.getByRole('alert').textContent()).toContain('locked for 15 minutes');
      expect(await page.getByLabel('Username').inputValue()).toBe(analyst.username);
    },
  );

  it.runIf(hasChromium)(
    'an analyst signs in, sees the alert queue, takes the next alert, compares the sanctions hit and disposes of it',
    async () => {
      const page = await signIn(analyst);
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      // decisions per minute by outcome: the two REVIEW payments of the set-up, drawn as bars
      const chart = page.getByRole('img', { name: /Decisions per minute, last 60 minutes/ });
      await chart.waitFor();
      await poll(() => chart.locator('rect.outcome-review').count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByRole('list', { name: 'Outcomes' }).textContent()).toContain('Review: 2');
      await page.getByText('Show the numbers as a table').click();
      expect(
        await page.getByRole('table', { name: 'Decisions per minute, last 60 minutes' }).textContent(),
      ).toContain('2');
      await page.getByText('Show the numbers as a table').click();
      // exact counts from the stats API, not a sample
      const [counts] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open,
                count(*) FILTER (WHERE status = 'OPEN' AND assignee IS NULL)::int AS waiting,
                count(*) FILTER (WHERE status <> 'CLOSED' AND type = 'SANCTIONS')::int AS sanctions
         FROM alerts`,
      );
      await poll(() => page.locator('[data-tile="open"] .tile-number').textContent()).toBe(
        String(counts.open),
      );
      expect(await page.locator('[data-tile="queue-depth"] .tile-number').textContent()).toBe(
        String(counts.waiting),
      );
      const sanctionsRow = page
        .locator('table[data-table="by-type-and-priority"] tbody tr')
        .filter({ hasText: 'Sanctions' });
      expect(await sanctionsRow.locator('td').last().textContent()).toBe(String(counts.sanctions));
      expect(await page.locator('table[data-table="by-type-and-age"] tfoot').textContent()).toContain(
        String(counts.sanctions),
      );
      expect(await page.locator('table[data-table="job-queues"]').textContent()).toContain('follow-up');
      await expectAccessible(page, 'dashboard');
      await shot(page, 'dashboard');

      await page.getByRole('link', { name: 'Alert queue' }).click();
      await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
      await poll(() => page.locator('table.grid tbody tr').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('table.grid tbody').textContent()).toContain('Sanctions');
      expect(await page.locator('.sla').first().textContent()).toMatch(/left|overdue/);
      await expectAccessible(page, 'alert queue');
      await shot(page, 'alert-queue');

      // the keyboard: j / k move the selection, n takes the next alert
      await page.locator('h1').click();
      await page.keyboard.press('j');
      await expect
        .poll(() => page.locator('table.grid tbody tr').nth(1).getAttribute('aria-selected'))
        .toBe('true');
      await page.keyboard.press('k');
      await expect
        .poll(() => page.locator('table.grid tbody tr').nth(0).getAttribute('aria-selected'))
        .toBe('true');
      await page.keyboard.press('n');
      await page.waitForURL(/\/console\/alerts\/[0-9a-f-]{36}$/);
      disposedAlertId = page.url().split('/').pop()!;
      await page.getByRole('heading', { name: /Sanctions hits/ }).waitFor();
      await poll(() => page.locator('.facts').first().textContent()).toContain(analyst.username);

      const hit = page.locator('section.hit').first();
      expect(await hit.textContent()).toContain('IVAN DEMOVICH PETROV');
      await hit.getByRole('button', { name: 'Compare names' }).click();
      const queryMarks = hit.locator('[data-side="query"] mark');
      await poll(() => queryMarks.count()).toBeGreaterThan(0);
      expect(
        (await hit.locator('[data-side="list"] mark').allTextContents()).join(' ').length,
      ).toBeGreaterThan(0);
      expect(await hit.getByRole('table', { name: 'Aligned name parts' }).isVisible()).toBe(true);

      // beside the comparison: the list entry's full record in the list in force
      const record = hit.locator('section.entry-record');
      await poll(() => record.textContent()).toContain('Names and aliases');
      const recordText = (await record.textContent())!;
      expect(recordText).toMatch(/PETROV/i);
      expect(recordText).toContain('Dates of birth');
      expect(recordText).toContain('Programmes');
      expect(recordText).toContain('The same version of the entry as when the hit was scored.');

      // the payer: limit usage against the T1 limits, and the payment in the last 30 days with both legs
      const party = page.locator('section[data-section="party"]');
      const usage = party.getByRole('table', { name: /Tier T1 limits/ });
      await usage.waitFor();
      await poll(() => usage.locator('tr[data-limit="daily"]').textContent()).toMatch(
        /37\.22 USD.*2,000\.00 USD.*2%/,
      );
      expect(await usage.locator('tr[data-limit="perPayment"]').textContent()).toMatch(
        /37\.22 USD.*1,000\.00 USD.*4%/,
      );
      expect(await usage.locator('tr[data-limit="annual"]').textContent()).toMatch(/10,000\.00 USD/);
      const history = (await party.locator('table[data-table="party-payments"]').textContent())!;
      expect(history).toContain('268.00 CNY');
      expect(history).toContain('37.22 USD');
      expect(history).toContain('this alert');

      // the merchant of the payment: its last 30 days by outcome, its payments with both legs, its open alerts
      const [merchantCounts] = await t.dataSource.query(
        `SELECT count(*)::int AS payments, count(*) FILTER (WHERE decision = 'REVIEW')::int AS review,
                (SELECT count(*)::int FROM alerts WHERE merchant_id = 'M-310000-0091' AND status <> 'CLOSED') AS open
         FROM payments WHERE merchant_id = 'M-310000-0091'`,
      );
      expect(merchantCounts.review).toBeGreaterThanOrEqual(2);
      const merchantPanel = page.locator('section[data-section="merchant"]');
      await merchantPanel
        .getByRole('heading', { name: 'The merchant: recent payments and open alerts' })
        .waitFor();
      const totals = merchantPanel.getByRole('table', { name: 'Payments in the last 30 days by outcome' });
      await totals.waitFor();
      expect(await totals.locator('tr[data-outcome="REVIEW"] td').first().textContent()).toBe(
        String(merchantCounts.review),
      );
      expect(await totals.locator('tfoot td').first().textContent()).toBe(String(merchantCounts.payments));
      expect(await merchantPanel.locator('[data-value="open-alerts"]').textContent()).toBe(
        `${merchantCounts.open} (0 about the merchant itself)`,
      );
      const merchantHistory = (await merchantPanel
        .locator('table[data-table="merchant-payments"]')
        .textContent())!;
      expect(merchantHistory).toContain('268.00 CNY');
      expect(merchantHistory).toContain('37.22 USD');
      expect(merchantHistory).toContain('this alert');
      expect(await merchantPanel.textContent()).toContain('Shanghai Dumpling House');
      await expectAccessible(page, 'alert detail');
      await shot(page, 'alert-detail');

      // a rationale that is too short is refused in words, and what was typed stays
      await page.getByLabel('Conclusion').selectOption('FALSE_POSITIVE');
      await page.getByLabel('Rationale (mandatory)').fill('too short');
      await page.getByRole('button', { name: 'Record disposition' }).click();
      await page.getByText('Write at least 20 characters (now 9).').waitFor();
      expect(await page.getByLabel('Rationale (mandatory)').inputValue()).toBe('too short');

      await page
        .getByLabel('Rationale (mandatory)')
        .fill(
          'Payer is not the listed person: the wallet KYC shows a different date of birth and nationality.',
        );
      await page.getByRole('button', { name: 'Record disposition' }).click();
      await page.getByText('Awaiting approval', { exact: true }).first().waitFor();
      const rows = await t.dataSource.query(
        'SELECT status, disposition, disposed_by FROM alerts WHERE id = $1',
        [disposedAlertId],
      );
      expect(rows[0]).toEqual({
        status: 'PENDING_APPROVAL',
        disposition: 'FALSE_POSITIVE',
        disposed_by: analyst.username,
      });
    },
  );

  it.runIf(hasChromium)(
    'a supervisor approves the disposition from the approvals inbox, and resolves a held payment',
    async () => {
      const page = await signIn(supervisor);
      await page.getByRole('link', { name: 'Approvals' }).click();
      await page.getByRole('heading', { name: 'Approvals inbox' }).waitFor();
      await page.locator(`a[data-alert-id="${disposedAlertId}"]`).waitFor();
      await expectAccessible(page, 'approvals');
      await shot(page, 'approvals');
      await page.locator(`a[data-alert-id="${disposedAlertId}"]`).click();
      await page.getByRole('heading', { name: 'Four-eyes approval' }).waitFor();
      await page.getByRole('button', { name: 'Approve and close' }).click();
      await page.getByText('Closed', { exact: true }).first().waitFor();
      const rows = await t.dataSource.query('SELECT status FROM alerts WHERE id = $1', [disposedAlertId]);
      expect(rows[0].status).toBe('CLOSED');

      await page.getByRole('link', { name: 'Held payments' }).click();
      await page.getByRole('heading', { name: 'Held payments' }).waitFor();
      await expectAccessible(page, 'held payments');
      await shot(page, 'held-payments');
      const row = page.locator('table.grid tbody tr').first();
      const transactionId = (await row.locator('td').first().textContent())!.trim();
      await row.getByRole('button', { name: 'Resolve' }).click();
      await page.getByLabel('Decline the payment').check();
      await page
        .getByLabel('Rationale (mandatory)')
        .fill('Name-only match confirmed against the wallet provider KYC: declining as instructed.');
      await page.locator('form button[data-action="resolve"]').click();
      await waitFor(
        async () =>
          (
            await t.dataSource.query(
              "SELECT 1 FROM payment_holds WHERE transaction_id = $1 AND status = 'RESOLVED_DECLINE'",
              [transactionId],
            )
          ).length > 0,
        60_000,
      );

      await page.getByRole('link', { name: 'Reports' }).click();

      await page.getByRole('heading', { name: 'Reports' }).waitFor();

      // a supervisor may export the filing formats; everyone may download the CSV

      await page.locator('button[data-action="export"]').first().waitFor();

      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByRole('button', { name: /as csv$/ })
          .first()
          .click(),
      ]);

      expect(file.suggestedFilename()).toMatch(/\.csv$/);

      await expectAccessible(page, 'reports');

      await shot(page, 'reports');
    },
  );

  it.runIf(hasChromium)(
    'an analyst opens a case from an alert, investigates and adds a note (no case-file export without reports:export)',
    async () => {
      const page = await signIn(analyst);
      const open = await t.dataSource.query(
        "SELECT id FROM alerts WHERE status = 'OPEN' AND type = 'SANCTIONS' ORDER BY created_at LIMIT 1",
      );
      await page.goto(`${base}/console/alerts/${open[0].id}`);
      await page.getByRole('button', { name: 'Open a case from this alert' }).click();
      await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: 'Start the investigation' }).click();
      await page.getByRole('heading', { name: 'Propose a conclusion' }).waitFor();
      await page.getByLabel('Add a note').fill('Requested the wallet provider KYC record for the payer.');
      await page.getByRole('button', { name: 'Save note' }).click();
      await page
        .getByText('Requested the wallet provider KYC record for the payer.', { exact: true })
        .waitFor();
      const payments = await page.getByRole('table', { name: 'Payments and parties' }).textContent();
      // both currency legs of the payment
      expect(payments).toContain('268.00 CNY');
      expect(payments).toContain('37.22 USD');
      // case files are the API's, exported with reports:export (supervisors) only: an analyst gets no export button
      expect(await page.getByRole('button', { name: /Export case file/ }).count()).toBe(0);
      await expectAccessible(page, 'case detail');
      await shot(page, 'case');
      await page.getByRole('link', { name: 'Cases', exact: true }).click();
      await page.getByRole('heading', { name: 'Cases' }).waitFor();
      await poll(() => page.locator('table.grid tbody tr').count()).toBeGreaterThanOrEqual(1);
      await expectAccessible(page, 'cases');
    },
  );

  it.runIf(hasChromium)(
    "a supervisor downloads the case file as the API's JSON bundle and as a PDF, with the token in a header and never in a URL",
    async () => {
      const page = await signIn(supervisor);
      const urls: string[] = [];
      page.on('request', (request) => urls.push(request.url()));
      const [caseRow] = await t.dataSource.query('SELECT id FROM cases ORDER BY created_at DESC LIMIT 1');
      await page.goto(`${base}/console/cases/${caseRow.id}`);

      // the JSON export is the API's bundle (GET /v1/cases/{id}/export?format=json), not the page as shown
      const [bundleFile, bundleResponse] = await Promise.all([
        page.waitForEvent('download'),
        page.waitForResponse((response) =>
          response.url().includes(`/v1/cases/${caseRow.id}/export?format=json`),
        ),
        page.getByRole('button', { name: 'Export case file (JSON)' }).click(),
      ]);
      expect(bundleFile.suggestedFilename()).toMatch(new RegExp(`^case-${caseRow.id}-.+\\.json$`));
      const bundleBytes = readFileSync(await bundleFile.path());
      const bundleSha256 = createHash('sha256').update(bundleBytes).digest('hex');
      expect(bundleResponse.headers()['x-content-sha256']).toBe(bundleSha256);
      const bundle = JSON.parse(bundleBytes.toString('utf8'));
      expect(bundle).toMatchObject({
        schema: 'cpg.case-file/1',
        generatedBy: `officer:${supervisor.username}`,
        case: { id: caseRow.id },
      });
      expect(bundle.notice).toContain('CONFIDENTIAL');
      expect(bundle.auditExtract.length).toBeGreaterThan(0);
      for (const entry of bundle.auditExtract) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(bundle.payments[0]).toMatchObject({ amount: { currency: 'CNY' } });
      // its SHA-256 manifest, recorded by the API as a case.exported audit event, names this very file
      const [jsonExport] = await t.dataSource.query(
        "SELECT actor, after FROM audit_events WHERE action = 'case.exported' AND entity_id = $1 ORDER BY id",
        [caseRow.id],
      );
      expect(jsonExport.actor).toBe(`officer:${supervisor.username}`);
      expect(jsonExport.after).toMatchObject({
        caseId: caseRow.id,
        format: 'json',
        bundleSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(jsonExport.after.files[0]).toMatchObject({
        name: bundleFile.suggestedFilename(),
        role: 'case-file',
        sha256: bundleSha256,
        sizeBytes: bundleBytes.length,
      });

      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export case file (PDF)' }).click(),
      ]);
      expect(file.suggestedFilename()).toMatch(new RegExp(`^case-${caseRow.id}-.+\\.pdf$`));
      const bytes = readFileSync(await file.path());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(urls.filter((url) => url.includes(`/v1/cases/${caseRow.id}/export?format=pdf`))).toHaveLength(1);
      expect(urls.filter((url) => url.includes(`/v1/cases/${caseRow.id}/export?format=json`))).toHaveLength(
        1,
      );
      expect(urls.filter((url) => /cpo_|token|authorization/i.test(url))).toEqual([]);
      const audit = await t.dataSource.query(
        "SELECT actor, after->>'format' AS format FROM audit_events WHERE action = 'case.exported' AND entity_id = $1 ORDER BY id",
        [caseRow.id],
      );
      expect(audit).toEqual([
        { actor: `officer:${supervisor.username}`, format: 'json' },
        { actor: `officer:${supervisor.username}`, format: 'pdf' },
      ]);
      await expectAccessible(page, 'case detail (supervisor)');
    },
  );

  it.runIf(hasChromium)(
    'sends an officer whose session ended back to sign-in, and keeps what was typed',
    async () => {
      const page = await signIn(analyst);
      const open = await t.dataSource.query(
        "SELECT id FROM alerts WHERE status = 'OPEN' ORDER BY created_at LIMIT 1",
      );
      await page.goto(`${base}/console/alerts/${open[0].id}`);
      const note = 'Draft written before the session ended: check the merchant legal representative.';
      await page.getByLabel('Add a note').fill(note);
      // the session ends on the server (as at expiry or a logout elsewhere)
      const token = await page.evaluate(
        () =>
          JSON.parse(
            (
              globalThis as unknown as { sessionStorage: { getItem(key: string): string } }
            ).sessionStorage.getItem('cpg.console.session'),
          ).accessToken as string,
      );
      expect(token).toMatch(/^cpo_/);
      expect(
        (
          await fetch(`${base}/v1/auth/logout`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
          })
        ).status,
      ).toBe(204);
      await page.getByRole('button', { name: 'Save note' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await page.getByRole('status').first().textContent()).toContain('Your session has ended');
      expect(page.url()).not.toContain('cpo_');
      await page.getByLabel('Username').fill(analyst.username);
      await page.getByLabel('Password').fill(analyst.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(new RegExp(`/console/alerts/${open[0].id}$`));
      expect(await page.getByLabel('Add a note').inputValue()).toBe(note);
    },
  );

  it.runIf(hasChromium)('an AUDITOR sees everything and no action that changes anything', async () => {
    const page = await signIn(auditor);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('link', { name: 'Approvals' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Take next alert' }).count()).toBe(0);

    await page.goto(`${base}/console/alerts`);
    await poll(() => page.locator('table.grid tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('button', { name: /Take next alert/ }).count()).toBe(0);
    await page.goto(`${base}/console/alerts/${disposedAlertId}`);
    await page.getByRole('heading', { name: /Sanctions hits/ }).waitFor();
    await page.getByRole('heading', { name: 'Disposition history' }).waitFor();
    expect(await page.locator('[data-action]').count()).toBe(0);
    expect(await page.locator('textarea').count()).toBe(0);

    await page.goto(`${base}/console/holds`);
    await page.getByRole('heading', { name: 'Held payments' }).waitFor();
    await page.getByLabel('Status').selectOption('');
    await poll(() => page.locator('table.grid tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-action]').count()).toBe(0);

    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page.getByRole('button', { name: 'Verify the audit chain' }).click();
    await page.getByText(/The audit chain is intact/).waitFor();
    await expectAccessible(page, 'audit');
    await shot(page, 'audit');

    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    expect(await page.locator('[data-action]').count()).toBe(0);
    await expectAccessible(page, 'reports');

    await page.getByRole('link', { name: 'Cases' }).click();
    await page.locator('table.grid tbody tr a').first().click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await page.locator('[data-action]').count()).toBe(0);

    await page.getByRole('link', { name: 'Lists' }).click();
    await page.getByRole('table', { name: 'Active snapshots' }).waitFor();
    await expectAccessible(page, 'lists');
    await shot(page, 'lists');

    await page.getByRole('link', { name: 'Screening search' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ivan Petrov');
    // the API's field path lands beside the field, and what was typed stays
    await page.getByLabel('Date of birth').fill('nineteen');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.field-invalid .field-error').first().waitFor();
    expect(await page.locator('.field-invalid label').first().textContent()).toBe('Date of birth');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ivan Petrov');
    await page.getByLabel('Date of birth').fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(/\d+ matches/).waitFor();
    await page.getByRole('button', { name: 'Compare names' }).first().click();
    await page.locator('mark').first().waitFor();
    await expectAccessible(page, 'screening');
    await shot(page, 'screening');
  });

  it.runIf(hasChromium)('renders the Chinese interface, switchable from the language menu', async () => {
    const page = await signIn(analyst);
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('link', { name: '预警队列' }).click();
    await page.getByRole('heading', { name: '预警队列' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('button', { name: /领取下一条预警/ }).count()).toBe(1);
    const time = page.locator('table.grid time').first();
    expect(await time.getAttribute('title')).toMatch(/Z \(UTC\)$/);
    await expectAccessible(page, 'alert queue (zh)');
    await shot(page, 'alert-queue-zh');

    // the alert page's merchant panel in Chinese
    const [zhAlert] = await t.dataSource.query(
      'SELECT id FROM alerts WHERE merchant_id IS NOT NULL ORDER BY created_at LIMIT 1',
    );
    await page.goto(`${base}/console/alerts/${zhAlert.id}`);
    await page.getByRole('heading', { name: '商户：近期支付与未结预警' }).waitFor();
    await page.getByRole('table', { name: '最近 30 天的支付（按决定结果）' }).waitFor();
    await page.getByRole('link', { name: '概览' }).click();
    await page.getByRole('heading', { name: '概览', level: 1 }).waitFor();
    await page.getByRole('img', { name: /每分钟决定数/ }).waitFor();
    expect(await page.getByRole('list', { name: '决定结果' }).textContent()).toContain('人工审核');
    await page.getByRole('heading', { name: '未结预警（按类型和优先级）' }).waitFor();
    // the Chinese text is drawn with a font that has the glyphs (no empty boxes): ask the browser which fonts it used
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'main h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.map((font) => font.familyName).join(', ')).toMatch(
      /WenQuanYi|Noto Sans CJK|Noto Serif CJK|Source Han|Droid Sans Fallback|AR PL/i,
    );
    expect(fonts.reduce((sum, font) => sum + font.glyphCount, 0)).toBeGreaterThanOrEqual(2);
    await cdp.detach();
    await expectAccessible(page, 'dashboard (zh)');
    await shot(page, 'dashboard-zh');
  });
});
