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
    if (symbol === 'h' && i === t.length - 1 && i > 0) continue; // final silent h: Abdullah/Abdulla, Fatimah
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
    if (ch === 'h' && i > 0 && i === t.length - 1) continue; // final h is unreliable: Fatimah / فاطمة, Abdullah / عبدالله
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

/** Every toneless Hanyu Pinyin syllable (from pinyin-pro's dictionary). */
const PINYIN_SYLLABLES = new Set(
  (
  'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng ' +
  'cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu ' +
  'cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo ' +
  'e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan ' +
  'guang gui gun guo ha hai han hang hao he hei hen heng hng hong hou hu hua huai huan huang hui hun huo ji jia jian ' +
  'jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan ' +
  'kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue ' +
  'lun luo ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen ' +
  'neng ng ni nian niang niao nie nin ning niu nong nou nu nuan nue nuo o ou pa pai pan pang pao pei pen peng pi pian ' +
  'piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ' +
  'ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng ' +
  'shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ' +
  'ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie ' +
  'xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ' +
  'ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun ' +
  'zhuo zi zong zou zu zuan zui zun zuo'
  ).split(' '),
);

/** True when the token is a sequence of one to four valid pinyin syllables (zhicheng, jinping, wei). */
export function isPinyinWord(token: string): boolean {
  if (token.length === 0 || token.length > 24) return false;
  const reachable: number[] = new Array<number>(token.length + 1).fill(0);
  reachable[0] = 1;
  const count: number[] = new Array<number>(token.length + 1).fill(0);
  for (let i = 0; i < token.length; i++) {
    if (reachable[i] === 0) continue;
    for (let len = 1; len <= 6 && i + len <= token.length; len++) {
      if (!PINYIN_SYLLABLES.has(token.slice(i, i + len))) continue;
      const next = i + len;
      const syllables = (count[i] ?? 0) + 1;
      if (syllables > 4) continue;
      if (reachable[next] === 0 || syllables < (count[next] ?? 0)) {
        reachable[next] = 1;
        count[next] = syllables;
      }
    }
  }
  return reachable[token.length] === 1;
}

/** Interjection syllables (hng, ng, m) never occur in names and make Cantonese spellings look like pinyin. */
for (const interjection of ['hng', 'ng', 'm', 'n']) PINYIN_SYLLABLES.delete(interjection);

