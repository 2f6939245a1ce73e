/** One entity model for every official list format (MATCHING.md, pipeline step 1). Plain data, no framework. */
export type ListEntryType = 'person' | 'organisation' | 'vessel' | 'aircraft' | 'unknown';

/** primary: the entry's main name; strong: a good-quality alias (a.k.a., f.k.a.); weak: low-quality alias. */
export type NameStrength = 'primary' | 'strong' | 'weak';

export interface ListEntryName {
  /** As published, for display. */
  full: string;
  strength: NameStrength;
  /** Set when the list gives the name in its original script (UN NAME_ORIGINAL_SCRIPT, EU non-Latin NAME rows). */
  originalScript?: boolean;
  /** ISO 639-1 language when the list gives one. */
  language?: string;
  /** Name parts when the list gives them separately (UN FIRST_NAME…, UK Name 1-6). */
  parts?: { given?: string[]; family?: string; patronymic?: string };
}

/** A date of birth: exact day, a year or month only, or a range (circa / between). ISO strings. */
export interface DateOfBirth {
  kind: 'exact' | 'month' | 'year' | 'range';
  /** first day the date could be, YYYY-MM-DD */
  from: string;
  /** last day the date could be, YYYY-MM-DD */
  to: string;
  /** the text as published */
  text?: string;
}

export interface Identifier {
  /** upper-case type: PASSPORT, NATIONAL_ID, TAX_ID, USCC, LEI, IMO, SWIFT_BIC, CRYPTO_WALLET, OTHER … */
  type: string;
  number: string;
  /** ISO 3166-1 alpha-2 issuing country when known */
  country?: string;
  text?: string;
}

export interface ListAddress {
  text: string;
  city?: string;
  country?: string;
}

export interface ListEntry {
  /** list id: OFAC_SDN, OFAC_CONS, UN_SC, EU_FSF, UK_HMT, US_CSL, or a hand-maintained list id */
  list: string;
  /** the list's own id: OFAC ent_num, UN reference number (QDi.344), EU logical id, UK group id … */
  sourceId: string;
  type: ListEntryType;
  names: ListEntryName[];
  datesOfBirth: DateOfBirth[];
  /** ISO 3166-1 alpha-2 */
  nationalities: string[];
  identifiers: Identifier[];
  addresses: ListAddress[];
  programmes: string[];
  gender?: 'male' | 'female';
  remarks?: string;
  /** date listed, YYYY-MM-DD, when given */
  listedOn?: string;
}

export interface ParseWarning {
  file: string;
  location: string;
  message: string;
}

export interface ParsedList {
  list: string;
  format: ListFormat;
  entries: ListEntry[];
  warnings: ParseWarning[];
  /** date printed in the file (dateGenerated, Last Updated …), YYYY-MM-DD */
  publishedOn?: string;
}

export type ListFormat =
  | 'ofac-sdn-csv'
  | 'ofac-cons-csv'
  | 'ofac-enhanced-xml'
  | 'un-xml'
  | 'eu-fsf-xml'
  | 'uk-hmt-csv'
  | 'us-csl-csv'
  | 'simple-csv';

export const LIST_FORMATS: readonly ListFormat[] = [
  'ofac-sdn-csv',
  'ofac-cons-csv',
  'ofac-enhanced-xml',
  'un-xml',
  'eu-fsf-xml',
  'uk-hmt-csv',
  'us-csl-csv',
  'simple-csv',
];

/** Files handed to a parser. Buffers: parsers decode (Latin-1 for OFAC and UK CSV, UTF-8 otherwise, gunzip). */
export interface ListFiles {
  main: { name: string; content: Buffer };
  alt?: { name: string; content: Buffer };
  add?: { name: string; content: Buffer };
  comments?: { name: string; content: Buffer };
}
