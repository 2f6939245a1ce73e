import { describe, it, expect } from 'vitest';
import {
  binaryScores,
  percentile,
  RecallByGroup,
  scoresFromPairs,
  summariseLatencies,
  Tally,
} from './stats.js';

describe('binaryScores', () => {
  it('computes precision, recall and F1 from a confusion matrix', () => {
    const s = binaryScores({ truePositives: 8, falsePositives: 2, trueNegatives: 5, falseNegatives: 2 });
    expect(s.precision).toBeCloseTo(0.8);
    expect(s.recall).toBeCloseTo(0.8);
    expect(s.f1).toBeCloseTo(0.8);
    expect(s.accuracy).toBeCloseTo(13 / 17);
  });

  it('reports 0 rather than NaN when nothing was predicted', () => {
    const s = scoresFromPairs([{ actual: true, predicted: false }]);
    expect(s.precision).toBe(0);
    expect(s.f1).toBe(0);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 95)).toBe(10);
    expect(percentile(sorted, 10)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises unsorted latencies', () => {
    const s = summariseLatencies([5, 1, 3, 2, 4]);
    expect(s).toMatchObject({ count: 5, p50: 3, max: 5, mean: 3 });
  });
});

describe('Tally and RecallByGroup', () => {
  it('ranks the most frequent keys first', () => {
    const t = new Tally();
    for (const k of ['b', 'a', 'b', 'c', 'b', 'a']) t.add(k);
    expect(t.top(2)).toEqual([
      ['b', 3],
      ['a', 2],
    ]);
  });

  it('reports recall per group and overall', () => {
    const r = new RecallByGroup();
    r.add('typo', true);
    r.add('typo', false);
    r.add('swap', true);
    expect(r.rows()).toEqual([
      { group: 'swap', found: 1, total: 1, recall: 1 },
      { group: 'typo', found: 1, total: 2, recall: 0.5 },
    ]);
    expect(r.overall().recall).toBeCloseTo(2 / 3);
  });
});
