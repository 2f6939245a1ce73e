import { describe, expect, it } from 'vitest';
import { highlightName } from './highlight';
import { translate } from './i18n';

const marked = (name: string, parts: string[]) =>
  highlightName(
    name,
    parts.map((text) => ({ text, score: 1, method: 'exact' })),
  )
    .filter((segment) => segment.matched)
    .map((segment) => segment.text);

describe(highlightName.name, () => {
  it('marks the words of a name that the aligned parts matched, ignoring case, accents and punctuation', () => {
    expect(marked('PETROV, Ivan Demovich', ['ivan', 'demovich', 'petrov'])).toEqual([
      'PETROV',
      'Ivan',
      'Demovich',
    ]);
    expect(marked('José  María al-Rashid', ['jose', 'rashid'])).toEqual(['José', 'Rashid']);
  });

  it('marks a glued word when the part is its words joined, and Han characters one by one', () => {
    expect(marked('Abdulrahman Khan', ['abdul rahman'])).toEqual(['Abdulrahman']);
    expect(marked('张伟明', ['张伟'])).toEqual(['张', '伟']);
  });

  it('keeps every character of the name, in order', () => {
    const name = 'ZHANG, Weiming (Cheung Wai Ming)';
    expect(
      highlightName(name, [{ text: 'weiming', score: 0.9, method: 'pinyin' }])
        .map((segment) => segment.text)
        .join(''),
    ).toBe(name);
  });
});

describe('message catalogue', () => {
  it('fills placeholders and answers Simplified Chinese for every key', () => {
    expect(translate('en', 'common.page', { n: 3 })).toBe('Page 3');
    expect(translate('zh', 'nav.alerts')).toBe('预警队列');
  });
});
