/** Splits a name into segments, marking the words that an explanation's aligned parts matched. */

export interface Segment {
  text: string;
  matched: boolean;
  /** the aligned part's score and method, for the hover text */
  note?: string;
}

export interface AlignedPart {
  text: string | null;
  score: number;
  method: string;
}

function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Words of `name` (split on spaces, hyphens, commas, dots, apostrophes) whose folded form is one of the folded
 * words of a matched part are marked; a part glued in the name ("abdul rahman" vs "Abdulrahman") marks the whole
 * word when the part's words joined equal it. CJK names without spaces are marked character by character.
 */
export function highlightName(name: string, parts: AlignedPart[]): Segment[] {
  const wanted = new Map<string, string>();
  for (const part of parts) {
    if (!part.text) continue;
    const note = `${part.score.toFixed(2)} · ${part.method}`;
    const words = part.text
      .split(/[\s\-,.'’]+/)
      .map(fold)
      .filter(Boolean);
    for (const word of words) if (!wanted.has(word)) wanted.set(word, note);
    const joined = words.join('');
    if (joined && !wanted.has(joined)) wanted.set(joined, note);
    // Han, kana and hangul parts: each character is a word
    for (const char of part.text.replace(/\s+/g, ''))
      if (
        /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(char) &&
        !wanted.has(char)
      )
        wanted.set(char, note);
  }
  const segments: Segment[] = [];
  const tokens = name.match(
    /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\-,.'’\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]+|[\s\-,.'’]+/gu,
  ) ?? [name];
  for (const token of tokens) {
    const note =
      wanted.get(fold(token)) ??
      (/[\p{Script=Han}\p{Script=Hangul}]/u.test(token) ? wanted.get(token) : undefined);
    const previous = segments[segments.length - 1];
    if (note === undefined) {
      if (previous && !previous.matched) previous.text += token;
      else segments.push({ text: token, matched: false });
    } else segments.push({ text: token, matched: true, note });
  }
  return segments;
}
