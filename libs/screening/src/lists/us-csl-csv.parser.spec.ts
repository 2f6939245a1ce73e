import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListFiles } from '../domain/list-entry.js';
import { ListFormatError } from './list-format.error.js';
import { cslSourceCode, parseUsCslCsv } from './us-csl-csv.parser.js';

const fixture = (path: string): ListFiles['main'] => ({
  name: path,
  content: readFileSync(new URL(`./fixtures/${path}`, import.meta.url)),
});

describe(parseUsCslCsv.name, () => {
  const parsed = parseUsCslCsv({ main: fixture('csl/consolidated.csv.gz') }, 'US_CSL');
  const byId = (id: string) => parsed.entries.find((entry) => entry.sourceId === id);

  it('inflates gzip and reads the same entries as the plain CSV with a byte order mark', () => {
    const plain = parseUsCslCsv({ main: fixture('csl/consolidated.csv') }, 'US_CSL');
    expect(plain.entries).toEqual(parsed.entries);
  });

  it('prefixes the _id with the source code and merges a record published twice', () => {
    expect(parsed.entries.map((entry) => [entry.sourceId, entry.type])).toEqual([
      ['SDN:95001', 'person'],
      ['EL:3f786850e387550fdab836ed7e6dc881de23001b', 'unknown'],
      ['SDN:95003', 'vessel'],
      ['SSI:95003', 'vessel'],
    ]);
    expect(byId('SSI:95003')?.names.map((name) => name.full)).toEqual(['SEA EXAMPLE', 'OCEAN EXAMPLE']);
    expect(parsed.warnings.map((warning) => `${warning.location}: ${warning.message}`)).toEqual([
      'line 2 (SDN:95001): unreadable date of birth "sometime"',
      'line 4 (SDN:95003): unknown country "XX"',
      'line 6: SSI:95003 is published twice; rows merged',
    ]);
  });

  it('reads names, dates of birth, nationalities, identifiers and gender', () => {
    const entry = byId('SDN:95001');
    expect(entry?.names).toEqual([
      { full: 'EXAMPLOV, Testa', strength: 'primary', parts: { family: 'EXAMPLOV', given: ['Testa'] } },
      { full: 'EXAMPLOVA, Testa', strength: 'strong', parts: { family: 'EXAMPLOVA', given: ['Testa'] } },
      { full: 'TESTA EXAMPLE', strength: 'strong' },
    ]);
    expect(entry?.datesOfBirth.map(({ kind, from, to }) => ({ kind, from, to }))).toEqual([
      { kind: 'exact', from: '1960-01-31', to: '1960-01-31' },
      { kind: 'range', from: '1961-01-01', to: '1963-12-31' },
    ]);
    expect(entry?.nationalities).toEqual(['IR', 'IQ']);
    expect(entry?.gender).toBe('female');
    expect(entry?.identifiers.map(({ type, number, country }) => ({ type, number, country }))).toEqual([
      { type: 'PASSPORT', number: 'T1234567', country: 'IR' },
      { type: 'NATIONAL_ID', number: '0012345678', country: 'IR' },
    ]);
    expect(entry?.addresses).toEqual([{ text: '1 Test Street, Tehran, IR', country: 'IR' }]);
    expect(entry?.programmes).toEqual(['SDGT', 'IRGC']);
  });

  it('reads company and vessel identifiers', () => {
    const company = byId('EL:3f786850e387550fdab836ed7e6dc881de23001b');
    expect(company?.identifiers.map(({ type, number, country }) => ({ type, number, country }))).toEqual([
      { type: 'USCC', number: '91440300EXAMPLE001', country: 'CN' },
    ]);
    expect(company?.listedOn).toBe('2020-05-22');
    expect(company?.addresses[0]?.country).toBe('CN');
    expect(byId('SDN:95003')?.identifiers.map(({ type, number }) => [type, number])).toEqual([
      ['IMO', '9000003'],
      ['MMSI', '422000000'],
    ]);
  });

  it('rejects a gzip that does not inflate and a CSV without the expected columns', () => {
    expect(() => parseUsCslCsv({ main: fixture('csl/truncated.csv.gz') }, 'US_CSL')).toThrow(ListFormatError);
    expect(() => parseUsCslCsv({ main: fixture('csl/truncated.csv.gz') }, 'US_CSL')).toThrow(
      /^csl\/truncated\.csv\.gz: byte 0 of \d+: gzip stream does not inflate/,
    );
    expect(() => parseUsCslCsv({ main: fixture('csl/wrong-header.csv') }, 'US_CSL')).toThrow(
      'csl/wrong-header.csv: line 1 (header): missing column(s) "name", "type", "alt_names", "dates_of_birth", "nationalities", "ids", "addresses"',
    );
  });
});

describe(cslSourceCode.name, () => {
  it.each([
    ['Specially Designated Nationals (SDN) - Treasury Department', 'SDN'],
    ['Entity List (EL) - Bureau of Industry and Security', 'EL'],
    ['Military End User (MEU) List - Bureau of Industry and Security', 'MEU'],
    ['Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department', 'NS-MBS'],
  ])('abbreviates "%s" as %s', (source, code) => {
    expect(cslSourceCode(source)).toBe(code);
  });
});
