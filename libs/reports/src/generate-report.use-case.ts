import type { DataSource, EntityManager } from 'typeorm';
import { actorLabel, beijingPeriods, canonicalJson, DomainError, sha256Hex, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import { buildLargeValueReport, reportInputs } from './large-value.js';
import { periodBounds, type ScheduledReportType } from './periods.js';
import { candidateMinimums, ReportRepository, selectReport, type StoredReport } from './report.repository.js';
import type { OverdueAlertsReportContent, ReportContent, StatsReportContent } from './report-model.js';
import { addWorkingDays } from './working-days.js';

export interface GenerateReportCommand {
  type: ScheduledReportType;
  period: string;
  actor: Actor;
  now: Date;
}

export interface GenerateReportResult {
  report: StoredReport;
  /** false: the period already had its report (another worker, a retry, a second run) */
  created: boolean;
}

/**
 * Generates the one report of a scheduled kind for one period. Idempotent by construction: the unique index
 * reports_one_per_period lets exactly one insert win, whatever the number of workers or retries; the others answer
 * the stored report. Used by the worker's schedules and the CLI alike.
 */
export class GenerateReportUseCase {
  private readonly repository: ReportRepository;
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.repository = new ReportRepository(dataSource);
    this.audit = new AuditLog(dataSource);
  }

  async execute(command: GenerateReportCommand): Promise<GenerateReportResult> {
    const bounds = periodBounds(command.type, command.period);
    if (command.type !== 'OVERDUE_ALERTS' && command.now < bounds.end) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `The ${command.type} period ${command.period} is not over yet (Beijing time)`,
        [{ path: 'period', message: 'must be a past period' }],
      );
    }
    const existing = await this.repository.findByPeriod(command.type, command.period);
    if (existing) return { report: existing, created: false };
    const built = await this.build(command, bounds);
    return this.store(command, built);
  }

  private async build(
    command: GenerateReportCommand,
    bounds: { start: Date; end: Date },
  ): Promise<{
    content: ReportContent;
    ruleVersion: number | null;
    fxVersion: number | null;
    dueOn: string | null;
    inputs: string[];
  }> {
    switch (command.type) {
      case 'LTR': {
        const [rules, fx, calendar] = await Promise.all([
          this.repository.rules(),
          this.repository.fxForDay(command.period),
          this.repository.calendar(),
        ]);
        const { payments, settledCount } = await this.repository.paymentsOfDay(
          command.period,
          candidateMinimums(rules),
        );
        const dueOn = addWorkingDays(command.period, rules.definition.dueWorkingDays, calendar);
        const content = {
          ...buildLargeValueReport({ day: command.period, payments, rules, fx, dueOn, now: command.now }),
          settledPayments: settledCount,
        };
        return {
          content,
          ruleVersion: rules.version,
          fxVersion: fx.version,
          dueOn,
          inputs: reportInputs(content),
        };
      }
      case 'STATS':
        return {
          content: await this.statistics(command, bounds),
          ruleVersion: null,
          fxVersion: null,
          dueOn: null,
          inputs: [],
        };
      case 'OVERDUE_ALERTS':
        return {
          content: await this.overdueAlerts(command),
          ruleVersion: null,
          fxVersion: null,
          dueOn: null,
          inputs: [],
        };
    }
  }

  private async store(
    command: GenerateReportCommand,
    built: {
      content: ReportContent;
      ruleVersion: number | null;
      fxVersion: number | null;
      dueOn: string | null;
      inputs: string[];
    },
  ): Promise<GenerateReportResult> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO reports (type, period, status, rule_version, fx_version, content, content_sha256, created_by, due_on)
         VALUES ($1, $2, 'DRAFT', $3, $4, $5, $6, $7, $8)
         ON CONFLICT (type, period) WHERE type IN ('LTR', 'STATS', 'OVERDUE_ALERTS') DO NOTHING RETURNING id`,
        [
          command.type,
          command.period,
          built.ruleVersion,
          built.fxVersion,
          JSON.stringify(built.content),
          sha256Hex(canonicalJson(built.content)),
          actorLabel(command.actor),
          built.dueOn,
        ],
      );
      if (!inserted[0]) {
        return {
          report: await selectReport(manager, 'type = $1 AND period = $2', [command.type, command.period]),
          created: false,
        };
      }
      const id = inserted[0].id;
      await insertInputs(manager, id, built.inputs);
      await this.audit.append(
        {
          actor: command.actor,
          action: 'report.generated',
          entityType: 'report',
          entityId: id,
          after: {
            type: command.type,
            period: command.period,
            ruleVersion: built.ruleVersion,
            fxVersion: built.fxVersion,
            dueOn: built.dueOn,
            inputs: built.inputs.length,
            contentSha256: sha256Hex(canonicalJson(built.content)),
          },
        },
        manager,
      );
      return { report: await selectReport(manager, 'id = $1', [id]), created: true };
    });
  }

  private async statistics(
    command: GenerateReportCommand,
    bounds: { start: Date; end: Date },
  ): Promise<StatsReportContent> {
    const range = [bounds.start.toISOString(), bounds.end.toISOString()];
    const payments: Array<{ status: string; count: number; cny: string; usd: string }> =
      await this.dataSource.query(
        `SELECT status, count(*)::int AS count, coalesce(sum(amount_cny_fen), 0)::text AS cny, coalesce(sum(amount_usd_cents), 0)::text AS usd
       FROM payments WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY status ORDER BY status`,
        range,
      );
    const decisions: Array<{ outcome: string; count: number }> = await this.dataSource.query(
      'SELECT outcome, count(*)::int AS count FROM decisions WHERE decided_at >= $1 AND decided_at < $2 GROUP BY outcome ORDER BY outcome',
      range,
    );
    const alerts: Array<{ raised: number; closed: number; open_at_end: number }> =
      await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE created_at >= $1 AND created_at < $2)::int AS raised,
              count(*) FILTER (WHERE closed_at >= $1 AND closed_at < $2)::int AS closed,
              count(*) FILTER (WHERE created_at < $2 AND (closed_at IS NULL OR closed_at >= $2))::int AS open_at_end
       FROM alerts`,
        range,
      );
    const reports: Array<{ type: string; count: number }> = await this.dataSource.query(
      'SELECT type, count(*)::int AS count FROM reports WHERE created_at >= $1 AND created_at < $2 GROUP BY type ORDER BY type',
      range,
    );
    return {
      schema: 'cpg.report.stats/1',
      type: 'STATS',
      period: command.period,
      generatedAt: command.now.toISOString(),
      payments: payments.map((row) => ({
        status: row.status,
        count: row.count,
        cnyFen: Number(row.cny),
        usdCents: Number(row.usd),
      })),
      decisions,
      alerts: { raised: alerts[0].raised, closed: alerts[0].closed, openAtEnd: alerts[0].open_at_end },
      reports,
    };
  }

  /** Open alerts past their SLA at the time of the run. */
  private async overdueAlerts(command: GenerateReportCommand): Promise<OverdueAlertsReportContent> {
    const rows: Array<{
      id: string;
      type: string;
      priority: string;
      rule_id: string;
      status: string;
      sla_due_at: Date;
    }> = await this.dataSource.query(
      `SELECT id, type, priority, rule_id, status, sla_due_at FROM alerts WHERE status <> 'CLOSED' AND sla_due_at < $1 ORDER BY sla_due_at, id`,
      [command.now.toISOString()],
    );
    const byPriority = new Map<string, number>();
    for (const row of rows) byPriority.set(row.priority, (byPriority.get(row.priority) ?? 0) + 1);
    return {
      schema: 'cpg.report.overdue-alerts/1',
      type: 'OVERDUE_ALERTS',
      period: command.period,
      asOf: command.now.toISOString(),
      total: rows.length,
      byPriority: [...byPriority.entries()]
        .map(([priority, count]) => ({ priority, count }))
        .sort((a, b) => a.priority.localeCompare(b.priority)),
      alerts: rows.map((row) => ({
        id: row.id,
        type: row.type,
        priority: row.priority,
        ruleId: row.rule_id,
        status: row.status,
        slaDueAt: new Date(row.sla_due_at).toISOString(),
        overdueHours: Math.floor((command.now.getTime() - new Date(row.sla_due_at).getTime()) / 3_600_000),
      })),
    };
  }
}

export async function insertInputs(
  manager: EntityManager,
  reportId: string,
  transactionIds: string[],
): Promise<void> {
  for (let i = 0; i < transactionIds.length; i += 5000) {
    await manager.query(
      'INSERT INTO report_inputs (report_id, transaction_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
      [reportId, transactionIds.slice(i, i + 5000)],
    );
  }
}

/** The Beijing day of an instant, for due dates counted from "today". */
export function beijingToday(now: Date): string {
  return beijingPeriods(now).day;
}
