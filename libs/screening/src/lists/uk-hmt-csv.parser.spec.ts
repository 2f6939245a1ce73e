import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListFiles } from '../domain/list-entry.js';
import { documentNumbers, parseUkHmtCsv } from './uk-hmt-csv.parser.js';

const fixture = (path: string): ListFiles['main'] => ({
  name: path,
  content: readFileSync(new URL(`./fixtures/${path}`, import.meta.url)),
});

describe(parseUkHmtCsv.name, () => {
  const parsed = parseUkHmtCsv({ main: fixture('uk/conlist.csv') }, 'UK_HMT');
  const byId = (id: string) => parsed.entries.find((entry) => entry.sourceId === id);

  it('groups name × date × address rows into one entry per Group ID', () => {
    expect(parsed.publishedOn).toBe('2026-10-01');
    expect(parsed.entries.map((entry) => [entry.sourceId, entry.type])).toEqual([
      ['90001', 'person'],
      ['90002', 'organisation'],
      ['90003', 'person'],
    ]);
  });

  it('builds names from Name 1-5 and Name 6 (surname) and grades them by Alias Type', () => {
    expect(byId('90001')?.names).toEqual([
      {
        full: 'Testa Fictiva EXAMPLEZADEH',
        strength: 'primary',
        parts: { given: ['Testa', 'Fictiva'], family: 'EXAMPLEZADEH' },
      },
      { full: 'Testa EKSAMPLZADE', strength: 'strong', parts: { given: ['Testa'], family: 'EKSAMPLZADE' } },
    ]);
    expect(byId('90002')?.names).toEqual([
      { full: 'EXAMPLE TRADING FZE', strength: 'primary' },
      { full: 'EXAMPLÉ GENERAL TRADING', strength: 'strong' },
    ]);
  });

  it('collects dates of birth, nationalities and document numbers across the rows', () => {
    const entry = byId('90001');
    expect(entry?.datesOfBirth.map(({ kind, from, to }) => ({ kind, from, to }))).toEqual([
      { kind: 'year', from: '1961-01-01', to: '1961-12-31' },
      { kind: 'exact', from: '1962-03-12', to: '1962-03-12' },
    ]);
    expect(entry?.nationalities).toEqual(['IR', 'IQ']);
    expect(entry?.identifiers.map(({ type, number, country }) => ({ type, number, country }))).toEqual([
      { type: 'PASSPORT', number: 'T123456', country: 'IR' },
      { type: 'PASSPORT', number: '99887766', country: 'IQ' },
      { type: 'NATIONAL_ID', number: '12345678', country: 'IT' },
    ]);
    expect(entry?.addresses).toEqual([{ text: '1 Test Street, Iran', country: 'IR' }]);
    expect(entry?.programmes).toEqual(['Iran Nuclear']);
    expect(entry?.listedOn).toBe('2016-04-01');
    expect(entry?.remarks).toBe('Dr; Director; Invented for tests.');
    expect(byId('90003')?.nationalities).toEqual(['KP']);
  });

  it('warns about an unknown country and an impossible date', () => {
    expect(parsed.warnings.map((warning) => `${warning.location}: ${warning.message}`)).toEqual([
      'line 7 (Group ID 90002): unknown country "Atlantis"',
      'line 8 (Group ID 90003): unreadable date of birth "31/02/1970"',
    ]);
  });

  it('rejects a row with the wrong number of columns, a missing first line and a wrong header', () => {
    expect(() => parseUkHmtCsv({ main: fixture('uk/bad-row.csv') }, 'UK_HMT')).toThrow(
      'uk/bad-row.csv: line 4: expected 29 columns, found 12',
    );
    expect(() => parseUkHmtCsv({ main: fixture('uk/no-last-updated.csv') }, 'UK_HMT')).toThrow(
      'uk/no-last-updated.csv: line 1: expected "Last Updated,dd/mm/yyyy" on the first line',
    );
    expect(() => parseUkHmtCsv({ main: fixture('uk/wrong-header.csv') }, 'UK_HMT')).toThrow(
      'uk/wrong-header.csv: line 2 (header): missing column(s) "Group ID"',
    );
  });
});

describe(documentNumbers.name, () => {
  it('finds document numbers in free text without taking dates for numbers', () => {
    expect(
      documentNumbers('(1) 6487 (Egypt). Issued 30 Jan 1986. (2) (Eqypt). Issued 1993. (3) 388181 (Yemen).'),
    ).toEqual([
      { number: '6487', country: 'EG' },
      { number: '388181', country: 'YE' },
    ]);
    expect(documentNumbers('Passport No: 592667 (Qatari passport issued on 3 May 2007).')).toEqual([
      { number: '592667', country: 'QA' },
    ]);
    expect(
      documentNumbers('SE-011697 (Afghan) Issued on 25 Jan 1988 in Kabul. Expiry date 23 Feb 2000.'),
    ).toEqual([{ number: 'SE-011697', country: 'AF' }]);
  });
});
