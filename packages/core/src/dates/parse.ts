/**
 * parseDateTime: one date or date-time as partners write it in lists and reports → a UTC
 * instant, the precision the text supports, and the original wording (which is kept, because
 * "around 11.30am" is evidence in its own right).
 *
 * Strict by design: anything we do not understand is an error naming it, never a guess. A
 * wrongly read date in a custody record is worse than a rejected row.
 */
import { cutDate, cutOffset, cutTime, DAY_PARTS, FILLERS, HEDGES, type DatePiece, type TimePiece } from './pieces.js';
import { fieldsAsUtcMs, isKnownZone, zonedTimeToUtcMs, type LocalFields } from './zone.js';

/** exact: a stated time; minutes: a time given as approximate; hour, day, month: as stated. */
export type DatePrecision = 'exact' | 'minutes' | 'hour' | 'day' | 'month';
export interface ParsedDateTime { at: string; precision: DatePrecision; original: string }
export interface DateParseError { error: string }
export interface ParseDateTimeOptions {
  /** IANA zone for texts without an offset; default Asia/Almaty. */
  defaultZone?: string;
  /** Read 06/07/2018 as 6 July (true, default) or June 7 (false). Year-first dates are unaffected. */
  dayFirst?: boolean;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkDate(d: DatePiece, dayFirst: boolean): string | null {
  if (d.year < MIN_YEAR || d.year > MAX_YEAR) return `year ${d.year} is outside ${MIN_YEAR}–${MAX_YEAR}`;
  if (d.month < 1 || d.month > 12) {
    const order = dayFirst ? 'day/month/year (set dayFirst: false for month/day/year)' : 'month/day/year';
    return `month ${d.month} does not exist (numeric dates are read as ${order})`;
  }
  const days = daysInMonth(d.year, d.month);
  if (d.day !== null && (d.day < 1 || d.day > days)) {
    return `day ${d.day} does not exist: ${MONTHS[d.month - 1] ?? ''} ${d.year} has ${days} days`;
  }
  return null;
}

/** Applies am/pm or a Russian part of the day to the hour; null when the hour cannot take it. */
function to24h(t: TimePiece, dayPart: 'am' | 'pm' | 'night' | null): number | null {
  const half = t.meridiem ?? dayPart;
  if (half === null) return t.hour;
  if (t.hour < 1 || t.hour > 12) return null;
  if (half === 'am') return t.hour % 12;
  if (half === 'pm') return (t.hour % 12) + 12;
  // "ночи": 11 ночи is 23:00, 2 ночи is 02:00, 12 ночи is midnight.
  return t.hour === 12 ? 0 : t.hour >= 6 ? t.hour + 12 : t.hour;
}

/** Whatever is left after cutting the pieces must be known filler; returns the first unknown bit. */
function leftover(rest: string): { unknown: string | null; hedged: boolean; dayPart: 'am' | 'pm' | 'night' | null } {
  let hedged = /[~≈]/.test(rest);
  let dayPart: 'am' | 'pm' | 'night' | null = null;
  for (const word of rest.split(/[^\p{L}\d]+/u).filter((w) => w !== '')) {
    if (HEDGES.has(word)) hedged = true;
    else if (DAY_PARTS[word] !== undefined) dayPart = DAY_PARTS[word] ?? null;
    else if (!FILLERS.has(word)) return { unknown: word, hedged, dayPart };
  }
  return { unknown: null, hedged, dayPart };
}

/** Parse one date or date-time; see the module comment and parse.test.ts for what is accepted. */
export function parseDateTime(text: string, options: ParseDateTimeOptions = {}): ParsedDateTime | DateParseError {
  const zone = options.defaultZone ?? 'Asia/Almaty';
  const dayFirst = options.dayFirst ?? true;
  const original = text;
  if (!isKnownZone(zone)) return { error: `unknown time zone "${zone}" (use an IANA name such as Asia/Almaty)` };
  let s = text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/[\s\u00a0]+/g, ' ').trim();
  if (s === '') return { error: 'empty date' };
  // ISO 8601 "T" between date and time; Russian "г." glued to the year ("2018г.").
  s = s.replace(/(\d{4}-\d{1,2}-\d{1,2})t(?=\d)/, '$1 ').replace(/(\d{4})(г|ж)\./, '$1 $2.');
  const timeRange = /\d{1,2}[:.]\d{2}\s*(?:[-–—]|to|до)\s*\d{1,2}[:.]\d{2}/.test(s) || /(?<!\p{L})с\s+\d.*\sдо\s+\d/u.test(s);
  const dayRange = /(?<![\d.:-])\d{1,2}\s*(?:[-–—]|to|до|по|на)\s*\d{1,2}(?=\s*\p{L})/u.test(s);
  if (timeRange || dayRange) {
    return { error: `"${text}" is a range: record its start and end as two dates or times` };
  }

  const date = cutDate(s, dayFirst);
  if (date === null) return { error: `no date found in "${text}"` };
  if ('error' in date) return { error: `${date.error} in "${text}"` };
  const problem = checkDate(date.piece, dayFirst);
  if (problem !== null) return { error: `${problem} ("${text}")` };

  const time = cutTime(date.rest);
  if (time !== null && 'error' in time) return { error: `${time.error} in "${text}"` };
  const afterTime = time === null ? date.rest : time.rest;
  const offset = cutOffset(afterTime);
  if (offset !== null && 'error' in offset) return { error: `${offset.error} in "${text}"` };
  const rest = leftover(offset === null ? afterTime : offset.rest);
  if (rest.unknown !== null) return { error: `did not understand "${rest.unknown}" in "${text}"` };

  const { year, month, day } = date.piece;
  if (day === null && time !== null) return { error: `a time needs a day, not only a month ("${text}")` };
  if (time === null && offset !== null) return { error: `a UTC offset needs a time ("${text}")` };
  const t = time?.piece;
  const hour = t === undefined ? 0 : to24h(t, rest.dayPart);
  if (hour === null) return { error: `${t?.hour ?? ''} is not an hour on a 12-hour clock (am/pm) ("${text}")` };
  if (hour > 23) return { error: `hour ${hour} is not a valid time of day ("${text}")` };
  if ((t?.minute ?? 0) > 59 || (t?.second ?? 0) > 59) return { error: `minutes or seconds above 59 ("${text}")` };

  const fields: LocalFields = {
    year, month, day: day ?? 1, hour,
    minute: t?.minute ?? 0, second: t?.second ?? 0, millisecond: t?.ms ?? 0,
  };
  const ms = offset === null ? zonedTimeToUtcMs(fields, zone) : fieldsAsUtcMs(fields) - offset.piece * 60_000;
  if (Number.isNaN(ms)) return { error: `"${text}" is not a representable instant` };
  return { at: new Date(ms).toISOString(), precision: precisionOf(day, t, rest.hedged), original };
}

function precisionOf(day: number | null, t: TimePiece | undefined, hedged: boolean): DatePrecision {
  if (day === null) return 'month';
  if (t === undefined) return 'day';
  if (t.minute === null) return 'hour';
  return hedged ? 'minutes' : 'exact';
}
