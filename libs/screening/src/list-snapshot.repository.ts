import type { DataSource, EntityManager } from 'typeorm';
import type { ListEntry } from './domain/list-entry.js';

export interface ListSnapshotRow {
  id: string;
  list: string;
  format: string;
  contentHash: string;
  entryCount: number;
  nameCount: number;
  publishedOn: string | null;
  source: string;
  importedBy: string;
  importedAt: string;
  delta: { added: number; removed: number; changed: number };
}

export interface StoredEntry {
  snapshotId: string;
  fingerprint: string;
  entry: ListEntry;
}

const SNAPSHOT_COLUMNS = `id, list, format, content_hash AS "contentHash", entry_count AS "entryCount", name_count AS "nameCount",
  to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", source, imported_by AS "importedBy", imported_at AS "importedAt",
  jsonb_build_object('added', jsonb_array_length(coalesce(delta->'added', '[]')), 'removed',
    jsonb_array_length(coalesce(delta->'removed', '[]')), 'changed', jsonb_array_length(coalesce(delta->'changed', '[]'))) AS delta`;

export class ListSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  async activeSnapshots(manager: EntityManager = this.dataSource.manager): Promise<ListSnapshotRow[]> {
    return manager.query(`SELECT ${SNAPSHOT_COLUMNS} FROM list_snapshots WHERE status = 'ACTIVE' ORDER BY list`);
  }

  async activeSnapshotIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      "SELECT id FROM list_snapshots WHERE status = 'ACTIVE' ORDER BY id",
    );
    return rows.map((row) => row.id);
  }

  async findSnapshot(id: string): Promise<ListSnapshotRow | null> {
    const rows: ListSnapshotRow[] = await this.dataSource.query(`SELECT ${SNAPSHOT_COLUMNS} FROM list_snapshots WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async entriesOf(snapshotIds: string[]): Promise<StoredEntry[]> {
    if (snapshotIds.length === 0) return [];
    const rows: Array<{ snapshot_id: string; fingerprint: string; entry: ListEntry }> = await this.dataSource.query(
      'SELECT snapshot_id, fingerprint, entry FROM list_entries WHERE snapshot_id = ANY($1::uuid[]) ORDER BY snapshot_id, source_id',
      [snapshotIds],
    );
    return rows.map((row) => ({ snapshotId: row.snapshot_id, fingerprint: row.fingerprint, entry: row.entry }));
  }

  async fingerprintsOf(snapshotId: string, manager: EntityManager): Promise<Map<string, string>> {
    const rows: Array<{ source_id: string; fingerprint: string }> = await manager.query(
      'SELECT source_id, fingerprint FROM list_entries WHERE snapshot_id = $1',
      [snapshotId],
    );
    return new Map(rows.map((row) => [row.source_id, row.fingerprint]));
  }

  async insertEntries(
    manager: EntityManager,
    snapshotId: string,
    entries: Array<{ sourceId: string; fingerprint: string; entry: ListEntry }>,
  ): Promise<void> {
    const chunk = 2_000;
    for (let start = 0; start < entries.length; start += chunk) {
      const slice = entries.slice(start, start + chunk);
      await manager.query(
        `INSERT INTO list_entries (snapshot_id, source_id, fingerprint, entry)
         SELECT $1, source_id, fingerprint, entry FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS t(source_id, fingerprint, entry)`,
        [snapshotId, slice.map((item) => item.sourceId), slice.map((item) => item.fingerprint), slice.map((item) => JSON.stringify(item.entry))],
      );
    }
  }
}
