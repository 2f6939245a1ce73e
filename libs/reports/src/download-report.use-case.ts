import type { DataSource } from 'typeorm';
import { actorLabel, DomainError, NotFoundError, sha256Hex, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import { generatePhtr, generatePstr } from './formats/camlmac.js';
import { generateCsv, generateXlsx } from './formats/extracts.js';
import { generateGoamlCtr, generateGoamlStr } from './formats/goaml.js';
import { ReportRepository, type StoredReport } from './report.repository.js';
import type { ReportType } from './report-model.js';

export const REPORT_FORMATS = ['phtr-xml', 'pstr-xml', 'goaml-xml', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats filed with a regulator: the first download of one marks the report EXPORTED. */
const FILING_FORMATS: ReadonlySet<ReportFormat> = new Set(['phtr-xml', 'pstr-xml', 'goaml-xml']);

const FORMATS_BY_TYPE: Record<ReportType, ReportFormat[]> = {
  LTR: ['phtr-xml', 'goaml-xml', 'csv', 'xlsx'],
  CORRECTION: ['phtr-xml', 'goaml-xml', 'csv', 'xlsx'],
  STR: ['pstr-xml', 'goaml-xml', 'csv', 'xlsx'],
  STATS: ['csv', 'xlsx'],
  OVERDUE_ALERTS: ['csv', 'xlsx'],
};

const MEDIA: Record<ReportFormat, { mediaType: string; extension: string }> = {
  'phtr-xml': { mediaType: 'application/xml; charset=GB18030', extension: 'phtr.xml' },
  'pstr-xml': { mediaType: 'application/xml; charset=GB18030', extension: 'pstr.xml' },
  'goaml-xml': { mediaType: 'application/xml; charset=UTF-8', extension: 'goaml.xml' },
  csv: { mediaType: 'text/csv; charset=UTF-8', extension: 'csv' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
};

export interface ReportFile {
  reportId: string;
  revision: number;
  format: ReportFormat;
  fileName: string;
  mediaType: string;
  sha256: string;
  sizeBytes: number;
  content: Buffer;
  /** true when this download generated (and stored) the output */
  generated: boolean;
}

/** Generates one output of a report from its canonical model alone. */
export async function renderReport(
  report: Pick<StoredReport, 'id' | 'type' | 'period' | 'content'>,
  format: ReportFormat,
): Promise<{ bytes: Buffer; mappingVersion: string | null }> {
  const content = report.content;
  if (format === 'csv') return { bytes: generateCsv(content), mappingVersion: null };
  if (format === 'xlsx') return { bytes: await generateXlsx(report), mappingVersion: null };
  if (format === 'phtr-xml' && (content.type === 'LTR' || content.type === 'CORRECTION'))
    return generatePhtr({ id: report.id, content });
  if (format === 'pstr-xml' && content.type === 'STR') return generatePstr({ id: report.id, content });
  if (format === 'goaml-xml' && (content.type === 'LTR' || content.type === 'CORRECTION'))
    return generateGoamlCtr({ id: report.id, content });
  if (format === 'goaml-xml' && content.type === 'STR') return generateGoamlStr({ id: report.id, content });
  throw new DomainError('VALIDATION_FAILED', `A ${report.type} report has no ${format} format`, [
    { path: 'format', message: `one of ${FORMATS_BY_TYPE[report.type].join(', ')}` },
  ]);
}

/**
 * Downloads one output of a report. The first download of a (report revision, format) generates the output and
 * stores it with its hash, size and period (report_outputs is immutable); later downloads answer the stored bytes.
 * Every download is an audit event carrying the SHA-256 of what left the service.
 */
export class DownloadReportUseCase {
  private readonly repository: ReportRepository;
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.repository = new ReportRepository(dataSource);
    this.audit = new AuditLog(dataSource);
  }

  async execute(command: {
    reportId: string;
    format: ReportFormat;
    actor: Actor;
    requestId?: string;
  }): Promise<ReportFile> {
    const report = await this.repository.findById(command.reportId);
    if (!report) throw new NotFoundError(`No report ${command.reportId}`);
    if (!FORMATS_BY_TYPE[report.type].includes(command.format)) {
      throw new DomainError('VALIDATION_FAILED', `A ${report.type} report has no ${command.format} format`, [
        { path: 'format', message: `one of ${FORMATS_BY_TYPE[report.type].join(', ')}` },
      ]);
    }
    if (report.type === 'STR' && FILING_FORMATS.has(command.format) && report.status === 'DRAFT') {
      throw new DomainError(
        'CONFLICT',
        'A suspicious transaction report is exported only after a supervisor approved it',
      );
    }
    const media = MEDIA[command.format];
    const fileName = `${report.type.toLowerCase()}-${report.period}-${report.id.slice(0, 8)}-r${report.revision}.${media.extension}`;
    // generated outside the transaction: on the embedded database a transaction holds the only session
    const existing = await this.stored(report.id, report.revision, command.format);
    const rendered = existing ? null : await renderReport(report, command.format);
    return this.dataSource.transaction(async (manager) => {
      let generated = false;
      let output = existing;
      if (!output && rendered) {
        const sha256 = sha256Hex(rendered.bytes);
        const inserted: Array<{ id: string }> = await manager.query(
          `INSERT INTO report_outputs (report_id, revision, period, format, media_type, file_name, sha256, size_bytes, content, mapping_version, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (report_id, revision, format) DO NOTHING RETURNING id`,
          [
            report.id,
            report.revision,
            report.period,
            command.format,
            media.mediaType,
            fileName,
            sha256,
            rendered.bytes.length,
            rendered.bytes,
            rendered.mappingVersion,
            actorLabel(command.actor),
          ],
        );
        generated = inserted.length > 0;
        output = generated
          ? { sha256, content: rendered.bytes, fileName }
          : await this.stored(report.id, report.revision, command.format, manager);
      }
      if (!output) throw new DomainError('INTERNAL', 'The report output vanished while it was being stored');
      if (FILING_FORMATS.has(command.format) && (report.status === 'DRAFT' || report.status === 'APPROVED')) {
        const exported: unknown[] = await manager.query(
          "UPDATE reports SET status = 'EXPORTED', exported_at = now(), updated_at = now() WHERE id = $1 AND status IN ('DRAFT', 'APPROVED') RETURNING id",
          [report.id],
        );
        if (exported.length) {
          await this.audit.append(
            {
              actor: command.actor,
              action: 'report.exported',
              entityType: 'report',
              entityId: report.id,
              before: { status: report.status },
              after: { status: 'EXPORTED', format: command.format, sha256: output.sha256 },
              requestId: command.requestId,
            },
            manager,
          );
        }
      }
      await this.audit.append(
        {
          actor: command.actor,
          action: 'report.downloaded',
          entityType: 'report',
          entityId: report.id,
          after: {
            format: command.format,
            revision: report.revision,
            period: report.period,
            sha256: output.sha256,
            sizeBytes: output.content.length,
            generated,
          },
          requestId: command.requestId,
        },
        manager,
      );
      return {
        reportId: report.id,
        revision: report.revision,
        format: command.format,
        fileName: output.fileName,
        mediaType: media.mediaType,
        sha256: output.sha256,
        sizeBytes: output.content.length,
        content: output.content,
        generated,
      };
    });
  }

  private async stored(
    reportId: string,
    revision: number,
    format: ReportFormat,
    manager = this.dataSource.manager,
  ): Promise<{ sha256: string; content: Buffer; fileName: string } | null> {
    const rows: Array<{ sha256: string; content: Buffer; file_name: string }> = await manager.query(
      'SELECT sha256, content, file_name FROM report_outputs WHERE report_id = $1 AND revision = $2 AND format = $3',
      [reportId, revision, format],
    );
    return rows[0]
      ? { sha256: rows[0].sha256, content: Buffer.from(rows[0].content), fileName: rows[0].file_name }
      : null;
  }
}
