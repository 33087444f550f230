import { describe, it, expect } from 'vitest';
import { parseDateTime, type ParseDateTimeOptions, type ParsedDateTime } from './parse.js';
import { monthNumber } from './months.js';

/** Parses and fails the test with the parser's own message if it refused. */
function ok(text: string, options?: ParseDateTimeOptions): ParsedDateTime {
  const r = parseDateTime(text, options);
  if ('error' in r) throw new Error(`expected "${text}" to parse, got: ${r.error}`);
  return r;
}
function refused(text: string, options?: ParseDateTimeOptions): string {
  const r = parseDateTime(text, options);
  if (!('error' in r)) throw new Error(`expected "${text}" to be refused, got ${r.at}`);
  return r.error;
}
const at = (text: string, options?: ParseDateTimeOptions): string => ok(text, options).at;

describe('parseDateTime: numeric dates (Asia/Almaty, UTC+6 in 2016)', () => {
  it.each([
    ['21.05.2016', '2016-05-20T18:00:00.000Z', 'day'],
    ['21/05/2016', '2016-05-20T18:00:00.000Z', 'day'],
    ['21-05-2016', '2016-05-20T18:00:00.000Z', 'day'],
    ['1.5.2016', '2016-04-30T18:00:00.000Z', 'day'],
    ['21.05.2016 11:30', '2016-05-21T05:30:00.000Z', 'exact'],
    ['21.05.2016 9.15', '2016-05-21T03:15:00.000Z', 'exact'],
    ['21.05.2016г.', '2016-05-20T18:00:00.000Z', 'day'],
    ['2016.05.21', '2016-05-20T18:00:00.000Z', 'day'],
  ] as const)('%s → %s (%s)', (text, iso, precision) => {
    expect(ok(text)).toEqual({ at: iso, precision, original: text });
  });

  it('dayFirst: false reads month/day/year; year-first dates are unaffected', () => {
    expect(at('05/06/2018', { dayFirst: false })).toBe('2018-05-05T18:00:00.000Z');
    expect(at('05/06/2018')).toBe('2018-06-04T18:00:00.000Z');
    expect(at('2018-05-06', { dayFirst: false })).toBe('2018-05-05T18:00:00.000Z');
  });
});

describe('parseDateTime: ISO 8601', () => {
  it.each([
    ['2016-05-21', '2016-05-20T18:00:00.000Z', 'day'],
    ['2016-05-21T11:30', '2016-05-21T05:30:00.000Z', 'exact'],
    ['2016-05-21 11:30:00', '2016-05-21T05:30:00.000Z', 'exact'],
    ['2016-05-21T11:30:00Z', '2016-05-21T11:30:00.000Z', 'exact'],
    ['2016-05-21T11:30:00.123+06:00', '2016-05-21T05:30:00.123Z', 'exact'],
    ['2016-05-21T11:30:00.5-03:00', '2016-05-21T14:30:00.500Z', 'exact'],
    ['2016-05-21T11:30:00+0500', '2016-05-21T06:30:00.000Z', 'exact'],
    ['2018-06', '2018-05-31T18:00:00.000Z', 'month'],
  ] as const)('%s → %s (%s)', (text, iso, precision) => {
    expect(ok(text)).toEqual({ at: iso, precision, original: text });
  });

  it('an explicit offset wins over the default zone', () => {
    expect(at('2022-01-05T17:31:04+06:00', { defaultZone: 'Europe/London' })).toBe('2022-01-05T11:31:04.000Z');
    expect(at('05.01.2022 17:31:04 UTC+6')).toBe('2022-01-05T11:31:04.000Z');
    expect(at('05.01.2022 17:31 GMT')).toBe('2022-01-05T17:31:00.000Z');
  });
});

describe('parseDateTime: month names', () => {
  it.each([
    ['12 June 2018', '2018-06-11T18:00:00.000Z', 'day'],
    ['June 12, 2018', '2018-06-11T18:00:00.000Z', 'day'],
    ['June 12th, 2018', '2018-06-11T18:00:00.000Z', 'day'],
    ['12th of June 2018', '2018-06-11T18:00:00.000Z', 'day'],
    ['12-Jun-2018', '2018-06-11T18:00:00.000Z', 'day'],
    ['Sept 1 2020', '2020-08-31T18:00:00.000Z', 'day'],
    ['12 Jun 2018 14:30', '2018-06-12T08:30:00.000Z', 'exact'],
    ['Jan. 5, 2022, 5:31 p.m.', '2022-01-05T11:31:00.000Z', 'exact'],
    ['May 21, 2016 at 11:30 a.m.', '2016-05-21T05:30:00.000Z', 'exact'],
    ['12 июня 2018', '2018-06-11T18:00:00.000Z', 'day'],
    ['12 ИЮНЯ 2018', '2018-06-11T18:00:00.000Z', 'day'],
    ['12 Июнь 2018 г.', '2018-06-11T18:00:00.000Z', 'day'],
    ['12-го июня 2018 года', '2018-06-11T18:00:00.000Z', 'day'],
    ['05 янв. 2022 г.', '2022-01-04T18:00:00.000Z', 'day'],
    ['21 мая 2016 года в 11:30', '2016-05-21T05:30:00.000Z', 'exact'],
    ['12 маусым 2018', '2018-06-11T18:00:00.000Z', 'day'],
    ['5 қаңтар 2022 ж.', '2022-01-04T18:00:00.000Z', 'day'],
    ['5 кантар 2022', '2022-01-04T18:00:00.000Z', 'day'],
    ['2018 жылғы 12 маусымда сағат 11:30-да', '2018-06-12T05:30:00.000Z', 'exact'],
    ['Qantar 5, 2022', '2022-01-04T18:00:00.000Z', 'day'],
  ] as const)('%s → %s (%s)', (text, iso, precision) => {
    expect(ok(text)).toEqual({ at: iso, precision, original: text });
  });

  it('a month and year alone have month precision, at local midnight on the 1st', () => {
    expect(ok('June 2018')).toEqual({ at: '2018-05-31T18:00:00.000Z', precision: 'month', original: 'June 2018' });
    expect(ok('июнь 2018')).toMatchObject({ at: '2018-05-31T18:00:00.000Z', precision: 'month' });
    expect(ok('в мае 2016 г.')).toMatchObject({ at: '2016-04-30T18:00:00.000Z', precision: 'month' });
    expect(ok('желтоқсан 1986')).toMatchObject({ at: '1986-11-30T18:00:00.000Z', precision: 'month' });
  });

  it('knows every month in every language and declension we list', () => {
    const ru = ['январь', 'февраля', 'марте', 'апреля', 'май', 'июня', 'июль', 'августа', 'сентябрь', 'октября', 'ноябрь', 'декабря'];
    const kk = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
    const en = ['Jan', 'February', 'Mar.', 'April', 'May', 'Jun', 'July', 'Aug', 'Sep', 'October', 'Nov', 'December'];
    for (const list of [ru, kk, en]) expect(list.map((w) => monthNumber(w))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(monthNumber('Мамырда')).toBe(5);
    expect(monthNumber('мамонт')).toBeUndefined();
  });
});

describe('parseDateTime: times and precision; the original wording is kept', () => {
  it('"around 11.30am" is approximate to the minutes, and the wording survives', () => {
    const r = ok('21 May 2016, around 11.30am');
    expect(r).toEqual({ at: '2016-05-21T05:30:00.000Z', precision: 'minutes', original: '21 May 2016, around 11.30am' });
    expect(ok('около 11:30 21.05.2016')).toMatchObject({ at: '2016-05-21T05:30:00.000Z', precision: 'minutes' });
    expect(ok('~11:30 21.05.2016').precision).toBe('minutes');
  });

  it('an hour without minutes has hour precision', () => {
    expect(ok('June 12th, 2018 2pm')).toMatchObject({ at: '2018-06-12T08:00:00.000Z', precision: 'hour' });
    expect(ok('21 мая 2016 около 12 часов')).toMatchObject({ at: '2016-05-21T06:00:00.000Z', precision: 'hour' });
    expect(ok('в 11 вечера 21 мая 2016')).toMatchObject({ at: '2016-05-21T17:00:00.000Z', precision: 'hour' });
    expect(ok('в 2 ночи 5 января 2022').at).toBe('2022-01-04T20:00:00.000Z');
    expect(ok('5 января 2022 в 12 дня').at).toBe('2022-01-05T06:00:00.000Z');
  });

  it('reads 12am as midnight and 12pm as noon, and 24-hour times with seconds and fractions', () => {
    expect(at('12.00am 21.05.2016')).toBe('2016-05-20T18:00:00.000Z');
    expect(at('21.05.2016 12.00pm')).toBe('2016-05-21T06:00:00.000Z');
    expect(at('21.05.2016 14h30')).toBe('2016-05-21T08:30:00.000Z');
    expect(at('21.05.2016 11:30:05.25')).toBe('2016-05-21T05:30:05.250Z');
    expect(at('21.05.2016 noon')).toBe('2016-05-21T06:00:00.000Z');
  });
});

describe('parseDateTime: time zones come from the tz database, never a fixed offset', () => {
  it('Almaty was UTC+6 in 2016–2022 and is UTC+5 since 1 March 2024', () => {
    expect(at('21.05.2016 12:00')).toBe('2016-05-21T06:00:00.000Z');
    expect(at('05.01.2022 17:31')).toBe('2022-01-05T11:31:00.000Z');
    expect(at('05.01.2025 17:31')).toBe('2025-01-05T12:31:00.000Z');
    expect(at('01.03.2024')).toBe('2024-02-29T19:00:00.000Z');
    expect(at('01.03.2024 00:30')).toBe('2024-02-29T19:30:00.000Z');
  });

  it('an hour that happened twice (29 Feb 2024, 23:00–24:00 in Almaty) takes the earlier instant', () => {
    expect(at('29.02.2024 23:30')).toBe('2024-02-29T17:30:00.000Z');
  });

  it('Almaty kept summer time (UTC+7) until 2005', () => {
    expect(at('15.07.2004 12:00')).toBe('2004-07-15T05:00:00.000Z');
    expect(at('15.01.2004 12:00')).toBe('2004-01-15T06:00:00.000Z');
  });

  it('uses the zone given in options, with its own summer time and gaps', () => {
    expect(at('21.05.2016 12:00', { defaultZone: 'Europe/Moscow' })).toBe('2016-05-21T09:00:00.000Z');
    expect(at('2021-07-01 12:00', { defaultZone: 'Europe/London' })).toBe('2021-07-01T11:00:00.000Z');
    // 01:30 on 28 March 2021 did not exist in London; it is pushed forward past the gap.
    expect(at('2021-03-28 01:30', { defaultZone: 'Europe/London' })).toBe('2021-03-28T01:30:00.000Z');
    expect(at('12 June 2018', { defaultZone: 'UTC' })).toBe('2018-06-12T00:00:00.000Z');
  });
});

describe('parseDateTime: refuses what it cannot read with certainty', () => {
  it.each([
    ['31.02.2020', /day 31 does not exist: February 2020 has 29 days/],
    ['29.02.2019', /February 2019 has 28 days/],
    ['2016-02-30', /day 30 does not exist/],
    ['31 июня 2018', /June 2018 has 30 days/],
    ['13/13/2018', /month 13 does not exist/],
    ['21.05.2016 25:00', /hour 25/],
    ['21.05.2016 12:60', /above 59/],
    ['21.05.2016 14:30pm', /12-hour clock/],
    ['21.05.16', /two-digit year "16"/],
    ['12 June', /no year/],
    ['12 мая', /no year/],
    ['', /empty/],
    ['   ', /empty/],
    ['unknown', /no date found/],
    ['2018', /no date found/],
    ['21.05.1850', /year 1850 is outside/],
    ['21.05.2016 11:30-12:30', /range/],
    ['4-5 January 2022', /range/],
    ['the night of 4 to 5 January 2022', /range/],
    ['21.05.2016 utc+06:00', /offset needs a time/],
    ['June 2018 11:30', /needs a day/],
    ['21.05.2016 11:30 +1500', /not a valid UTC offset/],
    ['21.05.2016 after lunch', /did not understand "after"/],
  ] as const)('%s', (text, message) => {
    expect(refused(text)).toMatch(message);
  });

  it('says which dayFirst reading it used when the month is impossible', () => {
    expect(refused('06/13/2018')).toMatch(/day\/month\/year \(set dayFirst: false/);
    expect(at('06/13/2018', { dayFirst: false })).toBe('2018-06-12T18:00:00.000Z');
  });

  it('refuses an unknown time zone instead of falling back', () => {
    expect(refused('21.05.2016', { defaultZone: 'Asia/Alma-Ata-Nowhere' })).toMatch(/unknown time zone/);
  });
});
