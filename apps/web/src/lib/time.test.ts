import { describe, expect, it } from 'vitest';
import { clockFace, dateToInstant, instantToLocal, isTimeZone, localToInstant, offsetMinutes, splitDuration } from './time.js';

describe('time zone arithmetic', () => {
  it('reads a wall-clock time in Almaty with the offset in force then', () => {
    expect(localToInstant('2022-01-05T10:15', 'Asia/Almaty')).toBe('2022-01-05T10:15:00+06:00');
    expect(localToInstant('2016-05-21T11:30', 'Asia/Almaty')).toBe('2016-05-21T11:30:00+06:00');
  });

  it('follows Kazakhstan to UTC+5 from March 2024', () => {
    expect(offsetMinutes(Date.parse('2025-01-01T00:00:00Z'), 'Asia/Almaty')).toBe(300);
  });

  it('handles zones west of UTC and daylight saving', () => {
    expect(localToInstant('2024-07-01T12:00', 'America/New_York')).toBe('2024-07-01T12:00:00-04:00');
    expect(localToInstant('2024-01-01T12:00', 'America/New_York')).toBe('2024-01-01T12:00:00-05:00');
  });

  it('round-trips an instant through a datetime-local value', () => {
    expect(instantToLocal('2022-01-05T04:15:00Z', 'Asia/Almaty')).toBe('2022-01-05T10:15');
    expect(Date.parse(localToInstant(instantToLocal('2022-01-05T04:15:00Z', 'Asia/Almaty'), 'Asia/Almaty') ?? '')).toBe(Date.parse('2022-01-05T04:15:00Z'));
  });

  it('refuses what is not a date-time', () => {
    expect(localToInstant('', 'Asia/Almaty')).toBeNull();
    expect(localToInstant('yesterday', 'Asia/Almaty')).toBeNull();
    expect(dateToInstant('21.05.2016', 'Asia/Almaty')).toBeNull();
  });

  it('turns a filter date into the start or end of that day', () => {
    expect(dateToInstant('2016-05-21', 'Asia/Almaty')).toBe('2016-05-21T00:00:00+06:00');
    expect(dateToInstant('2016-05-21', 'Asia/Almaty', true)).toBe('2016-05-21T23:59:59+06:00');
  });

  it('knows real time zones from typos', () => {
    expect(isTimeZone('Asia/Almaty')).toBe(true);
    expect(isTimeZone('Asia/Almat')).toBe(false);
  });
});

describe('elapsed time', () => {
  it('splits a span and shows a ticking clock face', () => {
    expect(splitDuration(((26 * 60 + 5) * 60 + 9) * 1000)).toEqual({ days: 1, hours: 2, minutes: 5, seconds: 9 });
    expect(clockFace(((5 * 60 + 12) * 60 + 9) * 1000, (d) => `${d} d`)).toBe('05:12:09');
    expect(clockFace(((74 * 60 + 12) * 60 + 9) * 1000, (d) => `${d} д`)).toBe('3 д 02:12:09');
    expect(clockFace(-5000, (d) => `${d} d`)).toBe('00:00:00');
  });
});
