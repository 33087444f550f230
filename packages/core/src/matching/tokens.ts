/**
 * A written name → the parts the matcher compares: folded name tokens (given names, surname),
 * initials, and the patronymic set aside. Patronymics are optional in almost every list
 * ("Балгабаева Жанара Маратовна" vs "Zhanara Balgabayeva"), so they never count as a missing
 * token; when both sides have one, they are compared separately.
 */
import { foldName } from '../names/index.js';
import { phoneticKey } from './phonetic.js';

export interface NameParts {
  /** Folded tokens of length ≥ 2, patronymic removed, in written order, deduplicated. */
  tokens: string[];
  /** Phonetic keys of tokens, same order. */
  phonetic: string[];
  /** First folded letters of initials ("Ж." → "j"). */
  initials: string[];
  /** Folded patronymic, when one was recognised. */
  patronymic: string | null;
}

/**
 * Russian patronymics (-ович, -евич, -овна, -евна, -ична, -инична) and Kazakh ones (-ұлы,
 * -қызы) as they look after folding. -ич alone is not enough: it ends Belarusian surnames
 * (Лукашевич) too, and those are told apart by position below.
 */
const PATRONYMIC = /(?:ovich|evich|ovna|evna|ichna|inichna|uli|kizi)$/;

/** An initial as written: one letter, or up to two with a dot ("Zh.", "Sh."). */
const INITIAL = /^(?:\p{L}|\p{L}{1,2}\.)$/u;

/**
 * Which token is the patronymic, if any. Only in names of three or more words: in two words
 * "Серік Ахметұлы" the -ұлы word is the surname. The patronymic is never first; "Given
 * Patronymic Surname" puts it second, "Surname Given Patronymic" last, so the second word wins
 * over later ones (Ivan Petrovich Lukashevich); hyphenated given names shift it further right.
 * Initials count as words ("Ахметова А. Асхатовна").
 */
function patronymicIndex(words: ReadonlyArray<string | null>): number {
  if (words.length < 3) return -1;
  const hits = words.map((w, i) => (i > 0 && w !== null && PATRONYMIC.test(w) ? i : -1)).filter((i) => i > 0);
  if (hits.includes(1)) return 1;
  return hits.at(-1) ?? -1;
}

/**
 * Folds that names/foldName does not make (it may not change: its keys are stored) but that
 * matching needs: й written j inside a word (German/Polish style "Bajtelov", "Ajgerim"; foldName
 * reads j as ж except at a word end) and ғ written gh ("Balghabaev", "Ghalym"). Safe here
 * because ж is almost never written j between a vowel and a consonant.
 */
function matchFold(token: string): string {
  return token.replace(/(?<=[aeiou])j(?![aeiou])/g, 'i').replace(/gh/g, 'g');
}

/**
 * Folded tokens of one written word, memoised: lists repeat the same few thousand words, and
 * folding (homoglyph repair, transliteration, spelling rules) was a third of findCandidates'
 * time. Bounded, and cleared rather than evicted: the results never depend on it.
 */
const WORD_CACHE = new Map<string, string[]>();
/** Large enough for the distinct spellings of a million people's names (typos included). */
const CACHE_SIZE = 200_000;
function foldWord(raw: string): string[] {
  let tokens = WORD_CACHE.get(raw);
  if (tokens === undefined) {
    if (WORD_CACHE.size >= CACHE_SIZE) WORD_CACHE.clear();
    tokens = foldName(raw).split(' ').filter((t) => t.length >= 2).map(matchFold);
    WORD_CACHE.set(raw, tokens);
  }
  return tokens;
}

/** phoneticKey, memoised like foldWord: seven regular expressions per token of every record. */
const PHONETIC_CACHE = new Map<string, string>();
function phoneticOf(token: string): string {
  let key = PHONETIC_CACHE.get(token);
  if (key === undefined) {
    if (PHONETIC_CACHE.size >= CACHE_SIZE) PHONETIC_CACHE.clear();
    key = phoneticKey(token);
    PHONETIC_CACHE.set(token, key);
  }
  return key;
}

/** Splits a written full name into comparable parts; see NameParts. */
export function nameParts(text: string): NameParts {
  // Initials hold their place (as null) so that the patronymic is found by position.
  const words: (string | null)[] = [];
  const initials: string[] = [];
  for (const raw of text.normalize('NFC').split(/[\s,;()"«»“”]+/u)) {
    if (raw === '') continue;
    if (INITIAL.test(raw)) {
      const letter = foldName(raw).charAt(0);
      if (letter !== '') { initials.push(letter); words.push(null); }
      continue;
    }
    words.push(...foldWord(raw));
  }
  const p = patronymicIndex(words);
  const patronymic = p >= 0 ? (words[p] ?? null) : null;
  const tokens = [...new Set(words.filter((w, i): w is string => w !== null && i !== p))];
  return { tokens, phonetic: tokens.map(phoneticOf), initials, patronymic };
}
