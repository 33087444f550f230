/**
 * Month names in English, Russian and Kazakh → month number (1–12).
 *
 * Russian month names decline ("12 июня", "июнь 2018", "в мае"), and lists mix cases and
 * abbreviations, so each Russian month is a stem plus the endings it can take. Kazakh month
 * names are the native ones (қаңтар…желтоқсан) and take case suffixes ("маусымда" = in June);
 * they are also matched when typed without the Kazakh letters (каңтар → кантар), which is how
 * they arrive from Russian keyboards.
 */

const ENGLISH = [
  ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'],
  ['june', 'jun'], ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'],
  ['october', 'oct'], ['november', 'nov'], ['december', 'dec'],
];

/** [stem, endings] per month: the stem alone is not a word unless '' is among the endings. */
const SOFT = ['ь', 'я', 'е', 'ю', 'ем', 'ём'];
const HARD = ['', 'а', 'е', 'у', 'ом'];
const RUSSIAN: ReadonlyArray<readonly [string, readonly string[], readonly string[]]> = [
  ['январ', SOFT, ['янв']],
  ['феврал', SOFT, ['фев', 'февр']],
  ['март', HARD, ['мар']],
  ['апрел', SOFT, ['апр']],
  ['ма', ['й', 'я', 'е', 'ю', 'ем'], []],
  ['июн', SOFT, ['июн']],
  ['июл', SOFT, ['июл']],
  ['август', HARD, ['авг']],
  ['сентябр', SOFT, ['сен', 'сент']],
  ['октябр', SOFT, ['окт']],
  ['ноябр', SOFT, ['ноя', 'нояб']],
  ['декабр', SOFT, ['дек']],
];

/** Kazakh Cyrillic, then Kazakh Latin (2021 alphabet and plain-Latin spellings). */
const KAZAKH = [
  ['қаңтар', 'qantar'], ['ақпан', 'aqpan'], ['наурыз', 'nauryz'], ['сәуір', 'sáuir', 'sauir', 'säuir'],
  ['мамыр', 'mamyr'], ['маусым', 'mausym'], ['шілде', 'shilde', 'şilde'], ['тамыз', 'tamyz'],
  ['қыркүйек', 'qyrküiek', 'qyrkuiek', 'qyrkúiek'], ['қазан', 'qazan'], ['қараша', 'qarasha', 'qaraşa'],
  ['желтоқсан', 'jeltoqsan', 'zheltoksan'],
];

/** Kazakh letters as they come out of a Russian keyboard (і as и or i, ү as у…). */
function withoutKazakhLetters(word: string): string[] {
  const plain = word.replace(/[әғқңөұүһ]/g, (ch) => ({ ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х' })[ch] ?? ch);
  return [plain, plain.replace(/і/g, 'и'), plain.replace(/і/g, 'i'), word.replace(/ә/g, 'э')];
}

/** Kazakh case suffixes a month name takes in running text (locative, genitive, possessive). */
const KAZAKH_SUFFIXES = ['', 'да', 'де', 'та', 'те', 'ның', 'нің', 'дың', 'дің', 'тың', 'тің', 'ы', 'і', 'ында', 'інде'];

function buildTable(): Map<string, number> {
  const table = new Map<string, number>();
  ENGLISH.forEach((names, i) => names.forEach((n) => table.set(n, i + 1)));
  RUSSIAN.forEach(([stem, endings, abbreviations], i) => {
    endings.forEach((e) => table.set(stem + e, i + 1));
    abbreviations.forEach((a) => table.set(a, i + 1));
  });
  KAZAKH.forEach(([cyrillic = '', ...latin], i) => {
    for (const base of new Set([cyrillic, ...withoutKazakhLetters(cyrillic)])) {
      // Suffixes are only attached to the Cyrillic spellings; set() never overrides a Russian
      // entry because no Kazakh form collides with one (checked by the tests).
      KAZAKH_SUFFIXES.forEach((s) => { if (!table.has(base + s)) table.set(base + s, i + 1); });
    }
    latin.forEach((l) => table.set(l.normalize('NFC'), i + 1));
  });
  return table;
}

const TABLE = buildTable();

/** The month number of a month word ("June", "июня", "Маусым", "сент."), or undefined. */
export function monthNumber(word: string): number | undefined {
  const w = word.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');
  return TABLE.get(w);
}
