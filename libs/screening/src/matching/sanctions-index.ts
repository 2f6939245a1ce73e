/**
 * The in-memory sanctions index (MATCHING.md step 4). Vocabulary-level blocking: each distinct token is
 * interned once; lookup keys (exact text, phonetic keys, equivalence classes, SymSpell deletes) point at
 * vocabulary terms, and postings (typed arrays) point from terms to name forms. Query cost grows with the
 * vocabulary touched, not with the list. A scan over all names is the fallback when blocking finds nothing.
 */
import type { ListEntry } from '../domain/list-entry.js';
import type { Match, SanctionsIndex, ScreeningQuery, SearchOptions, Thresholds } from '../domain/matcher.js';
import { abdRest, termSimilarity } from './compare.js';
import {
  bestNameMatch,
  nameKindFor,
  scoreEntry,
  type BestName,
  type PreparedListName,
  type PreparedQueryForm,
} from './entry-scoring.js';
import { type NameForm, type Term, TermTable, prepareName } from './name-model.js';
import { identifierFamily, normaliseIdentifierNumber } from './qualifiers.js';
import { EUROPEAN_NAME_CLASSES } from './vocabulary.js';

// ---------------------------------------------------------------- hashed key store

const KEY_EXACT = 'x';
const KEY_VOWEL = 'v';
const KEY_SKELETON = 's';
const KEY_METAPHONE = 'm';
const KEY_SINO = 'c';
const KEY_CLASS = 'k';
const KEY_DELETE = 'd';
const KEY_ABD_REST = 'a';

function hash32(kind: string, text: string): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ kind.charCodeAt(0), 0x01000193);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** FNV-1a of `text` with the character at `skip` left out (a SymSpell delete, without building the string). */
function hashDelete(kind: string, text: string, skip: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ kind.charCodeAt(0), 0x01000193);
  for (let i = 0; i < text.length; i++) if (i !== skip) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Deletes at distance 1 (index side) of a token of 4+ letters, plus the token itself. */
function deletes1(text: string): string[] {
  const out = [text];
  if (text.length < 4) return out;
  for (let i = 0; i < text.length; i++) out.push(text.slice(0, i) + text.slice(i + 1));
  return out;
}

/** Query side: distance 1 for 4–7 letters, distance 2 for 8+. */
function queryDeletes(text: string): string[] {
  const first = deletes1(text);
  if (text.length < 8) return first;
  const all = new Set(first);
  for (const d of first.slice(1)) for (const dd of deletes1(d).slice(1)) all.add(dd);
  return [...all];
}

class KeyStore {
  private pairs: number[] = [];
  private hashes = new Uint32Array(0);
  private values = new Int32Array(0);

  add(kind: string, text: string, termId: number): void {
    if (text.length === 0) return;
    this.pairs.push(hash32(kind, text) * 2_097_152 + termId);
  }

  /** the token itself and, from 4 letters, every single-letter deletion of it */
  addDeletes(text: string, termId: number): void {
    this.pairs.push(hash32(KEY_DELETE, text) * 2_097_152 + termId);
    if (text.length < 4) return;
    for (let i = 0; i < text.length; i++) {
      if (i > 0 && text.charCodeAt(i) === text.charCodeAt(i - 1)) continue; // same deletion as the previous one
      this.pairs.push(hashDelete(KEY_DELETE, text, i) * 2_097_152 + termId);
    }
  }

  freeze(): void {
    const packed = Float64Array.from(this.pairs);
    this.pairs = [];
    packed.sort();
    // de-duplicate
    let n = 0;
    for (let i = 0; i < packed.length; i++) if (i === 0 || packed[i] !== packed[i - 1]) packed[n++] = packed[i] ?? 0;
    this.hashes = new Uint32Array(n);
    this.values = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = packed[i] ?? 0;
      const h = Math.floor(v / 2_097_152);
      this.hashes[i] = h;
      this.values[i] = v - h * 2_097_152;
    }
  }

  get size(): number {
    return this.hashes.length;
  }

  /** Calls visit(termId) for every term stored under the key. */
  forEach(kind: string, text: string, visit: (termId: number) => void): void {
    if (text.length === 0) return;
    const h = hash32(kind, text);
    let lo = 0;
    let hi = this.hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.hashes[mid] ?? 0) < h) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.hashes.length && this.hashes[i] === h; i++) visit(this.values[i] ?? 0);
  }
}

// ---------------------------------------------------------------- index

const DEFAULT_LIMIT = 50;
const MAX_VOCAB_CANDIDATES_PER_TERM = 400;
const MAX_FULL_SCORES = 150;
const COMMON_DOCUMENT_FREQUENCY = 20;
const SIMILAR_CACHE_SIZE = 20_000;
/** distinct query words remembered between searches before the query table starts afresh */
const QUERY_TERM_TABLE_SIZE = 20_000;

/** Vocabulary words similar to one word: term ids and their similarities, side by side. */
interface SimilarWords {
  ids: Int32Array;
  sims: Float32Array;
}

function compact(found: ReadonlyMap<number, number>): SimilarWords {
  const ids = new Int32Array(found.size);
  const sims = new Float32Array(found.size);
  let k = 0;
  for (const [id, sim] of found) {
    ids[k] = id;
    sims[k] = sim;
    k++;
  }
  return { ids, sims };
}
/** only name-like words start candidates: particles, honorifics, legal forms and initials never do */
const BLOCKING_KINDS = new Set(['name', 'number', 'generic']);
/** blocking keeps names whose query coverage (from the keys alone) is within this margin of the threshold */
const BOUND_MARGIN = 0.15;

export class InMemorySanctionsIndex implements SanctionsIndex {
  readonly entryCount: number;
  readonly nameCount: number;
  private readonly entries: ListEntry[];
  private readonly table = new TermTable();
  private readonly names: PreparedListName[] = [];
  private readonly namesByEntry: Int32Array;
  private readonly namesByEntryOffsets: Int32Array;
  private readonly postingOffsets: Int32Array;
  private readonly postings: Int32Array;
  /** per name form: total query-relevant weight of its name-like terms */
  private readonly nameTokenCounts: Uint8Array;
  private readonly keys = new KeyStore();
  private readonly identifiers = new Map<string, number[]>();
  // scratch buffers reused by every search (an index is used from one thread)
  private scratchAccumulated = new Float32Array(0);
  private scratchBest = new Float32Array(0);
  private scratchStamp = new Int32Array(0);
  private scratchTouched = new Uint8Array(0);
  private stampCounter = 0;
  private gluedTable = new TermTable();
  private readonly gluedCache = new Map<string, ReadonlyArray<readonly [number, number]>>();
  private readonly similarCache = new Map<number, SimilarWords>();
  private readonly querySimilarCache = new Map<number, SimilarWords>();
  private queryTable: TermTable;
  private readonly byInitial = new Map<string, Int32Array>();
  private readonly bySkeletonInitial = new Map<string, Int32Array>();

  constructor(entries: readonly ListEntry[]) {
    this.entries = [...entries];
    this.entryCount = this.entries.length;
    const perEntry: number[][] = [];
    let nameCount = 0;
    // the same name appears on several lists (SDN, CSL, UN, UK …): prepare it once, share the forms
    const prepared = new Map<string, NameForm[]>();
    for (let e = 0; e < this.entries.length; e++) {
      const entry = this.entries[e];
      const mine: number[] = [];
      perEntry.push(mine);
      if (entry === undefined) continue;
      const kind = nameKindFor(entry.type);
      const seen = new Set<string>();
      for (const name of entry.names) {
        if (name.full.trim().length === 0) continue;
        nameCount++;
        const cacheKey = `${kind}|${name.full}|${name.parts?.family ?? ''}`;
        let forms = prepared.get(cacheKey);
        if (forms === undefined) {
          forms = prepareName(name.full, kind, this.table, name.parts);
          prepared.set(cacheKey, forms);
        }
        for (const form of forms) {
          const signature = `${form.abjadText ?? form.text}${form.orderFree ? '!' : ''}`;
          if (seen.has(signature)) continue;
          seen.add(signature);
          mine.push(this.names.length);
          this.names.push({ entryIndex: e, strength: name.strength, display: name.full, form });
        }
      }
      for (const identifier of entry.identifiers) {
        const key = `${identifierFamily(identifier.type)}|${normaliseIdentifierNumber(identifier)}`;
        const list = this.identifiers.get(key);
        if (list === undefined) this.identifiers.set(key, [e]);
        else if (!list.includes(e)) list.push(e);
      }
    }
    this.nameCount = nameCount;
    // entry → name forms
    this.namesByEntryOffsets = new Int32Array(this.entries.length + 1);
    for (let e = 0; e < perEntry.length; e++) this.namesByEntryOffsets[e + 1] = (this.namesByEntryOffsets[e] ?? 0) + (perEntry[e]?.length ?? 0);
    this.namesByEntry = new Int32Array(this.names.length);
    for (let e = 0; e < perEntry.length; e++) this.namesByEntry.set(perEntry[e] ?? [], this.namesByEntryOffsets[e] ?? 0);
    // postings: term → name forms (counting sort)
    const termCount = this.table.size;
    const counts = new Int32Array(termCount + 1);
    this.nameTokenCounts = new Uint8Array(this.names.length);
    for (let n = 0; n < this.names.length; n++) {
      const form = this.names[n]?.form;
      if (form === undefined) continue;
      let nameTokens = 0;
      let previous = -1;
      for (const term of uniqueTerms(form)) {
        if (term.id === previous) continue;
        counts[term.id + 1] = (counts[term.id + 1] ?? 0) + 1;
        previous = term.id;
      }
      for (const term of form.terms) if (term.kind === 'name' || term.kind === 'number' || term.kind === 'generic') nameTokens++;
      this.nameTokenCounts[n] = Math.min(255, nameTokens);
    }
    for (let t = 0; t < termCount; t++) counts[t + 1] = (counts[t + 1] ?? 0) + (counts[t] ?? 0);
    this.postingOffsets = counts;
    this.postings = new Int32Array(counts[termCount] ?? 0);
    const cursor = counts.slice(0, termCount);
    for (let n = 0; n < this.names.length; n++) {
      const form = this.names[n]?.form;
      if (form === undefined) continue;
      for (const term of uniqueTerms(form)) {
        const at = cursor[term.id] ?? 0;
        this.postings[at] = n;
        cursor[term.id] = at + 1;
      }
    }
    // lookup keys over the vocabulary
    for (const term of this.table.terms) {
      if (term.kind !== 'name' && term.kind !== 'generic' && term.kind !== 'number') continue;
      this.keys.add(KEY_EXACT, term.text, term.id);
      this.keys.add(KEY_SKELETON, term.skeleton, term.id);
      if (term.abjad) continue;
      this.keys.add(KEY_VOWEL, term.vowelKey, term.id);
      this.keys.add(KEY_METAPHONE, term.metaphone, term.id);
      this.keys.add(KEY_SINO, term.sinoKey, term.id);
      for (const cls of term.classes) this.keys.add(KEY_CLASS, cls, term.id);
      for (const cls of term.nicknames) this.keys.add(KEY_CLASS, cls, term.id);
      if (term.kind !== 'number') this.keys.addDeletes(term.text, term.id);
      const rest = term.kind === 'name' ? abdRest(term.text) : null;
      if (rest !== null) this.keys.add(KEY_ABD_REST, rest, term.id);
    }
    this.keys.freeze();
    this.queryTable = TermTable.overlay(this.table);
    const byInitial = new Map<string, number[]>();
    const bySkeletonInitial = new Map<string, number[]>();
    for (const term of this.table.terms) {
      if (term.kind !== 'name') continue;
      const push = (map: Map<string, number[]>, key: string): void => {
        if (key.length === 0) return;
        const list = map.get(key);
        if (list === undefined) map.set(key, [term.id]);
        else list.push(term.id);
      };
      if (!term.abjad) push(byInitial, term.text.slice(0, 2));
      push(bySkeletonInitial, term.skeleton.charAt(0));
    }
    for (const [k, v] of byInitial) this.byInitial.set(k, Int32Array.from(v));
    for (const [k, v] of bySkeletonInitial) this.bySkeletonInitial.set(k, Int32Array.from(v));
  }

  private documentFrequency(termId: number): number {
    return (this.postingOffsets[termId + 1] ?? 0) - (this.postingOffsets[termId] ?? 0);
  }

  /** 1 for a word in one name, 0.5 at COMMON_DOCUMENT_FREQUENCY names, towards 0 for very common words. */
  private readonly rarity = (term: Term): number => {
    const vocab = this.table.terms[term.id];
    if (vocab !== term) return 1;
    return COMMON_DOCUMENT_FREQUENCY / (COMMON_DOCUMENT_FREQUENCY + Math.max(0, this.documentFrequency(term.id) - 1));
  };

  /** Recall safety net: compare a query term with the vocabulary words sharing its first letter. */
  private scanVocabulary(term: Term): Map<number, number> {
    const found = new Map<number, number>();
    if (term.kind !== 'name' || term.text.length < 3) return found;
    const first = term.abjad ? term.skeleton.charAt(0) : term.text.slice(0, 2);
    const length = term.abjad ? term.skeleton.length : term.text.length;
    const bucket = (term.abjad ? this.bySkeletonInitial : this.byInitial).get(first);
    if (bucket === undefined) return found;
    for (const id of bucket) {
      const vocab = this.table.terms[id];
      if (vocab === undefined || vocab.kind !== 'name') continue;
      if (term.abjad) {
        if (vocab.skeleton.charAt(0) !== first || Math.abs(vocab.skeleton.length - length) > 1) continue;
      } else if (Math.abs(vocab.text.length - length) > 2) continue;
      const sim = termSimilarity(term, vocab).score;
      if (sim >= 0.6) found.set(vocab.id, sim);
    }
    return found;
  }

  /** Vocabulary words with this spelling, as a name or as a generic organisation word. */
  private wordsSpelled(text: string): number[] {
    const out: number[] = [];
    const name = this.table.lookup(text, 'name', false);
    const generic = this.table.lookup(text, 'generic', false);
    if (name !== undefined) out.push(name.id);
    if (generic !== undefined) out.push(generic.id);
    return out;
  }

  /**
   * Similar vocabulary words of a word are stable: each word is looked up once, whether it is in the vocabulary or
   * a query word kept in the query table. Stored compactly (ids and similarities side by side).
   */
  private cachedSimilarTerms(term: Term, scan: boolean): SimilarWords {
    if (scan) return compact(this.similarTerms(term, new Map(), true));
    const inVocabulary = this.table.terms[term.id] === term;
    const cache = inVocabulary ? this.similarCache : this.querySimilarCache;
    if (!inVocabulary && this.queryTable.terms[term.id - this.table.size] !== term) return compact(this.similarTerms(term, new Map(), false));
    let found = cache.get(term.id);
    if (found === undefined) {
      if (cache.size >= SIMILAR_CACHE_SIZE) cache.clear();
      found = compact(this.similarTerms(term, new Map(), false));
      cache.set(term.id, found);
    }
    return found;
  }

  /** The query words of the searches so far (bounded): a word seen before keeps its keys and its similar words. */
  private queryTerms(): TermTable {
    if (this.queryTable.size >= QUERY_TERM_TABLE_SIZE) {
      this.queryTable = TermTable.overlay(this.table);
      this.querySimilarCache.clear();
    }
    return this.queryTable;
  }

  /**
   * Vocabulary words within 0.8 of two adjacent query words written as one (Patr ushev → patrushev, Chin ping →
   * jinping, Ka Fai → jiahui). Narrower than similarTerms (the spelling, its consonants, its vowels, its toneless
   * and Cantonese / Wade-Giles pinyin readings, one deletion on each side), because every adjacent pair of every query form is looked up; remembered by spelling.
   */
  private gluedSimilarTerms(text: string): ReadonlyArray<readonly [number, number]> {
    const cached = this.gluedCache.get(text);
    if (cached !== undefined) return cached;
    const glued = this.gluedTable.intern(text, 'name', false);
    const seen = new Set<number>();
    const found: Array<readonly [number, number]> = [];
    const visit = (termId: number): void => {
      if (seen.has(termId) || seen.size >= MAX_VOCAB_CANDIDATES_PER_TERM) return;
      seen.add(termId);
      const vocab = this.table.terms[termId];
      if (vocab === undefined || Math.abs(vocab.text.length - text.length) > 3) return;
      const sim = termSimilarity(glued, vocab).score;
      if (sim >= 0.8) found.push([termId, sim]);
    };
    this.keys.forEach(KEY_EXACT, glued.text, visit);
    this.keys.forEach(KEY_SKELETON, glued.skeleton, visit);
    this.keys.forEach(KEY_SINO, glued.sinoKey, visit);
    this.keys.forEach(KEY_VOWEL, glued.vowelKey, visit);
    for (const segmentation of glued.chineseSyllables ?? []) for (const reading of pinyinReadings(segmentation)) this.keys.forEach(KEY_EXACT, reading, visit);
    for (const d of deletes1(glued.text)) this.keys.forEach(KEY_DELETE, d, visit);
    if (this.gluedCache.size >= SIMILAR_CACHE_SIZE) {
      this.gluedCache.clear();
      this.gluedTable = new TermTable();
    }
    this.gluedCache.set(text, found);
    return found;
  }

  /** Vocabulary terms similar to a query term, with their similarity. */
  private similarTerms(term: Term, cache: Map<number, number>, scan: boolean): Map<number, number> {
    if (scan) return this.scanVocabulary(term);
    const found = new Map<number, number>();
    const visit = (termId: number): void => {
      if (found.has(termId) || found.size >= MAX_VOCAB_CANDIDATES_PER_TERM) return;
      let sim = cache.get(termId);
      if (sim === undefined) {
        const vocab = this.table.terms[termId];
        sim = vocab === undefined ? 0 : termSimilarity(term, vocab).score;
        cache.set(termId, sim);
      }
      if (sim >= 0.5) found.set(termId, sim);
    };
    this.keys.forEach(KEY_EXACT, term.text, visit);
    this.keys.forEach(KEY_SKELETON, term.skeleton, visit);
    if (!term.abjad) {
      for (const cls of term.classes) this.keys.forEach(KEY_CLASS, cls, visit);
      for (const cls of term.nicknames) this.keys.forEach(KEY_CLASS, cls, visit);
      // Basir ↔ Abdul Basir (abdulbasir): the compound from what follows its prefix, and the other way round
      if (term.kind === 'name' && term.text.length >= 4) this.keys.forEach(KEY_ABD_REST, term.text, visit);
      const rest = term.kind === 'name' ? abdRest(term.text) : null;
      if (rest !== null) this.keys.forEach(KEY_EXACT, rest, visit);
      // a Latvian / Lithuanian -s ending (Sergejs): the given-name classes of the word without it
      if (term.text.length >= 5 && term.text.endsWith('s')) for (const cls of EUROPEAN_NAME_CLASSES.get(term.text.slice(0, -1)) ?? []) this.keys.forEach(KEY_CLASS, cls, visit);
      this.keys.forEach(KEY_VOWEL, term.vowelKey, visit);
      this.keys.forEach(KEY_SINO, term.sinoKey, visit);
      this.keys.forEach(KEY_METAPHONE, term.metaphone, visit);
      if (term.kind !== 'number') for (const d of queryDeletes(term.text)) this.keys.forEach(KEY_DELETE, d, visit);
      // a Cantonese / Wade-Giles spelling: look up each pinyin reading it can stand for (Ka Fai → jiahui)
      for (const segmentation of term.chineseSyllables ?? []) for (const reading of pinyinReadings(segmentation)) this.keys.forEach(KEY_EXACT, reading, visit);
    }
    return found;
  }

  search(query: ScreeningQuery, thresholds: Thresholds, options?: SearchOptions): Match[] {
    const threshold = options?.threshold ?? thresholds.review;
    const limit = options?.limit ?? DEFAULT_LIMIT;
    const personLike = query.type !== 'organisation' && query.type !== 'vessel' && query.type !== 'aircraft';
    const queryForms = prepareQueryForms(query, this.queryTerms());

    // identifiers first: an exact identifier match is decisive whatever the name
    const candidateEntries = new Set<number>();
    for (const identifier of query.identifiers ?? []) {
      const key = `${identifierFamily(identifier.type)}|${normaliseIdentifierNumber(identifier)}`;
      for (const e of this.identifiers.get(key) ?? []) candidateEntries.add(e);
      if (identifierFamily(identifier.type) === 'other') {
        for (const [k, list] of this.identifiers) if (k.endsWith(`|${normaliseIdentifierNumber(identifier)}`)) for (const e of list) candidateEntries.add(e);
      }
    }

    const identifierEntries = new Set(candidateEntries);
    // only the names that passed blocking are scored; an identifier hit scores all names of its entry
    const namesOfEntry = new Map<number, PreparedListName[]>();
    for (const e of candidateEntries) {
      const listNames: PreparedListName[] = [];
      for (let k = this.namesByEntryOffsets[e] ?? 0; k < (this.namesByEntryOffsets[e + 1] ?? 0); k++) {
        const name = this.names[this.namesByEntry[k] ?? -1];
        if (name !== undefined) listNames.push(name);
      }
      namesOfEntry.set(e, listNames);
    }
    for (const n of this.blockCandidates(queryForms, threshold)) {
      const name = this.names[n];
      if (name === undefined || candidateEntries.has(name.entryIndex)) continue;
      const listNames = namesOfEntry.get(name.entryIndex);
      if (listNames === undefined) namesOfEntry.set(name.entryIndex, [name]);
      else listNames.push(name);
    }

    const matches: Match[] = [];
    for (const [e, listNames] of namesOfEntry) {
      const entry = this.entries[e];
      if (entry === undefined) continue;
      // explanations are built only for names that can still reach the threshold (identifier hits always)
      const best: BestName | null = bestNameMatch(queryForms, listNames, personLike, this.rarity, identifierEntries.has(e) ? 0 : threshold);
      const scored = scoreEntry(query, entry, best, thresholds);
      if (scored === null || scored.score < threshold) continue;
      matches.push({ entry, matchedName: scored.matchedName, score: scored.score, band: scored.band, explanation: scored.explanation });
    }
    matches.sort((a, b) => b.score - a.score || compareText(a.entry.list, b.entry.list) || compareText(a.entry.sourceId, b.entry.sourceId));
    return matches.slice(0, limit);
  }

  /** Name forms whose query coverage could reach the threshold. */
  private blockCandidates(queryForms: readonly PreparedQueryForm[], threshold: number, scan = false): number[] {
    const nameCount = this.names.length;
    if (this.scratchAccumulated.length !== nameCount) {
      this.scratchAccumulated = new Float32Array(nameCount);
      this.scratchBest = new Float32Array(nameCount);
      this.scratchStamp = new Int32Array(nameCount).fill(-1);
      this.scratchTouched = new Uint8Array(nameCount);
    }
    const accumulated = this.scratchAccumulated;
    const best = this.scratchBest;
    const stamp = this.scratchStamp;
    const inTouched = this.scratchTouched;
    const touchedAll: number[] = [];
    const result = new Map<number, number>();
    // the forms of one query share their words: a word not in the vocabulary is expanded once per search
    const similarOfQueryWord = new Map<number, SimilarWords>();
    for (const { form } of queryForms) {
      const formTouched: number[] = [];
      // the bound counts only the parts that can start candidates: tags and initials are scored later
      // (a repeated word counts once, as it is found once: Ramadan Ramadan)
      let totalWeight = 0;
      const countedTerms = new Set<number>();
      for (let i = 0; i < form.terms.length; i++) {
        const term = form.terms[i];
        if (term === undefined || countedTerms.has(term.id)) continue;
        countedTerms.add(term.id);
        if ((form.weights[i] ?? 0) >= 0.3 && BLOCKING_KINDS.has(term.kind)) totalWeight += form.weights[i] ?? 0;
      }
      if (totalWeight === 0) continue;
      const seenTerms = new Set<number>();
      for (let i = 0; i < form.terms.length; i++) {
        const term = form.terms[i];
        const weight = form.weights[i] ?? 0;
        if (term === undefined || weight < 0.3 || !BLOCKING_KINDS.has(term.kind)) continue;
        // a repeated word (Li Li Mei) can only be found once in a list name
        if (seenTerms.has(term.id)) continue;
        seenTerms.add(term.id);
        let similar = similarOfQueryWord.get(term.id);
        if (similar === undefined) {
          similar = this.cachedSimilarTerms(term, scan);
          similarOfQueryWord.set(term.id, similar);
        }
        // split: a query word that is two vocabulary words glued together (SamirHassan): each half earns half
        const halves: number[] = [];
        if (term.text.length >= 4 && !term.abjad) {
          for (let cut = 2; cut <= term.text.length - 2; cut++) {
            const lefts = this.wordsSpelled(term.text.slice(0, cut));
            const rights = this.wordsSpelled(term.text.slice(cut));
            if (lefts.length > 0 && rights.length > 0) halves.push(...lefts, ...rights);
          }
        }
        for (const termId of halves) {
          for (let p = this.postingOffsets[termId] ?? 0; p < (this.postingOffsets[termId + 1] ?? 0); p++) {
            const n = this.postings[p] ?? 0;
            accumulated[n] = (accumulated[n] ?? 0) + weight * 0.5 * 0.95;
            if (inTouched[n] === 0) {
              inTouched[n] = 1;
              formTouched.push(n);
            }
          }
        }
        if (this.stampCounter >= 2_000_000_000) {
          this.stampCounter = 0;
          stamp.fill(-1);
        }
        const s = this.stampCounter++;
        const touched: number[] = [];
        for (let k = 0; k < similar.ids.length; k++) {
          const termId = similar.ids[k] ?? 0;
          const sim = similar.sims[k] ?? 0;
          const from = this.postingOffsets[termId] ?? 0;
          const to = this.postingOffsets[termId + 1] ?? 0;
          for (let p = from; p < to; p++) {
            const n = this.postings[p] ?? 0;
            if (stamp[n] !== s) {
              stamp[n] = s;
              best[n] = sim;
              touched.push(n);
            } else if (sim > (best[n] ?? 0)) best[n] = sim;
          }
        }
        for (const n of touched) {
          accumulated[n] = (accumulated[n] ?? 0) + weight * (best[n] ?? 0);
          if (inTouched[n] === 0) {
            inTouched[n] = 1;
            formTouched.push(n);
          }
        }
      }
      // adjacent query words glued together (Patr ushev → patrushev, Chin ping → jinping)
      for (let i = 0; i + 1 < form.terms.length; i++) {
        const a = form.terms[i];
        const b = form.terms[i + 1];
        // a split after a prefix leaves a particle (Al Fred, De Velopment): glue any two words but numbers
        if (a === undefined || b === undefined || a.abjad || a.kind === 'number' || b.kind === 'number') continue;
        const w = (form.weights[i] ?? 0) + (form.weights[i + 1] ?? 0);
        for (const [termId, sim] of this.gluedSimilarTerms(a.text + b.text)) {
          // the vocabulary word must really be the two words joined, not one of them
          if ((this.table.terms[termId]?.text.length ?? 0) <= Math.max(a.text.length, b.text.length)) continue;
          for (let p = this.postingOffsets[termId] ?? 0; p < (this.postingOffsets[termId + 1] ?? 0); p++) {
            const n = this.postings[p] ?? 0;
            accumulated[n] = (accumulated[n] ?? 0) + w * sim;
            if (inTouched[n] === 0) {
              inTouched[n] = 1;
              formTouched.push(n);
            }
          }
        }
      }
      const bound = Math.max(0, threshold - BOUND_MARGIN) * totalWeight;
      const passing: Array<[number, number]> = [];
      for (const n of formTouched) {
        const value = accumulated[n] ?? 0;
        // list names much longer than the query lose a little per unmatched part
        // or every word of a list name of two or more words is in the query (a longer query that contains it)
        const tokens = this.nameTokenCounts[n] ?? 0;
        if (value >= bound || (tokens >= 2 && value >= 0.95 * tokens)) passing.push([n, value / totalWeight - 0.03 * Math.max(0, (this.nameTokenCounts[n] ?? 0) - form.terms.length)]);
        accumulated[n] = 0;
        inTouched[n] = 0;
      }
      passing.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      for (const [n, value] of passing.slice(0, MAX_FULL_SCORES)) result.set(n, Math.max(result.get(n) ?? 0, value));
      if (formTouched.length > 0) touchedAll.push(formTouched[0] ?? 0);
    }
    // nothing at all found through the keys: scan the vocabulary once (recall safety, still per vocabulary)
    if (result.size === 0 && touchedAll.length === 0 && !scan) return this.blockCandidates(queryForms, threshold, true);
    return [...result.keys()];
  }

}

/** Every pinyin spelling a sequence of syllable classes can stand for, at most 64. */
function pinyinReadings(classes: readonly string[][]): string[] {
  let readings = [''];
  for (const options of classes) {
    const next: string[] = [];
    for (const prefix of readings) for (const option of options) if (next.length < 64) next.push(prefix + option);
    readings = next;
  }
  return readings;
}

/** The distinct terms of a name (names are short: a linear check beats a Set). */
function uniqueTerms(form: NameForm): Term[] {
  const out: Term[] = [];
  for (const t of form.terms) if (!out.includes(t)) out.push(t);
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function prepareQueryForms(query: ScreeningQuery, table: TermTable): PreparedQueryForm[] {
  const kind = nameKindFor(query.type);
  const forms: PreparedQueryForm[] = [];
  const seen = new Set<string>();
  for (const raw of [query.name, query.originalScriptName]) {
    if (raw === undefined || raw.trim().length === 0) continue;
    for (const form of prepareName(raw, kind, table)) {
      const signature = form.terms.map((t) => `${t.abjad ? '#' : ''}${t.kind}:${t.text}`).join(' ') + (form.orderFree ? '!' : '');
      if (seen.has(signature)) continue;
      seen.add(signature);
      forms.push({ form, display: raw });
    }
  }
  return forms;
}

export function buildSanctionsIndex(entries: ListEntry[]): SanctionsIndex {
  return new InMemorySanctionsIndex(entries);
}
