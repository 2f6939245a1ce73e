import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../domain/list-entry.js';
import { computeDelta, entryFingerprint } from './delta.js';

const entry = (sourceId: string, name: string, extra: Partial<ListEntry> = {}): ListEntry => ({
  list: 'TEST',
  sourceId,
  type: 'person',
  names: [{ full: name, strength: 'primary' }],
  datesOfBirth: [],
  nationalities: [],
  identifiers: [],
  addresses: [],
  programmes: [],
  ...extra,
});

describe(entryFingerprint.name, () => {
  it('is a SHA-256 hex digest that ignores key order and undefined fields', () => {
    const one = entry('1', 'TEST, One');
    const reordered = Object.fromEntries(Object.entries(one).reverse()) as unknown as ListEntry;
    expect(entryFingerprint(one)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryFingerprint(reordered)).toBe(entryFingerprint(one));
    expect(entryFingerprint({ ...one, gender: undefined })).toBe(entryFingerprint(one));
  });

  it('changes when any published detail changes', () => {
    const one = entry('1', 'TEST, One');
    expect(entryFingerprint(entry('1', 'TEST, Uno'))).not.toBe(entryFingerprint(one));
    expect(entryFingerprint({ ...one, nationalities: ['IR'] })).not.toBe(entryFingerprint(one));
  });
});

describe(computeDelta.name, () => {
  it('lists added, removed and changed source ids', () => {
    const previous = [entry('1', 'A'), entry('2', 'B'), entry('10', 'C')];
    const next = [entry('1', 'A'), entry('2', 'B changed'), entry('3', 'D'), entry('11', 'E')];
    expect(computeDelta(previous, next)).toEqual({ added: ['3', '11'], removed: ['10'], changed: ['2'] });
  });

  it('is empty for identical snapshots', () => {
    const snapshot = [entry('1', 'A')];
    expect(computeDelta(snapshot, [entry('1', 'A')])).toEqual({ added: [], removed: [], changed: [] });
  });
});
