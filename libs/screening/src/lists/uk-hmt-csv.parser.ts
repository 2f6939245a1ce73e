import type {
  ListEntry,
  ListEntryName,
  ListEntryType,
  ListFiles,
  ParsedList,
  ParseWarning,
} from '../domain/list-entry.js';
import { countryFromText, isNotACountry } from './countries.js';
import { headerKey, readCsvRows, type CsvRow } from './csv.js';
import { decodeLatin1 } from './decode.js';
import { parseDateOfBirth } from './dates.js';
import { EntryBuilder, joinParts } from './entry-builder.js';
import { ListFormatError } from './list-format.error.js';

const REQUIRED = [
  'Name 6',
  'Name 1',
  'Name 2',
  'Name 3',
  'Name 4',
  'Name 5',
  'DOB',
  'Nationality',
  'Passport Details',
  'NI Number',
  'Group Type',
  'Alias Type',
  'Regime',
  'Group ID',
] as const;

const GROUP_TYPES: Readonly<Record<string, ListEntryType>> = {
  individual: 'person',
  entity: 'organisation',
  ship: 'vessel',
};

/** Dates inside free text ("issued 8.11.2005", "16 June 2009", "Sept 2020", "1995") must not be taken for numbers. */
const DATE_LIKE =
  /\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}\b|\b[A-Za-z]{3,9}\.?\s+\d{4}\b|\b(?:19|20)\d{2}\b/g;
const DOCUMENT_NUMBER = /\b[A-Z]{0,4}-?\d[\dA-Z-]{3,}\b/g;

/**
 * Document numbers in the UK's free-text "Passport Details" and "NI Number" cells, e.g.
 * "(1) 6487 (Egypt). Issued 30 Jan 1986. (2) 388181 (Yemen)" → 6487 (EG), 388181 (YE).
 */
export function documentNumbers(text: string): { number: string; country?: string }[] {
  const cleaned = text.replace(DATE_LIKE, (match) => ' '.repeat(match.length));
  const found: { number: string; country?: string }[] = [];
  for (const match of cleaned.matchAll(DOCUMENT_NUMBER)) {
    const number = match[0].replace(/-$/, '');
    if ((number.match(/\d/g) ?? []).length < 4) continue;
    const after = cleaned.slice((match.index ?? 0) + match[0].length);
    const parenthesis = /^\s*\(([^)]+)\)/.exec(after)?.[1];
    const country = parenthesis === undefined ? undefined : countryFromText(parenthesis);
    if (!found.some((known) => known.number === number))
      found.push(country === undefined ? { number } : { number, country });
  }
  return found;
}

/**
 * Old OFSI consolidated list CSV ("sanctionsconlist.csv"): line 1 "Last Updated,dd/mm/yyyy", line 2 the header, then
 * one row per name × date of birth × address combination. Rows are grouped by Group ID into one entry.
 */
export function parseUkHmtCsv(files: ListFiles, listId: string): ParsedList {
  const file = files.main;
  const rows = readCsvRows(file, decodeLatin1(file));
  const first = rows[0];
  if (first === undefined || headerKey(first.cells[0] ?? '') !== 'last updated') {
    throw new ListFormatError(
      file.name,
      `line ${first?.line ?? 1}`,
      'expected "Last Updated,dd/mm/yyyy" on the first line',
    );
  }
  const header = rows[1];
  if (header === undefined) throw new ListFormatError(file.name, 'line 2', 'header row is missing');
  const columns = new Map(header.cells.map((cell, index) => [headerKey(cell), index]));
  const missing = REQUIRED.filter((name) => !columns.has(headerKey(name)));
  if (missing.length > 0) {
    throw new ListFormatError(
      file.name,
      `line ${header.line} (header)`,
      `missing column(s) ${missing.map((name) => `"${name}"`).join(', ')}`,
    );
  }
  const get = (row: CsvRow, name: string): string | undefined => {
    const index = columns.get(headerKey(name));
    const value = index === undefined ? undefined : row.cells[index]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const warnings: ParseWarning[] = [];
  const builders = new Map<string, EntryBuilder>();
  const notes = new Map<string, Set<string>>();
  for (const row of rows.slice(2)) {
    const location = `line ${row.line}`;
    if (row.cells.length !== header.cells.length) {
      throw new ListFormatError(
        file.name,
        location,
        `expected ${header.cells.length} columns, found ${row.cells.length}`,
      );
    }
    const groupId = get(row, 'Group ID');
    if (groupId === undefined) throw new ListFormatError(file.name, location, 'Group ID is empty');
    let builder = builders.get(groupId);
    if (builder === undefined) {
      const groupType = (get(row, 'Group Type') ?? '').toLowerCase();
      const type = GROUP_TYPES[groupType];
      builder = new EntryBuilder(
        listId,
        groupId,
        type ?? 'unknown',
        warnings,
        file.name,
        `${location} (Group ID ${groupId})`,
      );
      if (type === undefined) builder.warn(`unknown Group Type "${groupType}"`);
      builders.set(groupId, builder);
      notes.set(groupId, new Set());
    }
    const rowBuilder = builder;
    const warnAt = (message: string): void => rowBuilder.warn(message, `${location} (Group ID ${groupId})`);

    const given = ['Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5']
      .map((name) => get(row, name))
      .filter((part): part is string => part !== undefined);
    const family = get(row, 'Name 6');
    const full = joinParts([...given, family], ' ');
    if (full === '') {
      warnAt('row has no name');
    } else {
      const aliasType = (get(row, 'Alias Type') ?? '').toLowerCase();
      const strength: ListEntryName['strength'] = aliasType.startsWith('prim') ? 'primary' : 'strong';
      const name: ListEntryName = { full, strength };
      if (builder.entry.type === 'person' && family !== undefined && given.length > 0) {
        name.parts = { given: given.flatMap((part) => part.split(/\s+/)), family };
      }
      builder.addName(name);
    }

    const dob = get(row, 'DOB');
    if (dob !== undefined) {
      const date = parseDateOfBirth(dob);
      if (date === undefined) warnAt(`unreadable date of birth "${dob}"`);
      else builder.addDateOfBirth(date);
    }
    const nationality = get(row, 'Nationality');
    if (nationality !== undefined) {
      const before = warnings.length;
      builder.addNationalityText(nationality);
      for (const warning of warnings.slice(before)) warning.location = `${location} (Group ID ${groupId})`;
    }
    const passport = get(row, 'Passport Details');
    if (passport !== undefined) {
      for (const { number, country } of documentNumbers(passport)) {
        builder.addIdentifier({
          type: 'PASSPORT',
          number,
          ...(country === undefined ? {} : { country }),
          text: passport,
        });
      }
    }
    const nationalId = get(row, 'NI Number');
    if (nationalId !== undefined) {
      for (const { number, country } of documentNumbers(nationalId)) {
        builder.addIdentifier({
          type: 'NATIONAL_ID',
          number,
          ...(country === undefined ? {} : { country }),
          text: nationalId,
        });
      }
    }
    const countryText = get(row, 'Country');
    const addressText = joinParts([
      get(row, 'Address 1'),
      get(row, 'Address 2'),
      get(row, 'Address 3'),
      get(row, 'Address 4'),
      get(row, 'Address 5'),
      get(row, 'Address 6'),
      get(row, 'Post/Zip Code'),
      countryText,
    ]);
    if (addressText !== '') {
      const code = countryText === undefined ? undefined : countryFromText(countryText);
      if (countryText !== undefined && code === undefined && !isNotACountry(countryText))
        warnAt(`unknown country "${countryText}"`);
      builder.addAddress({ text: addressText, ...(code === undefined ? {} : { country: code }) });
    }
    builder.addProgramme(get(row, 'Regime'));
    const listedOn = get(row, 'Listed On');
    if (listedOn !== undefined && builder.entry.listedOn === undefined) builder.setListedOn(toIso(listedOn));
    const groupNotes = notes.get(groupId);
    for (const note of [get(row, 'Title'), get(row, 'Position'), get(row, 'Other Information')]) {
      if (note !== undefined && groupNotes !== undefined && !groupNotes.has(note)) {
        groupNotes.add(note);
        builder.appendRemarks(note);
      }
    }
  }

  const entries: ListEntry[] = [...builders.values()].map((builder) => builder.entry);
  const parsed: ParsedList = { list: listId, format: 'uk-hmt-csv', entries, warnings };
  const updated = first.cells[1]?.trim();
  if (updated !== undefined && updated !== '') {
    const iso = toIso(updated);
    if (iso !== undefined) parsed.publishedOn = iso;
  }
  return parsed;
}

/** dd/mm/yyyy → YYYY-MM-DD (only for complete dates). */
function toIso(text: string): string | undefined {
  const date = parseDateOfBirth(text);
  return date?.kind === 'exact' ? date.from : undefined;
}
