import { describe, expect, it } from 'vitest';
import { seededRng } from '../matching/index.js';
import { localDateTime, offsetMinutes } from './timezones.js';

/** localDateTime as it was: Intl asked for every instant. */
const direct = (iso: string, zone: string) => {
  const ms = Date.parse(iso);
  return new Date(ms + offsetMinutes(ms, zone) * 60000).toISOString().slice(0, 16);
};

describe('local times from the per-day offset cache', () => {
  it('agrees with Intl for every instant, across transitions (Almaty 2024, DST zones, half-hour offsets)', () => {
    const rng = seededRng(3);
    const zones = ['Asia/Almaty', 'Asia/Oral', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Europe/Moscow'];
    const from = Date.parse('2010-01-01T00:00:00Z');
    const to = Date.parse('2025-01-01T00:00:00Z');
    for (let i = 0; i < 20_000; i++) {
      const zone = zones[i % zones.length] as string;
      const iso = new Date(from + Math.floor(rng() * (to - from))).toISOString();
      expect(localDateTime(iso, zone)).toBe(direct(iso, zone));
    }
  });

  it('is exact on the minutes around a transition', () => {
    // Almaty moved from UTC+6 to UTC+5 at 2024-03-01 00:00 local (2024-02-29 18:00 UTC).
    for (let m = -90; m <= 90; m += 1) {
      const iso = new Date(Date.parse('2024-02-29T18:00:00Z') + m * 60_000).toISOString();
      expect(localDateTime(iso, 'Asia/Almaty')).toBe(direct(iso, 'Asia/Almaty'));
      const berlin = new Date(Date.parse('2023-10-29T01:00:00Z') + m * 60_000).toISOString();
      expect(localDateTime(berlin, 'Europe/Berlin')).toBe(direct(berlin, 'Europe/Berlin'));
    }
    expect(localDateTime('2024-02-29T17:59:00Z', 'Asia/Almaty')).toBe('2024-02-29T23:59');
    expect(localDateTime('2024-02-29T18:00:00Z', 'Asia/Almaty')).toBe('2024-02-29T23:00');
  });

  it('fails on an invalid instant as it did', () => {
    expect(() => localDateTime('not a date', 'Asia/Almaty')).toThrow(RangeError);
  });
});
