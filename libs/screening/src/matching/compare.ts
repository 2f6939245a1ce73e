/**
 * Name scoring (MATCHING.md step 5): per part the best of equivalence classes, phonetic keys, edit distance
 * and Jaro-Winkler; an order-free greedy alignment (with joined/split words); an unmatched query part costs
 * its full weight, an unmatched list part a little. Deterministic: ties are broken by position.
 */
import { GENDER_SUFFIX_PAIRS } from './vocabulary.js';
import { type NameForm, type Term, TermTable } from './name-model.js';
import { editDistance, penalisedJaroWinkler } from './similarity.js';

export interface PartAlignment {
  query: string | null;
  list: string | null;
  score: number;
  method: string;
}

export interface FormComparison {
  score: number;
  parts: PartAlignment[];
  /** notes for the explanation (order penalty, single-token cap …) */
  notes: string[];
}

const NAME_LIKE = new Set(['name', 'number', 'generic']);

export interface TermSimilarity {
  score: number;
  method: string;
}

const NONE: TermSimilarity = { score: 0, method: 'none' };

function sharedClass(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

function genderVariant(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4) return false;
  for (const [x, y] of GENDER_SUFFIX_PAIRS) {
    for (const [p, q] of [[x, y], [y, x]] as const) {
      if (a.endsWith(p) && b.endsWith(q) && a.slice(0, a.length - p.length) === b.slice(0, b.length - q.length) && a.length - p.length >= 3) return true;
    }
  }
  return false;
}

/** Calibrated fuzzy similarity of two spellings: mostly edit distance; JW only when it is very high. */
export function fuzzySimilarity(a: string, b: string): TermSimilarity {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return NONE;
  const distance = editDistance(a, b, Math.ceil(longer * 0.5));
  const edit = Math.max(0, 1 - distance / longer);
  const jw = penalisedJaroWinkler(a, b);
  const jwCalibrated = jw >= 0.9 ? 0.7 + (jw - 0.9) * 2.5 : 0;
  let score = Math.max(edit, jwCalibrated);
  const method = edit >= jwCalibrated ? 'edit-distance' : 'jaro-winkler';
  // sharpen: near-misses count, distant spellings fade fast
  if (score < 0.85) score = Math.max(0, score - 0.6 * (0.85 - score));
  // short tokens: one edit on 3–4 letters is a different name more often than a typo
  if (longer <= 4 && distance >= 1) score = Math.min(score, longer === 4 ? 0.72 : 0.6);
  return { score, method };
}

export function termSimilarity(a: Term, b: Term): TermSimilarity {
  if (a === b || (a.text === b.text && a.abjad === b.abjad)) return { score: 1, method: 'exact' };
  if (a.kind === 'number' || b.kind === 'number') return a.text === b.text ? { score: 1, method: 'exact' } : NONE;
  if (a.kind === 'legal' && b.kind === 'legal') return a.text === b.text ? { score: 1, method: 'legal-form' } : { score: 0.3, method: 'legal-form' };
  if (a.kind === 'initial' || b.kind === 'initial') {
    if (a.kind === 'initial' && b.kind === 'initial') return a.text === b.text ? { score: 1, method: 'exact' } : NONE;
    return a.text.charAt(0) === b.text.charAt(0) ? { score: 0.6, method: 'initial' } : NONE;
  }
  if (a.abjad || b.abjad) {
    if (a.skeleton.length === 0 || b.skeleton.length === 0) return NONE;
    if (a.skeleton === b.skeleton) return { score: a.skeleton.length >= 2 ? 0.92 : 0.7, method: 'consonant-skeleton' };
    const fuzzy = fuzzySimilarity(a.skeleton, b.skeleton);
    return { score: Math.min(0.85, fuzzy.score * (a.skeleton.length >= 3 ? 0.95 : 0.8)), method: 'consonant-skeleton' };
  }
  let best: TermSimilarity = NONE;
  if (sharedClass(a.classes, b.classes)) best = { score: 0.95, method: 'equivalent' };
  else if (a.vowelKey.length >= 3 && a.vowelKey === b.vowelKey) best = { score: 0.92, method: 'phonetic' };
  else if (a.sinoKey.length > 0 && a.sinoKey === b.sinoKey) best = { score: 0.9, method: 'romanisation' };
  if (best.score >= 0.9) return best;
  const fuzzy = fuzzySimilarity(a.text, b.text);
  if (fuzzy.score > best.score) best = fuzzy;
  if (a.vowelKey.length >= 3 && b.vowelKey.length >= 3 && best.score < 0.85) {
    const keyFuzzy = fuzzySimilarity(a.vowelKey, b.vowelKey);
    if (keyFuzzy.score * 0.92 > best.score) best = { score: keyFuzzy.score * 0.92, method: 'phonetic' };
  }
  if (best.score < 0.8 && sharedClass(a.nicknames, b.nicknames.length > 0 ? b.nicknames : [`nick:${b.text}`])) best = { score: 0.8, method: 'nickname' };
  if (best.score < 0.8 && a.nicknames.includes(`nick:${b.text}`)) best = { score: 0.8, method: 'nickname' };
  if (best.score < 0.8 && b.nicknames.includes(`nick:${a.text}`)) best = { score: 0.8, method: 'nickname' };
  if (best.score < 0.75 && genderVariant(a.text, b.text)) best = { score: 0.75, method: 'gender-variant' };
  return best;
}

interface Candidate {
  q0: number;
  q1: number; // exclusive
  l0: number;
  l1: number;
  score: number;
  method: string;
}

/** Scratch table for terms made of joined words (SergeiLavrov ↔ Sergei Lavrov). */
const joinTable = new TermTable();
const joinCache = new Map<string, Term>();
function joinedTerm(terms: Term[], from: number, to: number): Term {
  let text = '';
  let abjad = false;
  for (let i = from; i < to; i++) {
    text += terms[i]?.text ?? '';
    abjad = abjad || (terms[i]?.abjad ?? false);
  }
  const key = `${abjad ? '#' : ''}${text}`;
  let term = joinCache.get(key);
  if (term === undefined) {
    if (joinCache.size > 50_000) joinCache.clear();
    term = joinTable.intern(text, 'name', abjad);
    joinCache.set(key, term);
  }
  return term;
}

export interface CompareOptions {
  /** the query is a person (or unknown) name: single-token and order rules apply */
  personLike: boolean;
}

export function compareForms(query: NameForm, list: NameForm, options: CompareOptions): FormComparison {
  const q = query.terms;
  const l = list.terms;
  const nq = q.length;
  const nl = l.length;
  const candidates: Candidate[] = [];
  const bestForQuery = new Float64Array(nq);
  for (let i = 0; i < nq; i++) {
    const qi = q[i];
    if (qi === undefined) continue;
    for (let j = 0; j < nl; j++) {
      const lj = l[j];
      if (lj === undefined) continue;
      const sim = termSimilarity(qi, lj);
      if (sim.score >= 0.45) {
        candidates.push({ q0: i, q1: i + 1, l0: j, l1: j + 1, score: sim.score, method: sim.method });
        if (sim.score > (bestForQuery[i] ?? 0)) bestForQuery[i] = sim.score;
      }
    }
  }
  // joined words: only worth trying when some part is not already well matched
  let needJoins = false;
  for (let i = 0; i < nq; i++) if ((bestForQuery[i] ?? 0) < 0.9 && (query.weights[i] ?? 0) >= 0.3) needJoins = true;
  if (needJoins || nq < nl) {
    for (let span = 2; span <= 3; span++) {
      for (let i = 0; i + span <= nq; i++) {
        const joined = joinedTerm(q, i, i + span);
        for (let j = 0; j < nl; j++) {
          const lj = l[j];
          if (lj === undefined || lj.kind !== 'name') continue;
          if (Math.abs(lj.text.length - joined.text.length) > 3) continue;
          const sim = termSimilarity(joined, lj);
          if (sim.score >= 0.8) candidates.push({ q0: i, q1: i + span, l0: j, l1: j + 1, score: sim.score * 0.98, method: `joined-${sim.method}` });
        }
      }
      for (let j = 0; j + span <= nl; j++) {
        const joined = joinedTerm(l, j, j + span);
        for (let i = 0; i < nq; i++) {
          const qi = q[i];
          if (qi === undefined || qi.kind !== 'name') continue;
          if (Math.abs(qi.text.length - joined.text.length) > 3) continue;
          const sim = termSimilarity(qi, joined);
          if (sim.score >= 0.8) candidates.push({ q0: i, q1: i + 1, l0: j, l1: j + span, score: sim.score * 0.98, method: `joined-${sim.method}` });
        }
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score || (b.q1 - b.q0 + b.l1 - b.l0) - (a.q1 - a.q0 + a.l1 - a.l0) || a.q0 - b.q0 || a.l0 - b.l0);
  const qScore = new Float64Array(nq);
  const lScore = new Float64Array(nl);
  const qUsed = new Uint8Array(nq);
  const lUsed = new Uint8Array(nl);
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    let free = true;
    for (let i = c.q0; i < c.q1 && free; i++) if (qUsed[i] === 1) free = false;
    for (let j = c.l0; j < c.l1 && free; j++) if (lUsed[j] === 1) free = false;
    if (!free) continue;
    // a low-weight tag may only align with a low-weight tag or an equal word
    const qKind = q[c.q0]?.kind ?? 'name';
    const lKind = l[c.l0]?.kind ?? 'name';
    const qTag = !NAME_LIKE.has(qKind) && qKind !== 'initial';
    const lTag = !NAME_LIKE.has(lKind) && lKind !== 'initial';
    if (qTag !== lTag && c.score < 0.99) continue;
    for (let i = c.q0; i < c.q1; i++) {
      qUsed[i] = 1;
      qScore[i] = c.score;
    }
    for (let j = c.l0; j < c.l1; j++) {
      lUsed[j] = 1;
      lScore[j] = c.score;
    }
    chosen.push(c);
  }

  const notes: string[] = [];
  let qTotal = 0;
  let qMatched = 0;
  let nameEvidence = 0;
  let unmatchedQueryInitials = 0;
  for (let i = 0; i < nq; i++) {
    const term = q[i];
    let w = query.weights[i] ?? 1;
    if (term?.kind === 'initial' && qUsed[i] === 0) {
      w = 0.6; // an initial that matches nothing contradicts the list name
      unmatchedQueryInitials++;
    }
    qTotal += w;
    qMatched += w * (qScore[i] ?? 0);
    if (term !== undefined && NAME_LIKE.has(term.kind) && qUsed[i] === 1) nameEvidence += (query.weights[i] ?? 1) * (qScore[i] ?? 0);
  }
  let listUnmatched = 0;
  let listNameTokens = 0;
  let listTotal = 0;
  let listMatched = 0;
  for (let j = 0; j < nl; j++) {
    const w = list.weights[j] ?? 1;
    listTotal += w;
    listMatched += w * (lScore[j] ?? 0);
    if (lUsed[j] === 0) listUnmatched += w;
    if (NAME_LIKE.has(l[j]?.kind ?? 'name')) listNameTokens++;
  }
  let score = qTotal > 0 ? qMatched / qTotal : 0;
  const listPenalty = Math.min(0.3, 0.07 * listUnmatched);
  score -= listPenalty;
  if (listPenalty > 0) notes.push(`unmatched list parts −${listPenalty.toFixed(3)}`);
  if (unmatchedQueryInitials > 0) notes.push('query initial without a counterpart');

  // only tagged tokens (legal forms, particles, honorifics) matched: never a match ("CORP" ≠ "ACME CORP")
  if (nameEvidence < 0.5 && score > 0.5) {
    score = Math.min(score, 0.5);
    notes.push('no name part matched: capped at 0.5');
  }
  // token order: a crossing alignment is weaker evidence unless the script gives no order
  if (!query.orderFree && !list.orderFree && options.personLike) {
    const ordered = chosen.filter((c) => NAME_LIKE.has(q[c.q0]?.kind ?? 'name')).sort((a, b) => a.q0 - b.q0);
    let inversions = 0;
    for (let x = 1; x < ordered.length; x++) if ((ordered[x]?.l0 ?? 0) < (ordered[x - 1]?.l0 ?? 0)) inversions++;
    if (inversions > 0) {
      score -= 0.1;
      notes.push('name parts in a different order −0.1');
    }
  }
  // a single query word against a longer person name: at most REVIEW territory
  let queryNameTokens = 0;
  for (const term of q) if (NAME_LIKE.has(term.kind)) queryNameTokens++;
  if (options.personLike && queryNameTokens === 1 && listNameTokens >= 2 && score > 0.8) {
    score = 0.8;
    notes.push('single query word against a longer name: capped at 0.8');
  }
  void listTotal;
  void listMatched;

  const parts: PartAlignment[] = [];
  const byQuery = [...chosen].sort((a, b) => a.q0 - b.q0 || a.l0 - b.l0);
  for (const c of byQuery) {
    parts.push({
      query: q.slice(c.q0, c.q1).map((t) => t.text).join(' '),
      list: l.slice(c.l0, c.l1).map((t) => t.text).join(' '),
      score: round4(c.score),
      method: c.method,
    });
  }
  for (let i = 0; i < nq; i++) if (qUsed[i] === 0) parts.push({ query: q[i]?.text ?? '', list: null, score: 0, method: 'unmatched-query' });
  for (let j = 0; j < nl; j++) if (lUsed[j] === 0) parts.push({ query: null, list: l[j]?.text ?? '', score: 0, method: 'unmatched-list' });
  return { score: Math.max(0, Math.min(1, score)), parts, notes };
}

export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
