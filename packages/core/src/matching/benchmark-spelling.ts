/**
 * How one Cyrillic name gets written down in a list: in one of the Latin transliterations that
 * circulate in Kazakhstan (press, passport/ICAO, Kazakh Latin 2021, or a mix), or in Cyrillic
 * with the Kazakh letters lost to a Russian keyboard; then, sometimes, a typo. The scheme tables
 * are written independently of names/transliterate.ts on purpose, so the benchmark tests the
 * folding rules instead of mirroring them.
 */

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

const BASE: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', ш: 'sh', ч: 'ch', ъ: '', э: 'e', һ: 'h', е: 'e',
};
/** Letters whose Latin spelling varies, with the options seen in lists. */
const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  ж: ['zh', 'j'], х: ['kh', 'h'], й: ['y', 'i', 'j'], я: ['ya', 'ia'], ю: ['yu', 'iu'], ё: ['yo', 'e'],
  ц: ['ts', 'tz'], щ: ['shch', 'sch'], ь: ['', "'", 'i'], қ: ['k', 'q'], ғ: ['g', 'gh', 'ğ'],
  ә: ['a', 'ä', 'ae'], ө: ['o', 'ö'], ұ: ['u', 'ū'], ү: ['u', 'ü'], і: ['i', 'y'], ң: ['n', 'ng', 'ñ'],
  ы: ['y', 'i'], 'е-': ['ye', 'e'],
};
type Scheme = Readonly<Record<string, string>>;
const SCHEMES: Readonly<Record<string, Scheme>> = {
  press: { ж: 'zh', х: 'kh', й: 'y', я: 'ya', ю: 'yu', ё: 'yo', ц: 'ts', щ: 'shch', ь: '', қ: 'k', ғ: 'g', ә: 'a', ө: 'o', ұ: 'u', ү: 'u', і: 'i', ң: 'n', ы: 'y', 'е-': 'ye' },
  icao: { ж: 'zh', х: 'kh', й: 'i', я: 'ia', ю: 'iu', ё: 'e', ц: 'ts', щ: 'shch', ь: '', қ: 'k', ғ: 'g', ә: 'a', ө: 'o', ұ: 'u', ү: 'u', і: 'i', ң: 'n', ы: 'y', 'е-': 'e' },
  kazakhLatin: { ж: 'j', х: 'h', й: 'i', я: 'ia', ю: 'iu', ё: 'e', ц: 'ts', щ: 'sh', ь: '', қ: 'q', ғ: 'ğ', ә: 'ä', ө: 'ö', ұ: 'ū', ү: 'ü', і: 'i', ң: 'ñ', ы: 'y', 'е-': 'e', ш: 'ş' },
};

/** A scheme for one list: a named one, or each varying letter chosen at random (a sloppy list). */
export function randomScheme(rng: Rng): Scheme {
  const r = rng();
  if (r < 0.35) return SCHEMES.press as Scheme;
  if (r < 0.6) return SCHEMES.icao as Scheme;
  if (r < 0.7) return SCHEMES.kazakhLatin as Scheme;
  return Object.fromEntries(Object.entries(OPTIONS).map(([k, v]) => [k, pick(rng, v)]));
}

const VOWELS = /[аеёиоуыэюяәөұүі]/;

/** One Cyrillic word → Latin under a scheme; е after a vowel or at the start may become "ye". */
export function toLatin(word: string, scheme: Scheme): string {
  const letters = Array.from(word.toLowerCase());
  const out = letters.map((ch, i) => {
    const prev = letters[i - 1];
    if (ch === 'е' && (prev === undefined || VOWELS.test(prev) || prev === 'ь' || prev === 'ъ')) return scheme['е-'] ?? 'e';
    return scheme[ch] ?? BASE[ch] ?? ch;
  });
  const s = out.join('');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const RUSSIAN_KEYBOARD: Readonly<Record<string, string>> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };
/** Kazakh letters replaced by their nearest Russian ones, as typed on a Russian keyboard. */
export function russianKeyboard(word: string): string {
  return word.replace(/[әғқңөұүһі]/gi, (ch) => {
    const low = RUSSIAN_KEYBOARD[ch.toLowerCase()] ?? ch;
    return ch === ch.toLowerCase() ? low : low.toUpperCase();
  });
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const CYRILLIC = 'абвгдежзийклмнопрстуфхцчшщыэюя';

/** One keyboard slip in a word, never in the first letter: substitution, deletion, insertion or swap. */
export function typo(rng: Rng, word: string): string {
  if (word.length < 3) return word;
  const alphabet = /[а-яё]/i.test(word) ? CYRILLIC : LATIN;
  const i = 1 + Math.floor(rng() * (word.length - 1));
  const letter = pick(rng, Array.from(alphabet));
  const r = rng();
  if (r < 0.35) return word.slice(0, i) + letter + word.slice(i + 1);
  if (r < 0.6) return word.slice(0, i) + word.slice(i + 1);
  if (r < 0.8) return word.slice(0, i) + letter + word.slice(i);
  if (i >= word.length - 1) return word.slice(0, i - 1) + word.charAt(i) + word.charAt(i - 1);
  return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
}

/** A vowel heard differently (Erken/Erkan, Сагындык/Сагиндик), never the first letter. */
export function vowelVariant(rng: Rng, word: string): string {
  const latin = /[a-z]/i.test(word);
  const vowels = latin ? 'aeiou' : 'аеиоуы';
  const spots = Array.from(word).map((ch, i) => (i > 0 && vowels.includes(ch) ? i : -1)).filter((i) => i > 0);
  if (spots.length === 0) return word;
  const i = pick(rng, spots);
  const other = pick(rng, Array.from(vowels).filter((v) => v !== word.charAt(i)));
  return word.slice(0, i) + other + word.slice(i + 1);
}
