// Sun and shadow calculator for chronolocation: pure functions over suncalc and the tz database.
import { getPosition, getTimes } from 'suncalc';

const DEG = 180 / Math.PI;

/** Minutes east of UTC that `timeZone` observes at `instant` (tz database via Intl, never a fixed offset). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

const pad = (n: number) => String(Math.trunc(n)).padStart(2, '0');

/** An instant as local wall-clock time with its offset: `2022-01-05T17:31:04+06:00`. */
export function toLocalIso(instant: Date, timeZone: string): string {
  const offset = utcOffsetMinutes(instant, timeZone);
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset * 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local.toISOString().slice(0, 19)}${sign}${pad(abs / 60)}:${pad(abs % 60)}`;
}

/** Local noon of a calendar date in a time zone, as an instant. */
function localNoon(date: string, timeZone: string): Date {
  const m = date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  const guess = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Date(guess.getTime() - utcOffsetMinutes(guess, timeZone) * 60000);
}

export interface SunMoment {
  utc: string;
  local: string;
}

export interface SunDay {
  date: string;
  timeZone: string;
  lat: number;
  lon: number;
  sunrise: SunMoment | null;
  sunset: SunMoment | null;
  civilDawn: SunMoment | null;
  civilDusk: SunMoment | null;
  solarNoon: SunMoment;
}

/** Sunrise, sunset, civil dawn and dusk and solar noon at a place on a local calendar date. */
export function sunTimes(lat: number, lon: number, date: string, timeZone = 'Asia/Almaty'): SunDay {
  const t = getTimes(localNoon(date, timeZone), lat, lon);
  const moment = (d: Date | null | undefined): SunMoment | null => (d && !Number.isNaN(d.getTime()) ? { utc: d.toISOString(), local: toLocalIso(d, timeZone) } : null);
  return {
    date, timeZone, lat, lon,
    sunrise: moment(t.sunrise), sunset: moment(t.sunset), civilDawn: moment(t.dawn), civilDusk: moment(t.dusk),
    solarNoon: moment(t.solarNoon)!,
  };
}

/** Sun azimuth (degrees clockwise from north) and altitude (degrees above the horizon) at an instant. */
export function sunPosition(lat: number, lon: number, instant: string | Date): { azimuth: number; altitude: number } {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a valid instant: ${String(instant)}`);
  const p = getPosition(d, lat, lon);
  return { azimuth: round((p.azimuth + 360) % 360), altitude: round(p.altitude) };
}

const round = (n: number) => Math.round(n * 100) / 100;
const angleDiff = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

export interface ShadowQuery {
  lat: number;
  lon: number;
  date: string;
  timeZone?: string;
  /** Height of the object casting the shadow (any unit, same as the shadow's length). */
  objectHeight: number;
  shadowLength: number;
  /** Direction the shadow points, degrees clockwise from north; omit when unknown. */
  shadowBearing?: number | null;
  /** Tolerance on the sun's altitude (degrees), default 1. */
  altitudeTolerance?: number;
  /** Tolerance on the shadow's bearing (degrees), default 5. */
  bearingTolerance?: number;
}

export interface TimeWindow {
  from: SunMoment;
  to: SunMoment;
}

/**
 * The time windows on a date when an object of the given height casts a shadow of the given
 * length (and, if given, bearing): sun altitude = atan(height / length), shadow bearing = sun
 * azimuth + 180°. Scans the day a minute at a time.
 */
export function shadowWindows(q: ShadowQuery): { sunAltitude: number; windows: TimeWindow[] } {
  if (!(q.objectHeight > 0) || !(q.shadowLength > 0)) throw new RangeError('object height and shadow length must be positive');
  const tz = q.timeZone ?? 'Asia/Almaty';
  const target = Math.atan(q.objectHeight / q.shadowLength) * DEG;
  const altTol = q.altitudeTolerance ?? 1;
  const bearTol = q.bearingTolerance ?? 5;
  const noon = localNoon(q.date, tz).getTime();
  const windows: TimeWindow[] = [];
  let open: Date | null = null;
  let last: Date | null = null;
  for (let m = -12 * 60; m <= 12 * 60; m++) {
    const at = new Date(noon + m * 60000);
    const p = getPosition(at, q.lat, q.lon);
    const fits = p.altitude > 0 && Math.abs(p.altitude - target) <= altTol
      && (q.shadowBearing === undefined || q.shadowBearing === null || angleDiff((p.azimuth + 180) % 360, q.shadowBearing) <= bearTol);
    if (fits && !open) open = at;
    if (!fits && open && last) {
      windows.push({ from: { utc: open.toISOString(), local: toLocalIso(open, tz) }, to: { utc: last.toISOString(), local: toLocalIso(last, tz) } });
      open = null;
    }
    last = at;
  }
  if (open && last) windows.push({ from: { utc: open.toISOString(), local: toLocalIso(open, tz) }, to: { utc: last.toISOString(), local: toLocalIso(last, tz) } });
  return { sunAltitude: round(target), windows };
}
