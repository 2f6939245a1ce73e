import { describe, expect, it } from 'vitest';
import type { ParseWarning } from '../domain/list-entry.js';
import { EntryBuilder } from './entry-builder.js';

describe(EntryBuilder.name, () => {
  const builder = (): EntryBuilder =>
    new EntryBuilder('TEST', '1', 'person', [] as ParseWarning[], 'file.csv', 'line 2');

  it('keeps primary names first even when an alias row comes first', () => {
    const entry = builder();
    entry.addName({ full: 'Alias One', strength: 'strong' });
    entry.addName({ full: 'Weak One', strength: 'weak' });
    entry.addName({ full: 'Primary Name', strength: 'primary' });
    expect(entry.entry.names.map((name) => name.full)).toEqual(['Primary Name', 'Alias One', 'Weak One']);
  });

  it('keeps the strongest reading of a name published twice', () => {
    const entry = builder();
    entry.addName({ full: 'Primary Name', strength: 'primary' });
    entry.addName({ full: 'Same  Name', strength: 'weak' });
    entry.addName({ full: 'Same Name', strength: 'strong' });
    expect(entry.entry.names).toEqual([
      { full: 'Primary Name', strength: 'primary' },
      { full: 'Same Name', strength: 'strong' },
    ]);
  });

  it('deduplicates identifiers, addresses, programmes and dates', () => {
    const entry = builder();
    entry.addIdentifier({ type: 'PASSPORT', number: ' A1 ' });
    entry.addIdentifier({ type: 'PASSPORT', number: 'A1' });
    entry.addAddress({ text: 'Somewhere' });
    entry.addAddress({ text: ' Somewhere ' });
    entry.addProgramme('SDGT');
    entry.addProgramme('SDGT ');
    entry.addDateOfBirthText('1960');
    entry.addDateOfBirthText('00/00/1960');
    expect(entry.entry.identifiers).toEqual([{ type: 'PASSPORT', number: 'A1' }]);
    expect(entry.entry.addresses).toEqual([{ text: 'Somewhere' }]);
    expect(entry.entry.programmes).toEqual(['SDGT']);
    expect(entry.entry.datesOfBirth).toHaveLength(1);
  });
});
