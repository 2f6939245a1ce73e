import ExcelJS from 'exceljs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildCorrection,
  buildLargeValueReport,
  type PaymentRecord,
  type ReportRules,
} from '../large-value.js';
import type { SuspiciousReportContent } from '../report-model.js';
import { generatePhtr, generatePstr } from './camlmac.js';
import { CAMLMAC_ELEMENTS } from './camlmac-mapping.js';
import { generateCsv, generateXlsx } from './extracts.js';
import { generateGoamlCtr, generateGoamlStr } from './goaml.js';
import { loadStructure, validateStructure } from './structure.js';

const RULES: ReportRules = {
  version: 2,
  definition: {
    dueWorkingDays: 5,
    thresholds: {
      NATURAL_PERSON_CROSS_BORDER: { cnyFen: 20_000_000, usdCents: 1_000_000 },
      NATURAL_PERSON_DOMESTIC: { cnyFen: 50_000_000, usdCents: 10_000_000 },
      NON_NATURAL_PERSON: { cnyFen: 200_000_000, usdCents: 20_000_000 },
    },
    directions: {
      OUTFLOW: {
        enabled: true,
        naturalPersonThreshold: 'NATURAL_PERSON_CROSS_BORDER',
        organisationThreshold: 'NON_NATURAL_PERSON',
      },
      INFLOW: {
        enabled: true,
        naturalPersonThreshold: 'NATURAL_PERSON_CROSS_BORDER',
        organisationThreshold: 'NON_NATURAL_PERSON',
      },
    },
    reportingInstitution: { name: '示例支付有限公司', code: 'Z2031000000001', regionCode: '310000' },
  },
};
const FX = { version: 1, unitsPerUsd: { USD: '1', CNY: '7.20', KRW: '1380' } };

function payment(
  id: string,
  occurredAt: string,
  usd: string,
  extra: Partial<PaymentRecord> = {},
): PaymentRecord {
  return {
    transactionId: id,
    occurredAt: new Date(occurredAt),
    status: 'SETTLED',
    qrType: 'DYNAMIC',
    amount: { value: (Number(usd) * 7.2).toFixed(2), currency: 'CNY' },
    payerAmount: { value: usd, currency: 'USD' },
    payerKey: 'KAKAOPAY:kp-8812',
    merchantId: 'M-310000-0091',
    payer: {
      name: 'KIM MIN JUN',
      nameOriginalScript: '김민준',
      walletProvider: 'KAKAOPAY',
      walletAccountId: 'kp-8812',
      nationality: 'KR',
      residenceCountry: 'KR',
      dateOfBirth: '1990-04-02',
      idDocument: { type: 'PASSPORT', number: 'M12345678', country: 'KR' },
      ipAddress: '203.0.113.7',
      deviceId: 'd-77',
    },
    merchant: {
      id: 'M-310000-0091',
      name: '上海小笼包 & Co <Dumplings>',
      mcc: '5812',
      city: 'Shanghai',
      country: 'CN',
      legalRepresentative: 'LIU YANG',
    },
    ...extra,
  };
}

const ltr = buildLargeValueReport({
  day: '2026-11-25',
  payments: [
    payment('CPG-1', '2026-11-25T02:15:00Z', '6000.00'),
    payment('CPG-2', '2026-11-25T09:00:00Z', '4500.00', {
      payerAmount: null,
      amount: { value: '4500.00', currency: 'USD' },
    }),
  ],
  rules: RULES,
  fx: FX,
  dueOn: '2026-12-02',
  now: new Date('2026-11-25T17:00:00Z'),
});

/** Well-formedness first (XMLParser alone is lenient), then the parsed tree. */
function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser(xml);
}
const parser = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) => ['CATI', 'STIF', 'STCR', 'transaction', 'indicator'].includes(name),
  }).parse(xml);

const str: SuspiciousReportContent = {
  schema: 'cpg.report.str/1',
  type: 'STR',
  period: '2026-11-25',
  caseId: 'CASE-2026-0042',
  generatedAt: '2026-11-25T08:00:00Z',
  suspicionConfirmedOn: '2026-11-25',
  dueOn: '2026-12-02',
  immediate: true,
  institution: RULES.definition.reportingInstitution,
  subjects: [ltr.entries[0].subject],
  transactions: [ltr.entries[0].transactions[0], { ...ltr.entries[0].transactions[1], status: 'DECLINED' }],
  indicators: [
    { code: 'R01', description: '制裁名单确认匹配 (sanctions list confirmed match)', ruleId: 'R01' },
    { code: 'R07', description: 'Structuring under the LTR threshold', ruleId: 'R07' },
  ],
  narrative: '客户与制裁名单条目确认匹配；payer matched UN list entry QDi.001 on name, DOB and nationality.',
  actionTaken: 'Payer blocked (R01)',
};

describe('CAMLMAC PHTR', () => {
  it('writes GB18030 bytes that decode and re-parse to the expected subject, thresholds and transactions', () => {
    const out = generatePhtr({ id: 'b3c1f6c0-0000-4000-8000-000000000001', content: ltr });
    expect(out.bytes.toString('latin1').startsWith('<?xml version="1.0" encoding="GB18030"?>')).toBe(true);
    // GB18030 round trip: Chinese and Hangul survive, and the bytes are not UTF-8
    const decoded = iconv.decode(out.bytes, 'gb18030');
    expect(decoded).toBe(out.xml);
    expect(out.bytes.equals(Buffer.from(out.xml, 'utf8'))).toBe(false);
    expect(out.bytes.includes(iconv.encode('上海小笼包', 'gb18030'))).toBe(true);

    const doc = parse(decoded).PHTR;
    expect(doc['@_mappingVersion']).toBe('cpg-camlmac/1');
    expect(doc.RBIF).toMatchObject({
      RINM: '示例支付有限公司',
      RPNM: 'b3c1f6c0-0000-4000-8000-000000000001',
      HTDT: '20261125',
      DUDT: '20261202',
      RPDT: '20261126',
      RPTP: 'N',
      ORPN: '@I',
      RLVN: '2',
      FXVN: '1',
      CTNU: '1',
      TTNU: '2',
    });
    const subject = doc.CATI[0];
    expect(subject.CTIF).toMatchObject({
      CTNM: 'KIM MIN JUN',
      CTON: '김민준',
      CTTP: '01',
      CITP: '110023',
      CTID: 'M12345678',
      CTNT: 'KOR',
      CTBD: '19900402',
      CTVC: '@I',
    });
    expect(subject.HTCR).toMatchObject({
      CRCD: '0504',
      CRBS: 'CUMULATIVE_USD',
      TTCN: '2',
      TUSD: '10500.00',
      TCNY: '75600.00',
    });
    expect(subject.TSDT.STIF.map((s: any) => s.TSIF.TICD)).toEqual(['CPG-1', 'CPG-2']);
    expect(subject.TSDT.STIF[0].TSIF).toMatchObject({
      TSTM: '20261125101500',
      TSDR: '02',
      CRTP: 'CNY',
      CRAT: '43200.00',
      PYTP: 'USD',
      PYAT: '6000.00',
      USDA: '6000.00',
      CNYA: '43200.00',
      TSIP: '203.0.113.7',
    });
    expect(subject.TSDT.STIF[1].TSIF).toMatchObject({
      CRTP: 'USD',
      PYTP: '@I',
      PYAT: '@I',
      CNYA: '32400.00',
    });
    expect(subject.TSDT.STIF[0].TCIF).toMatchObject({
      TCNM: '上海小笼包 & Co <Dumplings>',
      TCTP: '02',
      TCNT: 'CHN',
      TCAC: 'M-310000-0091',
      TCMC: '5812',
    });
    expect(subject.TSDT.STIF[0].ATIF).toMatchObject({ CATP: '01', CTAC: 'kp-8812', ACIS: 'KAKAOPAY' });
  });

  it('conforms to the project schema (phtr.xsd / phtr.structure.json), and the validator catches a missing element', () => {
    const out = generatePhtr({ id: 'r-1', content: ltr });
    expect(validateStructure(out.xml, loadStructure('phtr'))).toEqual([]);
    expect(validateStructure(out.xml.replace(/<HTDT>.*<\/HTDT>\n/, ''), loadStructure('phtr'))).toEqual([
      '/PHTR/RBIF[1]: expected at least 1 <HTDT>, found 0',
    ]);
    expect(
      validateStructure(out.xml.replace('<CTBD>19900402</CTBD>', '<CTBD></CTBD>'), loadStructure('phtr'))[0],
    ).toMatch(/CTBD.*empty/);
  });

  it('marks a correction with RPTP C, the corrected report and the amend/withdraw action', () => {
    const correction = buildCorrection({
      original: { id: 'orig-1', content: ltr },
      reversedTransactionIds: ['CPG-2'],
      rules: RULES,
      fxVersion: 1,
      dueOn: '2026-12-09',
      now: new Date('2026-11-28T01:00:00Z'),
    });
    const out = generatePhtr({ id: 'corr-1', content: correction });
    expect(validateStructure(out.xml, loadStructure('phtr'))).toEqual([]);
    const doc = parse(iconv.decode(out.bytes, 'gb18030')).PHTR;
    expect(doc.RBIF).toMatchObject({ RPTP: 'C', ORPN: 'orig-1' });
    expect(doc.CATI[0].HTCR).toMatchObject({ CRAC: 'W', TTCN: '1', TUSD: '6000.00' });
  });

  it('documents every element code of the mapping in docs/report-formats.md', () => {
    const docs = readFileSync(new URL('../../../../docs/report-formats.md', import.meta.url), 'utf8');
    const missing = Object.keys(CAMLMAC_ELEMENTS).filter((code) => !docs.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});

describe('CAMLMAC PSTR', () => {
  it('re-parses a hand-built suspicious report with indicators, narrative, urgency and the attempted payment', () => {
    const out = generatePstr({ id: 'str-1', content: str });
    expect(validateStructure(iconv.decode(out.bytes, 'gb18030'), loadStructure('pstr'))).toEqual([]);
    const doc = parse(iconv.decode(out.bytes, 'gb18030')).PSTR;
    expect(doc.RBIF).toMatchObject({
      RPNM: 'str-1',
      SCDT: '20261125',
      DETR: '02',
      CSNO: 'CASE-2026-0042',
      TTNU: '2',
    });
    expect(doc.STCR.map((s: any) => s.SSCD)).toEqual(['R01', 'R07']);
    expect(doc.STCR[0].SSDS).toContain('制裁名单');
    expect(doc.AOSP).toContain('QDi.001');
    expect(doc.CATI[0].TSDT.STIF.map((s: any) => s.TSIF.TSST)).toEqual(['SETTLED', 'DECLINED']);
  });
});

describe('goAML', () => {
  it('writes a CTR for the large-value report with t_from person and t_to_my_client entity', () => {
    const out = generateGoamlCtr({ id: 'r-1', content: ltr });
    expect(validateStructure(out.xml, loadStructure('goaml-report'))).toEqual([]);
    const doc = parse(out.bytes.toString('utf8')).report;
    expect(doc).toMatchObject({
      report_code: 'CTR',
      submission_code: 'E',
      entity_reference: 'r-1',
      currency_code_local: 'CNY',
    });
    expect(doc.transaction.map((t: any) => t.transactionnumber)).toEqual(['CPG-1', 'CPG-2']);
    expect(doc.transaction[0]).toMatchObject({
      date_transaction: '2026-11-25T10:15:00',
      amount_local: '43200.00',
    });
    expect(doc.transaction[0].t_from.from_person).toMatchObject({
      last_name: 'KIM',
      first_name: 'MIN JUN',
      nationality1: 'KR',
      identification: { type: 'A', number: 'M12345678' },
    });
    expect(doc.transaction[0].t_from.from_foreign_currency).toEqual({
      foreign_currency_code: 'USD',
      foreign_amount: '6000.00',
    });
    expect(doc.transaction[0].t_to_my_client.to_entity.name).toBe('上海小笼包 & Co <Dumplings>');
    expect(doc.report_indicators.indicator).toEqual(['LTR_NATURAL_PERSON_CROSS_BORDER']);
  });

  it('writes an STR with the narrative as reason and the indicators', () => {
    const out = generateGoamlStr({ id: 'str-1', content: str });
    expect(validateStructure(out.xml, loadStructure('goaml-report'))).toEqual([]);
    const doc = parse(out.xml).report;
    expect(doc).toMatchObject({ report_code: 'STR', action: 'Payer blocked (R01)' });
    expect(doc.reason).toContain('QDi.001');
    expect(doc.report_indicators.indicator).toEqual(['R01', 'R07']);
  });
});

describe('extracts', () => {
  it('writes a CSV with one row per reported payment, quoting and neutralising formula-like cells', async () => {
    const csv = generateCsv({
      ...ltr,
      entries: [{ ...ltr.entries[0], subject: { ...ltr.entries[0].subject, name: '=HYPERLINK("x")' } }],
    });
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0].split(',').slice(0, 4)).toEqual(['period', 'entry_id', 'direction', 'subject_key']);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain('"上海小笼包 & Co <Dumplings>"'.replace(/"/g, '')); // no comma: not quoted
    expect(lines[1]).toContain('CPG-1,2026-11-25 10:15:00,SETTLED,43200.00,CNY,6000.00,USD,43200.00,6000.00');
  });

  it('writes an XLSX workbook that reads back with the same rows', async () => {
    const buffer = await generateXlsx({ id: 'r-1', type: 'LTR', period: '2026-11-25', content: ltr });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('Rows')!;
    expect(rows.rowCount).toBe(3);
    expect(rows.getRow(2).getCell(1).value).toBe('2026-11-25');
    expect(workbook.getWorksheet('Report')!.getRow(1).values).toEqual([undefined, 'report_id', 'r-1']);
  });
});

// Where libxml2's xmllint is installed (apt-get install libxml2-utils), the documents are also validated against the XSDs.
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

describe('XSD validation with xmllint', () => {
  it.skipIf(!hasXmllint)(
    'validates PHTR, PSTR and goAML documents against libs/reports/schemas/*.xsd',
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'cpg-xsd-'));
      const correction = buildCorrection({
        original: { id: 'o-1', content: ltr },
        reversedTransactionIds: ['CPG-2'],
        rules: RULES,
        fxVersion: 1,
        dueOn: '2026-12-09',
        now: new Date(),
      });
      const documents: Array<[string, Buffer]> = [
        ['phtr', generatePhtr({ id: 'r-1', content: ltr }).bytes],
        ['phtr', generatePhtr({ id: 'c-1', content: correction }).bytes],
        ['pstr', generatePstr({ id: 's-1', content: str }).bytes],
        ['goaml-report', generateGoamlCtr({ id: 'r-1', content: ltr }).bytes],
        ['goaml-report', generateGoamlStr({ id: 's-1', content: str }).bytes],
      ];
      try {
        for (const [index, [schema, bytes]] of documents.entries()) {
          const file = join(folder, `${index}.xml`);
          writeFileSync(file, bytes);
          const xsd = fileURLToPath(new URL(`../../schemas/${schema}.xsd`, import.meta.url));
          const result = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
          expect(result.stderr.trim(), `${schema} document ${index}`).toBe(`${file} validates`);
        }
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});
