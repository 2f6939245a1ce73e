import { describe, expect, it } from 'vitest';
import { TermTable, normaliseLatin, prepareName } from './name-model.js';

function tokens(raw: string, kind: 'person' | 'organisation' | 'any' = 'person'): string[] {
  const form = prepareName(raw, kind, new TermTable())[0];
  return form === undefined ? [] : form.terms.map((t) => `${t.kind}:${t.text}`);
}

describe(normaliseLatin.name, () => {
  it('folds case, strips diacritics and keeps digits', () => {
    expect(normaliseLatin('José MARTÍN Gutiérrez 2000')).toBe('jose martin gutierrez 2000');
    expect(normaliseLatin('Straße Øster Łódź')).toBe('strasse oster lodz');
  });

  it('joins apostrophes and turns hyphens and other punctuation into spaces', () => {
    expect(normaliseLatin("Al-Qa’ida O'Brien")).toBe('al qaida obrien');
    expect(normaliseLatin('Kim Jong–un (KJU)')).toBe('kim jong un kju');
  });

  it('reads dotted initialisms as one word and & as and', () => {
    expect(normaliseLatin('A.B.C. Company')).toBe('abc company');
    expect(normaliseLatin('Procter & Gamble')).toBe('procter and gamble');
  });

  it('undoes letter-for-digit substitutions inside words but keeps plain numbers', () => {
    expect(normaliseLatin('Ig0r Sech1n')).toBe('igor sechin');
    expect(normaliseLatin('Brigade 44')).toBe('brigade 44');
  });
});

describe(prepareName.name, () => {
  it('tags legal forms instead of deleting them, with a canonical code', () => {
    expect(tokens('Acme Trading Limited Liability Company', 'organisation')).toEqual(['name:acme', 'generic:trading', 'legal:llc']);
    expect(tokens('OOO Oboronnye Initsiativy', 'organisation')).toEqual(['legal:ooo', 'name:oboronnye', 'name:initsiativy']);
  });

  it('tags honorifics and Arabic particles with a low weight', () => {
    const form = prepareName('Sheikh Isa bin Tarif al Bin Ali', 'person', new TermTable())[0];
    expect(form?.terms.map((t) => t.kind)).toEqual(['honorific', 'name', 'particle', 'name', 'particle', 'particle', 'name']);
    expect(form?.weights[0]).toBeLessThan(0.3);
  });

  it('joins Arabic compounds written apart', () => {
    expect(tokens("'Abd al-Aziz Nuristani")).toEqual(['name:abdalaziz', 'name:nuristani']);
    expect(tokens('Saif al-Din Habib Ullah')).toEqual(['name:saifuddin', 'name:habibullah']);
  });

  it('reorders "FAMILY, Given" and marks the family name', () => {
    const form = prepareName('NURISTANI, Abdul Aziz', 'person', new TermTable())[0];
    expect(form?.terms.map((t) => t.text)).toEqual(['abdulaziz', 'nuristani']);
    expect(form?.roles[1]).toBe(2);
    expect(form?.orderFree).toBe(true);
  });

  it('halves the weight of patronymics', () => {
    const form = prepareName('Sergey Viktorovich Lavrov', 'person', new TermTable())[0];
    expect(form?.weights[1]).toBeCloseTo(0.5, 5);
  });

  it('interns each distinct token once', () => {
    const table = new TermTable();
    prepareName('Ali Hassan', 'person', table);
    prepareName('Hassan Ali', 'person', table);
    expect(table.size).toBe(2);
  });
});
