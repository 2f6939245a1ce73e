import PDFDocument from 'pdfkit';
import type { CaseFileBundle } from './case-file.js';

type Fields = Record<string, unknown>;

const record = (value: unknown): Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};

/** A value as one line of text; objects as compact JSON. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const money = (value: unknown): string => {
  const leg = record(value);
  return leg.value ? `${show(leg.value)} ${show(leg.currency)}` : '-';
};

/**
 * The standard PDF fonts encode WinAnsi only: other characters (names in original script) are written as their
 * code point; the JSON bundle keeps them exactly.
 */
function printable(text: string): string {
  return [...text]
    .map((character) => {
      const code = character.codePointAt(0) ?? 0;
      if (code === 0x0a || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) return character;
      if (code < 0x20 || code === 0x7f) return ' ';
      return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
    })
    .join('');
}

/**
 * Lays the case file out for people: summary, confidentiality notice, payments with both legs, screening evidence
 * (list snapshot, matched name, score, explanation), rule set versions, dispositions and approvals, notes,
 * attachments with their SHA-256, timeline and audit extract. Pure: the bundle's generatedAt is the document date.
 * `compress: false` keeps the text streams readable (tests, diffing).
 */
export async function renderCaseFilePdf(
  bundle: CaseFileBundle,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const generatedAt = new Date(bundle.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    compress: options.compress ?? true,
    bufferPages: false,
    info: {
      Title: printable(`Case file ${bundle.case.id}`),
      Author: printable(bundle.generatedBy),
      Subject: 'AML case file - confidential',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const heading = (text: string): void => {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(printable(text)).moveDown(0.2);
    doc.font('Helvetica').fontSize(8.5);
  };
  const line = (text: string): void => {
    doc.font('Helvetica').fontSize(8.5).text(printable(text));
  };
  const field = (label: string, value: unknown): void => {
    doc
      .font('Helvetica-Bold')
      .fontSize(8.5)
      .text(printable(`${label}: `), { continued: true });
    doc.font('Helvetica').text(printable(show(value)));
  };

  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(printable(`Case file: ${bundle.case.title}`));
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(9).fillColor('#a00000').text(printable(bundle.notice));
  doc.fillColor('black').moveDown(0.5);

  heading('Summary');
  const summary = bundle.case;
  field('Case id', summary.id);
  field('Status', summary.status);
  field('Conclusion', summary.conclusion);
  field('Opened', `${summary.createdAt} by ${summary.createdBy}`);
  field('Proposed', summary.proposedBy ? `${show(summary.proposedAt)} by ${summary.proposedBy}` : null);
  field('Approved', summary.approvedBy ? `${show(summary.approvedAt)} by ${summary.approvedBy}` : null);
  field('Closed', summary.closedAt);
  field(
    'STR required',
    summary.strRequired
      ? `yes${summary.strImmediate ? ' (immediate: sanctions / terrorist list)' : ''}`
      : 'no',
  );
  field('Generated', `${bundle.generatedAt} by ${bundle.generatedBy}`);
  field('Payments', bundle.payments.length);
  field('Alerts', bundle.alerts.length);
  heading('Narrative');
  line(summary.narrative ?? '-');

  heading(`Alerts (${bundle.alerts.length})`);
  for (const value of bundle.alerts) {
    const alert = record(value);
    line(
      `${show(alert.id)}  ${show(alert.type)} rule ${show(alert.ruleId)}  priority ${show(alert.priority)}  status ${show(alert.status)}  disposition ${show(alert.disposition)}  risk ${show(alert.riskScore)}  raised ${show(alert.createdAt)}`,
    );
  }

  heading('Dispositions and approvals');
  if (!bundle.dispositionsAndApprovals.length) line('-');
  for (const entry of bundle.dispositionsAndApprovals) {
    line(
      `${entry.occurredAt}  ${entry.action}  ${entry.entityType} ${entry.entityId}  by ${entry.actor}  ${show(entry.after)}`,
    );
  }

  heading(`Parties (${bundle.parties.length})`);
  for (const value of bundle.parties) {
    const party = record(value);
    const details = record(party.details);
    line(
      `${show(party.role)}  ${show(party.name)}  key ${show(party.key)}  nationality ${show(details.nationality)}  born ${show(details.dateOfBirth)}  country ${show(details.country)}  city ${show(details.city)}  MCC ${show(details.mcc)}`,
    );
  }

  heading(`Payments (${bundle.payments.length}): merchant leg, payer leg, USD / CNY equivalents`);
  for (const value of bundle.payments) {
    const payment = record(value);
    const equivalents = record(payment.equivalents);
    line(
      `${show(payment.transactionId)}  ${show(payment.occurredAt)}  ${show(payment.decision)}/${show(payment.status)}  merchant leg ${money(payment.amount)}  payer leg ${money(payment.payerAmount)}  = USD ${show(equivalents.USD)} / CNY ${show(equivalents.CNY)}  payer ${show(payment.payerKey)}  merchant ${show(payment.merchantId)}  rule set v${show(payment.ruleSetVersion)}`,
    );
  }

  heading(`Screening evidence (${bundle.screening.hits.length} hits)`);
  for (const value of bundle.screening.hits) {
    const hit = record(value);
    field(
      `${show(hit.party)} hit`,
      `list ${show(hit.list)} entry ${show(hit.sourceId)} (${show(hit.primaryName)}), matched name "${show(hit.matchedName)}", score ${show(hit.score)} ${show(hit.band)}, payment ${show(hit.transactionId)}, list snapshots ${show(hit.listSnapshotIds)}`,
    );
    line(`explanation: ${show(hit.explanation)}`);
  }
  heading('List snapshots');
  if (!bundle.screening.listSnapshots.length) line('-');
  for (const snapshot of bundle.screening.listSnapshots) {
    line(
      `${snapshot.list}  ${snapshot.id}  content hash ${snapshot.contentHash}  imported ${snapshot.importedAt}  ${snapshot.status}`,
    );
  }

  heading('Rule set versions');
  for (const ruleSet of bundle.ruleSets) {
    field(`version ${ruleSet.version}`, `created ${ruleSet.createdAt}`);
    line(show(ruleSet.definition).slice(0, 4000));
  }

  heading(`Notes (${bundle.notes.length})`);
  for (const note of bundle.notes) line(`${note.createdAt}  ${note.author}: ${note.body}`);

  heading(`Attachments (${bundle.attachments.length})`);
  for (const attachment of bundle.attachments) {
    line(
      `${attachment.filename}  ${attachment.contentType}  ${attachment.sizeBytes} bytes  sha256 ${attachment.sha256}  uploaded ${attachment.uploadedAt} by ${attachment.uploadedBy}`,
    );
  }

  heading('Reports');
  if (!bundle.reports.length) line('-');
  for (const report of bundle.reports) {
    line(
      `${report.type} ${report.id}  ${report.status}  period ${report.period}  due ${show(report.dueOn)}  content sha256 ${report.contentSha256}`,
    );
  }

  heading(`Timeline (${bundle.timeline.length})`);
  for (const entry of bundle.timeline) {
    line(`${entry.at}  ${entry.action}  ${entry.entityType} ${entry.entityId}  by ${entry.actor}`);
  }

  heading(`Audit extract (${bundle.auditExtract.length} events, hash-chained)`);
  for (const entry of bundle.auditExtract) {
    line(
      `#${entry.id}  ${entry.occurredAt}  ${entry.action}  ${entry.entityType} ${entry.entityId}  by ${entry.actor}  hash ${entry.hash}`,
    );
  }

  doc.moveDown(1).font('Helvetica-Bold').fontSize(8).fillColor('#a00000').text(printable(bundle.notice));
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
