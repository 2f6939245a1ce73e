import type { DataSource } from 'typeorm';
import { actorLabel, DomainError, NotFoundError, type Actor } from '@app/common';
import { AuditLog } from '@app/persistence';
import { ReportRepository, selectReport, type StoredReport } from '../report.repository.js';

/**
 * DRAFT → APPROVED of a suspicious transaction report, by a SUPERVISOR (permission reports:export) who is not the
 * officer who proposed the case's conclusion (four eyes). Only an approved STR is downloaded in a filing format;
 * the first such download marks it EXPORTED (DownloadReportUseCase).
 */
export class ApproveReportUseCase {
  private readonly repository: ReportRepository;
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.repository = new ReportRepository(dataSource);
    this.audit = new AuditLog(dataSource);
  }

  async execute(command: { reportId: string; actor: Actor; requestId?: string }): Promise<StoredReport> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.repository.findById(command.reportId, manager, true);
      if (!report) throw new NotFoundError(`No report ${command.reportId}`);
      if (report.type !== 'STR' || report.content.type !== 'STR')
        throw new DomainError(
          'CONFLICT',
          `Only suspicious transaction reports are approved; this is ${report.type}`,
        );
      if (report.status !== 'DRAFT')
        throw new DomainError('CONFLICT', `Only a DRAFT report is approved; this one is ${report.status}`);
      const caseId = report.content.caseId;
      const cases: Array<{ proposed_by_id: string | null; proposed_by: string | null }> = await manager.query(
        'SELECT proposed_by_id, proposed_by FROM cases WHERE id = $1',
        [caseId],
      );
      const proposerId = cases[0]?.proposed_by_id ?? null;
      if (proposerId !== null && proposerId === command.actor.id) {
        throw new DomainError(
          'FORBIDDEN',
          'Four eyes: the officer who proposed the case conclusion cannot approve its suspicious transaction report',
        );
      }
      await manager.query(
        "UPDATE reports SET status = 'APPROVED', updated_at = now() WHERE id = $1 AND status = 'DRAFT'",
        [report.id],
      );
      await this.audit.append(
        {
          actor: command.actor,
          action: 'report.approved',
          entityType: 'report',
          entityId: report.id,
          before: { status: 'DRAFT' },
          after: {
            status: 'APPROVED',
            type: 'STR',
            caseId,
            approvedBy: actorLabel(command.actor),
            caseProposedBy: cases[0]?.proposed_by ?? null,
            contentSha256: report.contentSha256,
          },
          requestId: command.requestId,
        },
        manager,
      );
      return selectReport(manager, 'id = $1', [report.id]);
    });
  }
}
