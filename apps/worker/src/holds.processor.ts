import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import {
  HOLDS_EXPIRE_JOB,
  HoldsUseCase,
  queueWebhookPublisher,
  WEBHOOK_DELIVERY_JOB,
  WebhookDeliveryUseCase,
  type WebhookDeliveryPayload,
} from '@app/decisions';
import { QUEUES, RecordedProcessor, WORKER_OPTIONS } from '@app/queue';

/** The `webhooks` queue: webhook deliveries to the gateway (retried with backoff) and the scheduled hold expiry. */
@Processor(QUEUES.webhooks, WORKER_OPTIONS)
export class HoldsProcessor extends RecordedProcessor {
  private readonly holds: HoldsUseCase;
  private readonly delivery: WebhookDeliveryUseCase;
  protected readonly handlers = {
    [WEBHOOK_DELIVERY_JOB]: (job: Job) => {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return this.delivery.deliver((job.data as WebhookDeliveryPayload).eventId, finalAttempt);
    },
    [HOLDS_EXPIRE_JOB]: () => this.holds.expireDue(),
  };

  constructor(
    dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
  ) {
    super(dataSource);
    this.holds = new HoldsUseCase(
      dataSource,
      queueWebhookPublisher(webhooks, config.gatewayWebhook),
      config.gatewayWebhook.url !== null,
    );
    this.delivery = new WebhookDeliveryUseCase(dataSource, config.gatewayWebhook);
  }
}
