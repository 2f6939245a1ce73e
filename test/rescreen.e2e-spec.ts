import { readFileSync } from 'node:fs';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RescreenUseCase } from '../libs/alerts/src/index.js';
import { QUEUES } from '../libs/queue/src/index.js';
import { ImportListUseCase, ScreeningIndex } from '../libs/screening/src/index.js';
import { enqueueRescreen } from '../apps/worker/src/processors.js';
import { preAuthRequest, startTestApp, TEST_ACTOR, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';


describe('list change → hot swap → rescreen → alert', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rescreens a payer seen earlier against the new entries, raises one alert, and screens new payments with the new index', async () => {
    const payer = { walletAccountId: `kp-rescreen-${Date.now()}`, name: 'SECUNDA PROBANDOVA', nameOriginalScript: undefined, dateOfBirth: undefined, nationality: undefined, idDocument: undefined };
    const merchant = { legalRepresentative: 'LIU YANG' };
    const before = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) });
    expect(before.body.decision).toBe('APPROVE');

    const imported = await new ImportListUseCase(t.dataSource).execute({
      format: 'un-xml',
      files: { main: { name: 'mini-un-v2.xml', content: readFileSync(new URL('./fixtures/mini-un-v2.xml', import.meta.url)) } },
      list: 'TEST_UN',
      source: 'mini-un-v2.xml',
      actor: TEST_ACTOR,
    });
    expect(imported.status).toBe('ACTIVATED');

    // the list job enqueues this after an import; the outbox sweep does it for imports made elsewhere
    await enqueueRescreen(t.app.get<Queue>(getQueueToken(QUEUES.lists)), imported.snapshotId);
    const run = await waitFor(async () => {
      const runs = (await t.request('GET', '/v1/lists/rescreens', { key: t.adminKey })).body.runs as Array<{ snapshotId: string; status: string }>;
      return runs.find((candidate) => candidate.snapshotId === imported.snapshotId && candidate.status === 'COMPLETED');
    });
    expect(run).toMatchObject({ phase: 'done', deltaEntries: 2, hits: 1, alertsRaised: 1 });
    expect((run as unknown as { partiesScreened: number }).partiesScreened).toBeGreaterThanOrEqual(2);

    const alerts = await t.dataSource.query("SELECT rule_id, type, source, evidence->>'sourceId' AS source_id FROM alerts WHERE party_key = $1", [`KAKAOPAY:${payer.walletAccountId}`]);
    expect(alerts).toEqual([{ rule_id: 'R02', type: 'SANCTIONS', source: 'rescreen', source_id: 'TSi.002' }]);
    const outbox = await t.dataSource.query("SELECT processed_at IS NOT NULL AS done FROM outbox WHERE topic = 'list.rescreen' AND ref = $1", [imported.snapshotId]);
    expect(outbox).toEqual([{ done: true }]);

    // running it again (a retry, or a resumed crash) raises nothing new
    const again = await new RescreenUseCase(t.dataSource, () => ({ review: 0.8, strong: 0.92 })).run(imported.snapshotId);
    expect(again.alertsRaised).toBe(1);
    expect((await t.dataSource.query("SELECT count(*)::int AS n FROM alerts WHERE source = 'rescreen'"))[0].n).toBe(1);

    // every api process swaps to the new index on its poll; here we do not wait for the timer
    await t.app.get(ScreeningIndex).refresh();
    const after = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer, merchant }) });
    expect(after.body.decision).toBe('REVIEW');
    expect(after.body.screening.hits).toContainEqual(expect.objectContaining({ party: 'payer', list: 'TEST_UN', sourceId: 'TSi.002', band: 'REVIEW' }));
  });
});
