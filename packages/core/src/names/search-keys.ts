/**
 * Search keys for personal names: one folded form per name so that Cyrillic and the usual Latin
 * spellings of the same name ("Балгабаева", "Balgabaeva", "Balgabayeva") meet on one key.
 *
 * The key is for finding candidates, never for deciding identity: it deliberately merges some
 * distinct names (see the limitations in the rules below). Keys are stored and indexed, so any
 * change to these rules needs the stored keys to be recomputed.
 */
import { repairMixedScript } from './homoglyphs.js';
import { cyrillicToLatin, detectScript } from './transliterate.js';

/**
 * Latin letters whose diacritic carries a sound, mapped before diacritics are stripped (NFD would
 * turn "ş" into "s" and lose the "sh"). Covers Kazakh Latin 2021 (ş), Turkish-style spellings,
 * scholarly/ISO 9 transliteration (ž š č ŝ) and letters NFD does not decompose (ı ł ø ß đ), plus
 * ə/ɵ, which are typed for ә/ө when the Kazakh keyboard is missing.
 */
const SOUNDING_DIACRITICS: Readonly<Record<string, string>> = {
  ş: 'sh', ç: 'ch', ž: 'zh', š: 'sh', č: 'ch', ŝ: 'shch',
  ı: 'i', ł: 'l', ø: 'o', ß: 'ss', đ: 'd', ə: 'a', ɵ: 'o',
};
const SOUNDING_RE = new RegExp(`[${Object.keys(SOUNDING_DIACRITICS).join('')}]`, 'gu');

/** Apostrophes and primes are removed inside a word (Solov'ev, Kazakh-Latin 2017 apostrophes). */
const APOSTROPHES = /['’‘ʼʹʺ`´ʻ″]/gu;

/**
 * Spelling-variant folds, applied in order to lowercase [a-z ] text. The order matters; each
 * comment says what the rule merges and why it sits where it does.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Alexey/Aleksey/Алексей. First, so the "k" it produces is seen by later rules like any k.
  [/x/g, 'ks'],
  // Native-Latin c as /k/: Victor/Viktor, Nicolai/Nikolai, Marc. Before ts→c, which introduces
  // the c we use for ц; the table itself never emits a bare c (only inside ch/shch).
  // c before e/i/y is left alone (English soft c). Limitation: Polish/ISO-9 c for ц ("Car")
  // becomes k.
  [/ck/g, 'k'],
  [/c(?![hiey])/g, 'k'],
  // Sophia/Sofia. Before kh→h, so that п+х ("pkh", e.g. "Пхан") does not turn into ph→f.
  [/ph/g, 'f'],
  // ж: zh → j, not j → zh. Kazakh names are written with j for ж in Kazakh Latin (2021) and in
  // the English press (Kassym-Jomart, Janibek, Jambyl), while j for й/я (German/Polish "Jurij",
  // "Jakovlev") is rare here; so j means ж and "ja/ju/je" are NOT read as я/ю/е (known
  // limitation: "Julia" does not meet "Юлия"). дж (dzh, dj, Djambul) folds to the same j.
  // Before kh→h: з+х is "zkh" and must not become "zh" first and then j.
  [/d?zh|dj/g, 'j'],
  // х: Akhmedov/Ahmedov. After zh (see above). Limitation: с+х ("skh") becomes "sh", so
  // Исхаков and Ишаков share a key.
  [/kh/g, 'h'],
  // қ in Kazakh Latin (Qasym, Toqaev).
  [/q/g, 'k'],
  // ц: Tsoi/Tzoi/Цой. After the native-c rule so this c survives.
  [/t[sz]/g, 'c'],
  // ё written yo after a consonant or at a word start: Fyodor/Федор, Pyotr, Solovyov/Соловьёв
  // (ь is dropped by the table). Before y→i, which would turn it into an ambiguous "io".
  [/(?<![aeiouy])yo/g, 'e'],
  // е written ye (Yerlan/Erlan, Tokayev/Tokaev, Grigoryev/Григорьев, Balgabayeva). Before y→i
  // for the same reason: afterwards "ie" could be a real и+е.
  [/ye/g, 'e'],
  // й, ы and Latin y/i variants all become i: Baytelova/Baitelova, Kasym/Kasim, Sergey/Sergei;
  // ya/yu become ia/iu, so Ahmedyarov/Ahmediarov and Yulia/Iulia meet.
  [/y/g, 'i'],
  // е written ie after a vowel (Tokaiev). Only after a vowel: after a consonant "ie" is usually
  // a real и+е (Валиева must stay apart from Валеева). Limitation: "Vasiliev" therefore does not
  // meet "Васильев" (vasilev), though "Vasilyev" does.
  [/(?<=[aeiou])ie/g, 'e'],
  // й written j at a word end (Sergej, Nikolaj). Only there: elsewhere j is ж (see above).
  [/(?<=[aeiou])j\b/g, 'i'],
  // Double letters: Kassym/Касым, Zhanna/Жана, and the "ii" the y→i rule produces (Evgenii/Evgeny).
  // Last, because earlier rules create doubles.
  [/([a-z])\1+/g, '$1'],
];

/**
 * Fold a name (any mix of Cyrillic and Latin) to its search key: lowercase [a-z] words separated
 * by single spaces. Hyphens and other punctuation separate words ("Қасым-Жомарт" gives two
 * words, so either given name can be searched); apostrophes join.
 */
export function foldName(text: string): string {
  // Names and words repeat (a city, a common surname): an export, a matching run or a page of
  // statistics folds the same few thousand strings again and again. Short ones are kept.
  if (text.length > MEMO_MAX_LENGTH) return fold(text);
  const hit = folded.get(text);
  if (hit !== undefined) return hit;
  const value = fold(text);
  if (folded.size >= MEMO_ENTRIES) folded.clear();
  folded.set(text, value);
  return value;
}

const MEMO_MAX_LENGTH = 80;
const MEMO_ENTRIES = 50_000;
const folded = new Map<string, string>();

function fold(text: string): string {
  let s = repairMixedScript(text.normalize('NFC')).toLowerCase();
  s = s.replace(SOUNDING_RE, (ch) => SOUNDING_DIACRITICS[ch] ?? ch);
  s = cyrillicToLatin(s);
  // Strip diacritics; then transliterate again for precomposed Cyrillic letters outside the
  // table (ѐ ќ ӧ…), which only become table letters once their mark is gone. Not the other way
  // round: stripping first would turn й into и.
  s = cyrillicToLatin(s.normalize('NFD').replace(/\p{M}/gu, ''));
  s = s.replace(APOSTROPHES, '').replace(/[^a-z]+/g, ' ');
  for (const [pattern, replacement] of RULES) s = s.replace(pattern, replacement);
  return s.trim();
}

function unique(tokens: readonly string[]): string[] {
  return [...new Set(tokens)];
}

/** Folded tokens of a full name for the prefix-indexed token table: length ≥ 2, deduplicated. */
export function nameTokens(text: string): string[] {
  return unique(foldName(text).split(' ').filter((t) => t.length >= 2));
}

/**
 * Letters that can change how the letters before them fold: h (kh, zh, ph, ch), e/o (ye, ie, yo),
 * s/z (ts, tz), j (dj), i/k (ci, ck); in Cyrillic с (тс), ж (дж), е (йе).
 */
const LATIN_PROBES = ['h', 'e', 'o', 's', 'z', 'j', 'i', 'k'];
const CYRILLIC_PROBES = ['с', 'ж', 'е'];

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(0, i);
}

/**
 * The part of a half-typed word's key that more typing cannot change. "Tokay" folds to "tokai",
 * which is not a prefix of "tokaev" (Tokayev); its stable part "toka" is. "Z" has no stable part
 * (it may become "zh" → j).
 */
function stablePrefix(word: string): string {
  const probes = detectScript(word) === 'cyrl' ? CYRILLIC_PROBES : LATIN_PROBES;
  return probes.reduce((prefix, p) => commonPrefix(prefix, foldName(word + p)), foldName(word));
}

/** A trailing word of the query that is still being typed (no space or punctuation after it). */
const TRAILING_WORD = /[\p{L}\p{M}'’‘ʼʹʺ`´ʻ″]+$/u;

/**
 * Folded tokens of a search-box query, to be matched as prefixes of name tokens. Same folding as
 * nameTokens, except that the last word, if the query does not end in a space, is cut back to
 * the part further typing cannot change; single-letter tokens are kept (initials, first letters).
 */
export function queryTokens(query: string): string[] {
  const q = query.normalize('NFC');
  const trailing = TRAILING_WORD.exec(q)?.[0] ?? '';
  const complete = foldName(q.slice(0, q.length - trailing.length)).split(' ');
  const partial = trailing === '' ? [] : stablePrefix(trailing).split(' ');
  return unique([...complete, ...partial].filter((t) => t.length >= 1));
}
