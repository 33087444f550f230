/**
 * Cyrillic → plain Latin for Russian and Kazakh personal names, and a script detector.
 *
 * The table is our own: no transliteration library handles the Kazakh letters (ә ғ қ ң ө ұ ү һ і)
 * and the output has to be stable, because search keys derived from it are stored and indexed.
 * Russian letters follow the common practical (passport/press) scheme; Kazakh letters map to the
 * nearest plain Latin letter, the way they are usually written in English-language reports.
 */

/** Lowercase table. Uppercase input is handled by case-folding, then re-capitalising. */
const TABLE: Readonly<Record<string, string>> = {
  // Russian
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Kazakh
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
  // Neighbours who appear in the same detention lists (Ukrainian, Belarusian, Uzbek, Tajik;
  // Kyrgyz uses the same ң ө ү code points as Kazakh). Cheap to include, and an unmapped letter
  // would otherwise survive into the search key as a non-Latin character and be dropped.
  є: 'ye', ї: 'yi', ґ: 'g', ў: 'u', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u',
};

function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * Transliterate Russian/Kazakh Cyrillic to plain Latin; every other character passes through.
 * Case: "Жанна" → "Zhanna", "ЖАННА" → "ZHANNA" (a multi-letter output is fully uppercased only
 * when a neighbouring letter is uppercase too, i.e. the word is written in capitals).
 */
export function cyrillicToLatin(text: string): string {
  // NFC first: "й" and "ё" may arrive decomposed (и + U+0306, е + U+0308) from some keyboards
  // and PDFs, and the decomposed form would miss the table.
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  chars.forEach((ch, i) => {
    const lower = ch.toLowerCase();
    const latin = TABLE[lower];
    if (latin === undefined) {
      out += ch;
    } else if (!isUpper(ch) || latin === '') {
      out += latin;
    } else if (latin.length > 1 && (isUpper(chars[i + 1]) || isUpper(chars[i - 1]))) {
      out += latin.toUpperCase();
    } else {
      out += latin.charAt(0).toUpperCase() + latin.slice(1);
    }
  });
  return out;
}

export type Script = 'cyrl' | 'latn' | 'other';

/**
 * Which script most letters of `text` are in. Non-letters are ignored; no letters, a tie, or a
 * third script winning (Arabic, Chinese…) gives 'other'.
 */
export function detectScript(text: string): Script {
  let cyrl = 0;
  let latn = 0;
  let other = 0;
  for (const ch of text.normalize('NFC')) {
    if (/\p{Script=Cyrillic}/u.test(ch) && /\p{L}/u.test(ch)) cyrl += 1;
    else if (/\p{Script=Latin}/u.test(ch) && /\p{L}/u.test(ch)) latn += 1;
    else if (/\p{L}/u.test(ch)) other += 1;
  }
  if (cyrl > latn && cyrl > other) return 'cyrl';
  if (latn > cyrl && latn > other) return 'latn';
  return 'other';
}
