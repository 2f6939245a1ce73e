import type { DataSource } from 'typeorm';
import type { ReportStatus, ReportType } from './report-model.js';

export interface ReportSummary {
  id: string;
  type: ReportType;
  period: string;
  status: ReportStatus;
  revision: number;
  ruleVersion: number | null;
  fxVersion: number | null;
  correctsReportId: string | null;
  dueOn: string | null;
  createdAt: string;
  createdBy: string;
  exportedAt: string | null;
  contentSha256: string;
  /** LTR / CORRECTION: reported subjects; STR: subjects; others: rows */
  entries: number;
  outputs: Array<{
    format: string;
    revision: number;
    sha256: string;
    sizeBytes: number;
    mappingVersion: string | null;
    createdAt: string;
  }>;
}

export interface ListReportsQuery {
  type?: ReportType;
  period?: string;
  status?: ReportStatus;
  limit?: number;
  offset?: number;
}

/** Reports, newest first, with every stored output (hash, size); the content itself is downloaded, not listed. */
export class ListReportsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(
    query: ListReportsQuery,
  ): Promise<{ reports: ReportSummary[]; total: number; limit: number; offset: number }> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const offset = Math.max(query.offset ?? 0, 0);
    const filters = [query.type ?? null, query.period ?? null, query.status ?? null];
    const where =
      '($1::text IS NULL OR r.type = $1) AND ($2::text IS NULL OR r.period = $2) AND ($3::text IS NULL OR r.status = $3)';
    const rows: Array<{
      id: string;
      type: ReportType;
      period: string;
      status: ReportStatus;
      revision: number;
      rule_version: number | null;
      fx_version: number | null;
      corrects_report_id: string | null;
      due_on: string | null;
      created_at: Date;
      created_by: string;
      exported_at: Date | null;
      content_sha256: string;
      entries: number;
      outputs: Array<{
        format: string;
        revision: number;
        sha256: string;
        sizeBytes: number;
        mappingVersion: string | null;
        createdAt: string;
      }>;
    }> = await this.dataSource.query(
      `SELECT r.id, r.type, r.period, r.status, r.revision, r.rule_version, r.fx_version, r.corrects_report_id, to_char(r.due_on, 'YYYY-MM-DD') AS due_on,
              r.created_at, r.created_by, r.exported_at, r.content_sha256,
              coalesce(jsonb_array_length(coalesce(r.content->'entries', r.content->'subjects', r.content->'alerts', r.content->'payments')), 0) AS entries,
              coalesce((SELECT json_agg(json_build_object('format', o.format, 'revision', o.revision, 'sha256', o.sha256, 'sizeBytes', o.size_bytes,
                                                          'mappingVersion', o.mapping_version, 'createdAt', o.created_at) ORDER BY o.id)
                        FROM report_outputs o WHERE o.report_id = r.id), '[]') AS outputs
       FROM reports r WHERE ${where} ORDER BY r.created_at DESC, r.id LIMIT $4 OFFSET $5`,
      [...filters, limit, offset],
    );
    const total: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM reports r WHERE ${where}`,
      filters,
    );
    return {
      reports: rows.map((row) => ({
        id: row.id,
        type: row.type,
        period: row.period,
        status: row.status,
        revision: row.revision,
        ruleVersion: row.rule_version,
        fxVersion: row.fx_version,
        correctsReportId: row.corrects_report_id,
        dueOn: row.due_on,
        createdAt: new Date(row.created_at).toISOString(),
        createdBy: row.created_by,
        exportedAt: row.exported_at ? new Date(row.exported_at).toISOString() : null,
        contentSha256: row.content_sha256,
        entries: row.entries,
        outputs: row.outputs.map((output) => ({
          ...output,
          createdAt: new Date(output.createdAt).toISOString(),
        })),
      })),
      total: total[0].n,
      limit,
      offset,
    };
  }
}
