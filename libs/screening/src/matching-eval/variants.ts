/**
 * Deterministic name variants ("treatments") derived from list names, to measure the matcher's recall on the
 * kinds of differences a payer's KYC name shows against the published list name. Pure: randomness comes from a
 * seeded generator, and every variant is derived from (seed, list, source id, treatment) alone, so adding or
 * removing one entry never changes the others' variants.
 */
import { mulberry32, seedFromString, type Random } from './prng.js';

export const TREATMENTS = [
  'typo',
  'swap',
  'dropMiddle',
  'diacritics',
  'respelling',
  'casePunctuation',
  'initial',
  'joinSplit',
] as const;
export type Treatment = (typeof TREATMENTS)[number];

/** What each treatment does, for the report. */
export const TREATMENT_DESCRIPTIONS: Readonly<Record<Treatment, string>> = {
  typo: 'one-letter substitution, insertion, deletion or transposition in one token of at least 5 letters',
  swap: 'two parts swapped, or the last part moved first, or "FAMILY, Given" rewritten as "Given FAMILY"',
  dropMiddle: 'one middle part dropped (persons with at least 3 parts)',
  diacritics: 'diacritics removed when the name has some, otherwise added to one or two letters',
  respelling:
    'one respelling from a transliteration class (Mohammed/Muhammad, Abdul/Abd al, ou→u, ee→i, kh→h, q→k, doubled consonant…)',
  casePunctuation:
    'case changed (upper/lower/title) and punctuation changed (hyphen, comma, period, stripped)',
  initial: 'first given name reduced to its initial (persons; weaker evidence by design)',
  joinSplit:
    'two tokens joined, a hyphenated token joined or split, or a token split after a name prefix (Abdul|Rahman, Al|Rashid, Mac|Donald)',
};

export type NameKind = 'person' | 'other';

export interface TreatmentResult {
  name: string;
  detail: string;
}

export interface VariantSource {
  list: string;
  sourceId: string;
  name: string;
  kind: NameKind;
}

export interface Variant {
  source: VariantSource;
  treatment: Treatment;
  name: string;
  detail: string;
}

const NON_LATIN_LETTER = /(?![\p{Script=Latin}])\p{L}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** A name written in Latin script only (letters from no other script). */
export function isLatinName(name: string): boolean {
  return LATIN_LETTER.test(name) && !NON_LATIN_LETTER.test(name);
}

const LETTER = /\p{L}/u;
const ASCII_LOWER = 'abcdefghijklmnopqrstuvwxyz';

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function letterCount(token: string): number {
  let n = 0;
  for (const ch of token) if (LETTER.test(ch)) n++;
  return n;
}

function matchCase(sample: string, ch: string): string {
  return isUpper(sample) ? ch.toUpperCase() : ch.toLowerCase();
}

/**
 * Legal forms and generic organisation words. Respellings and joins are transliteration and data-entry effects on
 * name tokens; applying them to "COMPANY" or "OOO" would produce variants no payer writes.
 */
const GENERIC_TOKENS = new Set([
  'ooo',
  'oao',
  'zao',
  'ao',
  'pao',
  'ojsc',
  'pjsc',
  'cjsc',
  'jsc',
  'llc',
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'co',
  'company',
  'companies',
  'corp',
  'corporation',
  'gmbh',
  'ag',
  'sa',
  'srl',
  'sarl',
  'spa',
  'bv',
  'nv',
  'plc',
  'llp',
  'lp',
  'fze',
  'fzc',
  'fzco',
  'pte',
  'pty',
  'bhd',
  'sdn',
  'kg',
  'group',
  'holding',
  'holdings',
  'bank',
  'trading',
  'international',
  'joint',
  'stock',
  'the',
  'of',
  'and',
  'for',
  'industries',
  'industrial',
  'enterprise',
  'enterprises',
  'establishment',
  'organization',
  'organisation',
  'foundation',
  'association',
  'ministry',
  'state',
  'general',
  'national',
  'services',
  'service',
  'shipping',
  'investment',
  'investments',
  'import',
  'export',
  'technology',
  'aktsionernoe',
  'obshchestvo',
  'obschestvo',
  'otkrytoe',
  'zakrytoe',
  'publichnoe',
  'tovarishchestvo',
  'ogranichennoi',
  'otvetstvennostyu',
  'kompaniya',
  'technologies',
  'jr',
  'sr',
]);

/** Legal forms whose position varies in practice (OOO X ↔ X OOO). */
const MOVABLE_LEGAL_FORMS = new Set([
  'ooo',
  'oao',
  'zao',
  'ao',
  'pao',
  'ojsc',
  'pjsc',
  'cjsc',
  'jsc',
  'llc',
  'ltd',
  'gmbh',
  'ag',
  'sa',
  'srl',
  'plc',
  'fze',
  'fzc',
  'fzco',
]);

/** Name particles that attach to the following token (Al Rashid → Alrashid) but not to the preceding one. */
const PARTICLES = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'bint',
  'abu',
  'abd',
  'ben',
  'ould',
  'van',
  'von',
  'de',
  'del',
  'da',
  'di',
  'du',
  'la',
  'le',
  'y',
]);

function bare(token: string): string {
  return token.toLowerCase().replace(/[^\p{L}]/gu, '');
}

function isGeneric(token: string): boolean {
  return GENERIC_TOKENS.has(bare(token));
}

function tokens(name: string): string[] {
  return name.split(/\s+/).filter((t) => t.length > 0);
}

/** One-letter edit inside one token of at least 5 letters. */
function typo(name: string, rng: Random): TreatmentResult | null {
  const parts = name.split(/(\s+)/);
  const candidates = parts
    .map((part, index) => ({ part, index }))
    .filter(({ part }) => letterCount(part) >= 5 && isLatinName(part));
  if (candidates.length === 0) return null;
  const { part, index } = rng.pick(candidates);
  const chars = [...part];
  const letterPositions = chars.map((ch, i) => (LETTER.test(ch) ? i : -1)).filter((i) => i >= 0);
  const operations = ['substitution', 'insertion', 'deletion', 'transposition'] as const;
  for (let attempt = 0; attempt < 8; attempt++) {
    const operation = rng.pick(operations);
    const at = rng.pick(letterPositions);
    const original = chars[at];
    const edited = chars.slice();
    if (operation === 'substitution') {
      const choices = [...ASCII_LOWER].filter((c) => c !== original.toLowerCase());
      edited[at] = matchCase(original, rng.pick(choices));
    } else if (operation === 'insertion') {
      edited.splice(at, 0, matchCase(original, rng.pick([...ASCII_LOWER])));
    } else if (operation === 'deletion') {
      edited.splice(at, 1);
    } else {
      const next = at + 1;
      const nextChar = chars[next];
      if (
        nextChar === undefined ||
        !LETTER.test(nextChar) ||
        nextChar.toLowerCase() === original.toLowerCase()
      )
        continue;
      edited[at] = nextChar;
      edited[next] = original;
    }
    const token = edited.join('');
    if (token === part) continue;
    const out = parts.slice();
    out[index] = token;
    return { name: out.join(''), detail: `${operation}: ${part} → ${token}` };
  }
  return null;
}

function stripCommas(token: string): string {
  return token.replace(/,+$/u, '');
}

/** Split "FAMILY, Given Names" into its sides; undefined when the name has no single comma. */
function commaSides(name: string): { family: string[]; given: string[] } | undefined {
  const pieces = name.split(',');
  if (pieces.length !== 2) return undefined;
  const family = tokens(pieces[0]);
  const given = tokens(pieces[1]);
  if (family.length === 0 || given.length === 0) return undefined;
  return { family, given };
}

/** Tokens that start a compound name (Abdul Bari, Abu Bakr, Al Hakim): neither they nor the token after them is dropped alone. */
const COMPOUND_HEADS = new Set([
  ...PARTICLES,
  'abdul',
  'abdel',
  'abdal',
  'abdoul',
  'abdur',
  'abdu',
  'abdi',
  'abou',
]);

/** Group tokens into name parts: a compound head takes the token after it (Abd Al-Ghafur, Ben Habib, Abou El Yazid). */
function nameUnits(parts: readonly string[]): string[] {
  const units: string[] = [];
  let current: string[] = [];
  for (const token of parts) {
    current.push(token);
    if (!COMPOUND_HEADS.has(bare(token))) {
      units.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) units.push(current.join(' '));
  return units;
}

function swap(name: string, kind: NameKind, rng: Random): TreatmentResult | null {
  const sides = commaSides(name);
  if (sides) {
    const out = [...sides.given, ...sides.family].join(' ');
    return { name: out, detail: '"FAMILY, Given" → "Given FAMILY"' };
  }
  const parts = tokens(name).map(stripCommas);
  if (parts.length < 2) return null;
  if (kind !== 'person') {
    // organisation words keep their order; what moves in practice is the legal form
    if (MOVABLE_LEGAL_FORMS.has(bare(parts[0])))
      return { name: [...parts.slice(1), parts[0]].join(' '), detail: 'legal form moved last' };
    const last = parts[parts.length - 1];
    if (MOVABLE_LEGAL_FORMS.has(bare(last)))
      return { name: [last, ...parts.slice(0, -1)].join(' '), detail: 'legal form moved first' };
    return null;
  }
  const units = nameUnits(parts);
  if (units.length < 2) return null;
  const mode = units.length === 2 ? 'exchange' : rng.pick(['rotate', 'exchange'] as const);
  let out: string[];
  if (mode === 'rotate') {
    out = [units[units.length - 1], ...units.slice(0, -1)];
  } else {
    const i = rng.int(0, units.length - 1);
    let j = rng.int(0, units.length - 2);
    if (j >= i) j++;
    out = units.slice();
    out[i] = units[j];
    out[j] = units[i];
  }
  const result = out.join(' ');
  if (result.toLowerCase() === parts.join(' ').toLowerCase()) return null;
  return { name: result, detail: mode === 'rotate' ? 'last part moved first' : 'two parts exchanged' };
}

/** Middle positions (not first, not last) whose token is a whole name part rather than half of a compound. */
function droppablePositions(natural: readonly string[]): number[] {
  const out: number[] = [];
  for (let k = 1; k < natural.length - 1; k++) {
    const token = bare(natural[k]);
    const before = bare(natural[k - 1]);
    if (token === '' || COMPOUND_HEADS.has(token) || COMPOUND_HEADS.has(before)) continue;
    out.push(k);
  }
  return out;
}

function dropMiddle(name: string, kind: NameKind, rng: Random): TreatmentResult | null {
  if (kind !== 'person') return null;
  const sides = commaSides(name);
  if (sides) {
    // natural order is given names then family; a middle part is anything but the first given and the last family token
    const natural = [
      ...sides.given.map((t) => ({ t, side: 'given' as const })),
      ...sides.family.map((t) => ({ t, side: 'family' as const })),
    ];
    const positions = droppablePositions(natural.map((x) => x.t));
    if (positions.length === 0) return null;
    const k = rng.pick(positions);
    const kept = natural.filter((_, i) => i !== k);
    const family = kept.filter((x) => x.side === 'family').map((x) => x.t);
    const given = kept.filter((x) => x.side === 'given').map((x) => x.t);
    if (family.length === 0 || given.length === 0) return null;
    return { name: `${family.join(' ')}, ${given.join(' ')}`, detail: `dropped "${natural[k]?.t ?? ''}"` };
  }
  const parts = tokens(name);
  const positions = droppablePositions(parts);
  if (positions.length === 0) return null;
  const k = rng.pick(positions);
  return { name: parts.filter((_, i) => i !== k).join(' '), detail: `dropped "${parts[k] ?? ''}"` };
}

const ADD_DIACRITIC: Readonly<Record<string, string>> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  s: 'š',
  z: 'ž',
  y: 'ý',
};

function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

function diacritics(name: string, rng: Random): TreatmentResult | null {
  const stripped = stripDiacritics(name);
  if (stripped !== name) return { name: stripped, detail: 'diacritics removed' };
  const chars = [...name];
  const positions = chars.map((ch, i) => (ADD_DIACRITIC[ch.toLowerCase()] ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0) return null;
  const count = Math.min(positions.length, rng.int(1, 2));
  const chosen = rng.shuffle(positions).slice(0, count);
  for (const i of chosen) {
    const ch = chars[i];
    chars[i] = matchCase(ch, ADD_DIACRITIC[ch.toLowerCase()]);
  }
  return { name: chars.join(''), detail: `diacritics added to ${count} letter(s)` };
}

interface RespellingRule {
  label: string;
  pattern: RegExp;
  replacement: string;
  /** the pattern can span a space or hyphen between tokens */
  spansTokens?: boolean;
}

/** Transliteration classes a payer's name and the list name commonly differ by (MATCHING.md, step 3). */
const RESPELLINGS: readonly RespellingRule[] = [
  { label: 'Mohammed→Muhammad', pattern: /\bmohammed\b/i, replacement: 'muhammad' },
  { label: 'Muhammad→Mohamed', pattern: /\bmuhammad\b/i, replacement: 'mohamed' },
  { label: 'Mohamed→Mohammad', pattern: /\bmohamed\b/i, replacement: 'mohammad' },
  { label: 'Mohammad→Muhammed', pattern: /\bmohammad\b/i, replacement: 'muhammed' },
  { label: 'Abdul→Abd al', pattern: /\babdul/i, replacement: 'abd al ', spansTokens: true },
  { label: 'Abd al→Abdul', pattern: /\babd[ -]?al[ -]/i, replacement: 'abdul', spansTokens: true },
  { label: 'Abdel→Abdul', pattern: /\babdel/i, replacement: 'abdul' },
  { label: 'Hussein→Husayn', pattern: /\bhussein\b/i, replacement: 'husayn' },
  { label: 'Husayn→Hussein', pattern: /\bhusayn\b/i, replacement: 'hussein' },
  { label: 'Hussain→Hussein', pattern: /\bhussain\b/i, replacement: 'hussein' },
  { label: 'al-→el-', pattern: /\bal([ -])/i, replacement: 'el$1', spansTokens: true },
  { label: 'ou→u', pattern: /ou/i, replacement: 'u' },
  { label: 'oo→u', pattern: /oo/i, replacement: 'u' },
  { label: 'ee→i', pattern: /ee/i, replacement: 'i' },
  { label: 'kh→h', pattern: /kh/i, replacement: 'h' },
  { label: 'q→k', pattern: /q(?!u)/i, replacement: 'k' },
  { label: 'dh→z', pattern: /dh/i, replacement: 'z' },
  { label: 'ph→f', pattern: /ph/i, replacement: 'f' },
  { label: 'sch→sh', pattern: /sch/i, replacement: 'sh' },
  { label: 'ai→ay', pattern: /ai/i, replacement: 'ay' },
  { label: 'ei→ey', pattern: /ei/i, replacement: 'ey' },
  { label: 'iy→y (word end)', pattern: /iy\b/i, replacement: 'y' },
  {
    label: 'y→iy (word end, after consonant)',
    pattern: /(?<=[bcdfghjklmnpqrstvwxz])y\b/i,
    replacement: 'iy',
  },
  { label: 'ov→off (word end)', pattern: /ov\b/i, replacement: 'off' },
  { label: 'doubled consonant→single', pattern: /([bcdfghjklmnpqrstvwxz])\1/i, replacement: '$1' },
  { label: 'x→ks', pattern: /x/i, replacement: 'ks' },
];

/** Give the replacement the case of the text it replaces (all upper, capitalised or lower). */
function caseLike(original: string, replacement: string): string {
  const letters = [...original].filter((c) => LETTER.test(c));
  if (letters.length > 0 && letters.every(isUpper)) return replacement.toUpperCase();
  if (letters.length > 0 && isUpper(letters[0])) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1).toLowerCase();
  }
  return replacement.toLowerCase();
}

function applyRule(text: string, rule: RespellingRule): string {
  return text.replace(rule.pattern, (matched: string, ...groups: unknown[]) => {
    const expanded = rule.replacement.replace(/\$(\d)/g, (_, d: string) => {
      const group = groups[Number(d) - 1];
      return typeof group === 'string' ? group : '';
    });
    return caseLike(matched, expanded);
  });
}

/** One respelling, applied to one name token (never a legal form, generic word or parenthesised acronym). */
function respelling(name: string, rng: Random): TreatmentResult | null {
  const parts = name.split(/(\s+)/);
  const eligible = parts
    .map((part, index) => ({ part, index }))
    .filter(({ part }) => letterCount(part) >= 3 && !isGeneric(part) && !/[()]/.test(part));
  if (eligible.length === 0) return null;
  for (const rule of rng.shuffle(RESPELLINGS)) {
    if (rule.spansTokens) {
      // multi-token classes (Abd al → Abdul, al- → el-) only touch particles, so apply them to the whole name
      if (!rule.pattern.test(name)) continue;
      const out = applyRule(name, rule).replace(/\s+/g, ' ').trim();
      if (out !== name) return { name: out, detail: rule.label };
      continue;
    }
    for (const { part, index } of rng.shuffle(eligible)) {
      if (!rule.pattern.test(part)) continue;
      const token = applyRule(part, rule);
      if (token === part) continue;
      const out = parts.slice();
      out[index] = token;
      return { name: out.join('').replace(/\s+/g, ' ').trim(), detail: rule.label };
    }
  }
  return null;
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s\-'.,])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function casePunctuation(name: string, rng: Random): TreatmentResult | null {
  const caseOps = [
    { label: 'upper case', apply: (t: string) => t.toUpperCase() },
    { label: 'lower case', apply: (t: string) => t.toLowerCase() },
    { label: 'title case', apply: titleCase },
  ].filter((op) => op.apply(name) !== name);
  const punctuationOps = [
    {
      label: 'punctuation stripped',
      apply: (t: string) =>
        t
          .replace(/[.,'’"()\-/]+/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
    },
    { label: 'hyphen between two parts', apply: (t: string) => t.replace(/(\p{L})\s+(\p{L})/u, '$1-$2') },
    {
      label: 'comma after the first part',
      // never after a compound head: "Abdul, Bari" would read as family name Abdul
      apply: (t: string) =>
        t.includes(',') || COMPOUND_HEADS.has(bare(t.split(/\s+/)[0] ?? ''))
          ? t
          : t.replace(/^(\S+)\s+/u, '$1, '),
    },
    { label: 'trailing period', apply: (t: string) => `${t}.` },
    { label: 'spaces doubled', apply: (t: string) => t.replace(/\s+/g, '  ') },
  ];
  const caseOp = caseOps.length ? rng.pick(caseOps) : undefined;
  const cased = caseOp ? caseOp.apply(name) : name;
  const changing = punctuationOps.filter((op) => op.apply(cased) !== cased);
  const punctuationOp = changing.length ? rng.pick(changing) : undefined;
  const out = punctuationOp ? punctuationOp.apply(cased) : cased;
  if (out === name || !LETTER.test(out)) return null;
  return { name: out, detail: [caseOp?.label, punctuationOp?.label].filter(Boolean).join(', ') };
}

function initial(name: string, kind: NameKind): TreatmentResult | null {
  if (kind !== 'person') return null;
  const sides = commaSides(name);
  if (sides) {
    const first = sides.given[0];
    if (letterCount(first) < 2) return null;
    const given = [`${[...first].find((c) => LETTER.test(c)) ?? ''}.`, ...sides.given.slice(1)];
    return { name: `${sides.family.join(' ')}, ${given.join(' ')}`, detail: `given name ${first} → initial` };
  }
  const parts = tokens(name);
  if (parts.length < 2) return null;
  const first = parts[0];
  if (letterCount(first) < 2) return null;
  const out = [`${[...first].find((c) => LETTER.test(c)) ?? ''}.`, ...parts.slice(1)];
  return { name: out.join(' '), detail: `given name ${first} → initial` };
}

const SPLIT_PREFIX =
  /^(abdul|abdel|abd|abu|al|el|bin|ibn|ben|ould|mac|mc|van|von|del|della|de|di|da|du|le|la)(?=\p{L}{3,}$)/iu;

function joinSplit(name: string, rng: Random): TreatmentResult | null {
  const options: Array<() => TreatmentResult | null> = [];
  if (/\p{L}-\p{L}/u.test(name)) {
    options.push(() => ({
      name: name.replace(/(\p{L})-(\p{L})/u, '$1$2'),
      detail: 'hyphenated token joined',
    }));
    options.push(() => ({
      name: name.replace(/(\p{L})-(\p{L})/u, '$1 $2'),
      detail: 'hyphenated token split',
    }));
  }
  const parts = name.split(' ');
  // join two name tokens, or a particle with what follows it; never a legal form or a particle with what precedes it
  const joinable = parts
    .map((_, i) => i)
    .filter((i) => {
      const left = parts[i];
      const right = parts[i + 1];
      if (right === undefined || !/^\p{L}+$/u.test(left) || !/^\p{L}+$/u.test(right)) return false;
      return !isGeneric(left) && !isGeneric(right) && !PARTICLES.has(bare(right));
    });
  if (joinable.length > 0) {
    options.push(() => {
      const i = rng.pick(joinable);
      const out = [...parts.slice(0, i), `${parts[i] ?? ''}${parts[i + 1] ?? ''}`, ...parts.slice(i + 2)];
      return { name: out.join(' '), detail: `joined "${parts[i] ?? ''} ${parts[i + 1] ?? ''}"` };
    });
  }
  // split only where names really come apart (Abdulrahman → Abdul Rahman, Alrashid → Al Rashid), not at random
  const splittable = parts.map((_, i) => i).filter((i) => SPLIT_PREFIX.test(parts[i]));
  if (splittable.length > 0) {
    options.push(() => {
      const i = rng.pick(splittable);
      const token = parts[i];
      const prefix = SPLIT_PREFIX.exec(token)?.[1] ?? '';
      const out = [...parts.slice(0, i), prefix, token.slice(prefix.length), ...parts.slice(i + 1)];
      return { name: out.join(' '), detail: `split "${token}" after "${prefix}"` };
    });
  }
  if (options.length === 0) return null;
  return rng.pick(options)();
}

/** Apply one treatment; null when it does not apply to this name (too short, no such part, not a person …). */
export function applyTreatment(
  treatment: Treatment,
  name: string,
  kind: NameKind,
  rng: Random,
): TreatmentResult | null {
  let result: TreatmentResult | null;
  switch (treatment) {
    case 'typo':
      result = typo(name, rng);
      break;
    case 'swap':
      result = swap(name, kind, rng);
      break;
    case 'dropMiddle':
      result = dropMiddle(name, kind, rng);
      break;
    case 'diacritics':
      result = diacritics(name, rng);
      break;
    case 'respelling':
      result = respelling(name, rng);
      break;
    case 'casePunctuation':
      result = casePunctuation(name, rng);
      break;
    case 'initial':
      result = initial(name, kind);
      break;
    case 'joinSplit':
      result = joinSplit(name, rng);
      break;
  }
  if (!result || result.name === name || result.name.trim() === '') return null;
  return result;
}

/**
 * Sample up to `count` items spread across lists: each list's items are shuffled, then lists are drawn from in
 * turn, so small lists (UN, EU, OFAC non-SDN) are represented as well as the large ones.
 */
export function sampleAcrossLists<T extends { list: string }>(
  items: readonly T[],
  count: number,
  seed: number,
): T[] {
  const rng = mulberry32(seed);
  const byList = new Map<string, T[]>();
  for (const item of items) {
    const bucket = byList.get(item.list) ?? [];
    bucket.push(item);
    byList.set(item.list, bucket);
  }
  const queues = [...byList.keys()].sort().map((list) => rng.shuffle(byList.get(list) ?? []));
  const out: T[] = [];
  let cursor = 0;
  while (out.length < count && queues.some((q) => cursor < q.length)) {
    for (const queue of queues) {
      if (out.length >= count) break;
      const item = queue[cursor];
      if (item !== undefined) out.push(item);
    }
    cursor++;
  }
  return out;
}

/** Every applicable treatment of every source, each from its own seeded generator. */
export function generateVariants(
  sources: readonly VariantSource[],
  seed: number,
  treatments: readonly Treatment[] = TREATMENTS,
): Variant[] {
  const out: Variant[] = [];
  for (const source of sources) {
    for (const treatment of treatments) {
      const rng = mulberry32(
        seedFromString(`${source.list}|${source.sourceId}|${source.name}|${treatment}`, seed),
      );
      const result = applyTreatment(treatment, source.name, source.kind, rng);
      if (result) out.push({ source, treatment, name: result.name, detail: result.detail });
    }
  }
  return out;
}
