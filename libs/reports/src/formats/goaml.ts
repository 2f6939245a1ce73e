import { centsToDecimal } from '@app/common';
import type {
  CorrectionReportContent,
  LargeValueReportContent,
  ReportParty,
  ReportTransaction,
  SuspiciousReportContent,
} from '../report-model.js';
import { decimal2 } from './camlmac.js';
import { element, leaf, serializeXml, type XmlElement } from './xml.js';

/**
 * UNODC goAML XML for partner wallets whose home FIUs use goAML: report_code CTR for large-value reports (and
 * their corrections, submission_code E with the corrected report as the reference), STR for suspicious ones.
 * Structure after the goAML 4.x schema's report → transaction → t_from / t_to_my_client → person / entity,
 * report_indicators. Lookup codes (funds, transmode, identification type) are FIU-specific: the project's
 * values are listed in docs/report-formats.md.
 */
export const GOAML_MAPPING_VERSION = 'cpg-goaml/1';

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const localDateTime = (iso: string): string =>
  new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString().slice(0, 19);
const optional = (name: string, value: string | null | undefined): XmlElement | null =>
  value ? leaf(name, value) : null;

/** Names arrive as one string; East Asian order (family name first) is assumed, the dominant CPG payer markets. */
function splitName(name: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { first: parts[0] ?? '', last: parts[0] ?? '' };
  return { last: parts[0], first: parts.slice(1).join(' ') };
}

const ID_TYPES: Record<string, string> = {
  PASSPORT: 'A',
  NATIONAL_ID: 'B',
  RESIDENCE_PERMIT: 'C',
  DRIVING_LICENCE: 'D',
  OTHER: 'O',
};

function person(tag: string, party: ReportParty): XmlElement {
  const name = splitName(party.name);
  return element(tag, [
    leaf('first_name', name.first),
    leaf('last_name', name.last),
    optional('birthdate', party.dateOfBirth ? `${party.dateOfBirth}T00:00:00` : null),
    optional('nationality1', party.nationality),
    optional('residence', party.residenceCountry),
    party.idDocument
      ? element('identification', [
          leaf('type', ID_TYPES[party.idDocument.type] ?? 'O'),
          leaf('number', party.idDocument.number),
          optional('issue_country', party.idDocument.country),
        ])
      : null,
  ]);
}

function entity(tag: string, party: ReportParty): XmlElement {
  return element(tag, [
    leaf('name', party.name),
    optional('commercial_name', party.name),
    optional('incorporation_number', party.merchantId),
    optional('business', party.mcc ? `MCC ${party.mcc}` : null),
    party.city || party.country
      ? element('addresses', [
          element('address', [
            leaf('address_type', 'B'),
            leaf('address', party.city ?? '-'),
            leaf('city', party.city ?? '-'),
            leaf('country_code', party.country ?? 'CN'),
          ]),
        ])
      : null,
    optional('incorporation_country_code', party.country),
    party.legalRepresentative
      ? element('director_id', [
          leaf('first_name', splitName(party.legalRepresentative).first),
          leaf('last_name', splitName(party.legalRepresentative).last),
          leaf('role', 'LEGAL_REPRESENTATIVE'),
        ])
      : null,
  ]);
}

function party(prefix: 'from' | 'to', p: ReportParty): XmlElement {
  return p.kind === 'PERSON' ? person(`${prefix}_person`, p) : entity(`${prefix}_entity`, p);
}

function transaction(t: ReportTransaction, comments: string | null): XmlElement {
  const foreign =
    t.payerAmount && t.payerAmount.currency !== 'CNY'
      ? t.payerAmount
      : t.amount.currency !== 'CNY'
        ? t.amount
        : null;
  return element('transaction', [
    leaf('transactionnumber', t.transactionId),
    leaf('internal_ref_number', t.transactionId),
    optional('transaction_location', [t.merchant.city, t.merchant.country].filter(Boolean).join(', ')),
    leaf('transaction_description', `Cross-border QR payment (${t.qrType}), status ${t.status}`),
    leaf('date_transaction', localDateTime(t.occurredAt)),
    leaf('transmode_code', 'QR'),
    leaf('amount_local', centsToDecimal(t.cnyFen)),
    element('t_from', [
      leaf('from_funds_code', 'E'),
      foreign
        ? element('from_foreign_currency', [
            leaf('foreign_currency_code', foreign.currency),
            leaf('foreign_amount', decimal2(foreign.value)),
          ])
        : null,
      party('from', t.payer),
      leaf('from_country', t.payer.residenceCountry ?? t.payer.nationality ?? 'ZZ'),
    ]),
    element('t_to_my_client', [
      leaf('to_funds_code', 'E'),
      party('to', t.merchant),
      leaf('to_country', t.merchant.country ?? 'CN'),
    ]),
    optional('comments', comments),
  ]);
}

function header(input: {
  id: string;
  code: 'CTR' | 'STR';
  generatedAt: string;
  institutionCode: string | null;
  submissionCode: 'E' | 'M';
  reason: string | null;
  action: string | null;
  reference: string;
}): Array<XmlElement | null> {
  return [
    leaf('rentity_id', input.institutionCode ?? '0'),
    leaf('submission_code', input.submissionCode),
    leaf('report_code', input.code),
    leaf('entity_reference', input.reference),
    leaf('submission_date', localDateTime(input.generatedAt)),
    leaf('currency_code_local', 'CNY'),
    optional('reason', input.reason),
    optional('action', input.action),
  ];
}

export interface GeneratedGoaml {
  xml: string;
  bytes: Buffer;
  mappingVersion: string;
}

function finish(root: XmlElement): GeneratedGoaml {
  const xml = serializeXml(root, 'UTF-8');
  return { xml, bytes: Buffer.from(xml, 'utf8'), mappingVersion: GOAML_MAPPING_VERSION };
}

/** CTR: every reported payment of the large-value report (or of the correction's restated entries). */
export function generateGoamlCtr(report: {
  id: string;
  content: LargeValueReportContent | CorrectionReportContent;
}): GeneratedGoaml {
  const content = report.content;
  const correction = content.type === 'CORRECTION';
  const seen = new Set<string>();
  const transactions: XmlElement[] = [];
  for (const entry of content.entries) {
    for (const t of entry.transactions) {
      if (seen.has(t.transactionId)) continue;
      seen.add(t.transactionId);
      transactions.push(
        transaction(t, `${entry.direction} ${entry.subject.key}: ${entry.criteria.join(',')}`),
      );
    }
  }
  const indicators = [
    ...new Set(content.entries.map((entry) => `LTR_${entry.thresholdKind}`)),
    ...(correction ? ['CORRECTION'] : []),
  ];
  return finish(
    element('report', [
      ...header({
        id: report.id,
        code: 'CTR',
        generatedAt: content.generatedAt,
        institutionCode: content.institution.code,
        submissionCode: 'E',
        reference: report.id,
        reason: correction
          ? `Correction of report ${content.correctsReportId}: reversed payments ${content.reversedTransactionIds.join(', ')}`
          : `Large-value transactions of ${content.period} (Beijing), rule version ${content.ruleVersion}, FX table ${content.fxVersion}`,
        action: null,
      }),
      ...transactions,
      element(
        'report_indicators',
        indicators.map((code) => leaf('indicator', code)),
      ),
    ]),
  );
}

export function generateGoamlStr(report: { id: string; content: SuspiciousReportContent }): GeneratedGoaml {
  const content = report.content;
  return finish(
    element('report', [
      ...header({
        id: report.id,
        code: 'STR',
        generatedAt: content.generatedAt,
        institutionCode: content.institution.code,
        submissionCode: 'E',
        reference: report.id,
        reason: content.narrative,
        action: content.actionTaken,
      }),
      ...content.transactions.map((t) => transaction(t, null)),
      element(
        'report_indicators',
        content.indicators.map((indicator) => leaf('indicator', indicator.code)),
      ),
    ]),
  );
}
