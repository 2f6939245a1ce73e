import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListFiles } from '../domain/list-entry.js';
import { ListFormatError } from './list-format.error.js';
import { parseOfacConsCsv } from './ofac-cons-csv.parser.js';
import { parseOfacSdnCsv } from './ofac-sdn-csv.parser.js';

const fixture = (path: string): ListFiles['main'] => ({
  name: path,
  content: readFileSync(new URL(`./fixtures/${path}`, import.meta.url)),
});

const files = (): ListFiles => ({
  main: fixture('ofac/sdn.csv'),
  alt: fixture('ofac/alt.csv'),
  add: fixture('ofac/add.csv'),
  comments: fixture('ofac/sdn_comments.csv'),
});

describe(parseOfacSdnCsv.name, () => {
  const parsed = parseOfacSdnCsv(files(), 'OFAC_SDN');
  const byId = (id: string) => parsed.entries.find((entry) => entry.sourceId === id);

  it('reads one entry per sdn.csv row with its type, ignoring the end-of-file byte', () => {
    expect(parsed.format).toBe('ofac-sdn-csv');
    expect(parsed.entries.map((entry) => [entry.sourceId, entry.type])).toEqual([
      ['910001', 'person'],
      ['910002', 'organisation'],
      ['910003', 'vessel'],
      ['910004', 'aircraft'],
    ]);
  });

  it('keeps the published name, records family and given parts, and grades aliases', () => {
    expect(byId('910001')?.names).toEqual([
      {
        full: 'EXAMPLOV, Testa Fictiva',
        strength: 'primary',
        parts: { family: 'EXAMPLOV', given: ['Testa', 'Fictiva'] },
      },
      { full: 'EXAMPLOVA, Testa', strength: 'strong', parts: { family: 'EXAMPLOVA', given: ['Testa'] } },
      { full: 'TESTA', strength: 'weak' },
      { full: "AL-QA'IDAT TEST", strength: 'weak' },
    ]);
    expect(byId('910002')?.names.map((name) => [name.full, name.strength])).toEqual([
      ['EXAMPLE HOLDINGS LTD', 'primary'],
      ['EXAMPLE HOLDINGS LIMITED', 'strong'],
      ['NEW EXAMPLE HOLDINGS', 'strong'],
    ]);
  });

  it('decodes Latin-1 names', () => {
    expect(byId('910003')?.names.map((name) => name.full)).toContain('OCÉAN EXAMPLÉ');
  });

  it('reads dates of birth, nationalities, gender and documents out of the remarks', () => {
    const entry = byId('910001');
    expect(entry?.datesOfBirth.map(({ kind, from, to }) => ({ kind, from, to }))).toEqual([
      { kind: 'exact', from: '1960-01-01', to: '1960-01-01' },
      { kind: 'range', from: '1957-01-01', to: '1959-12-31' },
      { kind: 'range', from: '1962-01-01', to: '1964-12-31' },
    ]);
    expect(entry?.nationalities).toEqual(['IR']);
    expect(entry?.gender).toBe('female');
    expect(entry?.programmes).toEqual(['SDGT', 'IRGC']);
    expect(entry?.identifiers).toEqual([
      {
        type: 'PASSPORT',
        number: 'T7654321',
        country: 'IR',
        text: 'Passport T7654321 (Iran) issued 01 Jan 2010 expires 31 Dec 2020',
      },
      {
        type: 'NATIONAL_ID',
        number: '123-456-789',
        country: 'IR',
        text: 'National ID No. 123-456-789 (Iran)',
      },
    ]);
    expect(entry?.addresses).toEqual([
      { text: '1 Test Street, Tehran, Iran', city: 'Tehran', country: 'IR' },
    ]);
  });

  it('reads company, crypto and vessel identifiers', () => {
    expect(
      byId('910002')?.identifiers.map(({ type, number, country }) => ({ type, number, country })),
    ).toEqual([
      { type: 'USCC', number: '91110000EXAMPLE01', country: 'CN' },
      { type: 'LEI', number: '5493EXAMPLE0000000001', country: undefined },
      { type: 'CRYPTO_WALLET', number: 'bc1qexampleexampleexample', country: undefined },
      { type: 'TAX_ID', number: '7700000000', country: 'RU' },
      { type: 'REGISTRATION_NUMBER', number: '1020000000000', country: 'RU' },
      { type: 'SWIFT_BIC', number: 'EXMPCNBJ', country: undefined },
    ]);
    expect(byId('910003')?.identifiers.map(({ type, number }) => [type, number])).toEqual([
      ['CALL_SIGN', 'EXA1'],
      ['IMO', '9000003'],
      ['MMSI', '422000000'],
    ]);
  });

  it('continues a cut remark with its sdn_comments.csv overflow', () => {
    expect(byId('910002')?.remarks).toMatch(
      /please visit the following link: https:\/\/example\.test\/directives\.$/,
    );
  });

  it('drops alias, address and comment rows without a primary record, with a warning each', () => {
    expect(parsed.entries.some((entry) => entry.sourceId === '999999')).toBe(false);
    expect(parsed.warnings.filter((warning) => warning.message.includes('no primary record'))).toEqual([
      {
        file: 'ofac/sdn_comments.csv',
        location: 'ent_num 999998',
        message: 'comment rows for ent_num 999998 have no primary record; dropped',
      },
      {
        file: 'ofac/alt.csv',
        location: 'ent_num 999999',
        message: 'alias rows for ent_num 999999 have no primary record; dropped',
      },
      {
        file: 'ofac/add.csv',
        location: 'ent_num 999999',
        message: 'address rows for ent_num 999999 have no primary record; dropped',
      },
    ]);
  });

  it('warns about an unknown country and an impossible date instead of failing', () => {
    const messages = parsed.warnings.map((warning) => warning.message);
    expect(messages).toContain('unknown country "Atlantis"');
    expect(messages).toContain('unreadable date of birth "31 Feb 1961"');
  });

  it('works with the main file alone', () => {
    const alone = parseOfacSdnCsv({ main: fixture('ofac/sdn.csv') }, 'OFAC_SDN');
    expect(alone.entries).toHaveLength(4);
    expect(alone.entries[0]?.addresses).toEqual([]);
  });

  it('rejects a row with the wrong number of columns, naming file and line', () => {
    expect(() => parseOfacSdnCsv({ main: fixture('ofac/sdn-bad-columns.csv') }, 'OFAC_SDN')).toThrow(
      'ofac/sdn-bad-columns.csv: line 2: expected 12 columns, found 5',
    );
  });

  it('rejects a truncated file and an empty file', () => {
    expect(() => parseOfacSdnCsv({ main: fixture('ofac/sdn-truncated.csv') }, 'OFAC_SDN')).toThrow(
      /^ofac\/sdn-truncated\.csv: line \d+: CSV cannot be parsed: Quote Not Closed/,
    );
    expect(() => parseOfacSdnCsv({ main: fixture('ofac/empty.csv') }, 'OFAC_SDN')).toThrow(ListFormatError);
    expect(() => parseOfacSdnCsv({ ...files(), alt: fixture('ofac/empty.csv') }, 'OFAC_SDN')).toThrow(
      'ofac/empty.csv: line 1: file is empty',
    );
  });
});

describe(parseOfacConsCsv.name, () => {
  it('reads the consolidated list with the same layout under its own format', () => {
    const parsed = parseOfacConsCsv({ main: fixture('ofac/sdn.csv') }, 'OFAC_CONS');
    expect(parsed.format).toBe('ofac-cons-csv');
    expect(parsed.list).toBe('OFAC_CONS');
    expect(parsed.entries[0]?.list).toBe('OFAC_CONS');
  });
});
