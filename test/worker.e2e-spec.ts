import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueDecisionFollowUp, followUpJobId } from '../libs/alerts/src/index.js';
import { QUEUES } from '../libs/queue/src/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';


describe('worker', () => {
  let t: TestApp;
  let followUp: Queue;

  beforeAll(async () => {
    t = await startTestApp();
    followUp = t.app.get<Queue>(getQueueToken(QUEUES.followUp));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps a job that cannot succeed in the failed set, records the run, and does not retry it', async () => {
    await enqueueDecisionFollowUp(followUp, 'NO-SUCH-TRANSACTION');
    const job = await waitFor(async () => {
      const found = await followUp.getJob(followUpJobId('NO-SUCH-TRANSACTION'));
      return found && (await found.isFailed()) ? found : null;
    });
    expect(job.attemptsMade).toBe(1);
    expect(job.opts.attempts).toBe(5);
    expect(job.opts.backoff).toEqual({ type: 'exponential', delay: 1000 });
    expect(job.data).toEqual({ transactionId: 'NO-SUCH-TRANSACTION' });
    const runs = await t.dataSource.query("SELECT status, error FROM job_runs WHERE job_name = 'decision.follow-up' AND job_id = $1", [job.id]);
    expect(runs).toEqual([{ status: 'FAILED', error: 'No decision for transaction NO-SUCH-TRANSACTION' }]);
  });
});
