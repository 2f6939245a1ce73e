import type { Queue } from 'bullmq';
import { QUEUES } from '@app/queue';

/**
 * Job contracts of the held-payment work, on the `webhooks` queue: delivering one webhook event to the gateway,
 * and the scheduled expiry of holds past their time box (which produces webhook events). Payloads carry ids only;
 * the body is built from the database at send time.
 */
export const WEBHOOKS_QUEUE = QUEUES.webhooks;
export const WEBHOOK_DELIVERY_JOB = 'webhook.deliver';
export const HOLDS_EXPIRE_JOB = 'holds.expire';
export const HOLDS_EXPIRY_SCHEDULER = 'holds-expiry';
export const HOLDS_EXPIRY_EVERY_MS = 30_000;

export interface WebhookDeliveryPayload {
  eventId: string;
}

export interface WebhookRetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Deterministic job id: one delivery job per webhook event, however often it is enqueued. */
export function webhookJobId(eventId: string): string {
  return `webhook-${eventId}`;
}

export async function enqueueWebhookDelivery(
  queue: Queue,
  eventId: string,
  policy: WebhookRetryPolicy,
): Promise<void> {
  const payload: WebhookDeliveryPayload = { eventId };
  await queue.add(WEBHOOK_DELIVERY_JOB, payload, {
    jobId: webhookJobId(eventId),
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    removeOnFail: false,
  });
}

/** Runs the expiry now (the scheduler runs it every 30 s). */
export async function enqueueHoldsExpiry(queue: Queue): Promise<void> {
  await queue.add(HOLDS_EXPIRE_JOB, {});
}

export async function scheduleHoldsExpiry(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(
    HOLDS_EXPIRY_SCHEDULER,
    { every: HOLDS_EXPIRY_EVERY_MS },
    { name: HOLDS_EXPIRE_JOB, data: {} },
  );
}

/** Hands new webhook events to the queue after their transaction committed. */
export type WebhookPublisher = (eventIds: string[]) => Promise<void>;

export function queueWebhookPublisher(queue: Queue, policy: WebhookRetryPolicy): WebhookPublisher {
  return async (eventIds) => {
    for (const eventId of eventIds) await enqueueWebhookDelivery(queue, eventId, policy);
  };
}
