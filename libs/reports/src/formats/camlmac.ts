import iconv from 'iconv-lite';
import { centsToDecimal, decimalToScaled, scaledToDecimal } from '@app/common';
import type {
  CorrectionReportContent,
  Direction,
  LargeValueEntry,
  LargeValueReportContent,
  ReportParty,
  ReportTransaction,
  SuspiciousReportContent,
} from '../report-model.js';
import {
  CAMLMAC_MAPPING_VERSION,
  CRITERION_CODES,
  ID_TYPE_CODES,
  INFORMATION_UNAVAILABLE,
  type CamlmacCode,
} from './camlmac-mapping.js';
import { alpha3 } from './countries.js';
import { element, leaf, serializeXml, type XmlElement } from './xml.js';

/** Generated XML: the text and its GB18030 bytes (what is stored, hashed and downloaded). */
export interface GeneratedXml {
  xml: string;
  bytes: Buffer;
  mappingVersion: string;
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

function beijing(iso: string): string {
  return new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString();
}
export const beijingDate = (iso: string): string => beijing(iso).slice(0, 10).replace(/-/g, '');
export const beijingDateTime = (iso: string): string => beijing(iso).slice(0, 19).replace(/[-T:]/g, '');
const compactDay = (day: string): string => day.replace(/-/g, '');
export const decimal2 = (value: string): string => scaledToDecimal(decimalToScaled(value, 4), 4, 2);

/** One CAMLMAC element; a missing value is written as @I. Only codes of the mapping table compile. */
function c(code: CamlmacCode, value: string | number | null | undefined): XmlElement {
  return leaf(code, value === null || value === undefined || value === '' ? INFORMATION_UNAVAILABLE : value);
}
function box(
  code: CamlmacCode,
  children: Array<XmlElement | null>,
  attributes?: Record<string, string>,
): XmlElement {
  return element(code, children, attributes);
}

const partyType = (party: ReportParty): string => (party.kind === 'PERSON' ? '01' : '02');
const idType = (party: ReportParty): string | null =>
  party.idDocument
    ? (ID_TYPE_CODES[party.idDocument.type] ?? ID_TYPE_CODES.OTHER)
    : party.role === 'merchant'
      ? ID_TYPE_CODES.MERCHANT_ID
      : null;
const idNumber = (party: ReportParty): string | null => party.idDocument?.number ?? party.merchantId;
const country = (party: ReportParty): string | null =>
  alpha3(party.kind === 'PERSON' ? (party.nationality ?? party.country) : party.country);
const place = (party: ReportParty): string | null =>
  [party.city, alpha3(party.country ?? party.residenceCountry)].filter(Boolean).join(', ') || null;
const account = (party: ReportParty): string | null =>
  party.role === 'payer' ? party.walletAccountId : party.merchantId;

function institution(content: { institution: LargeValueReportContent['institution'] }): XmlElement[] {
  return [
    c('RINM', content.institution.name),
    c('FICD', content.institution.code),
    c('FIRC', content.institution.regionCode),
  ];
}

function subjectInfo(party: ReportParty): XmlElement {
  return box('CTIF', [
    c('CTNM', party.name),
    c('CTON', party.nameOriginalScript),
    c('CTTP', partyType(party)),
    c('CITP', idType(party)),
    c('CTID', idNumber(party)),
    c('CTNT', country(party)),
    c('CTBD', party.dateOfBirth ? compactDay(party.dateOfBirth) : null),
    c('CTAR', place(party)),
    c('CTVC', party.mcc),
    c('CTLR', party.legalRepresentative),
  ]);
}

function accountInfo(party: ReportParty): XmlElement {
  return box('ATIF', [
    c('CATP', party.role === 'payer' ? '01' : '02'),
    c('CTAC', account(party)),
    c('ACIS', party.role === 'payer' ? party.walletProvider : 'CPG'),
  ]);
}

function transactionInfo(transaction: ReportTransaction, direction: Direction, sequence: number): XmlElement {
  const subject = direction === 'OUTFLOW' ? transaction.payer : transaction.merchant;
  const counterparty = direction === 'OUTFLOW' ? transaction.merchant : transaction.payer;
  return box(
    'STIF',
    [
      box('TSIF', [
        c('TICD', transaction.transactionId),
        c('TSTM', beijingDateTime(transaction.occurredAt)),
        c('TSST', transaction.status),
        c('TRCD', place(transaction.merchant)),
        c('TSDR', direction === 'INFLOW' ? '01' : '02'),
        c('TSTP', `QR-${transaction.qrType}`),
        c('CRPP', 'PURCHASE OF GOODS AND SERVICES'),
        c('CRTP', transaction.amount.currency),
        c('CRAT', decimal2(transaction.amount.value)),
        c('PYTP', transaction.payerAmount?.currency),
        c('PYAT', transaction.payerAmount ? decimal2(transaction.payerAmount.value) : null),
        c('CNYA', centsToDecimal(transaction.cnyFen)),
        c('USDA', centsToDecimal(transaction.usdCents)),
        c('OCEC', transaction.payer.deviceId),
        c('TSIP', transaction.payer.ipAddress),
      ]),
      box('TCIF', [
        c('TCNM', counterparty.name),
        c('TCTP', partyType(counterparty)),
        c('TCIT', idType(counterparty)),
        c('TCID', idNumber(counterparty)),
        c('TCNT', country(counterparty)),
        c('TCAC', account(counterparty)),
        c('TCMC', counterparty.mcc),
      ]),
      accountInfo(subject),
    ],
    { seqno: String(sequence) },
  );
}

function largeValueSubject(
  entry: LargeValueEntry & { action?: 'AMEND' | 'WITHDRAW' },
  sequence: number,
): XmlElement {
  return box(
    'CATI',
    [
      subjectInfo(entry.subject),
      accountInfo(entry.subject),
      box('HTCR', [
        c('CRCD', CRITERION_CODES[entry.thresholdKind]),
        c('CRBS', entry.criteria.join(',')),
        c('TTCN', entry.transactions.length),
        c('TCNY', centsToDecimal(entry.totalCnyFen)),
        c('TUSD', centsToDecimal(entry.totalUsdCents)),
        entry.action ? c('CRAC', entry.action === 'AMEND' ? 'A' : 'W') : null,
      ]),
      box(
        'TSDT',
        entry.transactions.map((transaction, index) =>
          transactionInfo(transaction, entry.direction, index + 1),
        ),
      ),
    ],
    { seqno: String(sequence) },
  );
}

export function encodeGb18030(xml: string): Buffer {
  return iconv.encode(xml, 'gb18030');
}

/** PHTR: a large-value report, or the correction of an exported one (RPTP C, ORPN the corrected report). */
export function generatePhtr(report: {
  id: string;
  content: LargeValueReportContent | CorrectionReportContent;
}): GeneratedXml {
  const content = report.content;
  const correction = content.type === 'CORRECTION';
  const root = box('PHTR', [
    box('RBIF', [
      ...institution(content),
      c('RPNM', report.id),
      c('RPDT', beijingDate(content.generatedAt)),
      c('HTDT', compactDay(content.period)),
      c('DUDT', compactDay(content.dueOn)),
      c('RPTP', correction ? 'C' : 'N'),
      c('ORPN', correction ? content.correctsReportId : null),
      c('RLVN', content.ruleVersion),
      c('FXVN', content.fxVersion),
      c('CTNU', content.entries.length),
      c(
        'TTNU',
        content.entries.reduce((sum, entry) => sum + entry.transactions.length, 0),
      ),
    ]),
    ...content.entries.map((entry, index) => largeValueSubject(entry, index + 1)),
  ]);
  root.attributes = { mappingVersion: CAMLMAC_MAPPING_VERSION };
  const xml = serializeXml(root, 'GB18030');
  return { xml, bytes: encodeGb18030(xml), mappingVersion: CAMLMAC_MAPPING_VERSION };
}

/** PSTR: a suspicious transaction report; attempted (declined) payments included with their status. */
export function generatePstr(report: { id: string; content: SuspiciousReportContent }): GeneratedXml {
  const content = report.content;
  const root = box('PSTR', [
    box('RBIF', [
      ...institution(content),
      c('RPNM', report.id),
      c('RPDT', beijingDate(content.generatedAt)),
      c('SCDT', compactDay(content.suspicionConfirmedOn)),
      c('DUDT', compactDay(content.dueOn)),
      c('DETR', content.immediate ? '02' : '01'),
      c('TORP', 1),
      c('CSNO', content.caseId),
      c('CTNU', content.subjects.length),
      c('TTNU', content.transactions.length),
    ]),
    ...content.indicators.map((indicator) =>
      box('STCR', [c('SSCD', indicator.code), c('SSDS', indicator.description)]),
    ),
    c('AOSP', content.narrative),
    c('TKMS', content.actionTaken),
    ...content.subjects.map((subject, index) => {
      const own = content.transactions.filter(
        (t) => (subject.role === 'payer' ? t.payer.key : t.merchant.key) === subject.key,
      );
      const direction: Direction = subject.role === 'payer' ? 'OUTFLOW' : 'INFLOW';
      return box(
        'CATI',
        [
          subjectInfo(subject),
          accountInfo(subject),
          box(
            'TSDT',
            own.map((transaction, i) => transactionInfo(transaction, direction, i + 1)),
          ),
        ],
        { seqno: String(index + 1) },
      );
    }),
  ]);
  root.attributes = { mappingVersion: CAMLMAC_MAPPING_VERSION };
  const xml = serializeXml(root, 'GB18030');
  return { xml, bytes: encodeGb18030(xml), mappingVersion: CAMLMAC_MAPPING_VERSION };
}
