import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListFiles } from '../domain/list-entry.js';
import { parseEuFsfXml } from './eu-fsf-xml.parser.js';
import { ListFormatError } from './list-format.error.js';

const fixture = (path: string): ListFiles['main'] => ({
  name: path,
  content: readFileSync(new URL(`./fixtures/${path}`, import.meta.url)),
});

describe(parseEuFsfXml.name, () => {
  const parsed = parseEuFsfXml({ main: fixture('eu/fsf.xml') }, 'EU_FSF');
  const [person, company] = parsed.entries;

  it('reads one entry per ENTITY with its Id as source id', () => {
    expect(parsed.publishedOn).toBe('2026-09-15');
    expect(parsed.entries.map((entry) => [entry.sourceId, entry.type])).toEqual([
      ['7001', 'person'],
      ['7002', 'organisation'],
    ]);
  });

  it('keeps the NAME rows in every language, marking non-Latin scripts', () => {
    expect(person?.names).toEqual([
      {
        full: 'Testo Fictivich Examplov',
        strength: 'primary',
        parts: { given: ['Testo', 'Fictivich'], family: 'Examplov' },
      },
      {
        full: 'Тесто Экзамплов',
        strength: 'strong',
        language: 'bg',
        originalScript: true,
        parts: { given: ['Тесто'], family: 'Экзамплов' },
      },
      { full: 'Testó Examplóv', strength: 'strong', language: 'hu' },
    ]);
    expect(person?.gender).toBe('male');
  });

  it('reads births, citizenships (alpha-3) and documents', () => {
    expect(person?.datesOfBirth.map(({ kind, from, to }) => ({ kind, from, to }))).toEqual([
      { kind: 'exact', from: '1960-01-31', to: '1960-01-31' },
      { kind: 'range', from: '1961-01-01', to: '1963-12-31' },
      { kind: 'range', from: '1958-01-01', to: '1959-12-31' },
    ]);
    expect(person?.nationalities).toEqual(['RU']);
    expect(person?.identifiers).toEqual([
      {
        type: 'PASSPORT',
        number: 'TP 123456',
        country: 'RU',
        text: 'TP 123456 (passport-National passport) [known to be expired]',
      },
    ]);
    expect(person?.programmes).toEqual(['TST']);
    expect(person?.listedOn).toBe('2026-01-05');
    expect(person?.remarks).toBe('(Invented for tests)');
    expect(company?.addresses).toEqual([
      { text: '12 Sample Street, 1000, Exampleburg, CHE', city: 'Exampleburg', country: 'CH' },
    ]);
  });

  it('warns about an unknown country code', () => {
    expect(parsed.warnings).toEqual([
      { file: 'eu/fsf.xml', location: 'ENTITY #1 (Id 7001)', message: 'unknown country "XYZ"' },
    ]);
  });

  it('rejects a truncated file, naming file and line', () => {
    expect(() => parseEuFsfXml({ main: fixture('eu/truncated.xml') }, 'EU_FSF')).toThrow(ListFormatError);
    expect(() => parseEuFsfXml({ main: fixture('eu/truncated.xml') }, 'EU_FSF')).toThrow(
      /^eu\/truncated\.xml: line \d+, column \d+: XML is not well formed/,
    );
  });
});
