/**
 * A phonetic key for one folded name token ([a-z], output of foldName): the consonant skeleton
 * with similar consonants merged. foldName already unifies transliteration variants; this key
 * goes further and forgets vowels, because vowels are what varies between spellings heard and
 * written down by different people ("Erken"/"Erkan", "Sagyndyk"/"Sagindik", "Ospanov"/"Uspanov"),
 * and because Kazakh vowels (ә ө ұ ү і) lose their distinctions in Russian-keyboard spellings.
 *
 * Used for blocking and as supporting evidence only: it merges many distinct names.
 */

/** Consonant classes: voiced/voiceless pairs and the sibilants/affricates that swap across lists. */
const CLASSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/gh/g, 'g'], // ғ written gh
  [/shch|sch|sh|ch|j/g, 'J'], // ш щ ч ж (дж is folded to j)
  [/[szc]/g, 'S'], // с з ц (ts is folded to c)
  [/[bp]/g, 'P'],
  [/[dt]/g, 'T'],
  [/[gkqh]/g, 'K'], // г к қ ғ х һ: Kazakh қ/ғ and х/к alternate (Khasen/Kasen)
  [/[vfw]/g, 'F'],
];

/** The phonetic key of one folded token: "erken" and "erkan" both give "arkn"; "janara" gives "jnra". */
export function phoneticKey(token: string): string {
  if (token === '') return '';
  let s = token;
  for (const [pattern, cls] of CLASSES) s = s.replace(pattern, cls);
  // Doubles go before vowels do, so "dt" → "TT" → "T" but Mamai keeps both m's ("mm", not "m").
  s = s.replace(/(.)\1+/g, '$1');
  // A leading vowel is kept as one placeholder (Erlan/Ärlan/Yerlan start with different vowels in
  // different spellings); later vowels go.
  const first = /[aeiouy]/.test(s.charAt(0)) ? 'a' : s.charAt(0);
  // A final vowel is kept as a marker: it tells Zhanar from Zhanara, Aleksandr from Aleksandra,
  // Balgabaev from Balgabaeva; which vowel it is still does not matter.
  const end = s.length > 1 && /[aeiouy]$/.test(s) ? 'a' : '';
  return (first + s.slice(1).replace(/[aeiouy]/g, '') + end).toLowerCase();
}
