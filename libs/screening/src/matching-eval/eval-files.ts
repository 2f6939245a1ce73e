/**
 * Readers for the evaluation data files (../shared/sanctions-lists/eval_*.csv and test/data/*.csv).
 * Pure: they take the file text and return typed rows; the caller reads the file system.
 */
import { parse } from 'csv-parse/sync';

type CsvRow = Record<string, string>;

function readCsv(text: string): CsvRow[] {
  return parse<CsvRow>(text, {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
    trim: false,
  });
}

function field(row: CsvRow, name: string): string {
  return row[name] ?? '';
}

function parseBoolean(text: string, where: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1' || t === 'yes') return true;
  if (t === 'false' || t === '0' || t === 'no') return false;
  throw new Error(`${where}: expected true/false, got "${text}"`);
}

export interface LabelledNamePair {
  /** stable id: the file's case_id, or a position-derived id */
  caseId: string;
  group: string;
  schema: string;
  nameA: string;
  nameB: string;
  isMatch: boolean;
  quality: string;
  category: string;
  notes: string;
}

/** eval_nomenklatura_name_pairs.csv: case_group, schema, name1, name2, is_match, quality, category, notes. */
export function readNomenklaturaPairs(text: string): LabelledNamePair[] {
  return readCsv(text).map((row, i) => ({
    caseId: `nk-${i + 1}`,
    group: field(row, 'case_group'),
    schema: field(row, 'schema'),
    nameA: field(row, 'name1'),
    nameB: field(row, 'name2'),
    isMatch: parseBoolean(field(row, 'is_match'), `row ${i + 2}`),
    quality: field(row, 'quality'),
    category: field(row, 'category'),
    notes: field(row, 'notes'),
  }));
}

export type Outcome = 'TP' | 'FP' | 'TN' | 'FN';

export interface FrozenScore {
  caseId: string;
  group: string;
  schema: string;
  nameA: string;
  nameB: string;
  isMatch: boolean;
  category: string;
  score: number;
  predictedMatch: boolean;
  outcome: Outcome;
}

/** eval_nomenklatura_logicv2_scores.csv: the pair columns plus case_id, score, predicted_match, outcome. */
export function readFrozenScores(text: string): FrozenScore[] {
  return readCsv(text).map((row, i) => {
    const outcome = field(row, 'outcome');
    if (outcome !== 'TP' && outcome !== 'FP' && outcome !== 'TN' && outcome !== 'FN') {
      throw new Error(`row ${i + 2}: unknown outcome "${outcome}"`);
    }
    return {
      caseId: field(row, 'case_id'),
      group: field(row, 'case_group'),
      schema: field(row, 'schema'),
      nameA: field(row, 'name1'),
      nameB: field(row, 'name2'),
      isMatch: parseBoolean(field(row, 'is_match'), `row ${i + 2}`),
      category: field(row, 'category'),
      score: Number(field(row, 'score')),
      predictedMatch: parseBoolean(field(row, 'predicted_match'), `row ${i + 2}`),
      outcome,
    };
  });
}

/** Key that identifies the same pair in both nomenklatura files (the frozen file has case ids, the pair file does not). */
export function pairKey(schema: string, nameA: string, nameB: string): string {
  return `${schema}\u0000${nameA}\u0000${nameB}`;
}

/**
 * Align the current pair file with the frozen scores: each frozen row is paired with one not-yet-used pair row
 * with the same key (the files contain a few duplicate pairs). Returns, per pair index, the frozen row or undefined.
 */
export function alignFrozenScores(
  pairs: readonly LabelledNamePair[],
  frozen: readonly FrozenScore[],
): Array<FrozenScore | undefined> {
  const byKey = new Map<string, FrozenScore[]>();
  for (const row of frozen) {
    const key = pairKey(row.schema, row.nameA, row.nameB);
    const list = byKey.get(key) ?? [];
    list.push(row);
    byKey.set(key, list);
  }
  return pairs.map((pair) => {
    const list = byKey.get(pairKey(pair.schema, pair.nameA, pair.nameB));
    if (!list || list.length === 0) return undefined;
    // prefer a frozen row with the same label; the case file was revised after the frozen run
    const sameLabel = list.findIndex((row) => row.isMatch === pair.isMatch);
    const index = sameLabel >= 0 ? sameLabel : 0;
    return list.splice(index, 1)[0];
  });
}

export interface CrossScriptPair {
  query: string;
  expected: string;
  minScore: number;
  description: string;
  /** the comment heading above the row, e.g. "Arabic to Latin" */
  section: string;
}

/** eval_watchman_cross_script_pairs.csv: no header; `#` lines are comments, the last one before a block names it. */
export function readCrossScriptPairs(text: string): CrossScriptPair[] {
  const out: CrossScriptPair[] = [];
  let section = '';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const heading = line.replace(/^#\s*/, '');
      section = heading.replace(/\s*\(.*\)\s*$/, '');
      continue;
    }
    const cells: string[][] = parse(line, { relax_column_count: true });
    const [query = '', expected = '', minScore = '', ...rest] = cells[0] ?? [];
    out.push({ query, expected, minScore: Number(minScore), description: rest.join(','), section });
  }
  return out;
}

export interface SyntheticPerson {
  fullName: string;
  firstName: string;
  middleName: string;
  lastName: string;
  gender: string;
  dateOfBirth: string;
  placeOfBirth: string;
  nationality: string;
}

/** eval_yente_negatives_*.csv: full_name, first_name, middle_name, last_name, gender, date_of_birth, place_of_birth, nationality. */
export function readSyntheticPersons(text: string): SyntheticPerson[] {
  return readCsv(text).map((row) => ({
    fullName: field(row, 'full_name'),
    firstName: field(row, 'first_name'),
    middleName: field(row, 'middle_name'),
    lastName: field(row, 'last_name'),
    gender: field(row, 'gender'),
    dateOfBirth: field(row, 'date_of_birth'),
    placeOfBirth: field(row, 'place_of_birth'),
    nationality: field(row, 'nationality'),
  }));
}

/** test/data/chinese-romanisation-pairs.csv: case_id, name_a, name_b, is_match, category, notes. */
export function readRomanisationPairs(text: string): LabelledNamePair[] {
  return readCsv(text).map((row, i) => ({
    caseId: field(row, 'case_id'),
    group: 'chinese-romanisation',
    schema: 'Person',
    nameA: field(row, 'name_a'),
    nameB: field(row, 'name_b'),
    isMatch: parseBoolean(field(row, 'is_match'), `row ${i + 2}`),
    quality: '',
    category: field(row, 'category'),
    notes: field(row, 'notes'),
  }));
}
