import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { checkAlertSlas, MONITORING_RUN_JOB, MONITORING_TICK_JOB, MonitoringUseCase, SLA_CHECK_JOB, type MonitoringRunPayload, type MonitoringTickPayload } from '@app/alerts';
import { DomainError } from '@app/common';
import { QUEUES, RecordedProcessor, WORKER_OPTIONS } from '@app/queue';

/** The monitoring queue: the SLA check every minute, and the monitoring rules per window (hourly, daily, replays). */
@Processor(QUEUES.monitoring, { ...WORKER_OPTIONS, concurrency: 2 })
export class MonitoringProcessor extends RecordedProcessor {
  private readonly monitoring: MonitoringUseCase;
  protected readonly handlers = {
    [SLA_CHECK_JOB]: () => checkAlertSlas(this.dataSource),
    [MONITORING_TICK_JOB]: async (job: Job) => {
      const { cadence } = job.data as MonitoringTickPayload;
      if (cadence !== 'hourly' && cadence !== 'daily') throw new DomainError('VALIDATION_FAILED', `Unknown monitoring cadence ${String(cadence)}`);
      const runs = await this.monitoring.tick(cadence, new Date());
      return { windows: runs.filter((run) => run.evaluated).map((run) => `${run.ruleId}@${run.window}`), alertsRaised: runs.reduce((sum, run) => sum + run.alertsRaised, 0) };
    },
    [MONITORING_RUN_JOB]: async (job: Job) => {
      const payload = job.data as MonitoringRunPayload;
      return this.monitoring.run(payload.ruleId, payload.window, new Date());
    },
  };

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.monitoring = new MonitoringUseCase(dataSource);
  }
}
