import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListFiles } from '../domain/list-entry.js';
import { parseSimpleCsv } from './simple-csv.parser.js';

const fixture = (path: string): ListFiles['main'] => ({
  name: path,
  content: readFileSync(new URL(`./fixtures/${path}`, import.meta.url)),
});

describe(parseSimpleCsv.name, () => {
  const parsed = parseSimpleCsv({ main: fixture('simple/list.csv') }, 'MOFCOM_UEL');
  const byId = (id: string) => parsed.entries.find((entry) => entry.sourceId === id);

  it('reads one entry per row with a header in any letter case and a byte order mark', () => {
    expect(parsed.list).toBe('MOFCOM_UEL');
    expect(parsed.entries.map((entry) => [entry.sourceId, entry.type])).toEqual([
      ['T-001', 'organisation'],
      ['T-002', 'person'],
      ['T-003', 'unknown'],
    ]);
  });

  it('splits multi-value cells on | and grades names', () => {
    const entry = byId('T-001');
    expect(entry?.names).toEqual([
      { full: 'Example Robotics Co.', strength: 'primary' },
      { full: '示例机器人公司', strength: 'primary', originalScript: true },
      { full: 'Example Robotics', strength: 'strong' },
      { full: 'ExRobo Inc.', strength: 'strong' },
      { full: 'ER', strength: 'weak' },
    ]);
    expect(entry?.identifiers).toEqual([
      { type: 'USCC', number: '91110000EXAMPLE001', country: 'CN', text: 'USCC:91110000EXAMPLE001:CN' },
      { type: 'CRYPTO_WALLET', number: 'bitcoincash:qexample', text: 'CRYPTO_WALLET:bitcoincash:qexample' },
    ]);
    expect(entry?.addresses).toEqual([
      { text: '9 Test Road, Hangzhou, China', city: 'Hangzhou', country: 'CN' },
    ]);
    expect(entry?.programmes).toEqual(['UNRELIABLE_ENTITY_LIST']);
    expect(entry?.remarks).toBe('Announcement 1, fictional');
    expect(entry?.listedOn).toBe('2026-01-02');
  });

  it('records name parts of "FAMILY, Given" person names and reads dates of birth', () => {
    const entry = byId('T-002');
    expect(entry?.names[0]).toEqual({
      full: 'TESTER, Anna Maria',
      strength: 'primary',
      parts: { family: 'TESTER', given: ['Anna', 'Maria'] },
    });
    expect(entry?.datesOfBirth.map(({ kind, from, to }) => ({ kind, from, to }))).toEqual([
      { kind: 'month', from: '1970-05-01', to: '1970-05-31' },
      { kind: 'range', from: '1979-01-01', to: '1981-12-31' },
    ]);
    expect(entry?.nationalities).toEqual(['DE']);
    expect(entry?.gender).toBe('female');
  });

  it('reports unreadable values as warnings with the line', () => {
    expect(parsed.warnings.map((warning) => `${warning.location}: ${warning.message}`)).toEqual([
      'line 3 (id T-002): unreadable date of birth "not a date"',
      'line 3 (id T-002): unknown country "Atlantis"',
      'line 3 (id T-002): identifier "BROKEN" is not TYPE:NUMBER[:COUNTRY]',
      'line 3 (id T-002): listed_on "02/01/2026" is not a YYYY-MM-DD date',
      'line 4 (id T-003): unknown type "spaceship"; stored as unknown',
    ]);
  });

  it('rejects an unknown column, a short row and a duplicate id, naming file and line', () => {
    expect(() => parseSimpleCsv({ main: fixture('simple/wrong-header.csv') }, 'X')).toThrow(
      'simple/wrong-header.csv: line 1 (header): unknown column(s) "nam"',
    );
    expect(() => parseSimpleCsv({ main: fixture('simple/short-row.csv') }, 'X')).toThrow(
      'simple/short-row.csv: line 3: expected 3 columns, found 2',
    );
    expect(() => parseSimpleCsv({ main: fixture('simple/duplicate-id.csv') }, 'X')).toThrow(
      'simple/duplicate-id.csv: line 3: duplicate id "T-1"',
    );
  });
});
