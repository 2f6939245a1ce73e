/**
 * Phonetic keys for name tokens (lower-case ASCII). Three independent keys:
 * - vowelKey: consonants after spelling-equivalence rules, each vowel run folded to one symbol, the initial
 *   vowel kept as a class. Absorbs Arabic and Slavic respellings (Mohammed/Muhammad, Husayn/Hussein,
 *   Qaddafi/Gaddafi, Zelensky/Zelenskyy) while keeping Salman ≠ Sulaiman.
 * - skeleton: consonants only, for comparing against abjad-script tokens (short vowels unwritten).
 * - sinoKey: a loose syllable key for tokens that segment into Chinese or Korean syllables (Hsi/Xi/Shi,
 *   Chin/Jin, Jeong/Jong/Chong).
 */
import { doubleMetaphone } from 'double-metaphone';

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.has(ch);
}

/** Spelling rules shared by the vowel key and the skeleton. */
function respell(token: string): string {
  let t = token;
  t = t.replace(/tsch|tch/g, 'ch').replace(/sch/g, 'sh').replace(/shch/g, 'sh');
  t = t.replace(/ph/g, 'f').replace(/kh/g, 'h').replace(/gh/g, 'g').replace(/ck/g, 'k').replace(/q/g, 'k');
  t = t.replace(/dh/g, 'd').replace(/th/g, 't').replace(/dj|dzh/g, 'j').replace(/zh/g, 'j');
  t = t.replace(/ch/g, 'C').replace(/sh/g, 'S');
  t = t.replace(/c(?=[eiy])/g, 's').replace(/c/g, 'k').replace(/x/g, 'ks').replace(/w/g, 'v').replace(/tz|ts/g, 'c');
  t = t.replace(/g/g, 'k');
  // y is a vowel unless it starts a syllable before a vowel
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] ?? '';
    if (ch === 'y') out += isVowel(t[i + 1]) ? 'y' : 'i';
    else out += ch;
  }
  return out;
}

export function vowelKey(token: string): string {
  const t = respell(token);
  let out = '';
  let i = 0;
  if (isVowel(t[0])) {
    const first = t[0] ?? '';
    out += first === 'a' ? 'a' : first === 'e' || first === 'i' ? 'i' : 'u';
    while (isVowel(t[i])) i++;
  }
  let last = out;
  for (; i < t.length; i++) {
    const ch = t[i] ?? '';
    const symbol = isVowel(ch) ? '*' : ch;
    if (symbol === 'h' && !isVowel(t[i + 1]) && i > 0) continue; // silent h after a vowel: Abdullah/Abdulla, Fatimah
    if (symbol === last) continue;
    out += symbol;
    last = symbol;
  }
  return out;
}

export function skeleton(token: string): string {
  const t = respell(token).replace(/p/g, 'b').replace(/v/g, 'f');
  let out = '';
  let last = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] ?? '';
    if (isVowel(ch)) continue;
    if (ch === 'h' && i > 0 && (isVowel(t[i - 1]) || i === t.length - 1) && (i === t.length - 1 || !isVowel(t[i + 1]))) continue;
    if (ch === last) continue;
    out += ch;
    last = ch;
  }
  return out;
}

export function metaphoneKeys(token: string): [string, string] {
  return doubleMetaphone(token);
}

// ---------------------------------------------------------------- Chinese / Korean syllables

const SYLLABLE_INITIALS = ['zh', 'ch', 'sh', 'hs', 'ts', 'tz', 'ng', 'kw', 'gw', 'kh', 'ph', 'th', 'kk', 'tt', 'pp', 'ss', 'jj', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w', ''];
const SYLLABLE_NUCLEI = ['iao', 'iou', 'uai', 'uei', 'yeo', 'yae', 'wae', 'eui', 'eung', 'ai', 'ei', 'ao', 'ou', 'ia', 'ie', 'iu', 'ua', 'uo', 'ui', 'ue', 'ae', 'eo', 'eu', 'oe', 'oi', 'oo', 'ee', 'au', 'ya', 'ye', 'yo', 'yu', 'wa', 'we', 'wi', 'wo', 'ih', 'eh', 'a', 'e', 'i', 'o', 'u'];
const SYLLABLE_CODAS = ['ng', 'n', 'm', 'p', 't', 'k', 'l', 'h', ''];

function matchSyllable(token: string, start: number): number[] {
  const ends: number[] = [];
  for (const initial of SYLLABLE_INITIALS) {
    if (!token.startsWith(initial, start)) continue;
    const afterInitial = start + initial.length;
    for (const nucleus of SYLLABLE_NUCLEI) {
      if (!token.startsWith(nucleus, afterInitial)) continue;
      const afterNucleus = afterInitial + nucleus.length;
      for (const coda of SYLLABLE_CODAS) {
        if (token.startsWith(coda, afterNucleus)) ends.push(afterNucleus + coda.length);
      }
    }
  }
  return ends;
}

/** Splits a token into at most `max` East Asian syllables, preferring fewer, longer syllables; null if impossible. */
export function segmentSyllables(token: string, max = 3): string[] | null {
  if (token.length === 0 || token.length > 14) return null;
  const best = (start: number, remaining: number): string[] | null => {
    if (start === token.length) return [];
    if (remaining === 0) return null;
    const ends = [...new Set(matchSyllable(token, start))].sort((a, b) => b - a);
    for (const end of ends) {
      if (end === start) continue;
      const rest = best(end, remaining - 1);
      if (rest !== null) return [token.slice(start, end), ...rest];
    }
    return null;
  };
  return best(0, max);
}

function looseSyllable(syllable: string): string {
  let s = syllable;
  s = s.replace(/^(zh|ch|tch|ts|tz|jj|j|q|z|c)/, 'C').replace(/^(hs|sh|ss|x|s)/, 'S');
  s = s.replace(/^(kh|kk|kw|gw|g|k)/, 'K').replace(/^(th|tt|d|t)/, 'T').replace(/^(ph|pp|b|p)/, 'P').replace(/^(r|l)/, 'L');
  s = s.replace(/^(y|w)(?=[aeiou])/, '');
  s = s.replace(/eo/g, 'o').replace(/eu/g, 'u').replace(/ae/g, 'e').replace(/oe/g, 'e').replace(/ee/g, 'i').replace(/oo/g, 'u').replace(/ou/g, 'u').replace(/ih$/, 'i').replace(/eh$/, 'e');
  s = s.replace(/ung$/, 'ong').replace(/ng$/, 'n').replace(/([aeiou])h$/, '$1');
  return s;
}

/** Loose key for a token made of East Asian syllables, or '' if the token does not segment. */
export function sinoKey(token: string): string {
  const syllables = segmentSyllables(token);
  if (syllables === null) return '';
  return syllables.map(looseSyllable).join('');
}
