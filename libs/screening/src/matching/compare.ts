/**
 * Name scoring (MATCHING.md step 5): per part the best of equivalence classes, phonetic keys, edit distance
 * and Jaro-Winkler; an order-free greedy alignment (with joined/split words); an unmatched query part costs
 * its full weight, an unmatched list part a little. Deterministic: ties are broken by position.
 */
import { EUROPEAN_NAME_CLASSES, GENDER_SUFFIX_PAIRS, NAME_LIKE_HONORIFICS } from './vocabulary.js';
import { anySegmentationMatches } from './chinese-syllables.js';
import { type NameForm, ROLE_FAMILY, ROLE_GIVEN, type Term, TermTable } from './name-model.js';
import { editDistance, penalisedJaroWinkler } from './similarity.js';
import { segmentSyllables } from './phonetic.js';

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
const SHARPEN = 0.35;

const LEGAL_FAMILIES: Record<string, string> = {
  jsc: 'jsc', ojsc: 'jsc', cjsc: 'jsc', pjsc: 'jsc', ao: 'jsc',
  llc: 'llc', ooo: 'llc', ltd: 'llc', gmbh: 'llc', sarl: 'llc', srl: 'llc', spzoo: 'llc', bv: 'llc', kft: 'llc', doo: 'llc', sro: 'llc', tov: 'llc', llp: 'llc', pte: 'llc', pvt: 'llc',
  inc: 'inc', corp: 'inc', co: 'inc',
  sa: 'sa', ag: 'sa', nv: 'sa', plc: 'sa', se: 'sa', asa: 'sa', as: 'sa', ab: 'sa', oy: 'sa', spa: 'sa', kk: 'sa',
};

/** The vowel and final of a one-syllable spelling (jung / chung / joong → ung; jong → ong). */
function rime(text: string): string {
  return text.replace(/^[^aeiouwy]+/, '').replace(/oo/g, 'u').replace(/ee/g, 'i');
}

/** A word spelled as romanised Chinese or Korean syllables (or a known Korean syllable). */
function syllabic(t: Term): boolean {
  return t.chineseSyllables !== null || t.classes.some((c) => c.startsWith('kos:') || c.startsWith('ko:') || c.startsWith('zh:'));
}

/** a Latvian / Lithuanian -s ending on one side only */
const BALTIC_ENDING = 0.9;
/** two consonants in common say little (hanih / khan, sidi / saeed) */
const SHORT_SKELETON = 0.66;
/** Abd al-X against X alone */
const ABD_SHORT = 0.85;
const ABD_SHORT_CONFLICT = 0.15;
const ABD_PREFIX = /^abd(?:ul|el|al|ol|ur|us|ar|as|ou|u)?/;

/** What follows the Abd- prefix of a compound (abdulbasir → basir), when long enough to be a name. */
export function abdRest(text: string): string | null {
  const m = ABD_PREFIX.exec(text);
  return m !== null && text.length - m[0].length >= 4 ? text.slice(m[0].length) : null;
}

/** A Latin spelling may be Cantonese, Macau or Wade-Giles; a reading made from Han characters is plain pinyin. */
function chineseSyllablesMatch(a: Term, b: Term, han: HanSides): boolean {
  const x = han.a ? a.pinyinReading : a.chineseSyllables;
  const y = han.b ? b.pinyinReading : b.chineseSyllables;
  return x !== null && y !== null && anySegmentationMatches(x, y);
}

function sharedClass(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

function genderVariant(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 3) return false;
  if (a.charCodeAt(0) !== b.charCodeAt(0) || a.charCodeAt(1) !== b.charCodeAt(1) || a.charCodeAt(2) !== b.charCodeAt(2)) return false;
  for (const [x, y] of GENDER_SUFFIX_PAIRS) {
    for (const [p, q] of [[x, y], [y, x]] as const) {
      if (a.endsWith(p) && b.endsWith(q) && a.slice(0, a.length - p.length) === b.slice(0, b.length - q.length) && a.length - p.length >= 3) return true;
    }
  }
  return false;
}

function editSimilarityOf(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
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
  if (score < 0.85) score = Math.max(0, score - SHARPEN * (0.85 - score));
  // short tokens: one edit on 3–4 letters is a different name more often than a typo
  if (longer <= 4 && distance >= 1) score = Math.min(score, longer === 4 ? 0.72 : 0.6);
  return { score, method };
}

/** Surname romanisation classes (Chinese, Korean) only hold between family names or unknown positions. */
function sharedClassForRoles(a: Term, b: Term, surnameClasses: boolean, han: HanSides): boolean {
  const hangul = han.hangul === true;
  if (surnameClasses && !hangul) return sharedClass(a.classes, b.classes);
  for (const x of a.classes) {
    // Korean readings use Korean surname classes, never the Chinese ones
    if (x.startsWith('zh:') || (!surnameClasses && x.startsWith('ko:'))) continue;
    // a syllable read from Hangul is exact: 중 reads jung, which is not 정 (jeong), however often 정 is spelled jung
    if (x.startsWith('kos:') && ((han.hangulA === true && x !== `kos:${a.text}`) || (han.hangulB === true && x !== `kos:${b.text}`))) continue;
    if (b.classes.includes(x)) return true;
  }
  return false;
}

/** Which side of a comparison is a pinyin reading made from Han characters. */
export interface HanSides {
  a: boolean;
  b: boolean;
  /** a side is read from Hangul: Chinese syllable classes do not apply */
  hangul?: boolean;
  /** the first / second side is read from Hangul (its Revised Romanisation is exact) */
  hangulA?: boolean;
  hangulB?: boolean;
}
const NO_HAN: HanSides = { a: false, b: false };

export function termSimilarity(a: Term, b: Term, surnameClasses = true, han: HanSides = NO_HAN): TermSimilarity {
  if (a === b || (a.text === b.text && a.abjad === b.abjad)) return { score: 1, method: 'exact' };
  if (a.kind === 'number' || b.kind === 'number') return a.text === b.text ? { score: 1, method: 'exact' } : NONE;
  if (a.kind === 'legal' && b.kind === 'legal') {
    if (a.text === b.text) return { score: 1, method: 'legal-form' };
    const fa = LEGAL_FAMILIES[a.text];
    return { score: fa !== undefined && fa === LEGAL_FAMILIES[b.text] ? 0.85 : 0.3, method: 'legal-form' };
  }
  if (a.kind === 'initial' || b.kind === 'initial') {
    if (a.kind === 'initial' && b.kind === 'initial') return a.text === b.text ? { score: 1, method: 'exact' } : NONE;
    return a.text.charAt(0) === b.text.charAt(0) ? { score: 0.6, method: 'initial' } : NONE;
  }
  if (a.abjad && b.abjad) {
    // both written without short vowels in the same way: the letters themselves must agree
    const same = fuzzySimilarity(a.text, b.text);
    return { score: same.score, method: `same-script-${same.method}` };
  }
  if (a.abjad || b.abjad) {
    if (a.skeleton.length === 0 || b.skeleton.length === 0) return NONE;
    // short skeletons collide by chance (hanih / khan): the fewer consonants, the weaker the evidence
    if (a.skeleton === b.skeleton) return { score: a.skeleton.length >= 4 ? 0.92 : a.skeleton.length === 3 ? 0.86 : SHORT_SKELETON, method: 'consonant-skeleton' };
    const fuzzy = fuzzySimilarity(a.skeleton, b.skeleton);
    return { score: Math.min(0.85, fuzzy.score * (a.skeleton.length >= 3 ? 0.95 : 0.8)), method: 'consonant-skeleton' };
  }
  let best: TermSimilarity = NONE;
  if (sharedClassForRoles(a, b, surnameClasses, han)) best = { score: 0.95, method: 'equivalent' };
  // Antonio / Antonia, Martin / Martina: related names, weak evidence whatever the spelling distance
  else if (genderVariant(a.text, b.text)) return { score: 0.75, method: 'gender-variant' };
  else if (a.sinoKey.length > 0 && a.sinoKey === b.sinoKey && !(a.pinyin && b.pinyin) && (han.hangulA !== true && han.hangulB !== true || rime(a.text) === rime(b.text))) best = { score: 0.88, method: 'romanisation' };
  else if (!(han.a && han.b) && han.hangul !== true && chineseSyllablesMatch(a, b, han)) best = { score: 0.86, method: 'romanisation' };
  else if (a.vowelKey.length >= 4 && a.vowelKey === b.vowelKey && a.text.length >= 4 && b.text.length >= 4 && !(a.sinoKey.length > 0 && b.sinoKey.length > 0)) {
    // same consonants, vowels differ (Husayn / Hussein): strong only when the spellings are close too
    best = { score: 0.8 + 0.12 * editSimilarityOf(a.text, b.text), method: 'phonetic' };
  }
  if (best.score >= 0.88) return best;
  // Latvian and Lithuanian nominative endings (Sergejs Lavrovs / Sergey Lavrov): the name without its -s
  if (a.text.length >= 5 && b.text.length >= 4 && a.text.endsWith('s') !== b.text.endsWith('s')) {
    const [withS, without] = a.text.endsWith('s') ? [a, b] : [b, a];
    const stem = withS.text.slice(0, -1);
    if (stem === without.text || sharedClass(EUROPEAN_NAME_CLASSES.get(stem) ?? [], without.classes)) return { score: BALTIC_ENDING, method: 'baltic-ending' };
  }
  // Abd al-X compounds: the shared Abd prefix says nothing, compare what follows
  const pa = ABD_PREFIX.exec(a.text);
  const pb = ABD_PREFIX.exec(b.text);
  if (pa !== null && pb !== null && a.text.length - pa[0].length >= 3 && b.text.length - pb[0].length >= 3) {
    const rest = fuzzySimilarity(a.text.slice(pa[0].length), b.text.slice(pb[0].length));
    // a typo inside the prefix itself (Abdlulah / Abdullah) is still one edit on the whole word
    const whole = editDistance(a.text, b.text, 2) <= 1 ? fuzzySimilarity(a.text, b.text) : NONE;
    const better = whole.score > rest.score ? { score: whole.score, method: whole.method } : { score: rest.score, method: `abd-${rest.method}` };
    return better.score > best.score ? better : best;
  }
  // Abd al-X on one side, X alone on the other (Abdul Hanif / Hanif): the same name, written short
  if ((pa === null) !== (pb === null)) {
    const [long, prefix, short] = pa !== null ? [a.text, pa[0], b.text] : [b.text, pb?.[0] ?? '', a.text];
    if (long.length - prefix.length >= 4 && short.length >= 4 && long.slice(prefix.length) === short && best.score < ABD_SHORT) {
      best = { score: ABD_SHORT, method: 'abd-short' };
    }
  }
  let fuzzy = fuzzySimilarity(a.text, b.text);
  // Chinese / Korean syllables: one letter is a different character, not a typo (only for words that read as
  // romanised syllables on both sides: Hannibal and Alphabet split into syllables too, but are not Chinese)
  if (a.sinoKey.length > 0 && b.sinoKey.length > 0 && fuzzy.score < 1 && ((syllabic(a) && syllabic(b)) || han.a || han.b)) fuzzy = { score: fuzzy.score * 0.8, method: fuzzy.method };
  if (fuzzy.score > best.score) best = fuzzy;
  // Bill / William, Bibi / Benjamin: both words belong to one nickname class (weak evidence)
  if (best.score < 0.8 && sharedClass(a.nicknames, b.nicknames)) best = { score: 0.8, method: 'nickname' };
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
  /** distance of the pair from the diagonal of the two names (set before sorting) */
  diagonal?: number;
}

/** Words joined while comparing (SergeiLavrov ↔ Sergei Lavrov, Abdulrahman ↔ Abdul Rahman), bounded: started afresh past JOINED_WORDS_KEPT. */
let joinTable = new TermTable();
const JOINED_WORDS_KEPT = 50_000;

function joinedTerm(terms: Term[], from: number, to: number): Term {
  let text = '';
  let abjad = false;
  for (let i = from; i < to; i++) {
    text += terms[i]?.text ?? '';
    abjad = abjad || (terms[i]?.abjad ?? false);
  }
  const known = joinTable.lookup(text, 'name', abjad);
  if (known !== undefined) return known;
  if (joinTable.size >= JOINED_WORDS_KEPT) joinTable = new TermTable();
  return joinTable.intern(text, 'name', abjad);
}

export interface CompareOptions {
  /** the query is a person (or unknown) name: single-token and order rules apply */
  personLike: boolean;
  /** how distinctive a list word is across the index, 0 (very common) … 1 (rare); absent outside an index */
  rarity?: (term: Term) => number;
  /** build parts and notes (false while ranking candidates: only the score is needed) */
  explain?: boolean;
}

export function compareForms(query: NameForm, list: NameForm, options: CompareOptions): FormComparison {
  const q = query.terms;
  const l = list.terms;
  const nq = q.length;
  const nl = l.length;
  const explain = options.explain !== false;
  // both sides read from the same CJK script: the readings are exact, so spelling tolerance is not wanted
  const strict = query.script === list.script && (query.script === 'han' || query.script === 'hangul' || query.script === 'kana');
  const han: HanSides = {
    a: query.script === 'han',
    b: list.script === 'han',
    hangul: query.script === 'hangul' || list.script === 'hangul',
    hangulA: query.script === 'hangul',
    hangulB: list.script === 'hangul',
  };
  // roles read from Han / Hangul order are reliable; a Latin comma may be misplaced
  const cjk = query.script === 'han' || query.script === 'hangul' || list.script === 'han' || list.script === 'hangul';
  const candidates: Candidate[] = [];
  const bestForQuery: number[] = new Array<number>(nq).fill(0);
  for (let i = 0; i < nq; i++) {
    const qi = q[i];
    if (qi === undefined) continue;
    for (let j = 0; j < nl; j++) {
      const lj = l[j];
      if (lj === undefined) continue;
      let sim = termSimilarity(qi, lj, (query.roles[i] ?? 0) !== ROLE_GIVEN && (list.roles[j] ?? 0) !== ROLE_GIVEN, han);
      if (strict && sim.method !== 'exact') sim = { score: sim.score * 0.6, method: `${sim.method}-same-script` };
      // a stated family name matched to a stated given name: the same word, but not the same name
      const qRole = query.roles[i] ?? 0;
      const lRole = list.roles[j] ?? 0;
      if (cjk && qRole !== 0 && lRole !== 0 && qRole !== lRole) sim = { score: sim.score * 0.75, method: `${sim.method}-role-swapped` };
      // a reading of Han or Hangul characters is exact: spelling tolerance means another character
      else if (cjk && !EXACT_METHODS.has(sim.method)) sim = { score: sim.score * (sim.score >= 0.8 ? 0.85 : 0.7), method: sim.method };
      // two different patronymics are a contradiction (Magomedovich / Salimovich), not a weak likeness
      if (sim.score < 0.8 && isPatronymic(qi) && isPatronymic(lj)) continue;
      if (sim.score >= 0.45) {
        candidates.push({ q0: i, q1: i + 1, l0: j, l1: j + 1, score: sim.score, method: sim.method });
        if (sim.score > (bestForQuery[i] ?? 0)) bestForQuery[i] = sim.score;
      }
    }
  }
  // joined words: only worth trying when some part is not already well matched
  let needJoins = false;
  for (let i = 0; i < nq; i++) if ((bestForQuery[i] ?? 0) < 0.9 && (query.weights[i] ?? 0) >= 0.3) needJoins = true;
  if (needJoins) {
    for (let span = 2; span <= 3; span++) {
      for (let i = 0; i + span <= nq; i++) {
        if (cjk && crossesRoles(query, i, i + span)) continue;
        const joined = joinedTerm(q, i, i + span);
        for (let j = 0; j < nl; j++) {
          const lj = l[j];
          if (lj === undefined || lj.kind !== 'name') continue;
          if (Math.abs(lj.text.length - joined.text.length) > 3) continue;
          const sim = termSimilarity(joined, lj, false, han);
          if (strict && sim.method !== 'exact') continue;
          if (sim.score >= (EXACT_METHODS.has(sim.method) ? 0.8 : JOINED_FUZZY_MINIMUM)) candidates.push({ q0: i, q1: i + span, l0: j, l1: j + 1, score: sim.score * 0.98, method: `joined-${sim.method}` });
        }
      }
      for (let j = 0; j + span <= nl; j++) {
        if (cjk && crossesRoles(list, j, j + span)) continue;
        const joined = joinedTerm(l, j, j + span);
        for (let i = 0; i < nq; i++) {
          const qi = q[i];
          if (qi === undefined || qi.kind !== 'name') continue;
          if (Math.abs(qi.text.length - joined.text.length) > 3) continue;
          const sim = termSimilarity(qi, joined, false, han);
          if (strict && sim.method !== 'exact') continue;
          if (sim.score >= (EXACT_METHODS.has(sim.method) ? 0.8 : JOINED_FUZZY_MINIMUM)) candidates.push({ q0: i, q1: i + 1, l0: j, l1: j + span, score: sim.score * 0.98, method: `joined-${sim.method}` });
        }
      }
    }
    // initialisms: JC ↔ Jean Claude, PLA ↔ People's Liberation Army
    addInitialisms(q, l, false, candidates, options.personLike);
    addInitialisms(l, q, true, candidates, options.personLike);
  }
  // equal scores: the longer span, then the pair nearer the diagonal (a repeated word aligns with its own place:
  // MohammedReda Mohammed ↔ Mohammed Reda Mohammed), then position
  for (const c of candidates) c.diagonal = Math.abs(c.q0 / nq - c.l0 / nl);
  candidates.sort(
    (a, b) =>
      b.score - a.score ||
      b.q1 - b.q0 + b.l1 - b.l0 - (a.q1 - a.q0 + a.l1 - a.l0) ||
      (a.diagonal ?? 0) - (b.diagonal ?? 0) ||
      a.q0 - b.q0 ||
      a.l0 - b.l0,
  );
  // plain arrays: names are short, and typed arrays would allocate a backing store per comparison
  const qScore: number[] = new Array<number>(nq).fill(0);
  const lScore: number[] = new Array<number>(nl).fill(0);
  const qUsed: number[] = new Array<number>(nq).fill(0);
  const lUsed: number[] = new Array<number>(nl).fill(0);
  const lMethodInitial: number[] = new Array<number>(nl).fill(0);
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    let free = true;
    for (let i = c.q0; i < c.q1 && free; i++) if (qUsed[i] === 1) free = false;
    for (let j = c.l0; j < c.l1 && free; j++) if (lUsed[j] === 1) free = false;
    if (!free) continue;
    // a low-weight tag may only align with a low-weight tag or an equal word
    const qTag = allTags(q, c.q0, c.q1);
    const lTag = allTags(l, c.l0, c.l1);
    // (an initial may stand for a name-like title: S. for Sayyed; a word may be a particle and a title glued: ElSayed)
    if (qTag !== lTag && c.score < 0.99 && !(c.method === 'initial' && nameLikeTitle(qTag ? q[c.q0] : l[c.l0])) && c.method !== 'joined-exact') continue;
    for (let i = c.q0; i < c.q1; i++) {
      qUsed[i] = 1;
      qScore[i] = c.score;
    }
    for (let j = c.l0; j < c.l1; j++) {
      lUsed[j] = 1;
      lScore[j] = c.score;
      if (c.method === 'initial' || c.method === 'initialism') lMethodInitial[j] = 1;
    }
    chosen.push(c);
  }

  // A. Basir against Abdul Basir (read as one word, abdulbasir): the initial is the Abd of the compound
  for (const c of [...chosen]) {
    if (c.method !== 'abd-short' || c.q1 - c.q0 !== 1) continue;
    const i = c.q0 - 1;
    if (i >= 0 && qUsed[i] === 0 && q[i]?.kind === 'initial' && q[i]?.text === 'a' && ABD_PREFIX.test(l[c.l0]?.text ?? '')) {
      qUsed[i] = 1;
      qScore[i] = c.score;
      chosen.push({ q0: i, q1: i + 1, l0: c.l0, l1: c.l0 + 1, score: c.score, method: 'initial' });
    }
  }
  // a number left over on each side (Fund VI / Fund VII, Snow Storm 1 / 2): one differing number, not two
  // unexplained words; it scores nothing but does not count as a contradiction of the name
  for (let i = 0; i < nq; i++) {
    if (qUsed[i] === 1 || q[i]?.kind !== 'number') continue;
    for (let j = 0; j < nl; j++) {
      if (lUsed[j] === 1 || l[j]?.kind !== 'number') continue;
      qUsed[i] = 1;
      lUsed[j] = 1;
      chosen.push({ q0: i, q1: i + 1, l0: j, l1: j + 1, score: 0, method: 'number-differs' });
      break;
    }
  }

  const notes: string[] = [];
  // evidence is counted on the list side: a query word matching a list legal form is not a name match
  let nameEvidence = 0;
  let genericEvidence = 0;
  for (let j = 0; j < nl; j++) {
    const term = l[j];
    if (term === undefined || lUsed[j] === 0) continue;
    // for persons, initials and initialisms alone are no evidence (N.N. ≠ Nursultan Nazarbayev)
    if (options.personLike && lMethodInitial[j] === 1) continue;
    if (term.kind === 'name' || term.kind === 'number') nameEvidence += (lScore[j] ?? 0) * Math.min(1, list.weights[j] ?? 1);
    else if (term.kind === 'generic') genericEvidence += (lScore[j] ?? 0) * (list.weights[j] ?? 1);
  }
  let listUnmatched = 0;
  let listUnmatchedConflictWeight = 0;
  let listUnmatchedNames = 0;
  // the syllables of a Chinese or Korean given name make one name: Zhang Wei is not Zhang Wei-ming, so a list
  // syllable left over weighs like a missing name part, not like an omitted Western middle name
  // (when the list gives the name in Han or Hangul, or in Latin letters as three or four single romanised
  // syllables such as Cheung Wai Ming; otherwise a third word may be an omitted middle name)
  const syllableNames = options.personLike && (list.script === 'han' || list.script === 'hangul' || romanisedSyllableName(l, query.script === 'han' || query.script === 'hangul'));
  let listUnmatchedSyllables = 0;
  let listUnmatchedOuterNames = 0;
  let listHasNames = false;
  let extraListCost = 0;
  // list parts between two matched parts are middle names (often omitted); parts outside are other names
  let firstMatched = nl;
  let lastMatched = -1;
  for (let j = 0; j < nl; j++) {
    if (lUsed[j] === 1 && l[j]?.kind === 'name') {
      if (j < firstMatched) firstMatched = j;
      lastMatched = j;
    }
  }
  // a family name part matched: another family name part left over is one half of a compound surname
  // (ORTEGA MURILLO, Juan Carlos written as MURILLO, Juan Carlos), as optional as a middle name
  // (only with three name words or more matched: Armando Lopez against LOPEZ AISPURO, Armando is too little)
  let familyMatched = false;
  let matchedListNames = 0;
  const matchedListTexts = new Set<string>();
  for (let j = 0; j < nl; j++) {
    if (lUsed[j] !== 1 || l[j]?.kind !== 'name') continue;
    if ((list.roles[j] ?? 0) === ROLE_FAMILY) familyMatched = true;
    matchedListNames++;
    matchedListTexts.add(l[j]?.text ?? '');
  }
  const optionalLeftovers = !cjk && !syllableNames && matchedListNames >= 3;
  for (let j = 0; j < nl; j++) {
    const term = l[j];
    if (term === undefined) continue;
    if (term.kind === 'name') listHasNames = true;
    if (lUsed[j] === 1) continue;
    const w = list.weights[j] ?? 1;
    // a list word repeated (Ubaidullah Akhund Yar Mohammed Akhund) and matched once: the repeat is optional
    const repeated = optionalLeftovers && term.kind === 'name' && matchedListTexts.has(term.text);
    const compoundSurname = optionalLeftovers && familyMatched && (list.roles[j] ?? 0) === ROLE_FAMILY;
    const middle = options.personLike && ((!list.orderFree && j > firstMatched && j < lastMatched) || compoundSurname || repeated);
    listUnmatched += w;
    // as a counterpart of a query leftover, an initial or a patronymic is a full contradiction
    listUnmatchedConflictWeight += term.kind === 'initial' ? 0.6 : isPatronymic(term) ? 1 : w;
    if (term.kind === 'name' || term.kind === 'initial') {
      listUnmatchedNames++;
      if (!middle) listUnmatchedOuterNames++;
    }
    if (syllableNames && term.kind === 'name') {
      listUnmatchedSyllables += w;
      continue;
    }
    extraListCost += term.kind === 'number' ? NUMBER_LIST_COST : (middle ? MIDDLE_LIST_COST : LIST_COST) * w;
  }
  // a query word repeated (Sergey Sergey Shoigu) adds nothing, unless the list has a part left to contradict
  const matchedTexts = new Set<string>();
  for (let i = 0; i < nq; i++) if (qUsed[i] === 1) matchedTexts.add(q[i]?.text ?? '');
  let matchedWeight = 0;
  let matchedScore = 0;
  let queryUnmatched = 0;
  let queryUnmatchedConflictWeight = 0;
  let queryFamilyUnmatched = 0;
  for (let i = 0; i < nq; i++) {
    const term = q[i];
    if (term === undefined) continue;
    const w = query.weights[i] ?? 1;
    if (qUsed[i] === 1) {
      matchedWeight += w;
      matchedScore += w * (qScore[i] ?? 0);

    } else if (matchedTexts.has(term.text) && listUnmatchedNames === 0 && !cjk && matchedListNames >= 2) {
      // (not when the repeated word is all that matched: Martin Martin is not the one-word name Martin)
      continue;
    } else {
      // an initial that matches nothing contradicts the list name; so does a stated family name
      queryUnmatched += term.kind === 'initial' ? 0.6 : w;
      if ((query.roles[i] ?? 0) === ROLE_FAMILY) queryFamilyUnmatched += w;
      queryUnmatchedConflictWeight += term.kind === 'initial' ? 0.6 : isPatronymic(term) ? 1 : w;
    }
  }
  // a query part and a list part left over in the same name are probably a substitution: more than full
  // cost; a query part with no counterpart at all is an addition: reduced cost; list leftovers cost little
  const conflict = Math.min(queryUnmatchedConflictWeight, listUnmatchedConflictWeight);
  const extraList = Math.max(0, listUnmatched - conflict);
  const conflictShare = listUnmatchedConflictWeight > 0 ? Math.min(1, conflict / listUnmatchedConflictWeight) : 0;
  const extraQuery = Math.max(0, queryUnmatched - Math.min(queryUnmatched, listUnmatched));
  const extraFamily = Math.min(extraQuery, queryFamilyUnmatched);
  // a syllable read from Han or Hangul is half a given name, not an optional middle name
  // an extra word in a company name usually names another company (Crystalord Systems ≠ Crystalord)
  // every word of a list name of two or more words found exactly in a longer query (UMAR PATEK in UMAR PATEK
  // ABDULLAH ANSHORI): the query's extra words are the person's other names, cheaper than unexplained words
  let listNamesExact = 0;
  let listNamesTotal = 0;
  for (let j = 0; j < nl; j++) {
    if (l[j]?.kind !== 'name') continue;
    listNamesTotal++;
    if (lUsed[j] === 1 && (lScore[j] ?? 0) >= 0.95) listNamesExact++;
  }
  // (not for names made of common words: John Lee is inside too many longer names)
  const listCovered = options.personLike && !cjk && listNamesTotal >= 2 && listNamesExact === listNamesTotal && !mostlyCommon(l, lUsed, list.weights, options.rarity);
  const extraCost =
    query.script === 'han' || query.script === 'hangul'
      ? 1
      : options.personLike
        ? listCovered
          ? EXTRA_QUERY_COST_COVERED
          : EXTRA_QUERY_COST
        : EXTRA_QUERY_COST_ORGANISATION;
  const extraSyllables = Math.max(0, listUnmatchedSyllables - conflict);
  const denominator = matchedWeight + CONFLICT_COST * conflict + extraCost * (extraQuery - extraFamily) + extraFamily + extraSyllables;
  if (extraSyllables > 0 && explain) notes.push(`given-name syllables of the list name not in the query (weight ${extraSyllables.toFixed(2)})`);
  let score = denominator > 0 ? matchedScore / denominator : 0;
  const listPenalty = Math.min(0.3, extraListCost * (1 - conflictShare));
  score -= listPenalty;
  if (conflict > 0) if (explain) notes.push(`unmatched parts on both sides (weight ${conflict.toFixed(2)})`);
  if (extraQuery > 0) if (explain) notes.push(`query parts not in the list name (weight ${extraQuery.toFixed(2)})`);
  if (listPenalty > 0) if (explain) notes.push(`list parts not in the query −${listPenalty.toFixed(3)}`);

  // every matched word is common in the lists (Jose, Sanchez, Daniel, Lopez) and words are left over:
  // common names coincide, so leftovers weigh more
  if (options.rarity !== undefined && (extraList > 0 || extraQuery > 0)) {
    let rarityWeight = 0;
    let rarityTotal = 0;
    let rarest = 0;
    for (let j = 0; j < nl; j++) {
      const term = l[j];
      if (term === undefined || lUsed[j] === 0 || term.kind !== 'name') continue;
      const w = list.weights[j] ?? 1;
      const rarity = options.rarity(term);
      rarityWeight += w * rarity;
      rarityTotal += w;
      rarest = Math.max(rarest, rarity);
    }
    // a very rare matched word (Yoswal) is evidence enough; otherwise common words need the whole name
    if (rarityTotal > 0 && rarityWeight / rarityTotal < 0.5 && rarest < 0.8 && listUnmatchedOuterNames + (extraQuery > 0 ? 1 : 0) > 0) {
      const leftovers = listUnmatchedOuterNames + (extraQuery > 0 ? 1 : 0);
      const penalty = Math.min(2 * COMMON_NAME_PENALTY, COMMON_NAME_PENALTY * leftovers);
      score -= penalty;
      if (explain) notes.push(`mostly common name words matched, with leftovers −${penalty.toFixed(3)}`);
    }
  }
  // Abd al-X read as X while the list keeps a word of its own: Abdul probably stands for that word
  // (Atiqullah Abdul Mohammad / Atiqullah Wali Mohammad), not for an omitted prefix
  if (listUnmatched >= 0.3 && chosen.some((c) => c.method === 'abd-short')) {
    score -= ABD_SHORT_CONFLICT;
    if (explain) notes.push(`Abd- prefix left over against another list word −${ABD_SHORT_CONFLICT}`);
  }
  // only tagged or generic words matched: never a match ("CORP" ≠ "ACME CORP", "Management Company")
  const evidence = listHasNames ? nameEvidence : nameEvidence + genericEvidence;
  if (evidence < 0.5 && score > 0.5) {
    score = 0.5;
    if (explain) notes.push('no distinctive name part matched: capped at 0.5');
  }
  if (!query.orderFree && !list.orderFree && options.personLike && !(eastAsianLooking(q) && eastAsianLooking(l))) {
    const ordered = chosen.filter((c) => NAME_LIKE.has(q[c.q0]?.kind ?? 'name')).sort((a, b) => a.q0 - b.q0);
    let inversions = 0;
    for (let x = 1; x < ordered.length; x++) if ((ordered[x]?.l0 ?? 0) < (ordered[x - 1]?.l0 ?? 0)) inversions++;
    if (inversions > 0) {
      score -= ORDER_PENALTY;
      if (explain) notes.push(`name parts in a different order −${ORDER_PENALTY}`);
    }
    if (reversedPatronymic(q, l, chosen)) {
      score -= 0.2;
      if (explain) notes.push('bin/ibn relation reversed (father and son swapped) −0.2');
    }
  }
  // both names written in Han (or Hangul): a different character is a different name, whatever the reading
  if (query.original !== undefined && list.original !== undefined && query.original.length > 0 && query.original !== list.original && score > SAME_SCRIPT_CAP) {
    score = SAME_SCRIPT_CAP;
    if (explain) notes.push(`different characters in the same script (${query.original} / ${list.original}): capped at ${SAME_SCRIPT_CAP}`);
  }
  // a single query word against a longer person name is not enough on its own
  let queryNameTokens = 0;
  for (let i = 0; i < nq; i++) {
    const kind = q[i]?.kind;
    if (kind === 'name' || (kind === 'initial' && qUsed[i] === 1)) queryNameTokens++;
  }
  let listNameTokens = 0;
  for (const term of l) if (term.kind === 'name') listNameTokens++;
  if (options.personLike && queryNameTokens === 1 && listNameTokens >= 2 && listUnmatchedNames > 0 && score > SINGLE_TOKEN_CAP) {
    score = SINGLE_TOKEN_CAP;
    if (explain) notes.push(`single query word against a longer name: capped at ${SINGLE_TOKEN_CAP}`);
  }

  const parts: PartAlignment[] = [];
  if (!explain) return { score: Math.max(0, Math.min(1, score)), parts, notes };
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

const EXTRA_QUERY_COST = 0.4;
const EXTRA_QUERY_COST_COVERED = 0.2;
/** two words read as one must be spelled almost alike (Marte Eide is not Mourtada) */
const JOINED_FUZZY_MINIMUM = 0.88;
const EXTRA_QUERY_COST_ORGANISATION = 0.8;
const SAME_SCRIPT_CAP = 0.75;
const CONFLICT_COST = 1.3;
const LIST_COST = 0.1;
const MIDDLE_LIST_COST = 0.06;
const COMMON_NAME_PENALTY = 0.1;
const NUMBER_LIST_COST = 0.1;
const PATRONYMIC = /(?:ovich|evich|ovych|evych|ovitch|ovna|evna|ivna|ichna|ogly|oglu|ogli|kyzy|qizi|uulu|ovic|evic)$/;

function isPatronymic(term: Term): boolean {
  return term.kind === 'name' && term.text.length >= 6 && PATRONYMIC.test(term.text);
}
const ORDER_PENALTY = 0.12;
const SINGLE_TOKEN_CAP = 0.75;
const BIN = new Set(['bin', 'ibn', 'ben', 'bint', 'b']);

const EXACT_METHODS = new Set(['exact', 'equivalent', 'romanisation', 'legal-form', 'initial']);

/** The matched list words are mostly common across the index (rarity below one half, none very rare). */
function mostlyCommon(l: Term[], lUsed: number[], weights: number[], rarity: ((term: Term) => number) | undefined): boolean {
  if (rarity === undefined) return false;
  let weighted = 0;
  let total = 0;
  let rarest = 0;
  for (let j = 0; j < l.length; j++) {
    const term = l[j];
    if (term === undefined || lUsed[j] === 0 || term.kind !== 'name') continue;
    const w = weights[j] ?? 1;
    const r = rarity(term);
    weighted += w * r;
    total += w;
    rarest = Math.max(rarest, r);
  }
  return total > 0 && weighted / total < 0.5 && rarest < 0.8;
}

/** A family name and a given name are never glued into one word. */
function crossesRoles(form: NameForm, from: number, to: number): boolean {
  const first = form.roles[from] ?? 0;
  for (let i = from + 1; i < to; i++) if ((form.roles[i] ?? 0) !== first) return true;
  return false;
}

/** Three or four name words, each one romanised Chinese syllable (Cheung Wai Ming, Zhang Wei Ming). */
function romanisedSyllableName(terms: Term[], anySyllable: boolean): boolean {
  let names = 0;
  for (const t of terms) {
    if (t.kind !== 'name') continue;
    names++;
    // a Chinese syllable (Cheung, Wai), or (against a name written in Han or Hangul, whose characters are all
    // there) any East Asian syllable in the lists' spellings (Myong, Chol, Hyok)
    if (!t.chineseSyllables?.some((segmentation) => segmentation.length === 1) && !(anySyllable && t.sinoKey.length > 0 && segmentSyllables(t.text, 1) !== null)) return false;
  }
  return names >= 3 && names <= 4;
}

/** Every word is a Chinese or Korean syllable sequence: such names are written in either order. */
function eastAsianLooking(terms: Term[]): boolean {
  for (const t of terms) if (t.kind === 'name' && t.chineseSyllables === null && t.sinoKey.length === 0) return false;
  return true;
}

const KUNYA_PARTICLES = new Set(['abu', 'abou', 'abo', 'abi', 'um', 'umm']);

function nameLikeTitle(term: Term | undefined): boolean {
  if (term === undefined) return false;
  // a title used as a name (Sayyed), or a kunya's Abu / Abou (A. Zayd for Abu Zayd)
  return (term.kind === 'honorific' && NAME_LIKE_HONORIFICS.has(term.text)) || (term.kind === 'particle' && KUNYA_PARTICLES.has(term.text));
}

function allTags(terms: Term[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const kind = terms[i]?.kind ?? 'name';
    if (NAME_LIKE.has(kind) || kind === 'initial') return false;
  }
  return true;
}

/** A short token equal to the initials of consecutive words on the other side. */
function addInitialisms(short: Term[], long: Term[], swapped: boolean, out: Candidate[], personLike: boolean): void {
  for (let i = 0; i < short.length; i++) {
    const t = short[i];
    if (t === undefined || t.text.length < 2 || t.text.length > 5 || t.kind === 'number') continue;
    // in a person's name a short word with a vowel is a name (Orr, Ana), not the initials of others
    if (personLike && t.text.length >= 3 && /[aeiouy]/.test(t.text)) continue;
    for (let j = 0; j + t.text.length <= long.length; j++) {
      let ok = true;
      for (let k = 0; k < t.text.length && ok; k++) {
        const w = long[j + k];
        if (w === undefined || w.kind === 'number' || w.text.charAt(0) !== t.text.charAt(k)) ok = false;
      }
      if (!ok) continue;
      const c: Candidate = swapped
        ? { q0: j, q1: j + t.text.length, l0: i, l1: i + 1, score: t.text.length >= 3 ? 0.85 : 0.8, method: 'initialism' }
        : { q0: i, q1: i + 1, l0: j, l1: j + t.text.length, score: t.text.length >= 3 ? 0.85 : 0.8, method: 'initialism' };
      out.push(c);
    }
  }
}

/** "Salman bin Muhammad" vs "Muhammad bin Salman": the names around bin are aligned crosswise. */
function reversedPatronymic(q: Term[], l: Term[], chosen: Candidate[]): boolean {
  const mapQ = new Map<number, number>();
  for (const c of chosen) if (c.q1 - c.q0 === 1 && c.l1 - c.l0 === 1) mapQ.set(c.q0, c.l0);
  for (let i = 1; i + 1 < q.length; i++) {
    if (!BIN.has(q[i]?.text ?? '')) continue;
    const a = mapQ.get(i - 1);
    const b = mapQ.get(i + 1);
    if (a === undefined || b === undefined) continue;
    if (b + 2 === a && BIN.has(l[b + 1]?.text ?? '')) return true;
  }
  return false;
}

export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
