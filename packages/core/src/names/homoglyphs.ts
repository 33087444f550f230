/**
 * Repair words that mix Cyrillic and Latin look-alike letters ("Cагынгали" typed with a Latin C,
 * "Bаlgabaeva" with a Cyrillic а). Such words come from keyboard-layout slips, OCR and
 * copy-paste, and they would otherwise transliterate wrongly (a Latin "c" in a Cyrillic word
 * becomes k, a Cyrillic "р" in a Latin word becomes r instead of p).
 *
 * Only letters that look the same are swapped, and only towards the script that has the
 * majority of the word's letters; a word with equal counts is left alone.
 */

/** [Latin, Cyrillic] pairs that are visually indistinguishable in common fonts. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['A', 'А'], ['a', 'а'], ['B', 'В'], ['C', 'С'], ['c', 'с'], ['E', 'Е'], ['e', 'е'],
  ['H', 'Н'], ['h', 'һ'], ['I', 'І'], ['i', 'і'], ['K', 'К'], ['k', 'к'], ['M', 'М'],
  ['O', 'О'], ['o', 'о'], ['P', 'Р'], ['p', 'р'], ['T', 'Т'], ['X', 'Х'], ['x', 'х'],
  ['Y', 'У'], ['y', 'у'],
];
const TO_CYRILLIC = new Map(PAIRS.map(([l, c]) => [l, c]));
const TO_LATIN = new Map(PAIRS.map(([l, c]) => [c, l]));

const WORD = /[\p{L}\p{M}]+/gu;

export function repairMixedScript(text: string): string {
  return text.replace(WORD, (word) => {
    let cyrl = 0;
    let latn = 0;
    for (const ch of word) {
      if (/\p{Script=Cyrillic}/u.test(ch)) cyrl += 1;
      else if (/\p{Script=Latin}/u.test(ch)) latn += 1;
    }
    if (cyrl === 0 || latn === 0 || cyrl === latn) return word;
    const swap = cyrl > latn ? TO_CYRILLIC : TO_LATIN;
    return Array.from(word, (ch) => swap.get(ch) ?? ch).join('');
  });
}
