import type { ListFiles, ListFormat, ParsedList } from '../domain/list-entry.js';
import { parseEuFsfXml } from './eu-fsf-xml.parser.js';
import { ListFormatError } from './list-format.error.js';
import { parseOfacConsCsv } from './ofac-cons-csv.parser.js';
import { parseOfacEnhancedXml } from './ofac-enhanced-xml.parser.js';
import { parseOfacSdnCsv } from './ofac-sdn-csv.parser.js';
import { parseSimpleCsv } from './simple-csv.parser.js';
import { parseUkHmtCsv } from './uk-hmt-csv.parser.js';
import { parseUnXml } from './un-xml.parser.js';
import { parseUsCslCsv } from './us-csl-csv.parser.js';

export { computeDelta, entryFingerprint, type ListDelta } from './delta.js';
export { countryCode, countryFromText, parseCountries } from './countries.js';
export { parseDateOfBirth } from './dates.js';
export { parseEuFsfXml } from './eu-fsf-xml.parser.js';
export { ListFormatError } from './list-format.error.js';
export { parseOfacConsCsv } from './ofac-cons-csv.parser.js';
export { parseOfacEnhancedXml } from './ofac-enhanced-xml.parser.js';
export { parseOfacSdnCsv } from './ofac-sdn-csv.parser.js';
export { parseSimpleCsv, SIMPLE_CSV_COLUMNS } from './simple-csv.parser.js';
export { parseUkHmtCsv } from './uk-hmt-csv.parser.js';
export { parseUnXml } from './un-xml.parser.js';
export { cslSourceCode, parseUsCslCsv } from './us-csl-csv.parser.js';

type Parser = (files: ListFiles, listId: string) => ParsedList;

const PARSERS: Readonly<Record<ListFormat, { parse: Parser; defaultListId?: string }>> = {
  'ofac-sdn-csv': { parse: parseOfacSdnCsv, defaultListId: 'OFAC_SDN' },
  'ofac-cons-csv': { parse: parseOfacConsCsv, defaultListId: 'OFAC_CONS' },
  'ofac-enhanced-xml': { parse: parseOfacEnhancedXml, defaultListId: 'OFAC_CONS' },
  'un-xml': { parse: parseUnXml, defaultListId: 'UN_SC' },
  'eu-fsf-xml': { parse: parseEuFsfXml, defaultListId: 'EU_FSF' },
  'uk-hmt-csv': { parse: parseUkHmtCsv, defaultListId: 'UK_HMT' },
  'us-csl-csv': { parse: parseUsCslCsv, defaultListId: 'US_CSL' },
  'simple-csv': { parse: parseSimpleCsv },
};

/** Default list id per format; simple-csv has none because every hand-maintained list names itself. */
export function defaultListId(format: ListFormat): string | undefined {
  return PARSERS[format].defaultListId;
}

/**
 * Parses one official list into the common entity model. Throws ListFormatError for a file that cannot be
 * trusted as a whole; recoverable oddities are returned as warnings.
 */
export function parseList(format: ListFormat, files: ListFiles, listId?: string): ParsedList {
  const parser = PARSERS[format] as { parse: Parser; defaultListId?: string } | undefined;
  if (parser === undefined)
    throw new ListFormatError(files.main.name, 'format', `unknown list format "${String(format)}"`);
  const id = listId ?? parser.defaultListId;
  if (id === undefined || id.trim() === '') {
    throw new ListFormatError(
      files.main.name,
      'list id',
      `format ${format} needs an explicit list id (for example MOFCOM_UEL)`,
    );
  }
  return parser.parse(files, id);
}
