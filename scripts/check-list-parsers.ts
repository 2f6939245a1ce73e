/**
 * Parses every real sanctions list file in a directory and prints what came out, to compare with SOURCES.md.
 *   npm run build && node dist/scripts/check-list-parsers.js [--data <dir>] [--warnings]
 * Default directory: ../shared/sanctions-lists relative to the repository root. --warnings also prints the most
 * frequent warnings per list. Files are only read, never copied; exit code 1 when a count disagrees or a file fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListFiles, ListFormat, ParsedList } from '../libs/screening/src/domain/list-entry.js';
import { parseList } from '../libs/screening/src/lists/index.js';

interface FileSet {
  label: string;
  format: ListFormat;
  main: string;
  alt?: string;
  add?: string;
  comments?: string;
  /** the count SOURCES.md gives for the primary records */
  expected: number;
  /** entries expected when they differ from SOURCES.md's record count, and why */
  expectedEntries?: { count: number; reason: string };
}

const FILE_SETS: readonly FileSet[] = [
  {
    label: 'OFAC SDN (legacy CSV)',
    format: 'ofac-sdn-csv',
    main: 'ofac_sdn.csv',
    alt: 'ofac_sdn_alt.csv',
    add: 'ofac_sdn_add.csv',
    comments: 'ofac_sdn_comments.csv',
    expected: 14965,
  },
  {
    label: 'OFAC consolidated (legacy CSV)',
    format: 'ofac-cons-csv',
    main: 'ofac_cons_prim.csv',
    alt: 'ofac_cons_alt.csv',
    add: 'ofac_cons_add.csv',
    comments: 'ofac_cons_comments.csv',
    expected: 442,
  },
  {
    label: 'OFAC consolidated (Enhanced XML)',
    format: 'ofac-enhanced-xml',
    main: 'ofac_cons_enhanced.xml',
    expected: 443,
  },
  { label: 'UN Security Council', format: 'un-xml', main: 'un_sc_consolidated.xml', expected: 1003 },
  { label: 'UK HMT conlist (2018)', format: 'uk-hmt-csv', main: 'uk_hmt_conlist.csv', expected: 2106 },
  { label: 'EU FSF subset (2016)', format: 'eu-fsf-xml', main: 'eu_fsf_subset_2016.xml', expected: 595 },
  {
    label: 'US trade.gov CSL (2022-05)',
    format: 'us-csl-csv',
    main: 'us_trade_csl_2022-05.csv.gz',
    expected: 14160,
    expectedEntries: {
      count: 14159,
      reason: 'record CAP 15268 is published twice and merged into one entry',
    },
  },
];

function repositoryRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory)
    directory = dirname(directory);
  return directory;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

function load(directory: string, name: string | undefined): { name: string; content: Buffer } | undefined {
  if (name === undefined) return undefined;
  const path = join(directory, name);
  return existsSync(path) ? { name, content: readFileSync(path) } : undefined;
}

interface Row {
  label: string;
  entries: number;
  expected: number;
  expectedEntries: number;
  names: number;
  withDob: number;
  withNationality: number;
  withIdentifiers: number;
  warnings: number;
  ms: number;
}

function summarise(set: FileSet, parsed: ParsedList, ms: number): Row {
  const entries = parsed.entries;
  return {
    label: set.label,
    entries: entries.length,
    expected: set.expected,
    expectedEntries: set.expectedEntries?.count ?? set.expected,
    names: entries.reduce((sum, entry) => sum + entry.names.length, 0),
    withDob: entries.filter((entry) => entry.datesOfBirth.length > 0).length,
    withNationality: entries.filter((entry) => entry.nationalities.length > 0).length,
    withIdentifiers: entries.filter((entry) => entry.identifiers.length > 0).length,
    warnings: parsed.warnings.length,
    ms,
  };
}

function main(): void {
  const directory = resolve(argument('--data') ?? join(repositoryRoot(), '..', 'shared', 'sanctions-lists'));
  const verbose = process.argv.includes('--warnings');
  if (!existsSync(directory)) {
    console.error(`no such directory: ${directory}`);
    process.exitCode = 1;
    return;
  }
  console.log(`Parsing sanctions lists in ${directory}\n`);
  const rows: Row[] = [];
  let failures = 0;
  for (const set of FILE_SETS) {
    const main = load(directory, set.main);
    if (main === undefined) {
      console.log(`${set.label}: ${set.main} missing, skipped`);
      continue;
    }
    const files: ListFiles = { main };
    const alt = load(directory, set.alt);
    const add = load(directory, set.add);
    const comments = load(directory, set.comments);
    if (alt !== undefined) files.alt = alt;
    if (add !== undefined) files.add = add;
    if (comments !== undefined) files.comments = comments;
    const started = performance.now();
    try {
      const parsed = parseList(set.format, files);
      rows.push(summarise(set, parsed, Math.round(performance.now() - started)));
      if (verbose) {
        const counts = new Map<string, number>();
        for (const warning of parsed.warnings) {
          const key = `${warning.file}: ${warning.message.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        for (const [key, count] of [...counts].sort((left, right) => right[1] - left[1]).slice(0, 15))
          console.log(`  ${count} × ${key}`);
      }
    } catch (error) {
      failures += 1;
      console.log(`${set.label}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log('');
  const header = [
    'list',
    'entries',
    'SOURCES.md',
    'names',
    'with DOB',
    'with nationality',
    'with identifiers',
    'warnings',
    'ms',
  ];
  const table = rows.map((row) => [
    row.label,
    String(row.entries),
    String(row.expected) +
      (row.entries === row.expectedEntries ? ' ✓' : ' ✗') +
      (row.expectedEntries === row.expected ? '' : ' *'),
    String(row.names),
    String(row.withDob),
    String(row.withNationality),
    String(row.withIdentifiers),
    String(row.warnings),
    String(row.ms),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...table.map((line) => (line[column] ?? '').length)),
  );
  const format = (line: readonly string[]): string =>
    line.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ');
  console.log(format(header));
  for (const line of table) console.log(format(line));
  for (const set of FILE_SETS) {
    if (set.expectedEntries !== undefined)
      console.log(
        `* ${set.label}: ${set.expectedEntries.count} entries expected: ${set.expectedEntries.reason}`,
      );
  }
  if (failures > 0 || rows.some((row) => row.entries !== row.expectedEntries)) process.exitCode = 1;
}

main();
