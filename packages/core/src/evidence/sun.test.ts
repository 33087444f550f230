import { describe, expect, it } from 'vitest';
import { shadowWindows, sunPosition, sunTimes, toLocalIso } from './sun.js';

/** Republic Square, Almaty (Independence Monument). */
const SQUARE = { lat: 43.2383, lon: 76.9454 };

describe('sun calculator', () => {
  it('gives sunset at Republic Square, Almaty on 5 January 2022 at about 17:31 local time (UTC+6), as HRW reported', () => {
    const day = sunTimes(SQUARE.lat, SQUARE.lon, '2022-01-05', 'Asia/Almaty');
    expect(day.sunset?.local).toMatch(/^2022-01-05T17:3[01]:\d\d\+06:00$/);
    const minutes = (Date.parse(day.sunset!.utc) - Date.parse('2022-01-05T11:31:00Z')) / 60000;
    expect(Math.abs(minutes)).toBeLessThan(1.5);
    expect(day.civilDusk!.utc > day.sunset!.utc).toBe(true);
    expect(day.sunrise!.local).toMatch(/^2022-01-05T08:/);
  });

  it('uses the tz database for the offset: Almaty moved from UTC+6 to UTC+5 in 2024', () => {
    expect(toLocalIso(new Date('2022-01-05T11:31:00Z'), 'Asia/Almaty')).toBe('2022-01-05T17:31:00+06:00');
    expect(toLocalIso(new Date('2025-01-05T11:31:00Z'), 'Asia/Almaty')).toBe('2025-01-05T16:31:00+05:00');
  });

  it('puts the sun low in the south-west in the late afternoon of 5 January', () => {
    const p = sunPosition(SQUARE.lat, SQUARE.lon, '2022-01-05T15:30:00+06:00');
    expect(p.azimuth).toBeGreaterThan(210);
    expect(p.azimuth).toBeLessThan(245);
    expect(p.altitude).toBeGreaterThan(3);
    expect(p.altitude).toBeLessThan(20);
    expect(sunPosition(SQUARE.lat, SQUARE.lon, '2022-01-05T19:00:00+06:00').altitude).toBeLessThan(0);
  });

  it('finds the afternoon window when a 2 m post casts a 10 m shadow pointing north-east', () => {
    const { sunAltitude, windows } = shadowWindows({ ...SQUARE, date: '2022-01-05', objectHeight: 2, shadowLength: 10, shadowBearing: 50, bearingTolerance: 10 });
    expect(sunAltitude).toBeCloseTo(11.31, 1);
    expect(windows).toHaveLength(1);
    const w = windows[0]!;
    expect(w.from.local > '2022-01-05T15:00' && w.to.local < '2022-01-05T17:00').toBe(true);
    const mid = new Date((Date.parse(w.from.utc) + Date.parse(w.to.utc)) / 2);
    expect(Math.abs(sunPosition(SQUARE.lat, SQUARE.lon, mid).altitude - 11.31)).toBeLessThan(1.1);
  });

  it('finds a morning and an afternoon window when the bearing is unknown', () => {
    expect(shadowWindows({ ...SQUARE, date: '2022-01-05', objectHeight: 2, shadowLength: 10 }).windows).toHaveLength(2);
  });

  it('refuses a non-positive height or length', () => {
    expect(() => shadowWindows({ ...SQUARE, date: '2022-01-05', objectHeight: 0, shadowLength: 10 })).toThrow(/positive/);
  });
});
