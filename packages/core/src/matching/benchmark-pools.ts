/**
 * Weighted pools of names for the benchmark, matched to published Kazakhstan frequencies so
 * that namesakes are about as common as in real lists (slightly more, to stay on the hard side):
 *
 *   surnames: Ministry of Justice (2014): Akhmetov(a) 73,627 bearers = 0.43% of 17.2 million;
 *     the 33 most common surnames together 4.8%. The head below uses those counts ×1.5; the
 *     rest is a flat tail of ~1,000 Kazakh and ~600 Russian surnames (the country has 29,000
 *     surnames with more than 100 bearers, so the real tail is flatter still).
 *   given names: National Statistics Bureau: most common male name Azamat (63,000 ≈ 0.65% of
 *     men), female Aruzhan (73,000 ≈ 0.75% of women); 33,000 names with more than 10 bearers.
 *     Here a Zipf curve (s = 0.35) over a few hundred names puts the top name near 1.5%.
 *
 * A first version drew from 230 surnames and 80 given names with a steep curve: "Ivanov" was
 * 8.6% of Russian men and same-name pairs of different people outnumbered true pairs. That
 * measured namesake density, at ten to a hundred times the real rate, more than matching.
 */
import { GIVEN, IN_STEMS, KK_FIXED, KK_GIVEN_PARTS, KK_PREFIXES, KK_STEMS, KK_SUFFIXES, RU_ENDINGS, RU_FIXED, RU_ROOTS, RU_SURNAMES, type Origin, type Sex } from './benchmark-names.js';
import { type Rng } from './benchmark-spelling.js';

/** Items with cumulative weights, drawn by binary search. */
export interface Pool<T> { items: readonly T[]; cumulative: readonly number[] }

function pool<T>(entries: ReadonlyArray<readonly [T, number]>): Pool<T> {
  let sum = 0;
  return { items: entries.map(([t]) => t), cumulative: entries.map(([, w]) => (sum += w)) };
}

export function draw<T>(rng: Rng, p: Pool<T>): T {
  const target = rng() * (p.cumulative.at(-1) ?? 0);
  let lo = 0;
  let hi = p.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((p.cumulative[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return p.items[lo] as T;
}

/** A surname as [male form, female form]. */
export type Surname = readonly [string, string];
const feminine = (m: string): string => (/(ов|ев|ёв|ин)$/.test(m) ? `${m}а` : m);

function surnameFromStem(stem: string): string {
  if (IN_STEMS.has(stem)) return stem.endsWith('ин') ? stem : `${stem}ин`;
  if (/ай$/.test(stem)) return `${stem.slice(0, -1)}ев`; // Жұмабай → Жұмабаев
  if (/ы$/.test(stem)) return `${stem.slice(0, -1)}иев`; // Нұрғазы → Нұрғазиев
  return /[аеиоуәөұүі]$/.test(stem) ? `${stem}ев` : `${stem}ов`;
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const compose = (prefixes: readonly string[], endings: readonly string[]): string[] =>
  prefixes.flatMap((p) => endings.map((e) => p + e));

/** Given names: the common ones first, then compounds; Zipf-weighted by rank. */
function givenPool(names: readonly string[]): Pool<string> {
  return pool(unique(names).map((n, i) => [n, 1 / (i + 1) ** 0.35] as const));
}
const kkGiven = (sex: Sex): string[] => {
  const [prefixes = [], endings = []] = KK_GIVEN_PARTS[sex];
  return [...GIVEN.kk[sex], ...compose(prefixes, endings)];
};
export const GIVEN_POOLS: Readonly<Record<Origin, Record<Sex, Pool<string>>>> = {
  kk: { m: givenPool(kkGiven('m')), f: givenPool(kkGiven('f')) },
  ru: { m: givenPool(GIVEN.ru.m), f: givenPool(GIVEN.ru.f) },
};
/** Names fathers are drawn from, for patronymics. */
export const FATHERS: Readonly<Record<Origin, readonly string[]>> = { kk: unique(kkGiven('m')), ru: GIVEN.ru.m };

/** Published counts of the most common surnames (Ministry of Justice, 2014), in male form. */
const HEAD: Readonly<Record<Origin, ReadonlyArray<readonly [string, number]>>> = {
  kk: [['Ахметов', 73627], ['Омаров', 45123], ['Оспанов', 41068], ['Әлиев', 36084], ['Сүлейменов', 33940],
    ['Ысқақов', 31988], ['Әбдірахманов', 29091], ['Ибрагимов', 28755], ['Қалиев', 28219], ['Садықов', 27810],
    ['Ыбыраев', 26531], ['Смағұлов', 24005], ['Абдуллаев', 23729], ['Исаев', 22910], ['Сұлтанов', 22808],
    ['Юсупов', 22763], ['Исмаилов', 21392], ['Нұрғалиев', 21133], ['Кәрімов', 20575], ['Серік', 19550],
    ['Амангелді', 15125], ['Болат', 11234], ['Марат', 10417], ['Серікбай', 10193], ['Құсайынов', 10103], ['Мұрат', 10006]],
  ru: [['Ким', 42274], ['Иванов', 39296], ['Кузнецов', 25990], ['Попов', 24956], ['Ли', 17049], ['Цой', 12088], ['Бондаренко', 10648]],
};
/** People of each origin in 2014 (Kazakhs ≈ 65%), to turn counts into shares; ×1.5 on purpose. */
const POPULATION: Readonly<Record<Origin, number>> = { kk: 11_250_000, ru: 5_900_000 };
const HEAD_INFLATION = 1.5;

/** Male and female forms of the published most common surnames: the namesakes' surnames. */
export const COMMON_SURNAMES: ReadonlySet<string> = new Set(
  Object.values(HEAD).flatMap((list) => list.flatMap(([m]) => [m, feminine(m)])),
);

function surnamePool(origin: Origin, tail: readonly Surname[]): Pool<Surname> {
  const head = HEAD[origin].map(([m, n]) => [[m, feminine(m)] as Surname, (n / POPULATION[origin]) * HEAD_INFLATION] as const);
  const headNames = new Set(head.map(([[m]]) => m));
  const rest = tail.filter(([m]) => !headNames.has(m));
  const headShare = head.reduce((s, [, w]) => s + w, 0);
  return pool([...head, ...rest.map((s) => [s, (1 - headShare) / rest.length] as const)]);
}

const kkTail: Surname[] = [
  ...unique([...KK_STEMS, ...compose(KK_PREFIXES, KK_SUFFIXES), ...kkGiven('m')].map(surnameFromStem)).map((m): Surname => [m, feminine(m)]),
  ...KK_STEMS.slice(0, 60).map((s): Surname => [`${s.replace(/а$/, 'ай')}ұлы`, `${s.replace(/а$/, 'ай')}қызы`]),
  ...KK_FIXED.map((m): Surname => [m, m]),
];
const ruTail: Surname[] = [
  ...unique([...RU_SURNAMES, ...compose(RU_ROOTS, RU_ENDINGS)]).map((m): Surname => [m, /ых$/.test(m) ? m : feminine(m)]),
  ...RU_FIXED.map((m): Surname => [m, m]),
];
export const SURNAME_POOLS: Readonly<Record<Origin, Pool<Surname>>> = {
  kk: surnamePool('kk', kkTail),
  ru: surnamePool('ru', ruTail),
};

/** A patronymic from the father's given name, Russian style (Нұрланович, Сергеевна, Юрьевич). */
export function russianPatronymic(father: string, sex: Sex): string {
  const end = sex === 'm' ? 'вич' : 'вна';
  if (/ий$/.test(father)) return `${father.slice(0, -2)}ье${end}`;
  if (/[еа]й$/.test(father)) return `${father.slice(0, -1)}е${end}`;
  if (/ь$/.test(father)) return `${father.slice(0, -1)}е${end}`;
  if (/[аеиоуыәөұүія]$/.test(father)) return `${father}е${end}`;
  return `${father}о${end}`;
}

/** A Kazakh patronymic: Нұрланұлы (son of Nurlan), Нұрланқызы (daughter of Nurlan). */
export function kazakhPatronymic(father: string, sex: Sex): string {
  return `${father}${sex === 'm' ? 'ұлы' : 'қызы'}`;
}
