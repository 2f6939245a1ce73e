import type { ListFiles, ParsedList } from '../domain/list-entry.js';
import { parseOfacLegacyCsv } from './ofac-legacy-csv.js';

/** OFAC consolidated (non-SDN) list in the legacy CSV layout: cons_prim.csv + cons_alt, cons_add, cons_comments. */
export function parseOfacConsCsv(files: ListFiles, listId: string): ParsedList {
  return parseOfacLegacyCsv(files, listId, 'ofac-cons-csv');
}
