import { describe, expect, it } from 'vitest';
import type { ScreeningQuery } from '../domain/matcher.js';
import { compareNames } from './index.js';

const thresholds = { review: 0.8, strong: 0.92 };
const person = (name: string, extra: Partial<ScreeningQuery> = {}): ScreeningQuery => ({ name, type: 'person', ...extra });
const score = (a: string, b: string, type: ScreeningQuery['type'] = 'person'): number =>
  compareNames({ name: a, type }, { name: b, type }, thresholds).score;

describe(compareNames.name, () => {
  it('scores identical names 1 and explains every part', () => {
    const result = compareNames(person('Olaf Scholz'), person('Olaf Scholz'), thresholds);
    expect(result.score).toBe(1);
    expect(result.explanation.parts.map((p) => p.method)).toEqual(['exact', 'exact']);
  });

  it('tolerates a typo but not a different family name', () => {
    expect(score('Vladimir Pudin', 'Vladimir Putin')).toBeGreaterThanOrEqual(0.8);
    expect(score('Ihab Makhlouf', 'Rami Makhlouf')).toBeLessThan(0.8);
  });

  it('charges an unmatched query part more than an unmatched list part', () => {
    const extraInQuery = score('Hans Peter Friedrich', 'Hans Friedrich');
    const extraInList = score('Hans Friedrich', 'Hans Peter Friedrich');
    expect(extraInQuery).toBeLessThan(extraInList);
  });

  it('treats a substituted middle name as a conflict', () => {
    expect(score('Mostafa Hassan Mostafa Ibrahim', 'Mostafa Kamel Mostafa Ibrahim')).toBeLessThan(0.8);
  });

  it('never matches on legal forms or particles alone', () => {
    expect(score('CORP', 'ACME CORP', 'organisation')).toBeLessThanOrEqual(0.5);
    expect(score('EMMA LLC', 'EMMA DANIELS', 'any')).toBeLessThan(0.8);
  });

  it('keeps initials, nicknames and gender variants weak', () => {
    expect(score('A. Khamenei', 'Ali Khamenei')).toBeLessThan(score('Ali Khamenei', 'Ali Khamenei'));
    expect(score('Bill Gates', 'William Gates')).toBeLessThan(0.92);
    expect(score('Antonia Bianchi', 'Antonio Bianchi')).toBeLessThan(0.92);
  });

  it('is deterministic and clamped to four decimals', () => {
    const a = compareNames(person('Abdul Aziz Nooristani'), person("'Abd al-Aziz al-Nuristani"), thresholds);
    const b = compareNames(person('Abdul Aziz Nooristani'), person("'Abd al-Aziz al-Nuristani"), thresholds);
    expect(a).toEqual(b);
    expect(Math.round(a.score * 10_000) / 10_000).toBe(a.score);
    expect(a.score).toBeGreaterThanOrEqual(0);
    expect(a.score).toBeLessThanOrEqual(1);
  });

  it('applies qualifiers from the second party: DOB, nationality, identifiers', () => {
    const strong = compareNames(person('Farid Aliyev', { dateOfBirth: '1970-05-01' }), person('Farid Aliyev', { dateOfBirth: '1970' }), thresholds);
    expect(strong.band).toBe('STRONG');
    const uncorroborated = compareNames(person('Farid Aliyev'), person('Farid Aliyev'), thresholds);
    expect(uncorroborated.band).toBe('REVIEW');
    const foreign = compareNames(person('Farid Aliyev', { nationalities: ['BR'] }), person('Farid Aliyev', { nationalities: ['AZ'] }), thresholds);
    expect(foreign.score).toBeCloseTo(0.8, 4);
  });
});
