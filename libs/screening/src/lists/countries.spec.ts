import { describe, expect, it } from 'vitest';
import { countryCode, parseCountries } from './countries.js';

describe(countryCode.name, () => {
  it.each([
    ['Iran', 'IR'],
    ['Iran (Islamic Republic of)', 'IR'],
    ['Iranian', 'IR'],
    ['Korea, North', 'KP'],
    ["Democratic People's Republic of Korea", 'KP'],
    ['Democratic People\u2019s Republic of Korea', 'KP'],
    ['DPRK', 'KP'],
    ['Korea, South', 'KR'],
    ['Syrian Arab Republic', 'SY'],
    ['Russia', 'RU'],
    ['Russian Federation', 'RU'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GB'],
    ['Côte d’Ivoire', 'CI'],
    ['Cote d Ivoire', 'CI'],
    ['Virgin Islands, British', 'VG'],
    ['Region: Gaza', 'PS'],
    ['Hong Kong', 'HK'],
    ['Türkiye', 'TR'],
    ['Iranian (Iranian citizenship)', 'IR'],
    ['Kuwaiti citizenship', 'KW'],
    ['CN', 'CN'],
    ['  china  ', 'CN'],
  ])('maps "%s" to %s', (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it('returns undefined for unknown or empty text', () => {
    expect(countryCode('Atlantis')).toBeUndefined();
    expect(countryCode('')).toBeUndefined();
    expect(countryCode(undefined)).toBeUndefined();
    expect(countryCode('ZZ')).toBeUndefined();
  });
});

describe(parseCountries.name, () => {
  it.each([
    ['(1) Somali (2) Swedish', ['SO', 'SE']],
    ['a) French, b) Tunisian', ['FR', 'TN']],
    ['1) Saudi Arabia 2) Qatar', ['SA', 'QA']],
    ['Bosnia and Herzegovina; Iraq', ['BA', 'IQ']],
    ['Trinidad and Tobago', ['TT']],
    ['Korea, North', ['KP']],
    ['(1) Russian (2) USSR (until 1991)', ['RU']],
  ])('splits "%s"', (text, codes) => {
    expect(parseCountries(text)).toEqual({ codes, unknown: [] });
  });

  it('returns the pieces it cannot map and ignores "no country" values', () => {
    expect(parseCountries('Iran; Atlantis')).toEqual({ codes: ['IR'], unknown: ['Atlantis'] });
    expect(parseCountries('undetermined')).toEqual({ codes: [], unknown: [] });
  });
});

describe('countries in prose', () => {
  it.each([
    ['In Syria as at June 2013', ['SY']],
    ['United States of America. Also believed to hold Syrian nationality', ['US', 'SY']],
    ['Kuwaiti citizenship withdrawn in 2002', ['KW']],
  ])('finds the countries named in "%s"', (text, codes) => {
    expect(parseCountries(text).codes).toEqual(codes);
  });
});
