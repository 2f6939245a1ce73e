import type { DataSource } from 'typeorm';
import type { ListEntry } from './domain/list-entry.js';
import type { Match, SanctionsIndex, ScreeningQuery, Thresholds } from './domain/matcher.js';
import { buildSanctionsIndex } from './matching/index.js';
import { ListSnapshotRepository, type ListSnapshotRow } from './list-snapshot.repository.js';

/** An immutable generation: the index and the snapshots it was built from. Swapped whole, never mutated. */
export interface IndexGeneration {
  index: SanctionsIndex;
  snapshots: ListSnapshotRow[];
  snapshotIds: string[];
  /** "UN_SC@<hash prefix>" labels for responses */
  snapshotLabels: string[];
  fingerprints: Map<ListEntry, string>;
  builtAt: Date;
  buildMs: number;
  /** results of recent queries on this generation (merchants repeat): a pure function of query and index */
  cache: Map<string, Match[]>;
}

const CACHE_SIZE = 20_000;

export interface ScreenedMatch extends Match {
  fingerprint: string;
}

/**
 * Holds the in-memory sanctions index of this process. Every process polls the set of active snapshots and,
 * when it changes, builds the new index beside the old one and swaps the reference: a request in flight keeps
 * the generation it started with. False-positive suppressions are kept in memory and refreshed the same way.
 */
export class ScreeningIndex {
  private generation: IndexGeneration | null = null;
  private suppressions = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly snapshots: ListSnapshotRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly onSwap: (generation: IndexGeneration) => void = () => undefined,
  ) {
    this.snapshots = new ListSnapshotRepository(dataSource);
  }

  get current(): IndexGeneration | null {
    return this.generation;
  }

  get ready(): boolean {
    return this.generation !== null;
  }

  start(pollMs = 5_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.refresh().catch(() => undefined);
    }, pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Rebuilds when the active snapshot set changed; answers whether it swapped. Concurrent calls share one run. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    await this.loadSuppressions();
    const ids = await this.snapshots.activeSnapshotIds();
    if (this.generation && ids.join(',') === this.generation.snapshotIds.join(',')) return false;
    const started = performance.now();
    const [snapshots, stored] = await Promise.all([this.snapshots.activeSnapshots(), this.snapshots.entriesOf(ids)]);
    const fingerprints = new Map<ListEntry, string>();
    for (const item of stored) fingerprints.set(item.entry, item.fingerprint);
    const index = buildSanctionsIndex(stored.map((item) => item.entry));
    const generation: IndexGeneration = {
      index,
      snapshots,
      snapshotIds: ids,
      snapshotLabels: snapshots.map((snapshot) => `${snapshot.list}@${snapshot.contentHash.slice(0, 12)}`),
      fingerprints,
      builtAt: new Date(),
      buildMs: Math.round(performance.now() - started),
      cache: new Map(),
    };
    this.generation = generation;
    this.onSwap(generation);
    return true;
  }

  private async loadSuppressions(): Promise<void> {
    const rows: Array<{ key: string }> = await this.dataSource.query(
      "SELECT party_key || '|' || list || '|' || source_id || '|' || entry_fingerprint AS key FROM screening_suppressions",
    );
    this.suppressions = new Set(rows.map((row) => row.key));
  }

  /** Searches one generation, dropping matches an officer disposed of as FALSE_POSITIVE for this party and entry version. */
  search(
    generation: IndexGeneration,
    query: ScreeningQuery,
    thresholds: Thresholds,
    options: { partyKey?: string; threshold?: number; limit?: number } = {},
  ): ScreenedMatch[] {
    const key = JSON.stringify([query, thresholds.review, thresholds.strong, options.threshold, options.limit]);
    let matches = generation.cache.get(key);
    if (matches) {
      generation.cache.delete(key);
    } else {
      matches = generation.index.search(query, thresholds, { threshold: options.threshold, limit: options.limit });
      if (generation.cache.size >= CACHE_SIZE) generation.cache.delete(generation.cache.keys().next().value!);
    }
    generation.cache.set(key, matches);
    const screened: ScreenedMatch[] = [];
    for (const match of matches) {
      const fingerprint = generation.fingerprints.get(match.entry) ?? '';
      if (options.partyKey && this.suppressions.has(`${options.partyKey}|${match.entry.list}|${match.entry.sourceId}|${fingerprint}`)) continue;
      screened.push({ ...match, fingerprint });
    }
    return screened;
  }
}
