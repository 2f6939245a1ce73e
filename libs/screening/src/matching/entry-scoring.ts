/**
 * Scores one query against one list entry's prepared names: best name form pair, then qualifiers, weak-alias
 * cap, banding and the explanation. Shared by compareNames and the index's search.
 */
import type { ListEntry, ListEntryType, NameStrength } from '../domain/list-entry.js';
import type { MatchExplanation, ScreeningQuery, Thresholds } from '../domain/matcher.js';
import { compareForms, round4, type FormComparison } from './compare.js';
import type { NameForm, NameKind, Term } from './name-model.js';
import { bandFor, evaluateQualifiers, uncorroboratedCommonName } from './qualifiers.js';

/** Weak aliases can raise a REVIEW but never a STRONG on their own. */
export const WEAK_ALIAS_CAP = 0.9;

export interface PreparedListName {
  entryIndex: number;
  strength: NameStrength;
  display: string;
  form: NameForm;
}

export interface PreparedQueryForm {
  form: NameForm;
  display: string;
}

export interface ScoredEntry {
  score: number;
  nameScore: number;
  matchedName: string;
  band: 'NONE' | 'REVIEW' | 'STRONG';
  explanation: MatchExplanation;
}

export function nameKindFor(type: ScreeningQuery['type'] | ListEntryType): NameKind {
  if (type === 'person') return 'person';
  if (type === 'organisation' || type === 'vessel' || type === 'aircraft') return 'organisation';
  return 'any';
}

export interface BestName {
  comparison: FormComparison;
  query: PreparedQueryForm;
  list: PreparedListName;
  effective: number;
}

/** Best name score over the query forms and the entry's names (weak aliases capped). */
export function bestNameMatch(
  queryForms: readonly PreparedQueryForm[],
  listNames: readonly PreparedListName[],
  personLike: boolean,
  rarity?: (term: Term) => number,
  explainAbove = 0,
): BestName | null {
  let best: BestName | null = null;
  const options = rarity === undefined ? { personLike, explain: false } : { personLike, rarity, explain: false };
  for (const list of listNames) {
    for (const query of queryForms) {
      const comparison = compareForms(query.form, list.form, options);
      const effective = list.strength === 'weak' ? Math.min(comparison.score, WEAK_ALIAS_CAP) : comparison.score;
      if (best === null || effective > best.effective + 1e-12) best = { comparison, query, list, effective };
    }
  }
  // explain only the winner
  if (best !== null && best.effective >= explainAbove) best.comparison = compareForms(best.query.form, best.list.form, { ...options, explain: true });
  return best;
}

export function scoreEntry(
  query: ScreeningQuery,
  entry: ListEntry,
  best: BestName | null,
  thresholds: Thresholds,
): ScoredEntry | null {
  const qualifiers = evaluateQualifiers(query, entry);
  if (best === null && !qualifiers.identifierMatch) return null;
  const nameScore = best?.comparison.score ?? 0;
  const explanationQualifiers: MatchExplanation['qualifiers'] = [];
  let score: number;
  if (qualifiers.identifierMatch) {
    score = 1;
    explanationQualifiers.push(...qualifiers.qualifiers);
  } else {
    score = best?.effective ?? 0;
    if (best !== null && best.list.strength === 'weak' && nameScore > WEAK_ALIAS_CAP) {
      explanationQualifiers.push({ field: 'weakAlias', effect: round4(WEAK_ALIAS_CAP - nameScore), detail: `weak alias capped at ${WEAK_ALIAS_CAP}` });
    }
    for (const note of best?.comparison.notes ?? []) explanationQualifiers.push({ field: 'name', effect: 0, detail: note });
    explanationQualifiers.push(...qualifiers.qualifiers);
    score += qualifiers.adjustment;
    // an entry of unknown type whose matched name carries a legal form (… Limited, … LLC) is an organisation
    if (query.type === 'person' && entry.type === 'unknown' && best !== null && best.list.form.terms.some((t) => t.kind === 'legal')) {
      score -= 0.3;
      explanationQualifiers.push({ field: 'type', effect: -0.3, detail: 'query is a person, the matched list name has a legal form' });
    }
    const commonName = best === null ? null : uncorroboratedCommonName(query, entry, best.comparison.parts);
    if (commonName !== null) {
      score += commonName.effect;
      explanationQualifiers.push(commonName);
    }
  }
  score = round4(Math.max(0, Math.min(1, score)));
  const explanation: MatchExplanation = {
    queryName: best?.query.display ?? query.name,
    listName: best?.list.display ?? entry.names[0]?.full ?? '',
    nameStrength: best?.list.strength ?? 'primary',
    nameScore: round4(nameScore),
    parts: best?.comparison.parts ?? [],
    qualifiers: explanationQualifiers,
    corroborated: qualifiers.corroborated,
  };
  return {
    score,
    nameScore: round4(nameScore),
    matchedName: explanation.listName,
    band: bandFor(score, qualifiers.corroborated, thresholds),
    explanation,
  };
}
