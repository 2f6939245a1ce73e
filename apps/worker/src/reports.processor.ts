import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { raiseAlert } from '@app/alerts';
import { SYSTEM_ACTOR } from '@app/common';
import { AuditLog } from '@app/persistence';
import { isPermanent, QUEUES, RecordedProcessor, WORKER_OPTIONS } from '@app/queue';
import {
  CORRECT_REPORTS_JOB,
  CorrectReportsUseCase,
  GENERATE_REPORT_JOB,
  GenerateReportUseCase,
  periodOfJob,
  type GenerateReportPayload,
} from '@app/reports';

/**
 * Scheduled and requested report runs. A run that fails is retried (DEFAULT_JOB_OPTIONS); when it fails for the
 * last time (or cannot succeed at all) a MONITORING alert is raised, one open alert per report kind and period.
 */
@Processor(QUEUES.reports, { ...WORKER_OPTIONS, concurrency: 2 })
export class ReportsProcessor extends RecordedProcessor {
  private readonly generate: GenerateReportUseCase;
  private readonly corrections: CorrectReportsUseCase;
  private readonly audit: AuditLog;

  protected readonly handlers = {
    [GENERATE_REPORT_JOB]: (job: Job) =>
      this.alertingOnLastFailure(job, async () => {
        const { type, period } = periodOfJob(job);
        const result = await this.generate.execute({ type, period, actor: SYSTEM_ACTOR, now: new Date() });
        return { reportId: result.report.id, type, period, created: result.created };
      }),
    [CORRECT_REPORTS_JOB]: (job: Job) =>
      this.alertingOnLastFailure(job, async () => {
        const result = await this.corrections.execute({ actor: SYSTEM_ACTOR, now: new Date() });
        return { corrections: result.corrections.map((report) => report.id), redrafted: result.redrafted };
      }),
  };

  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource);
    this.generate = new GenerateReportUseCase(dataSource);
    this.corrections = new CorrectReportsUseCase(dataSource);
    this.audit = new AuditLog(dataSource);
  }

  private async alertingOnLastFailure<T>(job: Job, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const last = isPermanent(error) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last) {
        const payload = job.data as GenerateReportPayload;
        const what =
          job.name === GENERATE_REPORT_JOB
            ? `${String(payload.type)}:${payload.period ?? payload.schedule ?? 'scheduled'}`
            : 'corrections';
        const message = error instanceof Error ? error.message : String(error);
        await this.dataSource
          .transaction((manager) =>
            raiseAlert(
              manager,
              {
                dedupKey: `reports:${what}`,
                type: 'MONITORING',
                priority: 'HIGH',
                ruleId: 'REPORTS',
                partyKey: null,
                merchantId: null,
                riskScore: 0,
                evidence: {
                  job: job.name,
                  jobId: job.id,
                  attempts: job.attemptsMade + 1,
                  report: what,
                  error: message,
                },
                source: 'reports',
                ref: `${job.id ?? job.name}#${job.attemptsMade + 1}`,
              },
              this.audit,
            ),
          )
          .catch(() => undefined);
      }
      throw error;
    }
  }
}
