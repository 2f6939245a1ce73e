import { describe, expect, it } from 'vitest';
import { TermTable, latinVariants, prepareName } from './name-model.js';
import { arabicToLatin, cyrillicVariants, detectScripts, greekToLatin, hangulToLatin, hanToPinyin, kanaToLatin } from './transliterate.js';
import { isPinyinWord, sinoKey, skeleton, vowelKey } from './phonetic.js';

describe(detectScripts.name, () => {
  it('recognises the scripts of a name', () => {
    expect([...detectScripts('Иван Ivanov')].sort()).toEqual(['cyrillic', 'latin']);
    expect([...detectScripts('张伟')]).toEqual(['han']);
    expect([...detectScripts('محمد')]).toEqual(['arabic']);
  });
});

describe(cyrillicVariants.name, () => {
  it('gives BGN/PCGN and ICAO 9303 spellings', () => {
    const variants = cyrillicVariants('Юрий Хрущёв');
    expect(variants).toContain('yuriy khrushchev');
    expect(variants).toContain('iurii khrushchev');
  });

  it('reads Ukrainian г as h', () => {
    expect(cyrillicVariants('Григорій').some((v) => v.startsWith('hryhorii'))).toBe(true);
  });
});

describe(arabicToLatin.name, () => {
  it('writes consonants and long vowels; short vowels stay unwritten', () => {
    expect(arabicToLatin('محمد')).toBe('mhmd');
    expect(arabicToLatin('محمود')).toBe('mhmud');
    expect(arabicToLatin('عبد الله')).toBe('abd allh');
  });

  it('has the same consonant skeleton as the usual Latin spellings', () => {
    expect(skeleton(arabicToLatin('محمد'))).toBe(skeleton('mohammed'));
    expect(skeleton(arabicToLatin('حسين'))).toBe(skeleton('hussein'));
  });
});

describe('East Asian scripts', () => {
  it('reads Han characters as pinyin, surname first, traditional as simplified', () => {
    expect(hanToPinyin('张伟')[0]?.syllables).toEqual(['zhang', 'wei']);
    expect(hanToPinyin('習近平')[0]?.syllables).toEqual(['xi', 'jin', 'ping']);
    expect(hanToPinyin('单雄信')[0]?.syllables[0]).toBe('shan');
  });

  it('offers a Han personal name with the given name joined and split, in any order', () => {
    const texts = latinVariants('习近平').map((v) => v.text);
    expect(texts).toContain('xi jinping');
    expect(texts).toContain('xi jin ping');
    expect(latinVariants('习近平').every((v) => v.orderFree)).toBe(true);
  });

  it('romanises Hangul in Revised Romanization', () => {
    expect(hangulToLatin('김정은')).toBe('gim·jeong·eun');
    const form = prepareName('이민호', 'person', new TermTable())[0];
    expect(form?.terms.map((t) => t.text)).toEqual(['i', 'minho']);
  });

  it('romanises kana in Hepburn', () => {
    expect(kanaToLatin('たなか はなこ')).toBe('tanaka hanako');
    expect(kanaToLatin('シュウジ')).toBe('shuji');
  });

  it('loosens Wade-Giles and Hong Kong syllables but knows valid pinyin', () => {
    expect(sinoKey('hsi')).toBe(sinoKey('xi'));
    expect(sinoKey('chinping')).toBe(sinoKey('jinping'));
    expect(isPinyinWord('jinping')).toBe(true);
    expect(isPinyinWord('hsi')).toBe(false);
  });
});

describe(greekToLatin.name, () => {
  it('transliterates Greek', () => {
    expect(greekToLatin('Νικόλαος')).toBe('nikolaos');
  });
});

describe(vowelKey.name, () => {
  it('folds vowel respellings and consonant equivalences', () => {
    expect(vowelKey('qaddafi')).toBe(vowelKey('gadafi'));
    expect(vowelKey('husayn')).toBe(vowelKey('hussein'));
    expect(vowelKey('salman')).not.toBe(vowelKey('sulaiman'));
  });
});
