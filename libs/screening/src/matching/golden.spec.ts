import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../domain/list-entry.js';
import type { Band, ScreeningQuery, Thresholds } from '../domain/matcher.js';
import { buildSanctionsIndex } from './index.js';

/** One golden scenario per file: a small list fragment, a query and the expected outcome. */
interface GoldenScenario {
  description: string;
  list: Array<Partial<ListEntry> & Pick<ListEntry, 'list' | 'sourceId' | 'type' | 'names'>>;
  query: ScreeningQuery;
  thresholds?: Thresholds;
  expect: { hit: boolean; sourceId?: string; band?: Band; minScore?: number; maxScore?: number };
}

const folder = new URL('./golden/', import.meta.url);
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .sort();

function completeEntry(partial: GoldenScenario['list'][number]): ListEntry {
  return {
    datesOfBirth: [],
    nationalities: [],
    identifiers: [],
    addresses: [],
    programmes: [],
    ...partial,
  };
}

describe('golden matching scenarios', () => {
  it('has at least 30 scenario files', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of files) {
    const scenario = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as GoldenScenario;
    it(`${file.replace(/\.json$/, '')}: ${scenario.description}`, () => {
      const index = buildSanctionsIndex(scenario.list.map(completeEntry));
      const thresholds = scenario.thresholds ?? { review: 0.8, strong: 0.92 };
      const matches = index.search(scenario.query, thresholds);
      const expected = scenario.expect;
      const hit = expected.sourceId === undefined ? matches[0] : matches.find((m) => m.entry.sourceId === expected.sourceId);
      if (!expected.hit) {
        expect(matches.map((m) => `${m.entry.sourceId} ${m.score}`)).toEqual([]);
        return;
      }
      expect(hit, `no match for ${scenario.query.name}`).toBeDefined();
      if (hit === undefined) return;
      if (expected.band !== undefined) expect(hit.band).toBe(expected.band);
      if (expected.minScore !== undefined) expect(hit.score).toBeGreaterThanOrEqual(expected.minScore);
      if (expected.maxScore !== undefined) expect(hit.score).toBeLessThanOrEqual(expected.maxScore);
      // every returned match explains itself
      expect(hit.explanation.parts.length + hit.explanation.qualifiers.length).toBeGreaterThan(0);
    });
  }
});
