import { createHash } from 'node:crypto';
import type { JobsOptions, Queue } from 'bullmq';
import { QUEUES } from '@app/queue';

/** Job contract: after a decision that needs follow-up, turn its alert actions into alerts. Ids only. */
export const DECISION_FOLLOW_UP_JOB = 'decision.follow-up';
export const FOLLOW_UP_QUEUE = QUEUES.followUp;

export interface DecisionFollowUpPayload {
  transactionId: string;
}

/** Deterministic job id (BullMQ refuses ':' in custom ids, transaction ids may contain it). */
export function followUpJobId(transactionId: string): string {
  return `decision-${createHash('sha256').update(transactionId).digest('hex').slice(0, 40)}`;
}

export async function enqueueDecisionFollowUp(queue: Queue, transactionId: string, options: JobsOptions = {}): Promise<void> {
  const payload: DecisionFollowUpPayload = { transactionId };
  await queue.add(DECISION_FOLLOW_UP_JOB, payload, { jobId: followUpJobId(transactionId), ...options });
}
