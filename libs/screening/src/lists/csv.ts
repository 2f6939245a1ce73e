import { parse } from 'csv-parse/sync';
import type { NamedBuffer } from './decode.js';
import { ListFormatError } from './list-format.error.js';

export interface CsvRow {
  /** line number in the file where the record ends (1-based) */
  line: number;
  cells: string[];
}

interface InfoRecord {
  info: { lines: number };
  record: string[];
}

/** Parses CSV text into rows with their line numbers; a broken quote or similar is a ListFormatError. */
export function readCsvRows(file: NamedBuffer, text: string, options: { fromLine?: number } = {}): CsvRow[] {
  try {
    const records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      from_line: options.fromLine ?? 1,
    }) as unknown as InfoRecord[];
    return records.map(({ info, record }) => ({ line: info.lines, cells: record }));
  } catch (cause) {
    const record = cause as { lines?: unknown; message?: unknown };
    const line = typeof record.lines === 'number' ? `line ${record.lines}` : 'document';
    const message = typeof record.message === 'string' ? record.message : String(cause);
    throw new ListFormatError(file.name, line, `CSV cannot be parsed: ${message}`, { cause });
  }
}

/** Requires every row to have exactly `count` cells. */
export function assertColumnCount(file: NamedBuffer, rows: readonly CsvRow[], count: number): void {
  for (const row of rows) {
    if (row.cells.length !== count) {
      throw new ListFormatError(
        file.name,
        `line ${row.line}`,
        `expected ${count} columns, found ${row.cells.length}`,
      );
    }
  }
}

/** Checks a header row against the expected column names (case and spacing ignored) and returns name → index. */
export function headerIndex(
  file: NamedBuffer,
  row: CsvRow | undefined,
  required: readonly string[],
): Map<string, number> {
  if (row === undefined) throw new ListFormatError(file.name, 'line 1', 'header row is missing');
  const key = (name: string): string =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, ' ');
  const index = new Map<string, number>();
  row.cells.forEach((cell, position) => index.set(key(cell), position));
  const missing = required.filter((name) => !index.has(key(name)));
  if (missing.length > 0) {
    throw new ListFormatError(
      file.name,
      `line ${row.line} (header)`,
      `missing column(s) ${missing.map((name) => `"${name}"`).join(', ')}`,
    );
  }
  return new Map([...index].map(([name, position]) => [name, position]));
}

export function headerKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}
