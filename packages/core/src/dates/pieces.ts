/**
 * Finds the date, the time and a UTC offset inside a lowercased date-time text and cuts each
 * out, so that whatever is left can be checked for words we did not understand. Cutting, rather
 * than one big regex, lets the pieces come in any order ("в 11:30 21 мая 2016", "21 May 2016,
 * around 11.30am", "2016-05-21T11:30:00+06:00").
 */
import { monthNumber } from './months.js';

export interface DatePiece { year: number; month: number; day: number | null }
export interface TimePiece { hour: number; minute: number | null; second: number | null; ms: number; meridiem: 'am' | 'pm' | null }
export type Cut<T> = { piece: T; rest: string } | { error: string } | null;

const n = (s: string | undefined): number => Number(s ?? NaN);
const cut = (text: string, m: RegExpMatchArray): string =>
  text.slice(0, m.index ?? 0) + ' ' + text.slice((m.index ?? 0) + m[0].length);

/** Numeric dates. Year-first is never ambiguous; otherwise dayFirst decides DD/MM or MM/DD. */
function numericDate(text: string, dayFirst: boolean): Cut<DatePiece> {
  const ymd = /(?<![\d.])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d])/.exec(text);
  if (ymd) return { piece: { year: n(ymd[1]), month: n(ymd[3]), day: n(ymd[4]) }, rest: cut(text, ymd) };
  const dmy = /(?<![\d.:])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d])/.exec(text);
  if (dmy) {
    const [a, b] = [n(dmy[1]), n(dmy[3])];
    return { piece: { year: n(dmy[4]), month: dayFirst ? b : a, day: dayFirst ? a : b }, rest: cut(text, dmy) };
  }
  const ym = /(?<![\d.])(\d{4})-(\d{1,2})(?![\d:.-])/.exec(text);
  if (ym) return { piece: { year: n(ym[1]), month: n(ym[2]), day: null }, rest: cut(text, ym) };
  const short = /(?<![\d.:])\d{1,2}([./-])\d{1,2}\1(\d{2})(?![\d])/.exec(text);
  if (short) return { error: `two-digit year "${short[2] ?? ''}" is ambiguous: write the year in full` };
  return null;
}

const ORDINAL = String.raw`(?:-?(?:го|е|ое|st|nd|rd|th))?`;
const YEAR_WORD = String.raw`(?:ж\.|жылғы|жылы|ж)?`;
/** [pattern, which groups hold year, month word, day] — tried in this order. */
const WORDED: ReadonlyArray<readonly [RegExp, number, number, number | null]> = [
  [new RegExp(String.raw`(?<!\d)(\d{4})\s*${YEAR_WORD}\s*(\d{1,2})${ORDINAL}\s*(\p{L}+)`, 'gu'), 1, 3, 2],
  [new RegExp(String.raw`(?<![\d.:])(\d{1,2})${ORDINAL}(?:\s+of)?[\s\-/]*(\p{L}+)\.?[\s,\-/]*(\d{4})(?!\d)`, 'gu'), 3, 2, 1],
  [new RegExp(String.raw`(\p{L}+)\.?\s*(\d{1,2})${ORDINAL},?\s+(\d{4})(?!\d)`, 'gu'), 3, 1, 2],
  [/(\p{L}+)\.?,?\s+(\d{4})(?!\d)/gu, 2, 1, null],
  [new RegExp(String.raw`(?<!\d)(\d{4})\s*${YEAR_WORD}\s+(\p{L}+)`, 'gu'), 1, 2, null],
];

/** Dates with a month name: "12 June 2018", "June 12, 2018", "июнь 2018", "2018 ж. 12 маусым". */
function wordedDate(text: string): Cut<DatePiece> {
  for (const [pattern, y, mo, d] of WORDED) {
    for (const m of text.matchAll(pattern)) {
      const month = monthNumber(m[mo] ?? '');
      if (month === undefined) continue;
      return { piece: { year: n(m[y]), month, day: d === null ? null : n(m[d]) }, rest: cut(text, m) };
    }
  }
  for (const m of text.matchAll(/(\d{1,2})\s*(\p{L}+)|(\p{L}+)\s*(\d{1,2})(?!\d)/gu)) {
    if (monthNumber(m[2] ?? m[3] ?? '') !== undefined) return { error: 'the date has no year' };
  }
  return null;
}

export function cutDate(text: string, dayFirst: boolean): Cut<DatePiece> {
  return numericDate(text, dayFirst) ?? wordedDate(text);
}

const MERIDIEM = String.raw`(?:\s*([ap])\.?\s?m\.?(?!\p{L}))?`;
// Not right after a sign or "UTC": "UTC+06:00" is an offset, not a time of 06:00.
const NOT_OFFSET = String.raw`(?<![\d.:+\-−])(?<!(?:utc|gmt)\s*[+\-−]?\s*)`;
const CLOCK = new RegExp(String.raw`${NOT_OFFSET}(\d{1,2})[:.h](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?(?!\d)${MERIDIEM}`, 'u');
const HOUR_MERIDIEM = /(?<![\d.:])(\d{1,2})\s*([ap])\.?\s?m\.?(?!\p{L})/u;
const RUSSIAN_HOURS = /(?<![\d.:])(\d{1,2})\s*(?:часов|часа|час|ч)(?!\p{L})\.?(?:\s*(\d{1,2})\s*(?:минут[аы]?|мин)(?!\p{L})\.?)?/u;
/** "в 11 вечера": an hour whose half of the day is given by the word after it (see DAY_PARTS). */
const HOUR_DAY_PART = /(?<![\d.:])(\d{1,2})(?=\s*(?:утра|дня|вечера|ночи)(?!\p{L}))/u;
const NAMED: Readonly<Record<string, number>> = { noon: 12, midday: 12, полдень: 12, midnight: 0, полночь: 0, түс: 12 };

/** Times: "14:30", "11.30am", "14h30", "11:30:05.250", "2 pm", "в 11 часов 30 минут", "noon". */
export function cutTime(text: string): Cut<TimePiece> {
  const meridiem = (s: string | undefined): 'am' | 'pm' | null => (s === 'a' ? 'am' : s === 'p' ? 'pm' : null);
  const clock = CLOCK.exec(text);
  if (clock) {
    const fraction = clock[4] === undefined ? 0 : Number(clock[4].slice(0, 3).padEnd(3, '0'));
    const second = clock[3] === undefined ? null : n(clock[3]);
    return { piece: { hour: n(clock[1]), minute: n(clock[2]), second, ms: fraction, meridiem: meridiem(clock[5]) }, rest: cut(text, clock) };
  }
  const hm = HOUR_MERIDIEM.exec(text);
  if (hm) return { piece: { hour: n(hm[1]), minute: null, second: null, ms: 0, meridiem: meridiem(hm[2]) }, rest: cut(text, hm) };
  const ru = RUSSIAN_HOURS.exec(text) ?? HOUR_DAY_PART.exec(text);
  if (ru) {
    const minute = ru[2] === undefined ? null : n(ru[2]);
    return { piece: { hour: n(ru[1]), minute, second: null, ms: 0, meridiem: null }, rest: cut(text, ru) };
  }
  for (const m of text.matchAll(/\p{L}+/gu)) {
    const hour = NAMED[m[0]];
    if (hour !== undefined) return { piece: { hour, minute: 0, second: null, ms: 0, meridiem: null }, rest: cut(text, m) };
  }
  return null;
}

/** An explicit zone: "Z", "UTC", "UTC+6", "GMT+05:00", "+06:00", "+0600". Result in minutes east. */
export function cutOffset(text: string): Cut<number> {
  const named = /(?<!\p{L})(?:utc|gmt|z)(?!\p{L})(?:\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?)?/u.exec(text);
  const bare = /(?<![\d\p{L}])([+\-−])(\d{2}):?(\d{2})(?!\d)/u.exec(text);
  const m = named ?? bare;
  if (!m) return null;
  if (m[1] === undefined) return { piece: 0, rest: cut(text, m) };
  const minutes = n(m[2]) * 60 + (m[3] === undefined ? 0 : n(m[3]));
  if (n(m[2]) > 14 || (m[3] !== undefined && n(m[3]) > 59)) return { error: `"${m[0].trim()}" is not a valid UTC offset` };
  return { piece: m[1] === '+' ? minutes : -minutes, rest: cut(text, m) };
}

/** Words that say a time is approximate. */
export const HEDGES = new Set(['around', 'about', 'approximately', 'approx', 'circa', 'ca', 'roughly', 'около', 'примерно', 'приблизительно', 'ориентировочно', 'шамамен', 'шамасында', 'шақты']);
/** Russian parts of the day that fix a 12-hour clock ("в 11 вечера", "в 2 ночи"). */
export const DAY_PARTS: Readonly<Record<string, 'am' | 'pm' | 'night'>> = { утра: 'am', дня: 'pm', вечера: 'pm', ночи: 'night' };
/** Words that may surround a date or time without changing it. */
export const FILLERS = new Set([
  'at', 'on', 'the', 'of', 'in', 'hrs', 'hours', 'local', 'time', 'в', 'во', 'на', 'г', 'год', 'года', 'году',
  'ж', 'жыл', 'жылы', 'жылғы', 'сағат', 'сағатта', 'шамасында', 'да', 'де', 'та', 'те',
]);
