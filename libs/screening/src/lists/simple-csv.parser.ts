import type {
  ListEntry,
  ListEntryName,
  ListEntryType,
  ListFiles,
  ParsedList,
  ParseWarning,
} from '../domain/list-entry.js';
import { countryCode } from './countries.js';
import { headerKey, readCsvRows } from './csv.js';
import { decodeUtf8 } from './decode.js';
import { EntryBuilder } from './entry-builder.js';
import { ListFormatError } from './list-format.error.js';
import { ofacNameParts } from './ofac-legacy-csv.js';

/** Columns of the project's own CSV format for hand-maintained lists (docs/simple-csv-format.md). */
export const SIMPLE_CSV_COLUMNS = [
  'id',
  'type',
  'name',
  'aliases',
  'weak_aliases',
  'original_script_names',
  'dates_of_birth',
  'nationalities',
  'identifiers',
  'addresses',
  'programmes',
  'gender',
  'remarks',
  'listed_on',
] as const;

type Column = (typeof SIMPLE_CSV_COLUMNS)[number];

const REQUIRED: readonly Column[] = ['id', 'type', 'name'];

const TYPES: Readonly<Record<string, ListEntryType>> = {
  person: 'person',
  individual: 'person',
  organisation: 'organisation',
  organization: 'organisation',
  entity: 'organisation',
  company: 'organisation',
  vessel: 'vessel',
  aircraft: 'aircraft',
  unknown: 'unknown',
};

/** Separator between several values in one cell. */
const VALUES = '|';

function split(cell: string | undefined): string[] {
  if (cell === undefined) return [];
  return cell
    .split(VALUES)
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/**
 * simple-csv: UTF-8 CSV with a header row, one row per entry, `|` between several values in a cell.
 * Unknown or missing required columns, a row with the wrong number of cells, an empty or duplicate id are errors
 * (a hand-edited file with such mistakes should not be loaded half-right); unreadable values are warnings.
 */
export function parseSimpleCsv(files: ListFiles, listId: string): ParsedList {
  const file = files.main;
  const rows = readCsvRows(file, decodeUtf8(file));
  const header = rows[0];
  if (header === undefined) throw new ListFormatError(file.name, 'line 1', 'header row is missing');
  const columns = header.cells.map((cell) => headerKey(cell).replace(/ /g, '_'));
  const unknown = columns.filter((column) => !(SIMPLE_CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0) {
    throw new ListFormatError(
      file.name,
      `line ${header.line} (header)`,
      `unknown column(s) ${unknown.map((name) => `"${name}"`).join(', ')}`,
    );
  }
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new ListFormatError(
      file.name,
      `line ${header.line} (header)`,
      `missing column(s) ${missing.map((name) => `"${name}"`).join(', ')}`,
    );
  }

  const warnings: ParseWarning[] = [];
  const entries: ListEntry[] = [];
  const seen = new Set<string>();
  for (const row of rows.slice(1)) {
    const location = `line ${row.line}`;
    if (row.cells.length !== columns.length) {
      throw new ListFormatError(
        file.name,
        location,
        `expected ${columns.length} columns, found ${row.cells.length}`,
      );
    }
    const value = (column: Column): string | undefined => {
      const index = columns.indexOf(column);
      const cell = index === -1 ? undefined : row.cells[index]?.trim();
      return cell === '' ? undefined : cell;
    };
    const id = value('id');
    if (id === undefined) throw new ListFormatError(file.name, location, 'id is empty');
    if (seen.has(id)) throw new ListFormatError(file.name, location, `duplicate id "${id}"`);
    seen.add(id);
    const name = value('name');
    if (name === undefined) throw new ListFormatError(file.name, location, `name is empty (id ${id})`);

    const typeText = (value('type') ?? '').toLowerCase();
    const type = TYPES[typeText];
    const builder = new EntryBuilder(
      listId,
      id,
      type ?? 'unknown',
      warnings,
      file.name,
      `${location} (id ${id})`,
    );
    if (type === undefined) builder.warn(`unknown type "${typeText}"; stored as unknown`);

    const personName = (full: string, strength: ListEntryName['strength']): ListEntryName => {
      const parts = type === 'person' ? ofacNameParts(full) : undefined;
      return parts === undefined ? { full, strength } : { full, strength, parts };
    };
    builder.addName(personName(name, 'primary'));
    for (const alias of split(value('aliases'))) builder.addName(personName(alias, 'strong'));
    for (const alias of split(value('weak_aliases'))) builder.addName({ full: alias, strength: 'weak' });
    for (const original of split(value('original_script_names')))
      builder.addName({ full: original, strength: 'primary', originalScript: true });
    for (const date of split(value('dates_of_birth'))) builder.addDateOfBirthText(date);
    for (const nationality of split(value('nationalities'))) {
      const code = countryCode(nationality);
      if (code === undefined) builder.warn(`unknown country "${nationality}"`);
      else builder.addNationalityCode(code);
    }
    for (const identifier of split(value('identifiers'))) {
      // TYPE:NUMBER or TYPE:NUMBER:CC; the number itself may contain colons.
      const pieces = identifier.split(':');
      const identifierType =
        pieces[0]
          ?.trim()
          .toUpperCase()
          .replace(/[\s-]+/g, '_') ?? '';
      let rest = pieces.slice(1);
      let issuer: string | undefined;
      const last = rest[rest.length - 1]?.trim();
      // Only a final two-letter piece is a country; anything longer belongs to the number.
      if (rest.length >= 2 && last !== undefined && /^[A-Za-z]{2}$/.test(last)) {
        issuer = countryCode(last.toUpperCase());
        if (issuer === undefined) builder.warn(`unknown country "${last}" in identifier "${identifier}"`);
        rest = rest.slice(0, -1);
      }
      const number = rest.join(':').trim();
      if (identifierType === '' || number === '') {
        builder.warn(`identifier "${identifier}" is not TYPE:NUMBER[:COUNTRY]`);
        continue;
      }
      builder.addIdentifier({
        type: identifierType,
        number,
        ...(issuer === undefined ? {} : { country: issuer }),
        text: identifier,
      });
    }
    for (const address of split(value('addresses'))) {
      // The last comma-separated part names the country when it is an ISO code or a country name.
      const parts = address.split(',').map((part) => part.trim());
      const code = parts.length > 1 ? countryCode(parts[parts.length - 1]) : undefined;
      const city = code !== undefined && parts.length > 2 ? parts[parts.length - 2] : undefined;
      builder.addAddress({
        text: address,
        ...(city === undefined ? {} : { city }),
        ...(code === undefined ? {} : { country: code }),
      });
    }
    for (const programme of split(value('programmes'))) builder.addProgramme(programme);
    const gender = value('gender');
    if (gender !== undefined) {
      builder.setGender(gender);
      if (builder.entry.gender === undefined) builder.warn(`unknown gender "${gender}"`);
    }
    builder.appendRemarks(value('remarks'));
    const listedOn = value('listed_on');
    if (listedOn !== undefined) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(listedOn)) builder.setListedOn(listedOn);
      if (builder.entry.listedOn === undefined)
        builder.warn(`listed_on "${listedOn}" is not a YYYY-MM-DD date`);
    }
    entries.push(builder.entry);
  }
  return { list: listId, format: 'simple-csv', entries, warnings };
}
