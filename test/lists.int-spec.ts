import { readFileSync } from 'node:fs';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../libs/queue/src/index.js';
import { ImportListUseCase, ScreeningIndex, type ListFiles } from '../libs/screening/src/index.js';
import { preAuthRequest, startTestApp, TEST_ACTOR, type TestApp } from './support/test-app.js';

const fixture = (name: string): ListFiles => ({ main: { name, content: readFileSync(new URL(`./fixtures/${name}`, import.meta.url)) } });

describe(ImportListUseCase.name, () => {
  let t: TestApp;
  let importer: ImportListUseCase;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    importer = new ImportListUseCase(t.dataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('activates a snapshot with a content hash and counts, and records the import in the audit trail', async () => {
    const result = await importer.execute({ format: 'un-xml', files: fixture('mini-un.xml'), list: 'TEST_UN', source: 'mini-un.xml', actor: TEST_ACTOR });
    expect(result).toMatchObject({ status: 'ACTIVATED', list: 'TEST_UN', entries: 2, delta: { added: ['TSe.001', 'TSi.001'], removed: [], changed: [] } });
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.dataSource.query("SELECT action, after->>'list' AS list FROM audit_events WHERE entity_id = $1", [result.snapshotId]);
    expect(audit).toEqual([{ action: 'list.snapshot.activated', list: 'TEST_UN' }]);
  });

  it('records an identical import as UNCHANGED without a new snapshot', async () => {
    const result = await importer.execute({ format: 'un-xml', files: fixture('mini-un.xml'), list: 'TEST_UN', source: 'again', actor: TEST_ACTOR });
    expect(result.status).toBe('UNCHANGED');
    const snapshots = await t.dataSource.query("SELECT count(*)::int AS n FROM list_snapshots WHERE list = 'TEST_UN'");
    expect(snapshots[0].n).toBe(1);
  });

  it('rejects a truncated file with the file and location, and keeps the active snapshot in force', async () => {
    const before = await t.dataSource.query("SELECT id FROM list_snapshots WHERE list = 'TEST_UN' AND status = 'ACTIVE'");
    await expect(importer.execute({ format: 'un-xml', files: fixture('mini-un-truncated.xml'), list: 'TEST_UN', source: 'truncated', actor: TEST_ACTOR })).rejects.toThrow(
      /mini-un-truncated\.xml/,
    );
    const after = await t.dataSource.query("SELECT id FROM list_snapshots WHERE list = 'TEST_UN' AND status = 'ACTIVE'");
    expect(after).toEqual(before);
    const runs = await t.dataSource.query("SELECT status, error FROM list_import_runs WHERE source = 'truncated'");
    expect(runs[0].status).toBe('REJECTED');
    expect(runs[0].error).toContain('mini-un-truncated.xml');
  });

  it('computes the delta against the previous snapshot and supersedes it; a new index generation picks it up', async () => {
    const index = new ScreeningIndex(t.dataSource);
    await index.refresh();
    const before = index.current!;
    const result = await importer.execute({ format: 'un-xml', files: fixture('mini-un-v2.xml'), list: 'TEST_UN', source: 'mini-un-v2.xml', actor: TEST_ACTOR });
    expect(result.delta).toEqual({ added: ['TSi.002'], removed: ['TSe.001'], changed: ['TSi.001'] });
    const statuses = await t.dataSource.query("SELECT status, count(*)::int AS n FROM list_snapshots WHERE list = 'TEST_UN' GROUP BY status ORDER BY status");
    expect(statuses).toEqual([{ status: 'ACTIVE', n: 1 }, { status: 'SUPERSEDED', n: 1 }]);
    expect(await index.refresh()).toBe(true);
    expect(index.current).not.toBe(before);
    expect(index.current!.snapshotIds).toContain(result.snapshotId);
    const matches = index.search(index.current!, { name: 'SECUNDA PROBANDOVA', type: 'person' }, { review: 0.8, strong: 0.92 });
    expect(matches.map((match) => match.entry.sourceId)).toContain('TSi.002');
    expect(await index.refresh()).toBe(false);
  });

  it('screens payments against a list imported while the api runs, within one poll', async () => {
    const index = t.app.get(ScreeningIndex);
    await index.refresh();
    const response = await t.request('POST', '/v1/pre-auth', { body: preAuthRequest({ payer: { name: 'SECUNDA PROBANDOVA', nameOriginalScript: undefined, dateOfBirth: undefined, nationality: undefined } }) });
    expect(response.body.screening.hits).toContainEqual(expect.objectContaining({ party: 'payer', list: 'TEST_UN', sourceId: 'TSi.002' }));
    expect(response.body.screening.listSnapshots.some((label: string) => label.startsWith('TEST_UN@'))).toBe(true);
  });
});

describe('POST /v1/lists/refresh', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('queues a refresh of a list named in sources.json, audited, and refuses unknown lists and the gateway key', async () => {
    const accepted = await t.request('POST', '/v1/lists/refresh', { key: t.adminKey, body: { list: 'DEMO_UN' } });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ list: 'DEMO_UN', format: 'un-xml', jobId: expect.stringMatching(/^manual-DEMO_UN-un-xml-/) });
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.lists));
    const job = await queue.getJob(accepted.body.jobId);
    expect(job?.data).toEqual({ list: 'DEMO_UN', format: 'un-xml' });
    const audit = await t.dataSource.query("SELECT action FROM audit_events WHERE entity_type = 'list' AND entity_id = 'DEMO_UN'");
    expect(audit).toEqual([{ action: 'list.refresh.requested' }]);

    const unknown = await t.request('POST', '/v1/lists/refresh', { key: t.adminKey, body: { list: 'NO_SUCH_LIST' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details[0].path).toBe('list');
    expect((await t.request('POST', '/v1/lists/refresh', { key: t.gatewayKey, body: { list: 'DEMO_UN' } })).status).toBe(403);
  });
});
