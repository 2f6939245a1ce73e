import { InjectQueue, Processor } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES, RecordedProcessor, WORKER_OPTIONS } from '@app/queue';
import { DECISION_FOLLOW_UP_JOB, type DecisionFollowUpPayload } from './follow-up.job.js';
import { RaiseAlertsUseCase } from './raise-alerts.use-case.js';

@Processor(QUEUES.followUp, WORKER_OPTIONS)
export class FollowUpProcessor extends RecordedProcessor {
  private readonly raiseAlerts: RaiseAlertsUseCase;
  protected readonly handlers = {
    [DECISION_FOLLOW_UP_JOB]: async (job: Job) => {
      const payload = job.data as DecisionFollowUpPayload;
      const raised = await this.raiseAlerts.forDecision(payload.transactionId);
      return { alerts: raised.length, created: raised.filter((alert) => alert.created).length };
    },
  };

  constructor(dataSource: DataSource, @InjectQueue(QUEUES.followUp) readonly queue: Queue) {
    super(dataSource);
    this.raiseAlerts = new RaiseAlertsUseCase(dataSource);
  }
}
