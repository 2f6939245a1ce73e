/**
 * The case file: everything an officer or a regulator needs to understand a case, as one JSON bundle for
 * machines; the PDF for people is laid out from the same bundle (case-file-pdf.ts). Pure: no clock, no database.
 * A case file is for the obligated institution and its regulators only; nothing in it goes to the customer
 * (no tipping off, AML Law art. 54 / PBOC rules on confidentiality of suspicious transaction reporting).
 */
export const CASE_FILE_NOTICE =
  'CONFIDENTIAL - for the obligated institution and its regulators only. Not to be disclosed to the customer or any party to the payments (no tipping off).';

/** The case as the cases use case details it (structurally: CaseDetail of @app/alerts). */
export interface CaseFileSource {
  id: string;
  title: string;
  status: string;
  conclusion: string | null;
  narrative: string | null;
  createdBy: string;
  createdAt: string;
  proposedBy: string | null;
  proposedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  strRequired: boolean;
  strImmediate: boolean;
  alerts: unknown[];
  payments: unknown[];
  parties: unknown[];
  hits: unknown[];
  notes: Array<{ id: number; body: string; author: string; createdAt: string }>;
  attachments: Array<{
    id: string;
    filename: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    uploadedBy: string;
    uploadedAt: string;
  }>;
  timeline: Array<{
    at: string;
    source: string;
    action: string;
    actor: string;
    entityType: string;
    entityId: string;
    details: unknown;
  }>;
}

export interface AuditExtractEntry {
  id: number;
  occurredAt: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  after: unknown;
  hash: string;
}

export interface CaseFileBundle {
  schema: 'cpg.case-file/1';
  notice: string;
  generatedAt: string;
  generatedBy: string;
  case: Omit<
    CaseFileSource,
    'alerts' | 'payments' | 'parties' | 'hits' | 'notes' | 'attachments' | 'timeline'
  >;
  alerts: unknown[];
  /** officers' dispositions and the approvals of the alerts and of the case (four eyes) */
  dispositionsAndApprovals: AuditExtractEntry[];
  payments: unknown[];
  parties: unknown[];
  screening: {
    hits: unknown[];
    listSnapshots: Array<{
      id: string;
      list: string;
      contentHash: string;
      importedAt: string;
      status: string;
    }>;
  };
  ruleSets: Array<{ version: number; createdAt: string; definition: unknown }>;
  notes: CaseFileSource['notes'];
  attachments: CaseFileSource['attachments'];
  reports: Array<{
    id: string;
    type: string;
    status: string;
    period: string;
    dueOn: string | null;
    contentSha256: string;
  }>;
  timeline: CaseFileSource['timeline'];
  auditExtract: AuditExtractEntry[];
}

const DISPOSITION_ACTIONS = new Set([
  'alert.disposed',
  'alert.approved',
  'alert.rejected',
  'alert.closed',
  'case.conclusion-proposed',
  'case.approved',
  'case.rejected',
  'report.approved',
]);

export function buildCaseFileBundle(input: {
  detail: CaseFileSource;
  listSnapshots: CaseFileBundle['screening']['listSnapshots'];
  ruleSets: CaseFileBundle['ruleSets'];
  reports: CaseFileBundle['reports'];
  auditExtract: AuditExtractEntry[];
  generatedBy: string;
  now: Date;
}): CaseFileBundle {
  const { alerts, payments, parties, hits, notes, attachments, timeline, ...summary } = input.detail;
  return {
    schema: 'cpg.case-file/1',
    notice: CASE_FILE_NOTICE,
    generatedAt: input.now.toISOString(),
    generatedBy: input.generatedBy,
    case: summary,
    alerts,
    dispositionsAndApprovals: input.auditExtract.filter((entry) => DISPOSITION_ACTIONS.has(entry.action)),
    payments,
    parties,
    screening: { hits, listSnapshots: input.listSnapshots },
    ruleSets: input.ruleSets,
    notes,
    attachments,
    reports: input.reports,
    timeline,
    auditExtract: input.auditExtract,
  };
}
