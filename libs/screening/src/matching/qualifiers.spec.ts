import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../domain/list-entry.js';
import { isCommonNameWord } from './common-names.js';
import {
  bandFor,
  compareDatesOfBirth,
  evaluateQualifiers,
  identifiersMatch,
  normaliseIdentifierNumber,
  queryDateRange,
  UNCORROBORATED_COMMON_NAME,
  uncorroboratedCommonName,
} from './qualifiers.js';

const entry = (overrides: Partial<ListEntry> = {}): ListEntry => ({
  list: 'TEST',
  sourceId: '1',
  type: 'person',
  names: [{ full: 'Test Person', strength: 'primary' }],
  datesOfBirth: [],
  nationalities: [],
  identifiers: [],
  addresses: [],
  programmes: [],
  ...overrides,
});
const exact = (d: string): ListEntry['datesOfBirth'][number] => ({ kind: 'exact', from: d, to: d });

describe(compareDatesOfBirth.name, () => {
  it('accepts year-only and month-only query dates as ranges', () => {
    expect(queryDateRange('1970')).not.toBeNull();
    expect(compareDatesOfBirth('1970', [exact('1970-06-30')]).outcome).toBe('compatible');
    expect(compareDatesOfBirth('1970-06', [exact('1970-06-30')]).outcome).toBe('compatible');
  });

  it('handles list ranges and day/month swaps', () => {
    expect(compareDatesOfBirth('1962-05-05', [{ kind: 'range', from: '1960-01-01', to: '1965-12-31' }]).outcome).toBe('compatible');
    expect(compareDatesOfBirth('1970-03-04', [exact('1970-04-03')]).outcome).toBe('compatible');
  });

  it('reports the gap when dates are disjoint', () => {
    const result = compareDatesOfBirth('1980-01-01', [exact('1970-01-01')]);
    expect(result.outcome).toBe('disjoint');
    expect(result.gapDays).toBeGreaterThan(3000);
  });

  it('does not compare when either side has no date', () => {
    expect(compareDatesOfBirth(undefined, [exact('1970-01-01')]).outcome).toBe('unknown');
    expect(compareDatesOfBirth('1970', []).outcome).toBe('unknown');
  });
});

describe(evaluateQualifiers.name, () => {
  it('demotes a disjoint DOB by 0.15 to 0.25 depending on the gap', () => {
    const near = evaluateQualifiers({ name: 'x', type: 'person', dateOfBirth: '1971-02-01' }, entry({ datesOfBirth: [exact('1970-06-01')] }));
    const far = evaluateQualifiers({ name: 'x', type: 'person', dateOfBirth: '1990-02-01' }, entry({ datesOfBirth: [exact('1970-06-01')] }));
    expect(near.adjustment).toBeCloseTo(-0.15, 5);
    expect(far.adjustment).toBeCloseTo(-0.25, 5);
    expect(near.corroborated).toBe(false);
  });

  it('corroborates on a shared nationality and penalises a different one', () => {
    expect(evaluateQualifiers({ name: 'x', type: 'person', nationalities: ['ir'] }, entry({ nationalities: ['IR'] })).corroborated).toBe(true);
    expect(evaluateQualifiers({ name: 'x', type: 'person', nationalities: ['BR'] }, entry({ nationalities: ['IR'] })).adjustment).toBeCloseTo(-0.2, 5);
  });

  it('penalises a person query against an organisation and stays neutral for any', () => {
    expect(evaluateQualifiers({ name: 'x', type: 'person' }, entry({ type: 'organisation' })).adjustment).toBeLessThan(0);
    expect(evaluateQualifiers({ name: 'x', type: 'any' }, entry({ type: 'vessel' })).adjustment).toBe(0);
  });

  it('recognises an exact identifier of the same family', () => {
    const listed = entry({ identifiers: [{ type: 'PASSPORT', number: 'A12-345 678', country: 'IR' }] });
    const outcome = evaluateQualifiers({ name: 'x', type: 'person', identifiers: [{ type: 'passport', number: 'a12345678' }] }, listed);
    expect(outcome.identifierMatch).toBe(true);
    expect(outcome.corroborated).toBe(true);
  });
});

describe(identifiersMatch.name, () => {
  it('normalises numbers but keeps crypto addresses case-sensitive', () => {
    expect(normaliseIdentifierNumber({ type: 'PASSPORT', number: ' ab-12 34 ' })).toBe('AB1234');
    expect(normaliseIdentifierNumber({ type: 'CRYPTO_WALLET', number: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT' })).toBe('1BoatSLRHtKNngkdXEeobR76b53LETtpyT');
  });

  it('rejects different families, different countries and very short numbers', () => {
    expect(identifiersMatch({ type: 'PASSPORT', number: 'X1234567' }, { type: 'TAX_ID', number: 'X1234567' })).toBe(false);
    expect(identifiersMatch({ type: 'PASSPORT', number: 'X1234567', country: 'IR' }, { type: 'PASSPORT', number: 'X1234567', country: 'IQ' })).toBe(false);
    expect(identifiersMatch({ type: 'PASSPORT', number: '123' }, { type: 'PASSPORT', number: '123' })).toBe(false);
  });
});

describe(bandFor.name, () => {
  const thresholds = { review: 0.8, strong: 0.92 };
  it('is STRONG only when strong and corroborated', () => {
    expect(bandFor(0.95, true, thresholds)).toBe('STRONG');
    expect(bandFor(0.95, false, thresholds)).toBe('REVIEW');
    expect(bandFor(0.85, true, thresholds)).toBe('REVIEW');
    expect(bandFor(0.79, true, thresholds)).toBe('NONE');
  });
});

describe(uncorroboratedCommonName.name, () => {
  const johnSmith = [
    { query: 'john', list: 'john', score: 1, method: 'exact' },
    { query: 'smith', list: 'smith', score: 1, method: 'exact' },
    { query: null, list: 'pridmore', score: 0, method: 'unmatched-list' },
  ];
  const kyc = { name: 'John Smith', type: 'person' as const, dateOfBirth: '1970-10-02', nationalities: ['ZW'] };

  it('discounts a match of common words against an entry with no date of birth or nationality', () => {
    const qualifier = uncorroboratedCommonName(kyc, entry({ type: 'unknown' }), johnSmith);
    expect(qualifier?.field).toBe('commonName');
    expect(qualifier?.effect).toBe(UNCORROBORATED_COMMON_NAME);
  });

  it('leaves name-only searches, entries with secondary fields and organisations alone', () => {
    expect(uncorroboratedCommonName({ name: 'John Smith', type: 'person' }, entry(), johnSmith)).toBeNull();
    expect(uncorroboratedCommonName(kyc, entry({ datesOfBirth: [exact('1950-01-01')] }), johnSmith)).toBeNull();
    expect(uncorroboratedCommonName(kyc, entry({ nationalities: ['GB'] }), johnSmith)).toBeNull();
    expect(uncorroboratedCommonName({ ...kyc, type: 'organisation' }, entry({ type: 'organisation' }), johnSmith)).toBeNull();
    expect(uncorroboratedCommonName(kyc, entry({ type: 'organisation' }), johnSmith)).toBeNull();
  });

  it('needs every matched word to be common', () => {
    const rare = [
      { query: 'john', list: 'john', score: 1, method: 'exact' },
      { query: 'pridmore', list: 'pridmore', score: 1, method: 'exact' },
    ];
    expect(uncorroboratedCommonName(kyc, entry(), rare)).toBeNull();
    expect(uncorroboratedCommonName(kyc, entry(), [{ query: 'john', list: null, score: 0, method: 'unmatched-query' }])).toBeNull();
  });

  it('reads Chinese and Korean given names as common syllables', () => {
    expect(isCommonNameWord('wang')).toBe(true);
    expect(isCommonNameWord('xiuying')).toBe(true);
    expect(isCommonNameWord('yongsu')).toBe(true);
    expect(isCommonNameWord('pridmore')).toBe(false);
    expect(isCommonNameWord('guihuax')).toBe(false);
  });
});
