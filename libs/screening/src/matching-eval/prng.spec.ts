import { describe, it, expect } from 'vitest';
import { mulberry32, seedFromString } from './prng.js';

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('stays in range', () => {
    const r = mulberry32(9);
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = r.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });

  it('shuffles without losing items', () => {
    const items = [1, 2, 3, 4, 5, 6];
    expect(mulberry32(1).shuffle(items).sort()).toEqual(items);
  });
});

describe('seedFromString', () => {
  it('is stable and salt-sensitive', () => {
    expect(seedFromString('OFAC_SDN|123')).toBe(seedFromString('OFAC_SDN|123'));
    expect(seedFromString('OFAC_SDN|123', 1)).not.toBe(seedFromString('OFAC_SDN|123', 2));
  });
});
