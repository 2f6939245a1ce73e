import { describe, expect, it } from 'vitest';
import { editDistance, editSimilarity, jaro, jaroWinkler, penalisedJaroWinkler } from './similarity.js';

describe(jaroWinkler.name, () => {
  it('gives the textbook values for MARTHA/MARHTA and DWAYNE/DUANE', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
  });

  it('is 1 for identical strings and 0 when nothing is shared', () => {
    expect(jaroWinkler('putin', 'putin')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('lindemann', 'lindenberg')).toBeCloseTo(jaroWinkler('lindenberg', 'lindemann'), 10);
  });
});

describe(penalisedJaroWinkler.name, () => {
  it('penalises a different first letter and a large length difference', () => {
    expect(penalisedJaroWinkler('pudin', 'putin')).toBeGreaterThan(penalisedJaroWinkler('budin', 'putin'));
    expect(penalisedJaroWinkler('al', 'alexander')).toBeLessThan(jaroWinkler('al', 'alexander'));
  });
});

describe(editDistance.name, () => {
  it('counts substitutions, insertions, deletions and adjacent transpositions as one edit each', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('lukashenko', 'luakshenko')).toBe(1);
    expect(editDistance('sergei', 'sergi')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops early beyond the maximum distance', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });

  it('turns distances into a similarity relative to the longer string', () => {
    expect(editSimilarity('putin', 'pudin')).toBeCloseTo(0.8, 10);
    expect(editSimilarity('', '')).toBe(1);
  });
});
