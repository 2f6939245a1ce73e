import { createHash } from 'node:crypto';
import type { ListEntry } from '../domain/list-entry.js';

export interface ListDelta {
  added: string[];
  removed: string[];
  changed: string[];
}

/** JSON with object keys sorted at every level, so equal entries always serialise to the same text. */
function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/**
 * A stable SHA-256 over the entry's canonical JSON: the "list entry version" that a FALSE_POSITIVE disposition
 * is tied to, so the disposition stops applying when the list changes the entry. Array order is kept because the
 * lists' own order (primary name first) carries meaning.
 */
export function entryFingerprint(entry: ListEntry): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/** Source ids added, removed and changed between two snapshots of the same list (sorted). */
export function computeDelta(previous: readonly ListEntry[], next: readonly ListEntry[]): ListDelta {
  const before = new Map(previous.map((entry) => [entry.sourceId, entry]));
  const after = new Map(next.map((entry) => [entry.sourceId, entry]));
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [sourceId, entry] of after) {
    const old = before.get(sourceId);
    if (old === undefined) added.push(sourceId);
    else if (entryFingerprint(old) !== entryFingerprint(entry)) changed.push(sourceId);
  }
  for (const sourceId of before.keys()) if (!after.has(sourceId)) removed.push(sourceId);
  const order = (left: string, right: string): number => left.localeCompare(right, 'en', { numeric: true });
  return { added: added.sort(order), removed: removed.sort(order), changed: changed.sort(order) };
}
