import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIST_FORMATS, type ListFiles } from '../domain/list-entry.js';
import { defaultListId, parseList } from './index.js';
import { ListFormatError } from './list-format.error.js';

const demo = (name: string): ListFiles['main'] => ({
  name: `sanctions-data/demo/${name}`,
  content: readFileSync(new URL(`../../../../sanctions-data/demo/${name}`, import.meta.url)),
});

describe(parseList.name, () => {
  it('uses the default list id of the format', () => {
    expect(parseList('un-xml', { main: demo('un-demo.xml') }).list).toBe('UN_SC');
    expect(defaultListId('ofac-sdn-csv')).toBe('OFAC_SDN');
    expect(defaultListId('ofac-cons-csv')).toBe('OFAC_CONS');
    expect(defaultListId('ofac-enhanced-xml')).toBe('OFAC_CONS');
    expect(defaultListId('eu-fsf-xml')).toBe('EU_FSF');
    expect(defaultListId('uk-hmt-csv')).toBe('UK_HMT');
    expect(defaultListId('us-csl-csv')).toBe('US_CSL');
  });

  it('needs an explicit list id for simple-csv', () => {
    expect(defaultListId('simple-csv')).toBeUndefined();
    expect(() => parseList('simple-csv', { main: demo('mofcom-demo.csv') })).toThrow(ListFormatError);
    expect(() => parseList('simple-csv', { main: demo('mofcom-demo.csv') })).toThrow(
      /needs an explicit list id/,
    );
    expect(
      parseList('simple-csv', { main: demo('mofcom-demo.csv') }, 'DEMO_MOFCOM_UEL').entries,
    ).toHaveLength(4);
  });

  it('has a parser for every list format', () => {
    for (const format of LIST_FORMATS) {
      expect(() => parseList(format, { main: { name: 'empty', content: Buffer.alloc(0) } }, 'X')).toThrow(
        ListFormatError,
      );
    }
  });

  it('parses the fictional demo lists without warnings', () => {
    const un = parseList('un-xml', { main: demo('un-demo.xml') }, 'DEMO_UN');
    const ofac = parseList(
      'ofac-sdn-csv',
      { main: demo('ofac-demo-sdn.csv'), alt: demo('ofac-demo-alt.csv'), add: demo('ofac-demo-add.csv') },
      'DEMO_OFAC',
    );
    expect(un.warnings).toEqual([]);
    expect(ofac.warnings).toEqual([]);
    expect(un.entries).toHaveLength(6);
    expect(ofac.entries.map((entry) => entry.sourceId)).toEqual([
      '900001',
      '900002',
      '900003',
      '900004',
      '900005',
      '900006',
    ]);
    const petrov = un.entries.find((entry) => entry.names[0]?.full === 'IVAN DEMOVICH PETROV');
    expect(petrov?.datesOfBirth[0]).toMatchObject({ kind: 'exact', from: '1970-01-01' });
    expect(petrov?.nationalities).toEqual(['RU']);
    expect(
      un.entries.some((entry) =>
        entry.names.some((name) => name.originalScript === true && /[\u0600-\u06ff]/.test(name.full)),
      ),
    ).toBe(true);
  });
});
