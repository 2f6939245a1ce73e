import type { ListFormat } from '../domain/list-entry.js';

/** One official list as saved in ../shared/sanctions-lists: its format, main file and OFAC's companion files. */
export interface OfficialListFiles {
  list: string;
  format: ListFormat;
  main: string;
  alt?: string;
  add?: string;
  comments?: string;
}

/** Every saved official list, for the matching evaluation and the benchmarks (read at run time, never copied). */
export const OFFICIAL_LISTS: readonly OfficialListFiles[] = [
  {
    list: 'OFAC_SDN',
    format: 'ofac-sdn-csv',
    main: 'ofac_sdn.csv',
    alt: 'ofac_sdn_alt.csv',
    add: 'ofac_sdn_add.csv',
    comments: 'ofac_sdn_comments.csv',
  },
  {
    list: 'OFAC_CONS',
    format: 'ofac-cons-csv',
    main: 'ofac_cons_prim.csv',
    alt: 'ofac_cons_alt.csv',
    add: 'ofac_cons_add.csv',
    comments: 'ofac_cons_comments.csv',
  },
  // the same non-SDN list in OFAC's Enhanced XML; a separate list id keeps the two parsers' entries apart
  { list: 'OFAC_CONS_ENHANCED', format: 'ofac-enhanced-xml', main: 'ofac_cons_enhanced.xml' },
  { list: 'UN_SC', format: 'un-xml', main: 'un_sc_consolidated.xml' },
  { list: 'EU_FSF', format: 'eu-fsf-xml', main: 'eu_fsf_subset_2016.xml' },
  { list: 'UK_HMT', format: 'uk-hmt-csv', main: 'uk_hmt_conlist.csv' },
  { list: 'US_CSL', format: 'us-csl-csv', main: 'us_trade_csl_2022-05.csv.gz' },
];
