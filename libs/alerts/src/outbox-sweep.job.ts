import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { enqueueDecisionFollowUp } from './follow-up.job.js';

export const OUTBOX_SWEEP_JOB = 'outbox.sweep';

/**
 * The outbox makes follow-up work survive a crash between the decision's commit and the enqueue: rows not
 * processed after a grace period are enqueued again (deterministic job ids make this idempotent).
 */
export async function sweepOutbox(
  dataSource: DataSource,
  queues: { followUp: Queue },
  extra: Record<string, (ref: string) => Promise<void>> = {},
  graceSeconds = 30,
): Promise<{ enqueued: number }> {
  const rows: Array<{ id: string; topic: string; ref: string }> = await dataSource.query(
    `UPDATE outbox SET attempts = attempts + 1 WHERE id IN (
       SELECT id FROM outbox WHERE processed_at IS NULL AND created_at < now() - make_interval(secs => $1)
       ORDER BY id LIMIT 500) RETURNING id, topic, ref`,
    [graceSeconds],
  );
  let enqueued = 0;
  for (const row of rows) {
    if (row.topic === 'decision.follow-up') {
      // a job still retained under the same id (waiting, retrying, failed) is not added twice
      await enqueueDecisionFollowUp(queues.followUp, row.ref);
      enqueued += 1;
    } else if (extra[row.topic]) {
      await extra[row.topic](row.ref);
      enqueued += 1;
    }
  }
  return { enqueued };
}
