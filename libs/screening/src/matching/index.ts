/**
 * Name matching (docs: ../shared/design/MATCHING.md). Public API of this folder:
 * - buildSanctionsIndex(entries): an immutable in-memory SanctionsIndex (vocabulary-level blocking over
 *   typed-array postings, explainable part-alignment scoring, DOB / nationality / identifier / type qualifiers);
 * - compareNames(a, b, thresholds): the same scorer for one pair of parties (b plays the list entry).
 */
export { buildSanctionsIndex } from './sanctions-index.js';
export { compareNames } from './compare-names.js';
