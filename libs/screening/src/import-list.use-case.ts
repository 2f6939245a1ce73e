import type { DataSource } from 'typeorm';
import { canonicalJson, sha256Hex, ValidationError, type Actor, actorLabel } from '@app/common';
import { AuditLog } from '@app/persistence';
import { LIST_FORMATS, type ListEntry, type ListFiles, type ListFormat, type ParseWarning } from './domain/list-entry.js';
import { entryFingerprint, parseList } from './lists/index.js';
import { ListSnapshotRepository } from './list-snapshot.repository.js';

export interface ImportListCommand {
  format: string;
  files: ListFiles;
  list?: string;
  /** where the files came from: a path, a URL or a sources.json name */
  source: string;
  actor: Actor;
  requestId?: string;
}

export interface ImportListResult {
  runId: string;
  status: 'ACTIVATED' | 'UNCHANGED';
  snapshotId: string;
  list: string;
  contentHash: string;
  entries: number;
  names: number;
  delta: { added: string[]; removed: string[]; changed: string[] };
  warnings: ParseWarning[];
}

/**
 * Imports one list file set as a new snapshot. Parsing happens before anything is written, so a malformed file
 * is rejected with the parser's message and the active snapshot stays in force. An import whose content equals
 * the active snapshot's is recorded as UNCHANGED. Activation, supersession, delta, audit event and the rescreen
 * request commit together.
 */
export class ImportListUseCase {
  private readonly snapshots: ListSnapshotRepository;
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.snapshots = new ListSnapshotRepository(dataSource);
    this.audit = new AuditLog(dataSource);
  }

  async execute(command: ImportListCommand): Promise<ImportListResult> {
    if (!LIST_FORMATS.includes(command.format as ListFormat)) {
      throw new ValidationError(`Unknown list format "${command.format}"`, [
        { path: 'format', message: `format must be one of ${LIST_FORMATS.join(', ')}` },
      ]);
    }
    const format = command.format as ListFormat;
    const runRows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO list_import_runs (list, format, source, requested_by, status) VALUES ($1, $2, $3, $4, 'RUNNING') RETURNING id`,
      [command.list ?? '(default)', format, command.source, actorLabel(command.actor)],
    );
    const runId = runRows[0].id;
    try {
      const parsed = parseList(format, command.files, command.list);
      const result = await this.activate(runId, format, parsed.list, parsed.entries, parsed.warnings, parsed.publishedOn, command);
      await this.dataSource.query(
        'UPDATE list_import_runs SET status = $2, finished_at = now(), snapshot_id = $3, list = $4 WHERE id = $1',
        [runId, result.status, result.snapshotId, result.list],
      );
      return result;
    } catch (error) {
      const rejected = error instanceof Error && 'code' in error && (error as { code: string }).code === 'LIST_FORMAT_INVALID';
      await this.dataSource.query('UPDATE list_import_runs SET status = $2, finished_at = now(), error = $3 WHERE id = $1', [
        runId,
        rejected ? 'REJECTED' : 'FAILED',
        error instanceof Error ? error.message : String(error),
      ]);
      throw error;
    }
  }

  private async activate(
    runId: string,
    format: ListFormat,
    list: string,
    parsedEntries: ListEntry[],
    parseWarnings: ParseWarning[],
    publishedOn: string | undefined,
    command: ImportListCommand,
  ): Promise<ImportListResult> {
    const warnings = [...parseWarnings];
    const bySourceId = new Map<string, ListEntry>();
    for (const entry of parsedEntries) {
      if (bySourceId.has(entry.sourceId)) {
        warnings.push({ file: command.files.main.name, location: entry.sourceId, message: 'duplicate source id; the first entry is kept' });
        continue;
      }
      bySourceId.set(entry.sourceId, entry);
    }
    if (bySourceId.size === 0) {
      throw new ValidationError(`${command.files.main.name}: the list has no entries; an empty list is never activated`, [
        { path: 'file', message: 'no entries' },
      ]);
    }
    const entries = [...bySourceId.values()]
      .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0))
      .map((entry) => ({ sourceId: entry.sourceId, fingerprint: entryFingerprint(entry), entry }));
    const contentHash = sha256Hex(canonicalJson(entries.map((item) => [item.sourceId, item.fingerprint])));
    const names = entries.reduce((sum, item) => sum + item.entry.names.length, 0);

    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`list-import:${list}`]);
      const active = (await this.snapshots.activeSnapshots(manager)).find((snapshot) => snapshot.list === list);
      if (active && active.contentHash === contentHash) {
        return { runId, status: 'UNCHANGED', snapshotId: active.id, list, contentHash, entries: entries.length, names, delta: { added: [], removed: [], changed: [] }, warnings };
      }
      const previous = active ? await this.snapshots.fingerprintsOf(active.id, manager) : new Map<string, string>();
      const delta = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
      for (const item of entries) {
        const before = previous.get(item.sourceId);
        if (before === undefined) delta.added.push(item.sourceId);
        else if (before !== item.fingerprint) delta.changed.push(item.sourceId);
      }
      const next = new Set(entries.map((item) => item.sourceId));
      for (const sourceId of previous.keys()) if (!next.has(sourceId)) delta.removed.push(sourceId);

      if (active) {
        await manager.query("UPDATE list_snapshots SET status = 'SUPERSEDED', superseded_at = now() WHERE id = $1", [active.id]);
      }
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO list_snapshots (list, format, content_hash, entry_count, name_count, published_on, source, status, delta, warnings, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8, $9, $10) RETURNING id`,
        [list, format, contentHash, entries.length, names, publishedOn ?? null, command.source, JSON.stringify(delta),
          JSON.stringify(warnings.slice(0, 1_000)), actorLabel(command.actor)],
      );
      const snapshotId = rows[0].id;
      await this.snapshots.insertEntries(manager, snapshotId, entries);
      await manager.query("INSERT INTO outbox (topic, ref) VALUES ('list.rescreen', $1)", [snapshotId]);
      await this.audit.append(
        {
          actor: command.actor,
          action: 'list.snapshot.activated',
          entityType: 'list-snapshot',
          entityId: snapshotId,
          before: active ? { snapshotId: active.id, contentHash: active.contentHash } : null,
          after: { list, format, contentHash, entries: entries.length, names, runId,
            delta: { added: delta.added.length, removed: delta.removed.length, changed: delta.changed.length } },
          requestId: command.requestId,
        },
        manager,
      );
      return { runId, status: 'ACTIVATED', snapshotId, list, contentHash, entries: entries.length, names, delta, warnings };
    });
  }
}
