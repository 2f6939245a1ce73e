import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListFiles } from '../domain/list-entry.js';
import { ListFormatError } from './list-format.error.js';
import { parseUnXml, splitAliasName } from './un-xml.parser.js';

const fixture = (path: string): ListFiles['main'] => ({
  name: path,
  content: readFileSync(new URL(`./fixtures/${path}`, import.meta.url)),
});

describe(parseUnXml.name, () => {
  const parsed = parseUnXml({ main: fixture('un/un-small.xml') }, 'UN_SC');
  const byId = (id: string) => parsed.entries.find((entry) => entry.sourceId === id);

  it('reads individuals and entities with their reference numbers as source ids', () => {
    expect(parsed.list).toBe('UN_SC');
    expect(parsed.format).toBe('un-xml');
    expect(parsed.publishedOn).toBe('2026-10-01');
    expect(parsed.entries.map((entry) => [entry.sourceId, entry.type])).toEqual([
      ['QDi.901', 'person'],
      ['KPi.901', 'person'],
      ['KPe.901', 'organisation'],
    ]);
  });

  it('joins the name parts, keeps the original script and grades aliases by quality', () => {
    expect(byId('QDi.901')?.names).toEqual([
      { full: 'TESTER FICTIVUS EXAMPLOV', strength: 'primary' },
      { full: 'تستر فكتيفوس', strength: 'primary', originalScript: true },
      { full: 'Tester Fiktivus', strength: 'strong' },
      { full: 'Abu Test', strength: 'weak' },
    ]);
    expect(byId('KPe.901')?.names.map((name) => [name.full, name.strength])).toEqual([
      ['EXAMPLE FRONT COMPANY', 'primary'],
      ['EFC', 'strong'],
      ['OLD EXAMPLE TRADING', 'strong'],
    ]);
  });

  it('reads exact, between and approximate dates of birth, including an alias date of birth', () => {
    expect(byId('QDi.901')?.datesOfBirth.map(({ kind, from, to }) => ({ kind, from, to }))).toEqual([
      { kind: 'exact', from: '1961-02-03', to: '1961-02-03' },
      { kind: 'exact', from: '1960-01-31', to: '1960-01-31' },
      { kind: 'range', from: '1958-01-01', to: '1962-12-31' },
    ]);
    expect(byId('KPi.901')?.datesOfBirth.map(({ kind, from, to }) => ({ kind, from, to }))).toEqual([
      { kind: 'range', from: '1969-01-01', to: '1971-12-31' },
      { kind: 'year', from: '1971-01-01', to: '1971-12-31' },
    ]);
  });

  it('maps nationalities to ISO codes and documents to typed identifiers', () => {
    const entry = byId('QDi.901');
    expect(entry?.nationalities).toEqual(['IR', 'SY']);
    expect(byId('KPi.901')?.nationalities).toEqual(['KP']);
    expect(entry?.identifiers).toEqual([
      { type: 'PASSPORT', number: 'T1234567', country: 'IR', text: 'Passport; Expired' },
      { type: 'NATIONAL_ID', number: '0012345678', text: 'National Identification Number' },
    ]);
    expect(entry?.gender).toBe('male');
    expect(entry?.programmes).toEqual(['Al-Qaida']);
    expect(entry?.listedOn).toBe('2010-05-06');
    expect(byId('KPe.901')?.addresses).toEqual([
      { text: "Pyongyang, Democratic People's Republic of Korea", city: 'Pyongyang', country: 'KP' },
    ]);
  });

  it('turns an unknown country and an impossible date into warnings, not errors', () => {
    expect(parsed.warnings).toEqual([
      { file: 'un/un-small.xml', location: 'INDIVIDUAL #1 (QDi.901)', message: 'unknown country "Atlantis"' },
      {
        file: 'un/un-small.xml',
        location: 'INDIVIDUAL #2 (KPi.901)',
        message: 'unreadable date of birth "1971-02-30"',
      },
    ]);
    expect(byId('QDi.901')?.addresses[0]).toEqual({
      text: '1 Nowhere Street, Testville, Atlantis',
      city: 'Testville',
    });
  });

  it('rejects a truncated file, naming the file and the line', () => {
    const parse = () => parseUnXml({ main: fixture('un/un-truncated.xml') }, 'UN_SC');
    expect(parse).toThrow(ListFormatError);
    expect(parse).toThrow(/^un\/un-truncated\.xml: line \d+, column \d+: XML is not well formed/);
  });

  it('rejects a document without the CONSOLIDATED_LIST root element', () => {
    expect(() => parseUnXml({ main: fixture('un/un-wrong-root.xml') }, 'UN_SC')).toThrow(
      'un/un-wrong-root.xml: root element: expected <CONSOLIDATED_LIST>, found <SANCTIONS>',
    );
  });

  it('rejects an empty file', () => {
    const error = (() => {
      try {
        parseUnXml({ main: { name: 'empty.xml', content: Buffer.alloc(0) } }, 'UN_SC');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ListFormatError);
    expect((error as ListFormatError).code).toBe('LIST_FORMAT_INVALID');
    expect((error as ListFormatError).message).toBe('empty.xml: line 1: file is empty');
  });
});

describe(splitAliasName.name, () => {
  it('splits several spellings in one alias and drops unbalanced parentheses', () => {
    expect(splitAliasName('Testa Example')).toEqual(['Testa Example']);
    expect(splitAliasName('Testa Example; Testa Exampel')).toEqual(['Testa Example', 'Testa Exampel']);
    expect(splitAliasName('Front (FRT) (جبهة (original script); Example Front; Front of Examples)')).toEqual([
      'Front (FRT) جبهة',
      'Example Front',
      'Front of Examples',
    ]);
  });
});
