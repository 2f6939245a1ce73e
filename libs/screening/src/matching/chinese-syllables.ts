/**
 * Mandarin (pinyin) syllables ↔ their Cantonese (Hong Kong government), Macau (Portuguese-based), Wade-Giles
 * and common Southeast Asian spellings, for given names: Huang Jiahui = Wong Ka Fai, Zhou Guohua = Chow Kwok
 * Wah, Guo Zhiqiang = Kuok Chi Keong. A romanised syllable maps to every pinyin syllable it can stand for.
 * Two pinyin spellings are never made equivalent here (different pinyin = different characters).
 */
import { isPinyinWord } from './phonetic.js';

const GIVEN_SYLLABLES: Record<string, string[]> = {
  an: ['on', 'ngon'], bai: ['pak', 'baak'], bang: ['pong'], bao: ['po', 'pao', 'bo'], bei: ['pui', 'pei'], bin: ['pan', 'bun', 'ban', 'pin'],
  bing: ['ping'], bo: ['po', 'pok'], cai: ['choi', 'tsoi', 'choy', 'tsai'], can: ['chan', 'tsan', 'tsaan'], chang: ['cheung', 'tseung', 'ch\'ang'],
  chao: ['chiu', 'tsiu'], chen: ['chan', 'chun', 'tsan'], cheng: ['ching', 'shing', 'sing', 'seng'], chi: ['tsz', 'chee'], chong: ['chung', 'tsung'],
  chu: ['chue', 'tsu'], chuan: ['chuen', 'tsuen'], chun: ['chon', 'tsun', 'cheun'], ci: ['chi', 'tsz', 'tse', 'tzu'], cong: ['chung', 'tsung'],
  cui: ['chui', 'tsui'], da: ['tai', 'dai', 'tat', 'taat'], de: ['tak', 'dak', 'te'], deng: ['tang', 'dang', 'teng'], di: ['tik', 'dik', 'tai', 'ti'],
  ding: ['ting', 'deng'], dong: ['tung', 'dung'], fa: ['fat', 'faat'], fan: ['faan'], fang: ['fong'], fei: ['fi'], fen: ['fun'], feng: ['fung', 'fong'],
  fu: ['foo'], gang: ['kong'], gao: ['ko', 'kou'], ge: ['ko', 'kot'], gen: ['kan'], geng: ['kang'], gong: ['kung'], gu: ['ku', 'koo'],
  guan: ['kwun', 'kwan', 'koon', 'kuan'], guang: ['kwong', 'kuong', 'kuang'], gui: ['kwai', 'gwai', 'kuei'], guo: ['kwok', 'kuok', 'kuo'],
  hai: ['hoi'], han: ['hon'], hao: ['ho', 'hou'], he: ['ho'], heng: ['hang'], hong: ['hung'], hu: ['woo', 'foo'], hua: ['wa', 'wah'],
  huai: ['wai'], huan: ['woon', 'wun', 'foon', 'wun'], huang: ['wong', 'vong'], hui: ['wai', 'fai', 'fui'], ji: ['kei', 'kee', 'gei', 'kai', 'chi'],
  jia: ['ka', 'kar', 'ga', 'chia'], jian: ['kin', 'gin', 'chin', 'kim', 'chien'], jiang: ['keung', 'kong', 'keong', 'chiang'], jiao: ['kiu', 'gau', 'chiao'],
  jie: ['kit', 'git', 'chit', 'chieh'], jin: ['kam', 'gam', 'kan', 'chin'], jing: ['ching', 'king', 'ging'], jiu: ['kau', 'gau', 'chiu', 'jeou', 'chiou'],
  ju: ['kui', 'kuk', 'koi', 'chu', 'keoi'], juan: ['kuen', 'guen', 'chuan'], jun: ['kwan', 'chun', 'gwan', 'chon', 'chun', 'chün'],
  kai: ['hoi'], kang: ['hong'], ke: ['ho', 'fo', "k'o"], kun: ['kwan'], lai: ['loi'], lan: ['laan'], lang: ['long'], le: ['lok'],
  lei: ['lui', 'loi'], li: ['lee', 'lai', 'lei'], lian: ['lin'], liang: ['leung', 'loeng', 'leong'], lin: ['lam', 'lum'], ling: ['leng'],
  liu: ['lau', 'lao'], long: ['lung'], lu: ['lo', 'lou', 'lok', 'luk'], lun: ['leun'], luo: ['lo', 'law', 'lok', 'loh'], man: ['maan'],
  mei: ['may', 'mi', 'mee'], min: ['man', 'mun'], ming: ['meng'], mu: ['muk'], nan: ['nam', 'naam'], ning: ['ling'], pei: ['pui'],
  peng: ['pang', 'phang'], ping: ['peng'], qi: ['kei', 'kee', 'chi', 'tsai', "ch'i"], qian: ['chin', 'hin', 'tsin', 'chien'],
  qiang: ['keung', 'cheung', 'keong', 'chiang'], qiao: ['kiu', 'chiao'], qin: ['kam', 'chun', 'tsun', 'chin'], qing: ['ching', 'hing', 'tsing'],
  qiu: ['yau', 'chau', 'kau', 'chiu'], quan: ['chuen', 'kuen', 'tsuen', 'chuan'], ren: ['yan', 'yam', 'jen'], rong: ['wing', 'yung', 'jung', 'weng'],
  ru: ['yu', 'yue', 'ju'], rui: ['yui', 'yeoi', 'jui'], shan: ['saan', 'san'], shao: ['siu', 'shiu', 'sio'], sheng: ['sing', 'shing', 'seng'],
  shi: ['sze', 'si', 'see', 'sai', 'sik', 'sek', 'shih'], shu: ['shue', 'suk', 'sue'], shun: ['seun', 'shun'], si: ['sze', 'szu', 'ssu'],
  song: ['sung', 'chung'], su: ['so', 'sou', 'soo'], tai: ['taai'], tao: ['to', 'tou', "t'ao"], tian: ['tin', 'tien'], ting: ['teng'],
  tong: ['tung'], wan: ['man', 'maan'], wei: ['wai', 'ngai'], wen: ['man', 'wan', 'mun'], wu: ['ng', 'mo', 'mou', 'woo'],
  xi: ['hei', 'sai', 'sik', 'hsi'], xia: ['ha', 'hah', 'hsia'], xian: ['sin', 'hin', 'shin', 'hsien'], xiang: ['heung', 'seung', 'sheung', 'hsiang'],
  xiao: ['siu', 'hiu', 'shiu', 'sio', 'hsiao'], xin: ['yan', 'sun', 'san', 'hsin'], xing: ['hing', 'sing', 'hsing'], xiong: ['hung', 'hsiung'],
  xiu: ['sau', 'hsiu'], xu: ['hui', 'tsui', 'chui', 'hsu'], xuan: ['huen', 'suen', 'hsuan'], xue: ['suet', 'hsueh'], ya: ['nga', 'ah'],
  yan: ['yin', 'yim', 'ngan', 'yen'], yang: ['yeung', 'ieong', 'yeong'], yao: ['yiu'], ye: ['yip', 'ip', 'yeh'], yi: ['yee', 'yik', 'ih'],
  yin: ['yan', 'yen', 'yum'], ying: ['ang', 'yeng'], yong: ['wing', 'yung', 'iong'], you: ['yau'], yu: ['yue', 'yee', 'u', 'jyu'],
  yuan: ['yuen', 'un'], yue: ['yuet', 'ngok'], yun: ['wan', 'wun', 'wen'], ze: ['chak', 'tsak', 'tse'], zeng: ['tsang', 'chang'],
  zhan: ['chin', 'jim', 'chan'], zhang: ['cheung', 'chang', 'cheong'], zhao: ['chiu', 'jiu', 'chao'], zhe: ['chit', 'jit', 'che'],
  zhen: ['chun', 'chan', 'tsun', 'chen'], zheng: ['ching', 'cheng', 'jing', 'cheang', 'chang'], zhi: ['chi', 'tsz', 'chee', 'chih'],
  zhong: ['chung', 'jung'], zhou: ['chau', 'chow', 'jau', 'chou'], zhu: ['chu', 'chue', 'jue'], zi: ['tsz', 'chi', 'tse', 'tzu'],
  zong: ['chung', 'tsung'], zun: ['chun', 'tsun', 'chon'],
};

/** romanised syllable → pinyin syllables it may stand for */
const TO_PINYIN = new Map<string, string[]>();
for (const [pinyin, others] of Object.entries(GIVEN_SYLLABLES)) {
  for (const raw of [pinyin, ...others]) {
    const spelling = raw.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z]/g, '');
    const list = TO_PINYIN.get(spelling);
    if (list === undefined) TO_PINYIN.set(spelling, [pinyin]);
    else if (!list.includes(pinyin)) list.push(pinyin);
  }
}

/**
 * Splits a token into known romanised syllables (at most four) and returns, for each, the pinyin syllables it
 * can stand for (a Latin "chi" may be Cantonese for zhi, ji, qi …); null when the token does not split.
 */
export function chineseSyllableClasses(token: string): string[][][] | null {
  if (token.length < 2 || token.length > 20) return null;
  // every way of splitting (kaman = ka·man or kam·an), at most a few
  const out: string[][][] = [];
  const walk = (start: number, remaining: number, acc: string[][]): void => {
    if (out.length >= MAX_SEGMENTATIONS) return;
    if (start === token.length) {
      out.push([...acc]);
      return;
    }
    if (remaining === 0) return;
    for (let end = Math.min(token.length, start + 6); end > start; end--) {
      const classes = TO_PINYIN.get(token.slice(start, end));
      if (classes === undefined) continue;
      acc.push(classes);
      walk(end, remaining - 1, acc);
      acc.pop();
    }
  };
  walk(0, 4, []);
  return out.length === 0 ? null : out;
}

const MAX_SEGMENTATIONS = 6;

/** Reading of a pinyin token as syllables (one class each), for comparison with a romanised token. */
export function pinyinSyllables(token: string): string[][] | null {
  if (!isPinyinWord(token)) return null;
  const out: string[][] = [];
  let i = 0;
  while (i < token.length) {
    let matched = 0;
    for (let end = Math.min(token.length, i + 6); end > i; end--) {
      const piece = token.slice(i, end);
      if (TO_PINYIN.has(piece) && isPinyinWord(piece) && (end === token.length || isPinyinWord(token.slice(end)))) {
        out.push([piece]);
        matched = end - i;
        break;
      }
    }
    if (matched === 0) return null;
    i += matched;
  }
  return out;
}

/** Any segmentation of one side matches any segmentation of the other. */
export function anySegmentationMatches(a: readonly string[][][], b: readonly string[][][]): boolean {
  for (const x of a) for (const y of b) if (syllableClassesMatch(x, y)) return true;
  return false;
}

export function syllableClassesMatch(a: readonly string[][], b: readonly string[][]): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? [];
    const y = b[i] ?? [];
    if (!x.some((s) => y.includes(s))) return false;
  }
  return true;
}
