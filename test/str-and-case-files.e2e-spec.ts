import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, DraftStrUseCase, ReportRepository } from '../libs/reports/src/index.js';
import { bearer, loginAs, type TestOfficer } from './support/officers.js';
import { preAuthRequest, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

type LoggedIn = TestOfficer & { token: string };


const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const NARRATIVE =
  'Payer IVAN DEMOVICH PETROV is the listed person: name, date of birth and nationality agree with the list entry.';

/** Text of a PDF, with poppler's pdftotext (installed by .ci/run). */
function pdfText(bytes: Buffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'case-file-'));
  try {
    const file = join(folder, 'case.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe(DraftStrUseCase.name, () => {
  let t: TestApp;
  let analyst: LoggedIn;
  let proposer: LoggedIn;
  let caseApprover: LoggedIn;
  let reportApprover: LoggedIn;
  let auditor: LoggedIn;

  /** a pre-auth decision that raises a sanctions alert; answers the alert id and the transaction id */
  async function alertFor(
    payer: Record<string, unknown>,
  ): Promise<{ alertId: string; transactionId: string }> {
    const body = preAuthRequest({ payer });
    const response = await t.request('POST', '/v1/pre-auth', { body });
    expect(response.status).toBe(200);
    const alertId = await waitFor(async () => {
      const rows = await t.dataSource.query(
        "SELECT id FROM alerts WHERE evidence->>'transactionId' = $1 AND type = 'SANCTIONS'",
        [body.transactionId],
      );
      return rows[0]?.id as string | undefined;
    });
    return { alertId, transactionId: body.transactionId };
  }

  /** opens a case on the alert, proposes CONFIRMED_SUSPICIOUS (proposer) and approves it (another supervisor) */
  async function confirmedCase(
    alertId: string,
    title: string,
    trueMatch: boolean,
    beforeApproval?: () => Promise<void>,
  ): Promise<string> {
    const opened = await t.request(
      'POST',
      '/v1/cases',
      bearer(analyst.token, { alertIds: [alertId], title }),
    );
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.id;
    await t.request(
      'POST',
      `/v1/cases/${caseId}/notes`,
      bearer(analyst.token, { body: 'Wallet KYC copy requested.' }),
    );
    expect(
      (
        await t.request(
          'POST',
          `/v1/cases/${caseId}/status`,
          bearer(analyst.token, { status: 'INVESTIGATING' }),
        )
      ).status,
    ).toBe(200);
    const proposed = await t.request(
      'POST',
      `/v1/cases/${caseId}/conclusion`,
      bearer(proposer.token, { conclusion: 'CONFIRMED_SUSPICIOUS', narrative: NARRATIVE }),
    );
    expect(proposed.status).toBe(200);
    // the alert's disposition, as the alerts work records it
    if (trueMatch)
      await t.dataSource.query("UPDATE alerts SET disposition = 'TRUE_MATCH' WHERE id = $1", [alertId]);
    await beforeApproval?.();
    const approved = await t.request(
      'POST',
      `/v1/cases/${caseId}/approve`,
      bearer(caseApprover.token, { rationale: 'Agree' }),
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'CLOSED_CONFIRMED',
      strRequired: true,
      strImmediate: trueMatch,
    });
    return caseId;
  }

  let strong: { alertId: string; transactionId: string };
  let caseId: string;
  let reportId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [analyst, proposer, caseApprover, reportApprover, auditor] = await Promise.all([
      loginAs(t, 'ANALYST'),
      loginAs(t, 'SUPERVISOR'),
      loginAs(t, 'SUPERVISOR'),
      loginAs(t, 'SUPERVISOR'),
      loginAs(t, 'AUDITOR'),
    ]);
    strong = await alertFor({
      name: 'IVAN DEMOVICH PETROV',
      nameOriginalScript: undefined,
      dateOfBirth: '1970-01-01',
      nationality: 'RU',
      residenceCountry: 'RU',
      idDocument: undefined,
    });
    caseId = await confirmedCase(strong.alertId, 'IVAN DEMOVICH PETROV: list match', true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('drafts one STR when a case is approved CLOSED_CONFIRMED, immediate for a sanctions true match', async () => {
    const listed = await t.request('GET', '/v1/reports?type=STR', bearer(auditor.token));
    expect(listed.status).toBe(200);
    const rows = await t.dataSource.query(
      "SELECT id, status, period, to_char(due_on, 'YYYY-MM-DD') AS due_on, content FROM reports WHERE dedup_key = $1",
      [`STR:${caseId}`],
    );
    expect(rows).toHaveLength(1);
    reportId = rows[0].id;
    expect(listed.body.reports.map((report: { id: string }) => report.id)).toContain(reportId);
    const content = rows[0].content;
    expect(rows[0].status).toBe('DRAFT');
    expect(content).toMatchObject({
      type: 'STR',
      caseId,
      immediate: true,
      narrative: NARRATIVE,
      dueOn: rows[0].period,
      suspicionConfirmedOn: rows[0].period,
    });
    expect(rows[0].due_on).toBe(rows[0].period);
    expect(
      content.subjects.map((subject: { role: string; name: string }) => [subject.role, subject.name]),
    ).toEqual(
      expect.arrayContaining([
        ['payer', 'IVAN DEMOVICH PETROV'],
        ['merchant', expect.any(String)],
      ]),
    );
    expect(content.transactions).toEqual([
      expect.objectContaining({
        transactionId: strong.transactionId,
        amount: { value: '268.00', currency: 'CNY' },
        payerAmount: { value: '37.22', currency: 'USD' },
        cnyFen: 26800,
        usdCents: 3722,
      }),
    ]);
    expect(content.indicators.map((indicator: { code: string }) => indicator.code)).toEqual(
      expect.arrayContaining(['R01', 'SANCTIONS_MATCH']),
    );
    const drafted = await t.dataSource.query(
      "SELECT actor FROM audit_events WHERE action = 'report.str-drafted' AND entity_id = $1",
      [reportId],
    );
    expect(drafted).toEqual([{ actor: `officer:${caseApprover.username}` }]);

    // by hand: the existing draft is answered, never a second one
    const again = await t.request('POST', `/v1/cases/${caseId}/str`, bearer(reportApprover.token));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, report: { id: reportId, status: 'DRAFT' } });
    expect((await t.request('POST', `/v1/cases/${caseId}/str`, bearer(analyst.token))).status).toBe(403);
  });

  it('redrafts a missing STR by hand, due 5 working days after confirmation when not a list confirmation', async () => {
    const possible = await alertFor({
      name: 'IVAN DEMOVICH PETROV',
      nameOriginalScript: undefined,
      dateOfBirth: undefined,
      nationality: undefined,
      residenceCountry: undefined,
      idDocument: undefined,
    });
    // the working-day calendar is missing when the case is approved: the approval stands, the draft failure is
    // audited, and the STR is drafted by hand once the calendar is back
    const calendarRows = await t.dataSource.query(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name, source FROM calendar_days",
    );
    const otherCase = await confirmedCase(
      possible.alertId,
      'possible match, confirmed on behaviour',
      false,
      () => t.dataSource.query('DELETE FROM calendar_days'),
    );
    expect(
      await t.dataSource.query('SELECT id FROM reports WHERE dedup_key = $1', [`STR:${otherCase}`]),
    ).toEqual([]);
    const failed = await t.dataSource.query(
      "SELECT after FROM audit_events WHERE action = 'report.str-draft-failed' AND entity_id = $1",
      [otherCase],
    );
    expect(failed).toEqual([{ after: expect.objectContaining({ code: 'CONFIGURATION_INVALID' }) }]);
    await t.dataSource.query(
      'INSERT INTO calendar_days (day, kind, name, source) SELECT day::date, kind, name, source FROM jsonb_to_recordset($1::jsonb) AS r(day text, kind text, name text, source text)',
      [JSON.stringify(calendarRows)],
    );
    const byHand = await t.request('POST', `/v1/cases/${otherCase}/str`, bearer(reportApprover.token));
    expect(byHand.status).toBe(201);
    expect(byHand.body).toMatchObject({ created: true, report: { type: 'STR', status: 'DRAFT' } });
    const rows = await t.dataSource.query('SELECT id, content FROM reports WHERE dedup_key = $1', [
      `STR:${otherCase}`,
    ]);
    expect(rows).toHaveLength(1);
    const calendar = await new ReportRepository(t.dataSource).calendar();
    expect(rows[0].content).toMatchObject({
      immediate: false,
      dueOn: addWorkingDays(rows[0].content.suspicionConfirmedOn, 5, calendar),
    });
    // a case that is not confirmed has no STR
    const open = await t.request(
      'POST',
      '/v1/cases',
      bearer(analyst.token, { alertIds: [possible.alertId], title: 'open' }),
    );
    const refused = await t.request('POST', `/v1/cases/${open.body.id}/str`, bearer(reportApprover.token));
    expect(refused.status).toBe(409);
  });

  it('refuses filing formats of a DRAFT STR, approves by four eyes, and exports PSTR and goAML XML (→ EXPORTED)', async () => {
    // a filing format exports the report: an AUDITOR may not, and nobody may while the STR is a DRAFT
    const auditorDownload = await t.request(
      'GET',
      `/v1/reports/${reportId}/download?format=pstr-xml`,
      bearer(auditor.token),
    );
    expect(auditorDownload.status).toBe(403);
    const draftDownload = await t.request(
      'GET',
      `/v1/reports/${reportId}/download?format=pstr-xml`,
      bearer(reportApprover.token),
    );
    expect(draftDownload.status).toBe(409);

    const own = await t.request('POST', `/v1/reports/${reportId}/approve`, bearer(proposer.token));
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/four eyes/i);
    expect((await t.request('POST', `/v1/reports/${reportId}/approve`, bearer(analyst.token))).status).toBe(
      403,
    );
    expect((await t.request('POST', `/v1/reports/${reportId}/approve`, bearer(auditor.token))).status).toBe(
      403,
    );

    const approved = await t.request('POST', `/v1/reports/${reportId}/approve`, bearer(reportApprover.token));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: reportId, status: 'APPROVED' });
    expect(
      (await t.request('POST', `/v1/reports/${reportId}/approve`, bearer(reportApprover.token))).status,
    ).toBe(409);

    const fastify = t.app.getHttpAdapter().getInstance();
    const pstr = await fastify.inject({
      method: 'GET',
      url: `/v1/reports/${reportId}/download?format=pstr-xml`,
      headers: { authorization: `Bearer ${reportApprover.token}` },
    });
    expect(pstr.statusCode).toBe(200);
    expect(pstr.headers['x-content-sha256']).toBe(sha256(pstr.rawPayload));
    const pstrXml = iconv.decode(pstr.rawPayload, 'gb18030');
    expect(XMLValidator.validate(pstrXml)).toBe(true);
    const doc = new XMLParser({
      parseTagValue: false,
      ignoreAttributes: false,
      isArray: (name) => ['CATI', 'STIF', 'STCR'].includes(name),
    }).parse(pstrXml);
    expect(doc.PSTR.RBIF).toMatchObject({ RPNM: reportId, CSNO: caseId, DETR: '02', CTNU: '2', TTNU: '1' });
    expect(doc.PSTR.AOSP).toBe(NARRATIVE);
    expect(doc.PSTR.STCR.map((indicator: { SSCD: string }) => indicator.SSCD)).toEqual(
      expect.arrayContaining(['R01', 'SANCTIONS_MATCH']),
    );
    const payer = doc.PSTR.CATI.find(
      (subject: { CTIF: { CTNM: string } }) => subject.CTIF.CTNM === 'IVAN DEMOVICH PETROV',
    );
    expect(payer.CTIF).toMatchObject({ CTTP: '01', CTNT: 'RUS', CTBD: '19700101' });
    expect(payer.TSDT.STIF[0].TSIF).toMatchObject({
      TICD: strong.transactionId,
      CRTP: 'CNY',
      CRAT: '268.00',
      PYTP: 'USD',
      PYAT: '37.22',
      CNYA: '268.00',
      USDA: '37.22',
    });

    const statusAfter = await t.dataSource.query('SELECT status, exported_at FROM reports WHERE id = $1', [
      reportId,
    ]);
    expect(statusAfter[0].status).toBe('EXPORTED');
    expect(statusAfter[0].exported_at).not.toBeNull();

    const goaml = await fastify.inject({
      method: 'GET',
      url: `/v1/reports/${reportId}/download?format=goaml-xml`,
      headers: { authorization: `Bearer ${reportApprover.token}` },
    });
    expect(goaml.statusCode).toBe(200);
    const goamlXml = goaml.rawPayload.toString('utf8');
    expect(XMLValidator.validate(goamlXml)).toBe(true);
    const report = new XMLParser({
      parseTagValue: false,
      isArray: (name) => ['transaction', 'indicator'].includes(name),
    }).parse(goamlXml).report;
    expect(report).toMatchObject({ report_code: 'STR', entity_reference: reportId, reason: NARRATIVE });
    expect(report.transaction).toHaveLength(1);
    expect(report.transaction[0]).toMatchObject({
      transactionnumber: strong.transactionId,
      amount_local: '268.00',
    });
    expect(report.transaction[0].t_from.from_person).toMatchObject({
      last_name: 'IVAN',
      first_name: 'DEMOVICH PETROV',
    });
    expect(report.transaction[0].t_from.from_foreign_currency).toMatchObject({
      foreign_currency_code: 'USD',
      foreign_amount: '37.22',
    });
    expect(report.report_indicators.indicator).toEqual(expect.arrayContaining(['R01', 'SANCTIONS_MATCH']));

    const events = await t.dataSource.query(
      "SELECT action, actor FROM audit_events WHERE entity_type = 'report' AND entity_id = $1 AND action IN ('report.approved', 'report.exported') ORDER BY id",
      [reportId],
    );
    expect(events).toEqual([
      { action: 'report.approved', actor: `officer:${reportApprover.username}` },
      { action: 'report.exported', actor: `officer:${reportApprover.username}` },
    ]);
  });

  it('exports the case file as a PDF holding the key facts and a JSON bundle checked against the case, each with an audited SHA-256 manifest', async () => {
    expect(
      (await t.request('GET', `/v1/cases/${caseId}/export?format=pdf`, bearer(auditor.token))).status,
    ).toBe(403);
    expect((await t.request('GET', `/v1/cases/${caseId}/export?format=pdf`, {})).status).toBe(403);
    expect(
      (await t.request('GET', `/v1/cases/${caseId}/export?format=doc`, bearer(reportApprover.token))).status,
    ).toBe(400);
    expect(
      (
        await t.request(
          'GET',
          '/v1/cases/00000000-0000-4000-8000-000000000000/export?format=json',
          bearer(reportApprover.token),
        )
      ).status,
    ).toBe(404);

    const fastify = t.app.getHttpAdapter().getInstance();
    const pdf = await fastify.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}/export?format=pdf`,
      headers: { authorization: `Bearer ${reportApprover.token}` },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['x-content-sha256']).toBe(sha256(pdf.rawPayload));
    const text = pdfText(pdf.rawPayload).replace(/\s+/g, ' ');
    for (const fact of [
      caseId,
      'IVAN DEMOVICH PETROV: list match',
      'CLOSED_CONFIRMED',
      'CONFIRMED_SUSPICIOUS',
      'CONFIDENTIAL',
      'no tipping off',
      strong.transactionId,
      '268.00 CNY',
      '37.22 USD',
      'Wallet KYC copy requested.',
      `officer:${proposer.username}`,
      `officer:${caseApprover.username}`,
      'case.approved',
      'TRUE_MATCH',
      'Payer IVAN DEMOVICH PETROV is the listed person',
      'rule set v',
      'content hash',
    ])
      expect(text, fact).toContain(fact);

    const json = await t.request(
      'GET',
      `/v1/cases/${caseId}/export?format=json`,
      bearer(reportApprover.token),
    );
    expect(json.status).toBe(200);
    const detail = await t.request('GET', `/v1/cases/${caseId}`, bearer(auditor.token));
    const bundle = json.body;
    expect(bundle).toMatchObject({
      schema: 'cpg.case-file/1',
      generatedBy: `officer:${reportApprover.username}`,
      case: {
        id: caseId,
        status: 'CLOSED_CONFIRMED',
        conclusion: 'CONFIRMED_SUSPICIOUS',
        narrative: NARRATIVE,
        proposedBy: `officer:${proposer.username}`,
        approvedBy: `officer:${caseApprover.username}`,
        strImmediate: true,
      },
    });
    expect(bundle.notice).toMatch(/not to be disclosed to the customer/i);
    expect(bundle.payments).toEqual(detail.body.payments);
    expect(bundle.alerts).toEqual(detail.body.alerts);
    expect(bundle.notes).toEqual(detail.body.notes);
    expect(bundle.screening.hits).toEqual(detail.body.hits);
    expect(bundle.screening.hits[0]).toMatchObject({
      matchedName: expect.any(String),
      score: expect.any(Number),
    });
    expect(bundle.screening.listSnapshots.map((snapshot: { id: string }) => snapshot.id).sort()).toEqual(
      [
        ...new Set(
          detail.body.payments.flatMap((payment: { listSnapshotIds: string[] }) => payment.listSnapshotIds),
        ),
      ].sort(),
    );
    expect(bundle.ruleSets.map((ruleSet: { version: number }) => ruleSet.version)).toEqual([
      detail.body.payments[0].ruleSetVersion,
    ]);
    expect(bundle.reports).toEqual([
      expect.objectContaining({ id: reportId, type: 'STR', status: 'EXPORTED' }),
    ]);
    expect(bundle.dispositionsAndApprovals.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['case.conclusion-proposed', 'case.approved', 'report.approved']),
    );
    expect(bundle.auditExtract.length).toBeGreaterThan(3);

    const manifests = await t.dataSource.query(
      "SELECT actor, after FROM audit_events WHERE action = 'case.exported' AND entity_id = $1 ORDER BY id",
      [caseId],
    );
    expect(manifests.map((row: { after: { format: string } }) => row.after.format)).toEqual(['pdf', 'json']);
    const [pdfManifest, jsonManifest] = manifests.map((row: { after: Record<string, any> }) => row.after);
    expect(manifests[0].actor).toBe(`officer:${reportApprover.username}`);
    expect(pdfManifest).toMatchObject({
      caseId,
      generatedBy: `officer:${reportApprover.username}`,
      audience: 'institution-and-regulators-only',
    });
    expect(pdfManifest.files[0]).toMatchObject({
      role: 'case-file',
      sha256: sha256(pdf.rawPayload),
      sizeBytes: pdf.rawPayload.length,
    });
    const jsonBytes = (
      await fastify.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/export?format=json`,
        headers: { authorization: `Bearer ${reportApprover.token}` },
      })
    ).rawPayload;
    expect(jsonManifest.files[0].sizeBytes).toBeGreaterThan(0);
    const latest = await t.dataSource.query(
      "SELECT after FROM audit_events WHERE action = 'case.exported' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
      [caseId],
    );
    expect(latest[0].after.files[0]).toMatchObject({
      sha256: sha256(jsonBytes),
      sizeBytes: jsonBytes.length,
    });
    expect((await t.request('GET', '/v1/audit/verify', bearer(auditor.token))).body.valid).toBe(true);
  });
});
