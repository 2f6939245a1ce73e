import type { Identifier, ListEntry, ListEntryType } from './list-entry.js';

export type Band = 'NONE' | 'REVIEW' | 'STRONG';

export interface ScreeningQuery {
  name: string;
  /** the name in its original script (e.g. 김민준, 张伟, Мухаммад) when the caller has it */
  originalScriptName?: string;
  type: ListEntryType | 'any';
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  dateOfBirth?: string;
  /** ISO 3166-1 alpha-2 */
  nationalities?: string[];
  identifiers?: Identifier[];
}

export interface Thresholds {
  /** score at or above which a hit is returned and reviewed (R02), default 0.80 */
  review: number;
  /** score at or above which a corroborated hit is STRONG (R01), default 0.92 */
  strong: number;
}

export interface MatchExplanation {
  /** the query name (or variant) that matched */
  queryName: string;
  /** which list name matched and its strength */
  listName: string;
  nameStrength: 'primary' | 'strong' | 'weak';
  /** the name score before qualifiers */
  nameScore: number;
  /** aligned name parts: query part, list part, part score, how they matched */
  parts: Array<{ query: string | null; list: string | null; score: number; method: string }>;
  /** secondary-field adjustments: DOB, nationality, identifier, gender, weak alias cap … */
  qualifiers: Array<{ field: string; effect: number; detail: string }>;
  /** true when at least one of DOB / nationality / identifier corroborates the name */
  corroborated: boolean;
}

export interface Match {
  entry: ListEntry;
  matchedName: string;
  score: number;
  band: Band;
  explanation: MatchExplanation;
}

export interface SearchOptions {
  /** minimum score returned; defaults to thresholds.review */
  threshold?: number;
  limit?: number;
}

/**
 * The screening interface the pre-authorisation path depends on: one immutable index per set of list snapshots.
 * Implementations must be pure and deterministic (same query, same index → same result).
 */
export interface SanctionsIndex {
  readonly entryCount: number;
  readonly nameCount: number;
  search(query: ScreeningQuery, thresholds: Thresholds, options?: SearchOptions): Match[];
}

export interface NameComparison {
  score: number;
  band: Band;
  explanation: MatchExplanation;
}
