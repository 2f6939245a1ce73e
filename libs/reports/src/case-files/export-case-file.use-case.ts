import type { DataSource } from 'typeorm';
import { actorLabel, canonicalJson, DomainError, sha256Hex, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import { strDedupKey } from '../str/draft-str.use-case.js';
import { renderCaseFilePdf } from './case-file-pdf.js';
import {
  buildCaseFileBundle,
  type AuditExtractEntry,
  type CaseFileBundle,
  type CaseFileSource,
} from './case-file.js';

export const CASE_FILE_FORMATS = ['pdf', 'json'] as const;
export type CaseFileFormat = (typeof CASE_FILE_FORMATS)[number];

/** Reads the case as officers see it (CasesUseCase.detail, itself audited as a case.read). */
export type CaseLoader = (caseId: string, actor: Actor, requestId?: string) => Promise<CaseFileSource>;

export interface CaseFileManifest {
  caseId: string;
  format: CaseFileFormat;
  generatedAt: string;
  generatedBy: string;
  /** SHA-256 of the canonical JSON of the bundle both formats are built from */
  bundleSha256: string;
  files: Array<{
    name: string;
    role: 'case-file' | 'attachment';
    mediaType: string;
    sha256: string;
    sizeBytes: number;
  }>;
  audience: 'institution-and-regulators-only';
}

export interface CaseFile {
  fileName: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
  manifest: CaseFileManifest;
}

const MEDIA: Record<CaseFileFormat, string> = {
  pdf: 'application/pdf',
  json: 'application/json; charset=UTF-8',
};

/**
 * Exports a case file (PDF for people, JSON bundle for machines, same content) and records its SHA-256 manifest
 * (the file and the case's attachments with their hashes and sizes, when, by whom) as a `case.exported` audit
 * event. For the institution and its regulators only: nothing here is sent to the customer (no tipping off).
 */
export class ExportCaseFileUseCase {
  private readonly audit: AuditLog;

  constructor(
    private readonly dataSource: DataSource,
    private readonly loadCase: CaseLoader,
  ) {
    this.audit = new AuditLog(dataSource);
  }

  async execute(command: {
    caseId: string;
    format: CaseFileFormat;
    actor: Actor;
    now: Date;
    requestId?: string;
  }): Promise<CaseFile> {
    const bundle = await this.bundle(command);
    const content =
      command.format === 'pdf'
        ? await renderCaseFilePdf(bundle)
        : Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`, 'utf8');
    const sha256 = sha256Hex(content);
    const stamp = bundle.generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const fileName = `case-${bundle.case.id}-${stamp}.${command.format}`;
    const manifest: CaseFileManifest = {
      caseId: bundle.case.id,
      format: command.format,
      generatedAt: bundle.generatedAt,
      generatedBy: bundle.generatedBy,
      bundleSha256: sha256Hex(canonicalJson(bundle)),
      files: [
        {
          name: fileName,
          role: 'case-file',
          mediaType: MEDIA[command.format],
          sha256,
          sizeBytes: content.length,
        },
        ...bundle.attachments.map((attachment) => ({
          name: attachment.filename,
          role: 'attachment' as const,
          mediaType: attachment.contentType,
          sha256: attachment.sha256,
          sizeBytes: attachment.sizeBytes,
        })),
      ],
      audience: 'institution-and-regulators-only',
    };
    await this.audit.append({
      actor: command.actor,
      action: 'case.exported',
      entityType: 'case',
      entityId: bundle.case.id,
      after: manifest,
      requestId: command.requestId,
    });
    return { fileName, mediaType: MEDIA[command.format], sha256, content, manifest };
  }

  /** The bundle both formats are laid out from. */
  async bundle(command: {
    caseId: string;
    actor: Actor;
    now: Date;
    requestId?: string;
  }): Promise<CaseFileBundle> {
    const detail = await this.loadCase(command.caseId, command.actor, command.requestId);
    const payments = detail.payments as Array<{
      transactionId?: string;
      ruleSetVersion?: number;
      listSnapshotIds?: string[];
    }>;
    const alerts = detail.alerts as Array<{ id?: string }>;
    const snapshotIds = [...new Set(payments.flatMap((payment) => payment.listSnapshotIds ?? []))];
    const versions = [
      ...new Set(
        payments.map((payment) => payment.ruleSetVersion).filter((v): v is number => typeof v === 'number'),
      ),
    ];
    const listSnapshots: Array<{
      id: string;
      list: string;
      content_hash: string;
      imported_at: Date;
      status: string;
    }> = snapshotIds.length
      ? await this.dataSource.query(
          'SELECT id, list, content_hash, imported_at, status FROM list_snapshots WHERE id = ANY($1::uuid[]) ORDER BY list, imported_at',
          [snapshotIds],
        )
      : [];
    const ruleSets: Array<{ version: number; created_at: Date; definition: unknown }> = versions.length
      ? await this.dataSource.query(
          'SELECT version, created_at, definition FROM rule_sets WHERE version = ANY($1::int[]) ORDER BY version',
          [versions],
        )
      : [];
    const reports: Array<{
      id: string;
      type: string;
      status: string;
      period: string;
      due_on: string | null;
      content_sha256: string;
    }> = await this.dataSource.query(
      "SELECT id, type, status, period, to_char(due_on, 'YYYY-MM-DD') AS due_on, content_sha256 FROM reports WHERE dedup_key = $1",
      [strDedupKey(detail.id)],
    );
    const reportIds = reports.map((report) => report.id);
    const audit: Array<{
      id: string;
      occurred_at: Date;
      actor: string;
      action: string;
      entity_type: string;
      entity_id: string;
      after: unknown;
      hash: string;
    }> = await this.dataSource.query(
      `SELECT id, occurred_at, actor, action, entity_type, entity_id, after, hash FROM audit_events
        WHERE (entity_type = 'case' AND entity_id = $1 AND action <> 'case.read')
           OR (entity_type = 'alert' AND entity_id = ANY($2::text[]) AND action <> 'alert.read')
           OR (entity_type = 'payment' AND entity_id = ANY($3::text[]))
           OR (entity_type = 'report' AND entity_id = ANY($4::text[]))
        ORDER BY id LIMIT 5000`,
      [
        detail.id,
        alerts.map((alert) => alert.id).filter(Boolean),
        payments.map((payment) => payment.transactionId).filter(Boolean),
        reportIds,
      ],
    );
    if (!detail.id) throw new DomainError('INTERNAL', 'The case has no id');
    return buildCaseFileBundle({
      detail,
      listSnapshots: listSnapshots.map((row) => ({
        id: row.id,
        list: row.list,
        contentHash: row.content_hash,
        importedAt: new Date(row.imported_at).toISOString(),
        status: row.status,
      })),
      ruleSets: ruleSets.map((row) => ({
        version: row.version,
        createdAt: new Date(row.created_at).toISOString(),
        definition: row.definition,
      })),
      reports: reports.map((row) => ({
        id: row.id,
        type: row.type,
        status: row.status,
        period: row.period,
        dueOn: row.due_on,
        contentSha256: row.content_sha256,
      })),
      auditExtract: audit.map((row): AuditExtractEntry => ({
        id: Number(row.id),
        occurredAt: new Date(row.occurred_at).toISOString(),
        actor: row.actor,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        after: row.after,
        hash: row.hash,
      })),
      generatedBy: actorLabel(command.actor),
      now: command.now,
    });
  }
}
