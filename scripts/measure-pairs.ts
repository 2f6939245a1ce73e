/**
 * Quick quality check of compareNames on nomenklatura's labelled name pairs (read from ../shared, never
 * copied into the repository). Prints precision / recall / F1 at the review threshold and every error.
 * Usage: node dist/scripts/measure-pairs.js [path-to-csv] [--all]
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { compareNames } from '../libs/screening/src/matching/index.js';
import type { ScreeningQuery } from '../libs/screening/src/domain/matcher.js';

const file = process.argv.find((a) => a.endsWith('.csv')) ?? '/work/shared/sanctions-lists/eval_nomenklatura_name_pairs.csv';
const showAll = process.argv.includes('--all');
const thresholds = { review: 0.8, strong: 0.92 };

interface Row {
  case_group: string;
  schema: string;
  name1: string;
  name2: string;
  is_match: string;
  quality: string;
  category: string;
}

function typeFor(schema: string): ScreeningQuery['type'] {
  if (schema === 'Person') return 'person';
  if (schema === 'Company' || schema === 'Organization') return 'organisation';
  if (schema === 'Vessel') return 'vessel';
  return 'any';
}

const rows = parse<Row>(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
let tp = 0;
let fp = 0;
let tn = 0;
let fn = 0;
let strongErrors = 0;
const errors: string[] = [];
const started = performance.now();
for (const row of rows) {
  const type = typeFor(row.schema);
  const result = compareNames({ name: row.name1, type }, { name: row.name2, type }, thresholds);
  const predicted = result.score >= thresholds.review;
  const actual = row.is_match === 'true';
  if (predicted && actual) tp++;
  else if (predicted && !actual) fp++;
  else if (!predicted && actual) fn++;
  else tn++;
  const wrong = predicted !== actual;
  if (!actual && result.score >= thresholds.strong) strongErrors++;
  if (wrong || showAll) {
    const label = wrong ? (actual ? 'FN' : 'FP') : 'ok';
    const parts = result.explanation.parts.map((p) => `${p.query ?? '∅'}~${p.list ?? '∅'}:${p.score}(${p.method})`).join(' ');
    errors.push(`${label} ${result.score.toFixed(3)} [${row.schema}/${row.quality}] ${row.name1} | ${row.name2}   ${parts}`);
  }
}
const elapsed = performance.now() - started;
const precision = tp / Math.max(1, tp + fp);
const recall = tp / Math.max(1, tp + fn);
const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
for (const line of errors) console.log(line);
console.log(`pairs ${rows.length}: TP ${tp} FP ${fp} TN ${tn} FN ${fn}`);
console.log(`precision ${precision.toFixed(4)} recall ${recall.toFixed(4)} F1 ${f1.toFixed(4)} at review ${thresholds.review}`);
console.log(`non-matches scored >= ${thresholds.strong} (strong tier errors): ${strongErrors}`);
console.log(`time ${elapsed.toFixed(0)} ms (${((elapsed * 1000) / rows.length).toFixed(0)} µs per pair)`);
