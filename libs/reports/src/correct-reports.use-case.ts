import type { DataSource } from 'typeorm';
import { actorLabel, beijingPeriods, canonicalJson, sha256Hex, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import { insertInputs } from './generate-report.use-case.js';
import { buildCorrection, buildLargeValueReport, reportInputs } from './large-value.js';
import { candidateMinimums, ReportRepository, selectReport, type StoredReport } from './report.repository.js';
import type { LargeValueReportContent } from './report-model.js';
import { addWorkingDays } from './working-days.js';

export interface CorrectionRunResult {
  corrections: StoredReport[];
  /** drafts rebuilt in place (not yet exported, so nothing was filed that needs correcting) */
  redrafted: string[];
}

/**
 * Reversals after the large-value report was built. An EXPORTED report (filed) is never changed: a CORRECTION
 * report restates (AMEND) or withdraws (WITHDRAW) each affected subject, cumulatively over every reversal of its
 * payments so far; one correction per (report, set of reversed payments), enforced by reports.dedup_key. A report
 * not yet exported is rebuilt in place as a new revision (its earlier outputs stay stored under their revision).
 */
export class CorrectReportsUseCase {
  private readonly repository: ReportRepository;
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.repository = new ReportRepository(dataSource);
    this.audit = new AuditLog(dataSource);
  }

  async execute(command: { actor: Actor; now: Date }): Promise<CorrectionRunResult> {
    const corrections: StoredReport[] = [];
    const exported: Array<{ report_id: string; reversed: string[] }> = await this.dataSource.query(
      `SELECT r.id AS report_id, array_agg(ri.transaction_id ORDER BY ri.transaction_id) AS reversed
       FROM reports r JOIN report_inputs ri ON ri.report_id = r.id JOIN payments p ON p.transaction_id = ri.transaction_id
       WHERE r.type = 'LTR' AND r.status IN ('EXPORTED', 'SUPERSEDED') AND p.status = 'REVERSED'
       GROUP BY r.id`,
    );
    for (const row of exported) {
      const covered: Array<{ ids: string[] | null }> = await this.dataSource.query(
        "SELECT array_agg(DISTINCT id) AS ids FROM reports c, jsonb_array_elements_text(c.content->'reversedTransactionIds') AS id WHERE c.corrects_report_id = $1",
        [row.report_id],
      );
      const already = new Set(covered[0]?.ids ?? []);
      if (row.reversed.every((id) => already.has(id))) continue;
      const correction = await this.correct(row.report_id, row.reversed, command);
      if (correction) corrections.push(correction);
    }

    const redrafted: string[] = [];
    const drafts: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT r.id FROM reports r JOIN report_inputs ri ON ri.report_id = r.id
       JOIN payment_outcomes o ON o.transaction_id = ri.transaction_id AND o.status = 'REVERSED'
       WHERE r.type = 'LTR' AND r.status IN ('DRAFT', 'APPROVED') AND o.received_at > r.updated_at`,
    );
    for (const draft of drafts) {
      if (await this.redraft(draft.id, command)) redrafted.push(draft.id);
    }
    return { corrections, redrafted };
  }

  private async correct(
    reportId: string,
    reversed: string[],
    command: { actor: Actor; now: Date },
  ): Promise<StoredReport | null> {
    const original = await this.repository.findById(reportId);
    if (!original || original.content.type !== 'LTR') return null;
    // an input recorded for an earlier revision of the draft may no longer be in the exported content
    const included = new Set(reportInputs(original.content));
    reversed = reversed.filter((id) => included.has(id));
    if (reversed.length === 0) return null;
    const rules = await this.repository.rules(original.ruleVersion);
    const calendar = await this.repository.calendar();
    const dueOn = addWorkingDays(beijingPeriods(command.now).day, rules.definition.dueWorkingDays, calendar);
    const content = buildCorrection({
      original: { id: original.id, content: original.content },
      reversedTransactionIds: reversed,
      rules,
      fxVersion: original.content.fxVersion,
      dueOn,
      now: command.now,
    });
    const dedupKey = `CORRECTION:${original.id}:${sha256Hex(reversed.join('\n')).slice(0, 32)}`;
    const contentSha256 = sha256Hex(canonicalJson(content));
    return this.dataSource.transaction(async (manager) => {
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO reports (type, period, status, rule_version, fx_version, corrects_report_id, dedup_key, content, content_sha256, created_by, due_on)
         VALUES ('CORRECTION', $1, 'DRAFT', $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
        [
          original.period,
          rules.version,
          content.fxVersion,
          original.id,
          dedupKey,
          JSON.stringify(content),
          contentSha256,
          actorLabel(command.actor),
          dueOn,
        ],
      );
      if (!inserted[0]) return null;
      const id = inserted[0].id;
      await insertInputs(manager, id, reportInputs(content));
      await this.audit.append(
        {
          actor: command.actor,
          action: 'report.correction-generated',
          entityType: 'report',
          entityId: id,
          after: { correctsReportId: original.id, reversedTransactionIds: reversed, dueOn, contentSha256 },
        },
        manager,
      );
      return selectReport(manager, 'id = $1', [id]);
    });
  }

  private async redraft(reportId: string, command: { actor: Actor; now: Date }): Promise<boolean> {
    const report = await this.repository.findById(reportId);
    if (!report || report.content.type !== 'LTR') return false;
    const previous: LargeValueReportContent = report.content;
    const rules = await this.repository.rules(report.ruleVersion);
    const fx = await this.repository.fxForDay(report.period);
    const { payments, settledCount } = await this.repository.paymentsOfDay(
      report.period,
      candidateMinimums(rules),
    );
    const content = {
      ...buildLargeValueReport({
        day: report.period,
        payments,
        rules,
        fx,
        dueOn: previous.dueOn,
        now: command.now,
      }),
      settledPayments: settledCount,
    };
    const contentSha256 = sha256Hex(canonicalJson(content));
    return this.dataSource.transaction(async (manager) => {
      const updated: Array<{ revision: number }> = await manager.query(
        `UPDATE reports SET content = $2, content_sha256 = $3, revision = revision + 1, updated_at = now()
         WHERE id = $1 AND revision = $4 AND status IN ('DRAFT', 'APPROVED') RETURNING revision`,
        [report.id, JSON.stringify(content), contentSha256, report.revision],
      );
      if (!updated[0]) return false;
      await insertInputs(manager, report.id, reportInputs(content));
      await this.audit.append(
        {
          actor: command.actor,
          action: 'report.redrafted',
          entityType: 'report',
          entityId: report.id,
          before: { revision: report.revision, contentSha256: report.contentSha256 },
          after: { revision: updated[0].revision, contentSha256, excludedReversed: content.excludedReversed },
        },
        manager,
      );
      return true;
    });
  }
}
