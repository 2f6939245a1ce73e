import { describe, it, expect } from 'vitest';
import { mulberry32 } from './prng.js';
import {
  applyTreatment,
  generateVariants,
  isLatinName,
  sampleAcrossLists,
  TREATMENTS,
  type VariantSource,
} from './variants.js';

const sources: VariantSource[] = [
  { list: 'OFAC_SDN', sourceId: '1', name: 'AL-RASHID, Mohammed Abdullah Khalil', kind: 'person' },
  { list: 'UN_SC', sourceId: 'QDi.1', name: 'Youssef Hussein Qasim', kind: 'person' },
  { list: 'EU_FSF', sourceId: '7', name: 'Zoë Brontë Müller', kind: 'person' },
  { list: 'US_CSL', sourceId: 'x', name: 'Northern Shipping Corporation Limited', kind: 'other' },
];

function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}]/gu, '');
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = dp[i];
      const prev = dp[i - 1];
      row[j] = Math.min(
        prev[j] + 1,
        row[j - 1] + 1,
        prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
        i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? dp[i - 2][j - 2] + 1 : Infinity,
      );
    }
  }
  return dp[a.length][b.length];
}

describe('generateVariants', () => {
  it('is deterministic for the same seed', () => {
    expect(generateVariants(sources, 42)).toEqual(generateVariants(sources, 42));
  });

  it('gives an entry the same variants whatever else is sampled', () => {
    const alone = generateVariants([sources[1]], 42);
    const together = generateVariants(sources, 42).filter((v) => v.source.sourceId === 'QDi.1');
    expect(together).toEqual(alone);
  });

  it('changes with the seed', () => {
    const a = generateVariants(sources, 1).map((v) => v.name);
    const b = generateVariants(sources, 2).map((v) => v.name);
    expect(a).not.toEqual(b);
  });

  it('never returns the unchanged name', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const variant of generateVariants(sources, seed))
        expect(variant.name).not.toBe(variant.source.name);
    }
  });
});

describe('applyTreatment', () => {
  it('typo changes exactly one letter of one token of at least 5 letters', () => {
    for (let seed = 0; seed < 50; seed++) {
      const name = 'Mohammed Abdullah Khalil';
      const out = applyTreatment('typo', name, 'person', mulberry32(seed));
      expect(out).not.toBeNull();
      const before = name.split(' ');
      const after = (out?.name ?? '').split(' ');
      expect(after).toHaveLength(3);
      const changed = before.filter((t, i) => t !== after[i]);
      expect(changed).toHaveLength(1);
      const i = before.findIndex((t, k) => t !== after[k]);
      expect(before[i].length).toBeGreaterThanOrEqual(5);
      expect(editDistance(before[i], after[i])).toBe(1);
    }
  });

  it('typo does not apply when every token is shorter than 5 letters', () => {
    expect(applyTreatment('typo', 'Ali Abu Bakr', 'person', mulberry32(1))).toBeNull();
  });

  it('swap keeps the same parts in another order', () => {
    const out = applyTreatment('swap', 'Youssef Hussein Qasim', 'person', mulberry32(3));
    expect(out?.name).not.toBe('Youssef Hussein Qasim');
    expect(out?.name.split(' ').sort()).toEqual(['Hussein', 'Qasim', 'Youssef']);
  });

  it('swap moves compound parts (Abd Al-Ghafur, Ben Habib) as one unit', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = applyTreatment('swap', 'Sundus Abd Al-Ghafur', 'person', mulberry32(seed))?.name;
      expect(out).toBe('Abd Al-Ghafur Sundus');
      const long =
        applyTreatment('swap', 'TAREK BEN HABIB AL-MAAROUFI', 'person', mulberry32(seed))?.name ?? '';
      expect(long).toContain('BEN HABIB');
    }
  });

  it('swap rewrites "FAMILY, Given" in natural order', () => {
    expect(applyTreatment('swap', 'SMITH, John Paul', 'person', mulberry32(1))?.name).toBe('John Paul SMITH');
  });

  it('dropMiddle drops one part that is neither first nor last, for persons of 3+ parts only', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = applyTreatment('dropMiddle', 'Anna Maria Louisa Schmidt', 'person', mulberry32(seed));
      const parts = out?.name.split(' ') ?? [];
      expect(parts).toHaveLength(3);
      expect(parts[0]).toBe('Anna');
      expect(parts[2]).toBe('Schmidt');
    }
    expect(applyTreatment('dropMiddle', 'Anna Schmidt', 'person', mulberry32(1))).toBeNull();
    expect(applyTreatment('dropMiddle', 'Northern Shipping Corporation', 'other', mulberry32(1))).toBeNull();
  });

  it('dropMiddle never splits a compound name (Abdul Bari, Abd Al-Ghafur)', () => {
    for (let seed = 0; seed < 20; seed++) {
      expect(applyTreatment('dropMiddle', 'ABDUL BARI AKHUND', 'person', mulberry32(seed))).toBeNull();
      expect(applyTreatment('dropMiddle', 'Sundus Abd Al-Ghafur', 'person', mulberry32(seed))).toBeNull();
      expect(
        applyTreatment('dropMiddle', 'HASAN DUKHAN, Abdul Fattah', 'person', mulberry32(seed))?.name,
      ).toBe('DUKHAN, Abdul Fattah');
    }
  });

  it('dropMiddle on "FAMILY, Given Middle" drops the middle given name', () => {
    expect(applyTreatment('dropMiddle', 'SMITH, John Paul', 'person', mulberry32(1))?.name).toBe(
      'SMITH, John',
    );
  });

  it('diacritics are removed when present and added otherwise, letters unchanged', () => {
    expect(applyTreatment('diacritics', 'Zoë Brontë Müller', 'person', mulberry32(1))?.name).toBe(
      'Zoe Bronte Muller',
    );
    const added = applyTreatment('diacritics', 'Jose Antonio', 'person', mulberry32(1))?.name ?? '';
    expect(added).not.toBe('Jose Antonio');
    expect(added.normalize('NFD').replace(/\p{M}/gu, '')).toBe('Jose Antonio');
  });

  it('respelling applies a transliteration class and keeps the case style', () => {
    const outs = new Set<string>();
    for (let seed = 0; seed < 40; seed++)
      outs.add(applyTreatment('respelling', 'MOHAMMED', 'person', mulberry32(seed))?.name ?? '');
    expect([...outs].sort()).toEqual(['MOHAMED', 'MUHAMMAD']);
    expect(applyTreatment('respelling', 'Zbigniew', 'person', mulberry32(1))).toBeNull();
  });

  it('casePunctuation changes only case and punctuation', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = applyTreatment('casePunctuation', 'AL-RASHID, Mohammed', 'person', mulberry32(seed));
      expect(out).not.toBeNull();
      expect(letters(out?.name ?? '')).toBe(letters('AL-RASHID, Mohammed'));
    }
  });

  it('respelling leaves legal forms, generic words and acronyms alone', () => {
    for (let seed = 0; seed < 30; seed++) {
      expect(
        applyTreatment('respelling', 'SABALAN COMPANY OOO (KKBC)', 'other', mulberry32(seed)),
      ).toBeNull();
    }
  });

  it('swap moves only the legal form of an organisation', () => {
    expect(applyTreatment('swap', 'OOO EPK KUZNITSA', 'other', mulberry32(1))?.name).toBe('EPK KUZNITSA OOO');
    expect(applyTreatment('swap', 'GAZPROM MEZHREGIONGAZ, OOO', 'other', mulberry32(1))?.name).toBe(
      'OOO GAZPROM MEZHREGIONGAZ',
    );
    expect(applyTreatment('swap', 'AERO ENGINE CORPORATION OF CHINA', 'other', mulberry32(1))).toBeNull();
  });

  it('joinSplit never joins a legal form or a particle to the token before it', () => {
    for (let seed = 0; seed < 30; seed++) {
      const out = applyTreatment('joinSplit', 'OJSC YAHYA AL HAKIM', 'other', mulberry32(seed))?.name;
      expect(['OJSC YAHYA ALHAKIM', 'OJSC YAHYA AL HAKIM', undefined]).toContain(out);
    }
  });

  it('initial reduces the first given name to its initial', () => {
    expect(applyTreatment('initial', 'SMITH, John Paul', 'person', mulberry32(1))?.name).toBe(
      'SMITH, J. Paul',
    );
    expect(applyTreatment('initial', 'John Paul Smith', 'person', mulberry32(1))?.name).toBe('J. Paul Smith');
    expect(applyTreatment('initial', 'Acme Trading', 'other', mulberry32(1))).toBeNull();
  });

  it('joinSplit splits only after a name prefix', () => {
    const outs = new Set<string>();
    for (let seed = 0; seed < 40; seed++)
      outs.add(applyTreatment('joinSplit', 'Abdulrahman Mustafa', 'person', mulberry32(seed))?.name ?? '');
    expect([...outs].sort()).toEqual(['Abdul rahman Mustafa', 'AbdulrahmanMustafa']);
  });

  it('joinSplit keeps the letters and changes the token count', () => {
    for (let seed = 0; seed < 20; seed++) {
      const name = 'Abdulrahman Ali Hassan';
      const out = applyTreatment('joinSplit', name, 'person', mulberry32(seed))?.name ?? '';
      expect(letters(out)).toBe(letters(name));
      expect(out.split(' ').length).not.toBe(3);
    }
  });

  it('covers every treatment on a suitable name', () => {
    const name = 'AL-KHOURY, Mohammed Youssef Abdulkarim';
    for (const treatment of TREATMENTS) {
      expect(applyTreatment(treatment, name, 'person', mulberry32(9)), treatment).not.toBeNull();
    }
  });
});

describe('sampleAcrossLists', () => {
  it('draws from every list in turn and is deterministic', () => {
    const items = [
      ...Array.from({ length: 100 }, (_, i) => ({ list: 'BIG', id: i })),
      ...Array.from({ length: 3 }, (_, i) => ({ list: 'SMALL', id: i })),
    ];
    const sample = sampleAcrossLists(items, 10, 7);
    expect(sample).toHaveLength(10);
    expect(sample.filter((s) => s.list === 'SMALL')).toHaveLength(3);
    expect(sampleAcrossLists(items, 10, 7)).toEqual(sample);
  });
});

describe('isLatinName', () => {
  it('accepts Latin names with diacritics and rejects other scripts', () => {
    expect(isLatinName('Zoë Müller-Łukasiewicz')).toBe(true);
    expect(isLatinName('Владимир')).toBe(false);
    expect(isLatinName('张伟 Zhang')).toBe(false);
  });
});
