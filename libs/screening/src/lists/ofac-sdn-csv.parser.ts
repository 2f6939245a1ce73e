import type { ListFiles, ParsedList } from '../domain/list-entry.js';
import { parseOfacLegacyCsv } from './ofac-legacy-csv.js';

/** OFAC SDN list in the legacy CSV files: sdn.csv (main) + optional alt.csv, add.csv, sdn_comments.csv. */
export function parseOfacSdnCsv(files: ListFiles, listId: string): ParsedList {
  return parseOfacLegacyCsv(files, listId, 'ofac-sdn-csv');
}
