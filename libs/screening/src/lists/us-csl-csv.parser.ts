import type {
  ListEntry,
  ListEntryName,
  ListEntryType,
  ListFiles,
  ParsedList,
  ParseWarning,
} from '../domain/list-entry.js';
import { countryCode } from './countries.js';
import { headerKey, readCsvRows, type CsvRow } from './csv.js';
import { decodeUtf8, gunzipIfNeeded } from './decode.js';
import { EntryBuilder } from './entry-builder.js';
import { ListFormatError } from './list-format.error.js';
import { ofacNameParts } from './ofac-legacy-csv.js';
import { ofacIdentifierType } from './ofac-remarks.js';

const REQUIRED = [
  '_id',
  'source',
  'name',
  'type',
  'alt_names',
  'dates_of_birth',
  'nationalities',
  'ids',
  'addresses',
] as const;

const TYPES: Readonly<Record<string, ListEntryType>> = {
  individual: 'person',
  entity: 'organisation',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

/** "Entity List (EL) - Bureau of Industry and Security" → "EL"; "Non-SDN Menu-Based Sanctions List (NS-MBS List) - …" → "NS-MBS". */
export function cslSourceCode(source: string): string {
  const inParentheses = /\(([^)]+)\)/.exec(source)?.[1] ?? source;
  return inParentheses
    .trim()
    .replace(/\s+list$/i, '')
    .toUpperCase()
    .replace(/\s+/g, '-');
}

function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * trade.gov Consolidated Screening List CSV (gzip accepted). Source id: "<source code>:<_id>", e.g. "SDN:21944" or
 * "EL:1e2f…". For Treasury lists `_id` is OFAC's ent_num and stable across releases; for the BIS and State lists it
 * is trade.gov's own record id, the only id they have. The source code keeps the same person listed by two
 * agencies (SDN and SSI share ent_nums) as two entries, as the CSL publishes them.
 */
export function parseUsCslCsv(files: ListFiles, listId: string): ParsedList {
  const file = files.main;
  const rows = readCsvRows(file, decodeUtf8(file, gunzipIfNeeded(file)));
  const header = rows[0];
  if (header === undefined) throw new ListFormatError(file.name, 'line 1', 'header row is missing');
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
  for (const row of rows.slice(1)) {
    const location = `line ${row.line}`;
    if (row.cells.length !== header.cells.length) {
      throw new ListFormatError(
        file.name,
        location,
        `expected ${header.cells.length} columns, found ${row.cells.length}`,
      );
    }
    const id = get(row, '_id') ?? get(row, 'entity_number');
    if (id === undefined) throw new ListFormatError(file.name, location, '_id is empty');
    const source = get(row, 'source') ?? '';
    const sourceId = `${cslSourceCode(source)}:${id}`;
    const name = get(row, 'name');
    if (name === undefined) throw new ListFormatError(file.name, location, `name is empty (${sourceId})`);
    const typeText = (get(row, 'type') ?? '').toLowerCase();
    let builder = builders.get(sourceId);
    if (builder === undefined) {
      const type = typeText === '' ? 'unknown' : TYPES[typeText];
      builder = new EntryBuilder(
        listId,
        sourceId,
        type ?? 'unknown',
        warnings,
        file.name,
        `${location} (${sourceId})`,
      );
      if (type === undefined) builder.warn(`unknown type "${typeText}"`);
      builders.set(sourceId, builder);
    } else {
      builder.warn(`${sourceId} is published twice; rows merged`, location);
    }
    const person = builder.entry.type === 'person';
    const named = (full: string, strength: ListEntryName['strength']): ListEntryName => {
      const parts = person ? ofacNameParts(full) : undefined;
      return parts === undefined ? { full, strength } : { full, strength, parts };
    };
    builder.addName(named(name, 'primary'));
    for (const alias of splitList(get(row, 'alt_names'))) builder.addName(named(alias, 'strong'));
    for (const date of splitList(get(row, 'dates_of_birth'))) builder.addDateOfBirthText(date);
    for (const code of [...splitList(get(row, 'nationalities')), ...splitList(get(row, 'citizenships'))]) {
      const iso = countryCode(code);
      if (iso === undefined) builder.warn(`unknown country "${code}"`);
      else builder.addNationalityCode(iso);
    }
    for (const item of splitList(get(row, 'ids'))) applyIdItem(item, builder);
    for (const address of splitList(get(row, 'addresses'))) {
      const parts = address.split(',').map((part) => part.trim());
      const last = parts[parts.length - 1] ?? '';
      const country = /^[A-Z]{2}$/.test(last) ? countryCode(last) : undefined;
      builder.addAddress({ text: address, ...(country === undefined ? {} : { country }) });
    }
    for (const programme of splitList(get(row, 'programs'))) builder.addProgramme(programme);
    if (builder.entry.listedOn === undefined) builder.setListedOn(get(row, 'start_date'));
    builder.appendRemarks(get(row, 'title'));
    builder.appendRemarks(get(row, 'remarks'));
  }
  const entries: ListEntry[] = [...builders.values()].map((builder) => builder.entry);
  return { list: listId, format: 'us-csl-csv', entries, warnings };
}

/** One "ids" item: "[CC, ][dates, ]value, Label" — documents become identifiers, "Male, Gender" the gender. */
function applyIdItem(item: string, builder: EntryBuilder): void {
  const parts = item.split(', ').map((part) => part.trim());
  const label = parts.pop() ?? '';
  if (parts.length === 0) return;
  if (/^gender$/i.test(label)) {
    builder.setGender(parts[parts.length - 1]);
    return;
  }
  const type = ofacIdentifierType(label);
  if (type === undefined) return;
  const country = parts.length > 1 && /^[A-Z]{2}$/.test(parts[0] ?? '') ? countryCode(parts[0]) : undefined;
  let number = (parts[parts.length - 1] ?? '').replace(/\s*\([^)]*\)$/, '').trim();
  if (type === 'IMO') number = number.replace(/^IMO\s+/i, '');
  if (number === '' || /^\d{4}-\d{2}-\d{2}$/.test(number)) return;
  builder.addIdentifier({ type, number, ...(country === undefined ? {} : { country }), text: item });
}
