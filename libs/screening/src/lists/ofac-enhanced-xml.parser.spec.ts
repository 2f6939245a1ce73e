import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListFiles } from '../domain/list-entry.js';
import { parseOfacEnhancedXml } from './ofac-enhanced-xml.parser.js';

const fixture = (path: string): ListFiles['main'] => ({
  name: path,
  content: readFileSync(new URL(`./fixtures/${path}`, import.meta.url)),
});

describe(parseOfacEnhancedXml.name, () => {
  const parsed = parseOfacEnhancedXml({ main: fixture('enhanced/cons-enhanced.xml') }, 'OFAC_CONS');
  const [person, bank] = parsed.entries;

  it('reads entities in the default namespace with their ids and types', () => {
    expect(parsed.publishedOn).toBe('2026-09-30');
    expect(parsed.entries.map((entry) => [entry.sourceId, entry.type])).toEqual([
      ['80001', 'person'],
      ['80002', 'organisation'],
    ]);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads name translations, scripts, parts and low-quality aliases', () => {
    expect(person?.names).toEqual([
      {
        full: 'EXAMPLOVA, Testa Fictiva',
        strength: 'primary',
        parts: { family: 'EXAMPLOVA', given: ['Testa', 'Fictiva'] },
      },
      { full: 'ЭКЗАМПЛОВА Теста', strength: 'primary', originalScript: true },
      { full: 'UMM TEST', strength: 'weak' },
    ]);
  });

  it('reads structured dates of birth, features and addresses', () => {
    expect(person?.datesOfBirth).toEqual([
      { kind: 'year', from: '1962-01-01', to: '1962-12-31', text: '1962' },
      { kind: 'range', from: '1964-01-01', to: '1966-12-31', text: 'circa 15 Mar 1965' },
    ]);
    expect(person?.nationalities).toEqual(['PS']);
    expect(person?.gender).toBe('female');
    expect(person?.addresses).toEqual([
      { text: '1 Test Street, Exampletown, Palestinian', city: 'Exampletown', country: 'PS' },
    ]);
    expect(person?.remarks).toBe('Invented for tests');
  });

  it('reads identity documents and identifier features with ISO issuing countries', () => {
    expect(bank?.identifiers.map(({ type, number, country }) => ({ type, number, country }))).toEqual([
      { type: 'SWIFT_BIC', number: 'EXMPRUMM', country: undefined },
      { type: 'TAX_ID', number: '7700000001', country: 'RU' },
      { type: 'LEI', number: '2534EXAMPLE000000001', country: undefined },
    ]);
    expect(bank?.nationalities).toEqual(['RU']);
    expect(bank?.programmes).toEqual(['UKRAINE-EO13662']);
  });

  it('rejects a file without entities and one with the wrong root', () => {
    expect(() => parseOfacEnhancedXml({ main: fixture('enhanced/no-entities.xml') }, 'OFAC_CONS')).toThrow(
      'enhanced/no-entities.xml: <sanctionsData>: no <entities> element',
    );
    expect(() => parseOfacEnhancedXml({ main: fixture('un/un-small.xml') }, 'OFAC_CONS')).toThrow(
      'un/un-small.xml: root element: expected <sanctionsData>, found <CONSOLIDATED_LIST>',
    );
  });
});
