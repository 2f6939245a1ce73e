import type {
  ListEntry,
  ListEntryName,
  ListEntryType,
  ListFiles,
  ListFormat,
  ParsedList,
  ParseWarning,
} from '../domain/list-entry.js';
import { countryFromText, isNotACountry } from './countries.js';
import { readCsvRows, assertColumnCount, type CsvRow } from './csv.js';
import { decodeLatin1, type NamedBuffer } from './decode.js';
import { EntryBuilder, joinParts } from './entry-builder.js';
import { ListFormatError } from './list-format.error.js';
import { applyOfacRemarks } from './ofac-remarks.js';

const EMPTY = '-0-';
const END_OF_FILE = String.fromCharCode(0x1a);

/** OFAC's "-0-" (often with a trailing space) means no value. */
function cell(row: CsvRow, index: number): string | undefined {
  const value = row.cells[index]?.trim();
  return value === undefined || value === '' || value === EMPTY ? undefined : value;
}

function readOfacFile(file: NamedBuffer, columns: number): CsvRow[] {
  // The files end with a DOS end-of-file byte (0x1A) on its own line.
  let text = decodeLatin1(file).trimEnd();
  if (text.endsWith(END_OF_FILE)) text = text.slice(0, -1);
  if (text.trim() === '') throw new ListFormatError(file.name, 'line 1', 'file is empty');
  const rows = readCsvRows(file, text);
  assertColumnCount(file, rows, columns);
  return rows;
}

function entNum(file: NamedBuffer, row: CsvRow): string {
  const value = cell(row, 0);
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new ListFormatError(
      file.name,
      `line ${row.line}`,
      `ent_num "${row.cells[0] ?? ''}" is not a number`,
    );
  }
  return value;
}

const TYPES: Readonly<Record<string, ListEntryType>> = {
  individual: 'person',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

/** "SURNAME, Given Names" → parts; names without a comma have no parts. */
export function ofacNameParts(full: string): ListEntryName['parts'] {
  const comma = full.indexOf(',');
  if (comma <= 0) return undefined;
  const family = full.slice(0, comma).trim();
  const given = full
    .slice(comma + 1)
    .trim()
    .split(/\s+/)
    .filter((part) => part !== '');
  if (family === '' || given.length === 0) return undefined;
  return { given, family };
}

/**
 * OFAC legacy CSV (sdn.csv / cons_prim.csv with alt, add and comments files joined on ent_num).
 * Alias, address and comment rows whose ent_num has no primary record are dropped with one warning per ent_num:
 * without the primary row there is no type, programme or primary name to screen against, and OFAC publishes the
 * four files together, so an orphan means the files were downloaded at different times.
 */
export function parseOfacLegacyCsv(files: ListFiles, listId: string, format: ListFormat): ParsedList {
  const warnings: ParseWarning[] = [];
  const builders = new Map<string, EntryBuilder>();
  const remarks = new Map<string, string>();
  const main = files.main;

  for (const row of readOfacFile(main, 12)) {
    const id = entNum(main, row);
    const location = `line ${row.line} (ent_num ${id})`;
    const name = cell(row, 1);
    if (name === undefined) throw new ListFormatError(main.name, location, 'SDN name is empty');
    if (builders.has(id)) {
      warnings.push({ file: main.name, location, message: `duplicate ent_num ${id}; later row ignored` });
      continue;
    }
    const rawType = cell(row, 2)?.toLowerCase();
    let type: ListEntryType = 'organisation';
    if (rawType !== undefined) {
      const known = TYPES[rawType];
      if (known === undefined)
        warnings.push({ file: main.name, location, message: `unknown SDN type "${rawType}"` });
      type = known ?? 'unknown';
    }
    const builder = new EntryBuilder(listId, id, type, warnings, main.name, location);
    const primary: ListEntryName = { full: name, strength: 'primary' };
    const parts = type === 'person' ? ofacNameParts(name) : undefined;
    if (parts !== undefined) primary.parts = parts;
    builder.addName(primary);
    // Programs are published as "SDGT] [IRGC" (the outer brackets were stripped by the CSV export).
    for (const programme of (cell(row, 3) ?? '').split(/\]\s*\[/))
      builder.addProgramme(programme.replace(/[[\]]/g, ''));
    const callSign = cell(row, 5);
    if (callSign !== undefined)
      builder.addIdentifier({ type: 'CALL_SIGN', number: callSign, text: `Call sign ${callSign}` });
    const title = cell(row, 4);
    const vessel = joinParts(
      [
        cell(row, 6),
        cell(row, 9) === undefined ? undefined : `flag ${cell(row, 9) ?? ''}`,
        cell(row, 10) === undefined ? undefined : `owner ${cell(row, 10) ?? ''}`,
      ],
      '; ',
    );
    builder.appendRemarks(joinParts([title, vessel], '; ') || undefined);
    builders.set(id, builder);
    const remark = cell(row, 11);
    if (remark !== undefined) remarks.set(id, remark);
  }

  if (files.comments !== undefined) {
    const orphans = new Set<string>();
    for (const row of readOfacFile(files.comments, 2)) {
      const id = entNum(files.comments, row);
      const text = row.cells[1] ?? '';
      if (!builders.has(id)) {
        orphans.add(id);
        continue;
      }
      // sdn_comments.csv carries the overflow of a remark cut at the column limit: continue it verbatim.
      remarks.set(id, `${remarks.get(id) ?? ''}${text}`);
    }
    warnOrphans(files.comments, orphans, 'comment', warnings);
  }
  for (const [id, text] of remarks) {
    const builder = builders.get(id);
    if (builder === undefined) continue;
    applyOfacRemarks(text, builder);
    builder.appendRemarks(text);
  }

  if (files.alt !== undefined) {
    const orphans = new Set<string>();
    for (const row of readOfacFile(files.alt, 5)) {
      const id = entNum(files.alt, row);
      const builder = builders.get(id);
      if (builder === undefined) {
        orphans.add(id);
        continue;
      }
      const name = cell(row, 3);
      if (name === undefined) continue;
      // alt.csv holds OFAC's good-quality aliases (aka, fka, nka); the weak ones are quoted in the remarks.
      const alias: ListEntryName = { full: name, strength: 'strong' };
      const parts = builder.entry.type === 'person' ? ofacNameParts(name) : undefined;
      if (parts !== undefined) alias.parts = parts;
      builder.addName(alias);
    }
    warnOrphans(files.alt, orphans, 'alias', warnings);
  }

  if (files.add !== undefined) {
    const orphans = new Set<string>();
    for (const row of readOfacFile(files.add, 6)) {
      const id = entNum(files.add, row);
      const builder = builders.get(id);
      if (builder === undefined) {
        orphans.add(id);
        continue;
      }
      const countryText = cell(row, 4);
      const city = cell(row, 3);
      const text = joinParts([cell(row, 2), city, countryText, cell(row, 5)]);
      const country = countryText === undefined ? undefined : countryFromText(countryText);
      if (countryText !== undefined && country === undefined && !isNotACountry(countryText)) {
        warnings.push({
          file: files.add.name,
          location: `line ${row.line} (ent_num ${id})`,
          message: `unknown country "${countryText}"`,
        });
      }
      builder.addAddress({
        text,
        ...(city === undefined ? {} : { city }),
        ...(country === undefined ? {} : { country }),
      });
    }
    warnOrphans(files.add, orphans, 'address', warnings);
  }

  const entries: ListEntry[] = [...builders.values()].map((builder) => builder.entry);
  return { list: listId, format, entries, warnings };
}

function warnOrphans(
  file: NamedBuffer,
  orphans: ReadonlySet<string>,
  what: string,
  warnings: ParseWarning[],
): void {
  for (const id of orphans) {
    warnings.push({
      file: file.name,
      location: `ent_num ${id}`,
      message: `${what} rows for ent_num ${id} have no primary record; dropped`,
    });
  }
}
