/**
 * Normalisation and name preparation (MATCHING.md steps 2–3), identical at index and query time.
 * A raw name becomes one or more NameForms (transliteration variants), each a sequence of interned Terms
 * with a role and a weight. Tagged tokens (legal forms, particles, honorifics) are kept with a low weight.
 */
import {
  ARABIC_NAME_CLASSES,
  CHINESE_SURNAME_CLASSES,
  EUROPEAN_NAME_CLASSES,
  GENERIC_ORGANISATION_WORDS,
  HEAVY_PARTICLES,
  HONORIFICS,
  KOREAN_SURNAME_CLASSES,
  KOREAN_SYLLABLE_CLASSES,
  LEGAL_FORMS,
  LEGAL_FORM_PHRASES,
  NAME_LIKE_HONORIFICS,
  NICKNAME_CLASSES,
  PARTICLES,
  STOP_WORDS,
} from './vocabulary.js';
import { isPinyinWord, metaphoneKeys, sinoKey, skeleton, vowelKey } from './phonetic.js';
import { editDistance } from './similarity.js';
import { hanSignature } from './han-variants.js';
import { chineseSyllableClasses, pinyinSyllables } from './chinese-syllables.js';
import {
  arabicToLatin,
  armenianToLatin,
  cyrillicVariants,
  detectScripts,
  georgianToLatin,
  greekToLatin,
  hangulToLatin,
  hanToPinyin,
  hebrewToLatin,
  kanaToLatin,
  type Script,
} from './transliterate.js';

export type TermKind = 'name' | 'initial' | 'number' | 'generic' | 'legal' | 'particle' | 'honorific' | 'stop';
export type NameKind = 'person' | 'organisation' | 'any';

/** Role of a token inside one name. */
export const ROLE_UNKNOWN = 0;
export const ROLE_GIVEN = 1;
export const ROLE_FAMILY = 2;

/** One distinct normalised token with its precomputed keys (interned: shared by every name using it). */
export interface Term {
  readonly id: number;
  readonly text: string;
  readonly kind: TermKind;
  /** true when the token comes from an abjad script (Arabic, Hebrew): vowels are unknown */
  readonly abjad: boolean;
  readonly vowelKey: string;
  readonly skeleton: string;
  readonly sinoKey: string;
  /** the token spells valid Hanyu Pinyin syllables: two pinyin spellings that differ are different characters */
  readonly pinyin: boolean;
  /** Chinese syllables as pinyin classes: every pinyin reading a romanised spelling can stand for */
  readonly chineseSyllables: string[][][] | null;
  /** the token read strictly as pinyin (one class per syllable), for readings made from Han characters */
  readonly pinyinReading: string[][][] | null;
  readonly metaphone: string;
  /** equivalence classes: zh:zhang, ar:muhammad, ko:bak, legal:llc … */
  readonly classes: readonly string[];
  readonly nicknames: readonly string[];
}

export interface NameForm {
  terms: Term[];
  roles: number[];
  weights: number[];
  /** display text of this form (the transliteration used) */
  text: string;
  /** set for abjad-script forms, whose words differ from Latin words of the same spelling */
  abjadText?: string;
  /** token order carries no meaning (CJK readings offered in both orders) */
  orderFree: boolean;
  script: Script | 'mixed';
  /** Han / Hangul characters of the original name (traditional mapped to simplified), for same-script checks */
  original?: string;
}

export class TermTable {
  private readonly byKey = new Map<string, Term>();
  readonly terms: Term[] = [];

  /** a table for one query: words already in `base` (the index vocabulary) are reused with their keys */
  static overlay(base: TermTable): TermTable {
    const table = new TermTable();
    table.base = base;
    return table;
  }

  private base: TermTable | undefined;

  get size(): number {
    return this.terms.length;
  }

  intern(text: string, kind: TermKind, abjad: boolean): Term {
    const shared = this.base?.lookup(text, kind, abjad);
    if (shared !== undefined) return shared;
    const key = `${abjad ? '#' : ''}${kind}:${text}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    // ids of a query overlay never collide with the vocabulary's
    const term = makeTerm((this.base?.size ?? 0) + this.terms.length, text, kind, abjad);
    this.byKey.set(key, term);
    this.terms.push(term);
    return term;
  }

  lookup(text: string, kind: TermKind, abjad: boolean): Term | undefined {
    return this.byKey.get(`${abjad ? '#' : ''}${kind}:${text}`);
  }
}

function wrap<T>(value: T | null): T[] | null {
  return value === null ? null : [value];
}

function makeTerm(id: number, text: string, kind: TermKind, abjad: boolean): Term {
  const classes: string[] = [];
  if (kind === 'legal') classes.push(`legal:${text}`);
  else if (!abjad && kind !== 'number') {
    for (const table of [CHINESE_SURNAME_CLASSES, KOREAN_SURNAME_CLASSES, KOREAN_SYLLABLE_CLASSES, ARABIC_NAME_CLASSES, EUROPEAN_NAME_CLASSES]) {
      const found = table.get(text);
      if (found !== undefined) classes.push(...found);
    }
  }
  const alpha = kind !== 'number';
  return {
    id,
    text,
    kind,
    abjad,
    vowelKey: alpha && !abjad ? vowelKey(text) : '',
    skeleton: alpha ? skeleton(text) : text,
    sinoKey: alpha && !abjad && text.length >= 2 ? sinoKey(text) : '',
    pinyin: alpha && !abjad && isPinyinWord(text),
    chineseSyllables: alpha && !abjad && text.length >= 2 ? chineseSyllableClasses(text) : null,
    pinyinReading: alpha && !abjad && text.length >= 2 ? wrap(pinyinSyllables(text)) : null,
    metaphone: alpha && !abjad && text.length >= 2 ? metaphoneKeys(text)[0] : '',
    classes,
    nicknames: NICKNAME_CLASSES.get(text) ?? [],
  };
}

// ---------------------------------------------------------------- Latin normalisation

const SPECIAL_LATIN: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŀ: 'l', ħ: 'h', ŧ: 't', ŋ: 'ng', ĸ: 'k', ſ: 's',
};
const PLAIN_ASCII = /^[A-Za-z ]*$/;
const ORDINALS: Record<string, string> = {
  '1st': 'first', '2nd': 'second', '3rd': 'third', '4th': 'fourth', '5th': 'fifth', '6th': 'sixth', '7th': 'seventh', '8th': 'eighth', '9th': 'ninth', '10th': 'tenth',
};
const UNIT_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS_WORDS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
/** Abbreviated words of organisation names, written out (First Bank Int'l = First International Bank); not for persons. */
const ABBREVIATIONS: Record<string, string> = {
  intl: 'international', natl: 'national', mfg: 'manufacturing', bros: 'brothers', assn: 'association', assoc: 'association',
  dept: 'department', govt: 'government', univ: 'university', mgmt: 'management', hldgs: 'holdings', hldg: 'holding',
  svcs: 'services', engg: 'engineering', inds: 'industries', invt: 'investment', invts: 'investments', trdg: 'trading',
  shpg: 'shipping', mgt: 'management', grp: 'group',
};

/**
 * Number words become digits, so that Brigade Forty-Four, Brigade Forty 4 and Brigade 44 are one name:
 * a tens word joins a following unit (word or digit); a lone unit or teen word stands alone.
 */
function numberWords(words: string[]): string[] {
  let changed = false;
  for (const w of words) if (w in UNIT_WORDS || w in TENS_WORDS) changed = true;
  if (!changed) return words;
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const tens = TENS_WORDS[w];
    if (tens !== undefined) {
      const next = words[i + 1] ?? '';
      const unit = UNIT_WORDS[next] ?? (/^[1-9]$/.test(next) ? Number(next) : undefined);
      if (unit !== undefined && unit >= 1 && unit <= 9) {
        out.push(String(tens + unit));
        i += 1;
      } else out.push(String(tens));
      continue;
    }
    const unit = UNIT_WORDS[w];
    out.push(unit !== undefined ? String(unit) : w);
  }
  return out;
}

function expandAbbreviations(words: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < words.length; i++) {
    const full = Object.prototype.hasOwnProperty.call(ABBREVIATIONS, words[i] ?? '') ? ABBREVIATIONS[words[i] ?? ''] : undefined;
    if (full === undefined) continue;
    out ??= [...words];
    out[i] = full;
  }
  return out ?? words;
}

const ROMAN_NUMERALS = new Set(['ii', 'iii', 'iv', 'vi', 'vii', 'viii', 'ix', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xx']);
const PATRONYMIC = /(?:ovich|evich|ovych|evych|ovitch|ovna|evna|ivna|ichna|ogly|oglu|ogli|kyzy|qizi|uulu|ovic|evic)$/;
/** Words that are legal forms when spelled right; a typo of them is still a legal form, not a name. */
const LEGAL_WORDS = ['company', 'public', 'closed', 'corporation', 'limited', 'incorporated', 'aktiengesellschaft', 'gesellschaft', 'joint', 'stock', 'liability', 'obshchestvo', 'aktsionernoe', 'otkrytoe', 'zakrytoe', 'publichnoe', 'otvetstvennostyu', 'ogranichennoy'];
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '8': 'b' };

/** NFKC, case-fold, diacritics stripped, apostrophes joined, other punctuation → space. Keeps digits. */
export function normaliseLatin(text: string): string {
  // fast path: plain ASCII letters and spaces need only case-folding (most list names)
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().trim().replace(/\s+/g, ' ');
  let t = text.normalize('NFKC').toLowerCase();
  t = t.replace(/[ßæœøłđðþıŀħŧŋĸſ]/g, (ch) => SPECIAL_LATIN[ch] ?? ch);
  t = t.normalize('NFD').replace(/\p{M}/gu, '');
  t = t.replace(/[\u2018\u2019\u201B\u02BB\u02BC\u02BD\u02BE\u02BF\u0060\u00B4\u2032\u0027\u055A\u05F3]/g, "'");
  t = t.replace(/[\u2010-\u2015\u2212\u00AD\uFE58\uFE63\uFF0D]/g, '-');
  t = t.replace(/&/g, ' and ');
  t = t.replace(/\b(1st|2nd|3rd|[4-9]th|10th)\b/g, (m) => ORDINALS[m] ?? m);
  // dotted initialisms: A.B.C. → abc, J.-C. → jc
  t = t.replace(/\.-/g, '.');
  t = t.replace(/(?<![\p{L}\p{N}])((?:\p{L}\.\s?){2,})/gu, (m) => ` ${m.replace(/[.\s]/g, '')} `);
  t = t.replace(/'/g, '');
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ');
  // letters glued to digits in leetspeak (Ig0r Sech1n); plain numbers stay numbers
  t = t.replace(/\S+/g, (word) => {
    if (!/\d/.test(word) || !/\p{L}/u.test(word)) return word;
    const letters = word.replace(/\d/g, '').length;
    if (letters >= 2 && /^[a-z0-9]+$/.test(word) && !/^\d+(st|nd|rd|th)$/.test(word)) return word.replace(/[0-9]/g, (d) => LEET[d] ?? d);
    return word.replace(/(\d)(\p{L})/gu, '$1 $2').replace(/(\p{L})(\d)/gu, '$1 $2');
  });
  return t.trim().replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------- tokens and tags

interface RawToken {
  text: string;
  kind: TermKind;
  role: number;
}

/** Titles that follow a name; every other title precedes it (Patricia King is not a title). */
const SUFFIX_TITLES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'esq', 'phd', 'md']);
/** Particles that are given names when they start a name (Ben Netanyahu, Bin as a first name is rare). */
const FIRST_POSITION_NAMES = new Set(['ben', 'bin', 'ibn', 'bint', 'b', 'le', 'da', 'di', 'de', 'du', 'la', 'van', 'von']);
const ARABIC_ARTICLES = new Set(['al', 'el', 'ul', 'ad', 'ar', 'as', 'at', 'az', 'ash', 'an', 'ed', 'es', 'ud', 'ur', 'us', 'un', 'uz', 'ush', 'ut']);
const ABD_FORMS = new Set(['abd', 'abdul', 'abdel', 'abdal', 'abdoul', 'abdu', 'abdol', 'abdur', 'abdus', 'abdou', 'abdel', 'abdoul', 'abdulla_']);
const DIN_FORMS = new Set(['din', 'deen', 'dine', 'dien', 'dinn', 'eddine', 'uddin', 'iddin']);
/** -ud-Din spellings written in one word (Nuruddin, Noureddine, Alaaldin): one canonical suffix */
const DIN_SUFFIX = /(?<=[a-z]{3})(?:uddin|uddeen|uddine|uddien|eddine|eddin|addin|addine|iddin|oddin|oddine|aldin|aldeen|uldin|eldin|eldine|udin)$/;
const ULLAH_FORMS = new Set(['ullah', 'ollah', 'allah', 'ulla', 'alla', 'ullo', 'ulloh']);

/** Joins Arabic compounds written apart: Abd al-Aziz → abdalaziz, Saif ud Din → saifuddin, Habib Ullah → habibullah. */
function joinCompounds(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (ABD_FORMS.has(w) && i + 1 < words.length) {
      const next = words[i + 1] ?? '';
      const nextNext = words[i + 2];
      if (ARABIC_ARTICLES.has(next) && nextNext !== undefined) {
        out.push(w + next + nextNext);
        i += 2;
        continue;
      }
      if (!PARTICLES.has(next) || ULLAH_FORMS.has(next)) {
        out.push(w + next);
        i += 1;
        continue;
      }
    }
    const prev = out[out.length - 1];
    if (prev !== undefined && ULLAH_FORMS.has(w) && prev.length >= 3 && !ABD_FORMS.has(prev)) {
      out[out.length - 1] = prev + 'ullah';
      continue;
    }
    if (prev !== undefined && prev.length >= 2 && (ARABIC_ARTICLES.has(w) || w === 'u' || w === 'e') && DIN_FORMS.has(words[i + 1] ?? '')) {
      out[out.length - 1] = prev + 'uddin';
      i += 1;
      continue;
    }
    out.push(w);
  }
  return out.map((w) => (w.length > 6 ? w.replace(DIN_SUFFIX, 'uddin') : w));
}

function legalCode(word: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(LEGAL_FORMS, word)) return LEGAL_FORMS[word];
  if (word.length >= 6) {
    for (const legal of LEGAL_WORDS) {
      if (Math.abs(legal.length - word.length) <= 1 && legal.charCodeAt(0) === word.charCodeAt(0) && editDistance(word, legal, 1) <= 1) return LEGAL_FORMS[legal] ?? undefined;
    }
  }
  return undefined;
}

/** One typing error in a legal-form word (Compnay, Jiont, Dstock) still makes it a legal form. */
function fixLegalTypos(words: string[]): string[] {
  return words.map((w, i) => {
    if (w.length < 4 || Object.prototype.hasOwnProperty.call(LEGAL_FORMS, w)) return w;
    for (const legal of LEGAL_WORDS) {
      // a four-letter word only inside a legal phrase (Joint Stoc Company), never on its own
      if (w.length === 4 && !(legal === 'stock' && words[i - 1] === 'joint')) continue;
      if (Math.abs(legal.length - w.length) <= 1 && editDistance(w, legal, 1) <= 1) return legal;
    }
    return w;
  });
}

function tagWords(rawWords: string[], nameKind: NameKind, syllabic = false): RawToken[] {
  const words = fixLegalTypos(rawWords);
  const tokens: RawToken[] = [];
  const isOrganisation = nameKind === 'organisation';
  for (let i = 0; i < words.length; i++) {
    // multi-word legal forms
    let phraseMatched = false;
    for (const [phrase, code] of LEGAL_FORM_PHRASES) {
      if (phrase.length > words.length - i) continue;
      let ok = true;
      for (let k = 0; k < phrase.length; k++) {
        if (words[i + k] !== phrase[k]) {
          ok = false;
          break;
        }
      }
      if (ok && (isOrganisation || phrase.length >= 2) && (isOrganisation || nameKind === 'any' || i > 0)) {
        tokens.push({ text: code, kind: 'legal', role: ROLE_UNKNOWN });
        i += phrase.length - 1;
        phraseMatched = true;
        break;
      }
    }
    if (phraseMatched) continue;
    const w = words[i] ?? '';
    const isLast = i === words.length - 1;
    const isFirst = i === 0;
    let kind: TermKind = 'name';
    let text = w;
    if (/^\d+$/.test(w) || (ROMAN_NUMERALS.has(w) && !isFirst)) kind = 'number';
    else if (w.length === 1 && nameKind !== 'organisation' && !syllabic) kind = STOP_WORDS.has(w) && !isFirst ? 'stop' : 'initial';
    else if (nameKind !== 'organisation' && HONORIFICS.has(w) && words.length > 1 && (!isLast || SUFFIX_TITLES.has(w))) kind = 'honorific';
    else if (PARTICLES.has(w) && !isLast && words.length > 1 && !(isFirst && FIRST_POSITION_NAMES.has(w)) && (nameKind !== 'organisation' || ARABIC_ARTICLES.has(w))) kind = 'particle';
    else if (legalCode(w) !== undefined && words.length > 1 && (isOrganisation || isLast || nameKind === 'any')) {
      kind = 'legal';
      text = legalCode(w) ?? w;
    } else if (STOP_WORDS.has(w) && words.length > 1) kind = 'stop';
    else if (isOrganisation && GENERIC_ORGANISATION_WORDS.has(w) && words.length > 1) kind = 'generic';
    else if (nameKind === 'any' && legalCode(w) !== undefined && words.length > 1 && isFirst) {
      kind = 'legal';
      text = legalCode(w) ?? w;
    }
    tokens.push({ text, kind, role: ROLE_UNKNOWN });
  }
  return tokens;
}

export function kindWeight(kind: TermKind, text: string): number {
  switch (kind) {
    case 'name':
      return 1;
    case 'number':
      return 0.5;
    case 'initial':
      return 0.3;
    case 'generic':
      return 0.5;
    case 'legal':
      return 0.2;
    case 'particle':
      return HEAVY_PARTICLES.has(text) ? 0.45 : 0.15;
    case 'honorific':
      return NAME_LIKE_HONORIFICS.has(text) ? 0.4 : 0.1;
    case 'stop':
      return 0.05;
  }
}

// ---------------------------------------------------------------- transliteration into Latin variants

interface LatinVariant {
  text: string;
  abjad: boolean;
  orderFree: boolean;
  script: Script | 'mixed';
  /** number of leading words that are the family name (CJK readings) */
  familyFirst?: boolean;
}

function transliterateRuns(text: string, cyrillicIndex: number): string {
  // replace every non-Latin run by its transliteration
  return text.replace(/[\p{Script=Cyrillic}]+/gu, (run) => {
    const variants = cyrillicVariants(run);
    return variants[Math.min(cyrillicIndex, variants.length - 1)] ?? run;
  })
    .replace(/[\p{Script=Greek}]+/gu, (run) => greekToLatin(run))
    .replace(/[\p{Script=Armenian}]+/gu, (run) => armenianToLatin(run))
    .replace(/[\p{Script=Georgian}]+/gu, (run) => georgianToLatin(run))
    .replace(/[\p{Script=Hiragana}\p{Script=Katakana}ー・]+/gu, (run) => kanaToLatin(run))
    .replace(/[\p{Script=Hangul}]+/gu, (run) => hangulToLatin(run).replace(/·/g, ''));
}

export function latinVariants(text: string): LatinVariant[] {
  const scripts = detectScripts(text);
  const nonLatin = [...scripts].filter((s) => s !== 'latin');
  if (nonLatin.length === 0) return [{ text, abjad: false, orderFree: false, script: 'latin' }];
  const script: Script | 'mixed' = nonLatin.length === 1 ? (nonLatin[0] ?? 'other') : 'mixed';
  const variants: LatinVariant[] = [];
  if (scripts.has('han')) {
    const readings = hanToPinyin(text);
    const hasKana = scripts.has('kana');
    const lengths = readings.map((r) => r.syllables.length);
    const total = lengths.reduce((a, b) => a + b, 0);
    const noLegalForm = readings.every((r) => r.legalForm === undefined);
    // a personal name: one run of 2–4 characters (family first), or short runs such as 丽华 张 / 张 丽华
    const personLike = noLegalForm && !hasKana && total >= 2 && total <= 4 && (readings.length === 1 || lengths.every((n) => n <= 2));
    if (personLike) {
      let family: string[];
      let given: string[];
      if (readings.length === 1) {
        const syllables = readings[0]?.syllables ?? [];
        family = syllables.slice(0, 1);
        given = syllables.slice(1);
      } else if ((lengths[lengths.length - 1] ?? 0) === 1 && (lengths[0] ?? 0) !== 1) {
        // Western order (given names first), as foreign KYC forms often record it
        family = readings[readings.length - 1]?.syllables ?? [];
        given = readings.slice(0, -1).flatMap((r) => r.syllables);
      } else {
        family = readings[0]?.syllables ?? [];
        given = readings.slice(1).flatMap((r) => r.syllables);
      }
      const familyText = family.join('');
      variants.push({ text: `${familyText} ${given.join('')}`, abjad: false, orderFree: true, script: 'han', familyFirst: true });
      if (given.length > 1) variants.push({ text: `${familyText} ${given.join(' ')}`, abjad: false, orderFree: true, script: 'han', familyFirst: true });
      // two-character compound surnames (欧阳, 司马, 诸葛 …)
      if (readings.length === 1 && total >= 3) {
        const syllables = readings[0]?.syllables ?? [];
        variants.push({ text: `${syllables.slice(0, 2).join('')} ${syllables.slice(2).join('')}`, abjad: false, orderFree: true, script: 'han', familyFirst: true });
      }
    } else {
      const parts = readings.map((r) => r.syllables.join(' ') + (r.legalForm !== undefined ? ' youxian gongsi' : ''));
      const joined = readings.map((r) => r.syllables.join('') + (r.legalForm !== undefined ? ' ltd' : ''));
      variants.push({ text: transliterateRuns(parts.join(' '), 0), abjad: false, orderFree: false, script });
      variants.push({ text: transliterateRuns(joined.join(' '), 0), abjad: false, orderFree: false, script });
    }
    return variants;
  }
  if (scripts.has('hangul') && nonLatin.length === 1) {
    const romanised = hangulToLatin(text);
    const words = romanised.split(/\s+/).filter((w) => w.length > 0).map((w) => w.split('·'));
    const lengths = words.map((w) => w.length);
    const total = lengths.reduce((a, b) => a + b, 0);
    // a personal name: 이민호 (family first), or 민호 이 / 이 민호 written in two parts
    if (total >= 2 && total <= 4 && (words.length === 1 || lengths.every((n) => n <= 2))) {
      let family: string[];
      let given: string[];
      if (words.length === 1) {
        family = (words[0] ?? []).slice(0, 1);
        given = (words[0] ?? []).slice(1);
      } else if ((lengths[lengths.length - 1] ?? 0) === 1 && (lengths[0] ?? 0) !== 1) {
        family = words[words.length - 1] ?? [];
        given = words.slice(0, -1).flat();
      } else {
        family = words[0] ?? [];
        given = words.slice(1).flat();
      }
      variants.push({ text: `${family.join('')} ${given.join('')}`, abjad: false, orderFree: true, script: 'hangul', familyFirst: true });
      if (given.length > 1) variants.push({ text: `${family.join('')} ${given.join(' ')}`, abjad: false, orderFree: true, script: 'hangul', familyFirst: true });
      return variants;
    }
    variants.push({ text: romanised.replace(/·/g, ''), abjad: false, orderFree: true, script: 'hangul' });
    return variants;
  }
  if (scripts.has('arabic')) {
    variants.push({ text: transliterateRuns(arabicToLatin(text), 0), abjad: true, orderFree: false, script });
    return variants;
  }
  if (scripts.has('hebrew')) {
    // vav is a vowel (o/u) or the consonant v: offer both readings
    const reading = transliterateRuns(hebrewToLatin(text), 0);
    variants.push({ text: reading, abjad: true, orderFree: false, script });
    const consonantal = transliterateRuns(hebrewToLatin(text.replace(/(?<=\p{L})ו(?=\p{L})/gu, 'ב')), 0);
    if (consonantal !== reading) variants.push({ text: consonantal, abjad: true, orderFree: false, script });
    return variants;
  }
  if (scripts.has('cyrillic')) {
    const count = cyrillicVariants(text).length;
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      const t = transliterateRuns(text, i);
      if (seen.has(t)) continue;
      seen.add(t);
      variants.push({ text: t, abjad: false, orderFree: false, script });
    }
    return variants;
  }
  variants.push({ text: transliterateRuns(text, 0), abjad: false, orderFree: false, script });
  return variants;
}

// ---------------------------------------------------------------- prepare

export interface NamePartsHint {
  given?: string[];
  family?: string;
  patronymic?: string;
}

export function prepareName(raw: string, nameKind: NameKind, table: TermTable, parts?: NamePartsHint): NameForm[] {
  let text = raw.normalize('NFKC').trim();
  if (text.length === 0) return [];
  const familyHints = new Set<string>();
  let commaReordered = false;
  // "FAMILY, Given" → Given FAMILY (persons only; "Acme, Ltd." keeps its order)
  const commaParts = text.split(',');
  if (nameKind !== 'organisation' && commaParts.length === 2) {
    const before = (commaParts[0] ?? '').trim();
    const after = (commaParts[1] ?? '').trim();
    const afterWords = normaliseLatin(after).split(' ');
    const beforeWords = normaliseLatin(before).split(' ');
    const looksLegal = [...afterWords, ...beforeWords].some((w) => legalCode(w) !== undefined || LEGAL_WORDS.includes(w)) || /\d/.test(after);
    if (!looksLegal && before.length > 0 && after.length > 0 && before.split(/\s+/).length <= 3) {
      text = `${after} ${before}`;
      commaReordered = true;
      for (const w of normaliseLatin(before).split(' ')) familyHints.add(w);
    }
  }
  if (parts?.family !== undefined) for (const w of normaliseLatin(parts.family).split(' ')) if (w.length > 0) familyHints.add(w);
  // "Sergey Viktorovich LAVROV": an all-capitals word in a mixed-case name is the family name
  if (/\p{Ll}/u.test(text)) {
    for (const w of text.split(/[\s,]+/)) {
      if (w.length >= 2 && /^[\p{Lu}'-]+$/u.test(w) && /\p{Lu}{2}/u.test(w)) for (const n of normaliseLatin(w).split(' ')) familyHints.add(n);
    }
  }
  const forms: NameForm[] = [];
  const seen = new Set<string>();
  for (const variant of latinVariants(text)) {
    const normalised = normaliseLatin(variant.text);
    if (normalised.length === 0) continue;
    const split = normalised.split(' ');
    const words = joinCompounds(nameKind === 'person' ? split : expandAbbreviations(numberWords(split)));
    const tokens = tagWords(words, nameKind, variant.familyFirst === true);
    if (tokens.length === 0) continue;
    if (variant.familyFirst === true && tokens[0] !== undefined) {
      tokens[0].role = ROLE_FAMILY;
      for (const token of tokens.slice(1)) token.role = ROLE_GIVEN;
    }
    for (const token of tokens) if (familyHints.has(token.text) && token.kind === 'name') token.role = ROLE_FAMILY;
    // once the family name is known, the other name words are given names
    if (familyHints.size > 0 && tokens.some((t) => t.role === ROLE_FAMILY)) {
      for (const token of tokens) if (token.role === ROLE_UNKNOWN && token.kind === 'name') token.role = ROLE_GIVEN;
    }
    const signature = `${variant.abjad ? '#' : ''}${tokens.map((t) => `${t.kind}:${t.text}`).join(' ')}`;
    if (seen.has(signature)) continue;
    seen.add(signature);
    const terms = tokens.map((t) => table.intern(t.text, t.kind, variant.abjad && t.kind !== 'number'));
    const weights = tokens.map((t) => {
      const base = kindWeight(t.kind, t.text) * (t.role === ROLE_FAMILY ? 1.15 : 1);
      // patronymics identify the father, not the person: half weight
      return t.kind === 'name' && t.text.length >= 6 && PATRONYMIC.test(t.text) ? base * 0.5 : base;
    });
    const form: NameForm = {
      terms,
      roles: tokens.map((t) => t.role),
      weights,
      text: tokens.map((t) => t.text).join(' '),
      // "FAMILY, Given" says which part is the family name, not in which order the person writes it
      orderFree: variant.orderFree || commaReordered,
      script: variant.script,
    };
    if (variant.script === 'han' || variant.script === 'hangul') form.original = hanSignature(text);
    if (variant.abjad) form.abjadText = `#${form.text}`;
    forms.push(form);
  }
  return forms;
}
