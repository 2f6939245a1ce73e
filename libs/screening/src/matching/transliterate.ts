/**
 * Script → Latin transliteration for matching (MATCHING.md step 3). Our own tables: the published schemes
 * differ in a handful of letters, so Cyrillic yields a BGN/PCGN-style and an ICAO 9303-style variant, and the
 * scorer's phonetic keys absorb the rest. Abjad scripts (Arabic, Hebrew) do not write short vowels: their
 * tokens are flagged so the scorer compares consonant skeletons.
 */
import { pinyin } from 'pinyin-pro';

export type Script = 'latin' | 'cyrillic' | 'arabic' | 'han' | 'hangul' | 'kana' | 'greek' | 'hebrew' | 'armenian' | 'georgian' | 'other';

export function detectScripts(text: string): Set<Script> {
  const found = new Set<Script>();
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) found.add('latin');
    } else if (c >= 0x00c0 && c <= 0x024f) found.add('latin');
    else if (c >= 0x1e00 && c <= 0x1eff) found.add('latin');
    else if (c >= 0x0400 && c <= 0x052f) found.add('cyrillic');
    else if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) found.add('arabic');
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff)) found.add('han');
    else if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) found.add('hangul');
    else if (c >= 0x3040 && c <= 0x30ff) found.add('kana');
    else if ((c >= 0x0370 && c <= 0x03ff) || (c >= 0x1f00 && c <= 0x1fff)) found.add('greek');
    else if (c >= 0x0590 && c <= 0x05ff) found.add('hebrew');
    else if (c >= 0x0530 && c <= 0x058f) found.add('armenian');
    else if (c >= 0x10a0 && c <= 0x10ff) found.add('georgian');
    else if (/\p{L}/u.test(ch)) found.add('other');
  }
  return found;
}

// ---------------------------------------------------------------- Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian …)
const CYRILLIC_BGN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', є: 'ye', і: 'i', ї: 'yi', ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j',
  љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz', ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u',
  ү: 'u', һ: 'h', ҳ: 'h', ҷ: 'j', ҹ: 'ch', ӣ: 'i', ӯ: 'u',
};
/** ICAO Doc 9303 differs from BGN/PCGN in a few letters (passports since 2013 use it). */
const CYRILLIC_ICAO: Record<string, string> = { ...CYRILLIC_BGN, й: 'i', ъ: 'ie', ю: 'iu', я: 'ia', є: 'ie', ї: 'i', ё: 'e', х: 'kh', ц: 'ts' };
/** Ukrainian г is h. */
const CYRILLIC_UKRAINIAN: Record<string, string> = { ...CYRILLIC_BGN, г: 'h', и: 'y', й: 'i', є: 'ie', ї: 'i', ю: 'iu', я: 'ia' };

function mapChars(text: string, table: Record<string, string>): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const mapped = table[lower];
    out += mapped === undefined ? ch : mapped;
  }
  return out;
}

export function cyrillicVariants(text: string): string[] {
  const variants = [mapChars(text, CYRILLIC_BGN), mapChars(text, CYRILLIC_ICAO)];
  if (/[іїєґ]/iu.test(text)) variants.push(mapChars(text, CYRILLIC_UKRAINIAN));
  // BGN writes е as "ye" at the start of a word and after a vowel
  variants.push(mapChars(text.replace(/(^|[\s\-аеёиоуыэюяіїє])е/giu, '$1йе'), CYRILLIC_BGN));
  return [...new Set(variants)];
}

// ---------------------------------------------------------------- Greek
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
export function greekToLatin(text: string): string {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const digraphs = plain.replace(/ου/g, 'ou').replace(/αι/g, 'ai').replace(/ει/g, 'ei').replace(/οι/g, 'oi').replace(/μπ/g, 'b').replace(/ντ/g, 'nt').replace(/γκ/g, 'g').replace(/αυ/g, 'av').replace(/ευ/g, 'ev');
  return mapChars(digraphs, GREEK);
}

// ---------------------------------------------------------------- Armenian, Georgian (simple tables, both appear in the name-pair benchmark)
const ARMENIAN: Record<string, string> = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: 'y', թ: 't', ժ: 'zh', ի: 'i', լ: 'l', խ: 'kh', ծ: 'ts',
  կ: 'k', հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n', շ: 'sh', ո: 'o', չ: 'ch', պ: 'p', ջ: 'j', ռ: 'r',
  ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'ts', ւ: 'v', փ: 'p', ք: 'k', օ: 'o', ֆ: 'f', և: 'ev',
};
export function armenianToLatin(text: string): string {
  return mapChars(text.toLowerCase().replace(/ու/g, 'u'), ARMENIAN);
}
const GEORGIAN: Record<string, string> = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l', მ: 'm', ნ: 'n', ო: 'o',
  პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k', ღ: 'gh', ყ: 'q', შ: 'sh', ჩ: 'ch', ც: 'ts',
  ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
};
export function georgianToLatin(text: string): string {
  return mapChars(text, GEORGIAN);
}

// ---------------------------------------------------------------- Arabic script (Arabic, Persian, Urdu, Pashto letters)
const ARABIC: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r',
  ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm',
  ن: 'n', ه: 'h', ة: 'a', و: 'w', ي: 'y', ى: 'a', ء: '', ؤ: 'w', ئ: 'y', پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ک: 'k',
  ی: 'y', ۀ: 'h', ے: 'y', ٹ: 't', ڈ: 'd', ڑ: 'r', ں: 'n', ھ: 'h', ټ: 't', ځ: 'dz', څ: 'ts', ډ: 'd', ړ: 'r',
  ږ: 'zh', ښ: 'sh', ګ: 'g', ڼ: 'n', ې: 'e', ۍ: 'ay', ـ: '',
};
/**
 * Arabic script → Latin. Long vowels written with و/ي become u/i between consonants, consonants elsewhere;
 * short vowels are absent, so the result is a consonant-heavy spelling that only the skeleton comparison uses.
 */
export function arabicToLatin(text: string): string {
  const plain = text.replace(/[\u064B-\u065F\u0670\u06D6-\u06ED]/g, ''); // harakat, superscript alif, Quranic marks
  let out = '';
  const chars = [...plain];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const prev = chars[i - 1] ?? ' ';
    const atWordStart = /[\s-]/u.test(prev) || i === 0;
    if (ch === 'ع' && atWordStart) {
      out += 'a'; // word-initial ayn carries the vowel: عبد → abd, علي → ali
      continue;
    }
    if ((ch === 'و' || ch === 'ي' || ch === 'ی') && !atWordStart) {
      out += ch === 'و' ? 'u' : 'i';
      continue;
    }
    const mapped = ARABIC[ch];
    out += mapped === undefined ? ch : mapped;
  }
  return out;
}

// ---------------------------------------------------------------- Hebrew
const HEBREW: Record<string, string> = {
  א: '', ב: 'v', ג: 'g', ד: 'd', ה: 'h', ו: 'v', ז: 'z', ח: 'kh', ט: 't', י: 'y', כ: 'k', ך: 'kh', ל: 'l', מ: 'm',
  ם: 'm', נ: 'n', ן: 'n', ס: 's', ע: '', פ: 'p', ף: 'f', צ: 'ts', ץ: 'ts', ק: 'k', ר: 'r', ש: 'sh', ת: 't',
};
export function hebrewToLatin(text: string): string {
  const plain = text.replace(/[\u0591-\u05C7]/g, '');
  let out = '';
  const chars = [...plain];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const atWordStart = i === 0 || /\s/u.test(chars[i - 1] ?? ' ');
    if (ch === 'ו' && !atWordStart) out += 'o';
    else if (ch === 'י' && !atWordStart) out += 'i';
    else {
      const mapped = HEBREW[ch];
      out += mapped === undefined ? ch : mapped;
    }
  }
  return out;
}

// ---------------------------------------------------------------- Hangul → Revised Romanization
const KO_INITIAL = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const KO_MEDIAL = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
const KO_FINAL = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];

/** Romanises each Hangul syllable; syllables of one word are separated by '·' so callers can split or join. */
export function hangulToLatin(text: string): string {
  let out = '';
  let prevWasSyllable = false;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xac00 && c <= 0xd7a3) {
      const index = c - 0xac00;
      const initial = Math.floor(index / 588);
      const medial = Math.floor((index % 588) / 28);
      const final = index % 28;
      // word-initial ㄹ is written r in RR but n/l/dropped in speech: keep r
      if (prevWasSyllable) out += '·';
      out += (KO_INITIAL[initial] ?? '') + (KO_MEDIAL[medial] ?? '') + (KO_FINAL[final] ?? '');
      prevWasSyllable = true;
    } else {
      out += ch;
      prevWasSyllable = false;
    }
  }
  return out;
}

// ---------------------------------------------------------------- Japanese kana → Hepburn (basic)
const KANA_BASE: Record<string, string> = {
  あ: 'a', い: 'i', う: 'u', え: 'e', お: 'o', か: 'ka', き: 'ki', く: 'ku', け: 'ke', こ: 'ko', さ: 'sa', し: 'shi',
  す: 'su', せ: 'se', そ: 'so', た: 'ta', ち: 'chi', つ: 'tsu', て: 'te', と: 'to', な: 'na', に: 'ni', ぬ: 'nu',
  ね: 'ne', の: 'no', は: 'ha', ひ: 'hi', ふ: 'fu', へ: 'he', ほ: 'ho', ま: 'ma', み: 'mi', む: 'mu', め: 'me',
  も: 'mo', や: 'ya', ゆ: 'yu', よ: 'yo', ら: 'ra', り: 'ri', る: 'ru', れ: 're', ろ: 'ro', わ: 'wa', を: 'o', ん: 'n',
  が: 'ga', ぎ: 'gi', ぐ: 'gu', げ: 'ge', ご: 'go', ざ: 'za', じ: 'ji', ず: 'zu', ぜ: 'ze', ぞ: 'zo', だ: 'da', ぢ: 'ji',
  づ: 'zu', で: 'de', ど: 'do', ば: 'ba', び: 'bi', ぶ: 'bu', べ: 'be', ぼ: 'bo', ぱ: 'pa', ぴ: 'pi', ぷ: 'pu',
  ぺ: 'pe', ぽ: 'po', ゔ: 'vu', ぁ: 'a', ぃ: 'i', ぅ: 'u', ぇ: 'e', ぉ: 'o',
};
export function kanaToLatin(text: string): string {
  // katakana → hiragana
  const hira = [...text].map((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c >= 0x30a1 && c <= 0x30f6 ? String.fromCodePoint(c - 0x60) : ch;
  });
  let out = '';
  for (let i = 0; i < hira.length; i++) {
    const ch = hira[i] ?? '';
    const next = hira[i + 1] ?? '';
    if (ch === 'っ') {
      const following = KANA_BASE[next] ?? '';
      out += following.charAt(0);
      continue;
    }
    if (ch === 'ー') {
      continue; // long vowel mark: Hepburn passports drop it
    }
    if (ch === '・') {
      out += ' ';
      continue;
    }
    let base = KANA_BASE[ch];
    if (base === undefined) {
      out += ch;
      continue;
    }
    if (next === 'ゃ' || next === 'ゅ' || next === 'ょ') {
      const glide = next === 'ゃ' ? 'a' : next === 'ゅ' ? 'u' : 'o';
      if (base.endsWith('hi') || base.endsWith('ji') || base === 'chi') base = base.slice(0, -1) + glide;
      else base = base.slice(0, -1) + 'y' + glide;
      i++;
    } else if (next === 'ぁ' || next === 'ぃ' || next === 'ぇ' || next === 'ぉ') {
      base = base.slice(0, -1) + (KANA_BASE[next] ?? '');
      i++;
    }
    out += base;
  }
  // passport Hepburn writes long vowels short: Shuuji → Shuji, Satou → Sato (Inoue keeps its ou)
  return out.replace(/uu/g, 'u').replace(/ou(?![aeiou])/g, 'o');
}

// ---------------------------------------------------------------- Han → pinyin
/** Legal-form suffixes written in Han: split off before romanising so they stay low-weight tags. */
const HAN_LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限責任公司', '有限公司', '集团公司', '集團公司', '集团', '集團', '公司', '株式会社', '株式會社'];

export interface HanReading {
  /** syllables of the personal or organisation name, family first for persons */
  syllables: string[];
  /** Han legal-form suffix found and removed (romanised as one tag) */
  legalForm?: string;
}

export function hanToPinyin(text: string): HanReading[] {
  const readings: HanReading[] = [];
  for (const chunk of text.split(/[\s·•・,，]+/u).filter((s) => s.length > 0)) {
    let core = chunk;
    let legalForm: string | undefined;
    for (const form of HAN_LEGAL_FORMS) {
      if (core.endsWith(form) && core.length > form.length) {
        core = core.slice(0, -form.length);
        legalForm = form;
        break;
      }
    }
    const syllables = pinyin(core, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true })
      .map((s) => s.toLowerCase().replace(/ü/g, 'u').replace(/v/g, 'u'))
      .filter((s) => s.trim().length > 0);
    const reading: HanReading = { syllables };
    if (legalForm !== undefined) reading.legalForm = legalForm;
    readings.push(reading);
  }
  return readings;
}
