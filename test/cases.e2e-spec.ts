import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CasesUseCase } from '../libs/alerts/src/index.js';
import { bearer, loginAs, type TestOfficer } from './support/officers.js';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';


type LoggedIn = TestOfficer & { token: string };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe(CasesUseCase.name, () => {
  let t: TestApp;
  let analyst: LoggedIn;
  let supervisor: LoggedIn;
  let otherSupervisor: LoggedIn;
  let auditor: LoggedIn;
  const alertIds: string[] = [];
  const transactionIds: string[] = [];

  /** A pre-auth decision that raises an alert; answers the alert's id once the follow-up job raised it. */
  async function alertFor(payer: Record<string, unknown>): Promise<string> {
    const body = preAuthRequest({ payer });
    const response = await t.request('POST', '/v1/pre-auth', { body });
    expect(response.status).toBe(200);
    transactionIds.push(body.transactionId);
    return waitFor(async () => {
      const rows = await t.dataSource.query(
        "SELECT id FROM alerts WHERE evidence->>'transactionId' = $1 AND type = 'SANCTIONS'",
        [body.transactionId],
      );
      return rows[0]?.id as string | undefined;
    });
  }

  beforeAll(async () => {
    t = await startTestApp();
    [analyst, supervisor, otherSupervisor, auditor] = await Promise.all([
      loginAs(t, 'ANALYST'),
      loginAs(t, 'SUPERVISOR'),
      loginAs(t, 'SUPERVISOR'),
      loginAs(t, 'AUDITOR'),
    ]);
    // a strong, corroborated match (R01) and a name-only possible match (R02), different payers
    alertIds.push(
      await alertFor({
        name: 'IVAN DEMOVICH PETROV',
        nameOriginalScript: undefined,
        dateOfBirth: '1970-01-01',
        nationality: 'RU',
        residenceCountry: 'RU',
        idDocument: undefined,
      }),
    );
    alertIds.push(
      await alertFor({
        name: 'IVAN DEMOVICH PETROV',
        nameOriginalScript: undefined,
        dateOfBirth: undefined,
        nationality: undefined,
        residenceCountry: undefined,
        idDocument: undefined,
      }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens a case from alerts, gathers evidence, and closes it CLOSED_CONFIRMED by four eyes with an immediate STR flag', async () => {
    expect(
      (
        await t.request(
          'POST',
          '/v1/cases',
          bearer(auditor.token, { alertIds: [alertIds[0]], title: 'auditor tries' }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await t.request('POST', '/v1/cases', { body: { alertIds: [alertIds[0]], title: 'gateway tries' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.request(
          'POST',
          '/v1/cases',
          bearer(analyst.token, {
            alertIds: ['00000000-0000-4000-8000-000000000000'],
            title: 'no such alert',
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (await t.request('POST', '/v1/cases', bearer(analyst.token, { alertIds: [], title: 'no alerts' })))
        .status,
    ).toBe(400);

    const opened = await t.request(
      'POST',
      '/v1/cases',
      bearer(analyst.token, { alertIds: [alertIds[0]], title: 'IVAN DEMOVICH PETROV: list match' }),
    );
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.id;
    expect(opened.body).toMatchObject({
      status: 'OPEN',
      title: 'IVAN DEMOVICH PETROV: list match',
      createdBy: `officer:${analyst.username}`,
      strRequired: false,
    });
    expect(opened.body.alerts.map((alert: { id: string }) => alert.id)).toEqual([alertIds[0]]);
    expect(opened.body.payments).toEqual([
      expect.objectContaining({
        transactionId: transactionIds[0],
        amount: { value: '268.00', currency: 'CNY' },
        payerAmount: { value: '37.22', currency: 'USD' },
        equivalents: { USD: '37.22', CNY: '268.00' },
      }),
    ]);
    expect(opened.body.parties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'payer', name: 'IVAN DEMOVICH PETROV' }),
        expect.objectContaining({ role: 'merchant' }),
      ]),
    );
    expect(opened.body.hits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ party: 'payer', band: 'STRONG', transactionId: transactionIds[0] }),
      ]),
    );

    const added = await t.request(
      'POST',
      `/v1/cases/${caseId}/alerts`,
      bearer(analyst.token, { alertIds: [alertIds[1]] }),
    );
    expect(added.status).toBe(200);
    expect(added.body.alerts).toHaveLength(2);
    expect(added.body.payments).toHaveLength(2);

    const note = await t.request(
      'POST',
      `/v1/cases/${caseId}/notes`,
      bearer(analyst.token, { body: 'Wallet KYC copy requested from the partner wallet.' }),
    );
    expect(note.status).toBe(201);
    expect(
      (await t.request('POST', `/v1/cases/${caseId}/notes`, bearer(auditor.token, { body: 'auditor note' })))
        .status,
    ).toBe(403);

    const pdf = await t.request(
      'POST',
      `/v1/cases/${caseId}/attachments`,
      bearer(analyst.token, {
        filename: '../kyc/passport-scan.pdf',
        contentType: 'application/pdf',
        contentBase64: PDF.toString('base64'),
      }),
    );
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({
      filename: 'passport-scan.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const lie = await t.request(
      'POST',
      `/v1/cases/${caseId}/attachments`,
      bearer(analyst.token, {
        filename: 'statement.pdf',
        contentType: 'application/pdf',
        contentBase64: PNG.toString('base64'),
      }),
    );
    expect(lie.status).toBe(415);
    expect(lie.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const executable = await t.request(
      'POST',
      `/v1/cases/${caseId}/attachments`,
      bearer(analyst.token, {
        filename: 'tool.exe',
        contentType: 'application/x-msdownload',
        contentBase64: PDF.toString('base64'),
      }),
    );
    expect(executable.status).toBe(415);
    const garbage = await t.request(
      'POST',
      `/v1/cases/${caseId}/attachments`,
      bearer(analyst.token, {
        filename: 'x.pdf',
        contentType: 'application/pdf',
        contentBase64: '%%%not base64',
      }),
    );
    expect(garbage.status).toBe(400);
    // the upload route takes 5 MB files whatever the server's body limit (1 MiB by default); one byte more is refused
    const scan = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 - PDF.length, 0x20)]);
    const large = await t.request(
      'POST',
      `/v1/cases/${caseId}/attachments`,
      bearer(analyst.token, {
        filename: 'statement-scan.pdf',
        contentType: 'application/pdf',
        contentBase64: scan.toString('base64'),
      }),
    );
    expect(large.status).toBe(201);
    expect(large.body).toMatchObject({
      sizeBytes: 5 * 1024 * 1024,
      sha256: createHash('sha256').update(scan).digest('hex'),
    });
    const tooLarge = await t.request(
      'POST',
      `/v1/cases/${caseId}/attachments`,
      bearer(analyst.token, {
        filename: 'too-large.pdf',
        contentType: 'application/pdf',
        contentBase64: Buffer.concat([scan, Buffer.from(' ')]).toString('base64'),
      }),
    );
    expect(tooLarge.status).toBe(413);
    expect(
      (
        await t.request(
          'POST',
          `/v1/cases/${caseId}/notes`,
          bearer(analyst.token, { body: 'x'.repeat(10_000) + 'y'.repeat(1_100_000) }),
        )
      ).status,
    ).toBe(413);
    const stored = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1',
      [caseId],
    );
    expect(stored[0].n).toBe(2);

    const download = await t.request(
      'GET',
      `/v1/cases/${caseId}/attachments/${pdf.body.id}`,
      bearer(auditor.token),
    );
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(download.headers['x-content-sha256']).toBe(pdf.body.sha256);

    expect(
      (
        await t.request(
          'POST',
          `/v1/cases/${caseId}/conclusion`,
          bearer(analyst.token, { conclusion: 'CONFIRMED_SUSPICIOUS', narrative: 'too early' }),
        )
      ).status,
    ).toBe(409);
    const investigating = await t.request(
      'POST',
      `/v1/cases/${caseId}/status`,
      bearer(analyst.token, { status: 'INVESTIGATING' }),
    );
    expect(investigating.status).toBe(200);
    expect(investigating.body.status).toBe('INVESTIGATING');
    expect(
      (
        await t.request(
          'POST',
          `/v1/cases/${caseId}/status`,
          bearer(analyst.token, { status: 'CLOSED_CONFIRMED' }),
        )
      ).status,
    ).toBe(409);

    const proposed = await t.request(
      'POST',
      `/v1/cases/${caseId}/conclusion`,
      bearer(supervisor.token, {
        conclusion: 'CONFIRMED_SUSPICIOUS',
        narrative:
          'Payer is the listed person: name, date of birth and nationality agree with the list entry.',
      }),
    );
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      status: 'PENDING_APPROVAL',
      conclusion: 'CONFIRMED_SUSPICIOUS',
      proposedBy: `officer:${supervisor.username}`,
    });

    const ownApproval = await t.request('POST', `/v1/cases/${caseId}/approve`, bearer(supervisor.token, {}));
    expect(ownApproval.status).toBe(403);
    expect(ownApproval.body.error.message).toMatch(/four eyes/i);
    expect((await t.request('POST', `/v1/cases/${caseId}/approve`, bearer(analyst.token, {}))).status).toBe(
      403,
    );
    expect((await t.request('POST', `/v1/cases/${caseId}/approve`, bearer(auditor.token, {}))).status).toBe(
      403,
    );

    // the R01 alert was disposed TRUE_MATCH (the alerts work records the disposition on the alert)
    await t.dataSource.query("UPDATE alerts SET disposition = 'TRUE_MATCH' WHERE id = $1", [alertIds[0]]);
    const approved = await t.request(
      'POST',
      `/v1/cases/${caseId}/approve`,
      bearer(otherSupervisor.token, { rationale: 'Agree' }),
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'CLOSED_CONFIRMED',
      approvedBy: `officer:${otherSupervisor.username}`,
      strRequired: true,
      strImmediate: true,
      closedAt: expect.any(String),
    });
    expect(
      (await t.request('POST', `/v1/cases/${caseId}/notes`, bearer(analyst.token, { body: 'after closing' })))
        .status,
    ).toBe(409);

    const detail = await t.request('GET', `/v1/cases/${caseId}`, bearer(auditor.token));
    expect(detail.status).toBe(200);
    expect(detail.body.notes).toEqual([
      expect.objectContaining({
        body: 'Wallet KYC copy requested from the partner wallet.',
        author: `officer:${analyst.username}`,
      }),
    ]);
    expect(detail.body.attachments).toHaveLength(2);
    const caseActions = detail.body.timeline
      .filter((entry: { source: string }) => entry.source === 'case')
      .map((entry: { action: string }) => entry.action);
    expect(caseActions).toEqual([
      'case.opened',
      'case.alerts-added',
      'case.note-added',
      'case.attachment-added',
      'case.attachment-added',
      'case.status-changed',
      'case.conclusion-proposed',
      'case.approved',
    ]);
    expect(detail.body.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'audit', action: 'alert.raised', entityId: alertIds[0] }),
      ]),
    );

    const reads = await t.dataSource.query(
      "SELECT actor, after->>'operation' AS operation FROM audit_events WHERE action = 'case.read' AND entity_id = $1",
      [caseId],
    );
    expect(reads).toEqual(
      expect.arrayContaining([
        { actor: `officer:${auditor.username}`, operation: 'detail' },
        { actor: `officer:${auditor.username}`, operation: 'download' },
      ]),
    );
    const approvedEvent = await t.dataSource.query(
      "SELECT actor, after->>'strImmediate' AS immediate FROM audit_events WHERE action = 'case.approved' AND entity_id = $1",
      [caseId],
    );
    expect(approvedEvent).toEqual([{ actor: `officer:${otherSupervisor.username}`, immediate: 'true' }]);

    const listed = await t.request(
      'GET',
      '/v1/cases?strRequired=true&status=CLOSED_CONFIRMED',
      bearer(auditor.token),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.cases.map((item: { id: string }) => item.id)).toContain(caseId);
    await expect(
      t.dataSource.query('UPDATE case_notes SET body = $2 WHERE case_id = $1', [caseId, 'rewritten']),
    ).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM case_events WHERE case_id = $1', [caseId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('sends a rejected conclusion back to INVESTIGATING, and a refuted case needs no STR', async () => {
    const opened = await t.request(
      'POST',
      '/v1/cases',
      bearer(analyst.token, { alertIds: [alertIds[1]], title: 'Possible match, name only' }),
    );
    const caseId: string = opened.body.id;
    await t.request('POST', `/v1/cases/${caseId}/status`, bearer(analyst.token, { status: 'INVESTIGATING' }));
    const propose = () =>
      t.request(
        'POST',
        `/v1/cases/${caseId}/conclusion`,
        bearer(analyst.token, {
          conclusion: 'REFUTED',
          narrative: 'Different person: the wallet KYC date of birth is 1991.',
        }),
      );
    expect((await propose()).status).toBe(200);
    expect((await t.request('POST', `/v1/cases/${caseId}/reject`, bearer(supervisor.token, {}))).status).toBe(
      400,
    );
    const rejected = await t.request(
      'POST',
      `/v1/cases/${caseId}/reject`,
      bearer(supervisor.token, { rationale: 'Attach the KYC record first' }),
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'INVESTIGATING', conclusion: null });
    expect((await propose()).status).toBe(200);
    const approved = await t.request('POST', `/v1/cases/${caseId}/approve`, bearer(supervisor.token, {}));
    expect(approved.body).toMatchObject({
      status: 'CLOSED_REFUTED',
      strRequired: false,
      strImmediate: false,
    });
  });
});
