/**
 * Wall-clock time in an IANA zone → UTC, using the tz database that ships with Node's ICU
 * through Intl.DateTimeFormat. Never a fixed offset: Asia/Almaty was UTC+6 from 2004 to
 * 29 February 2024 and UTC+5 since 1 March 2024 (and UTC+7 in summer before 2005), so the
 * offset depends on the date being converted.
 */

/** Local calendar fields; month is 1–12. */
export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

// One formatter per zone: constructing Intl.DateTimeFormat is the slow part of the conversion.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the runtime's tz database knows `zone` (e.g. 'Asia/Almaty'). */
export function isKnownZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC, in ms, at the instant `utcMs` (positive east of Greenwich). */
export function zoneOffsetMs(utcMs: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  // The formatter has whole-second resolution, so compare against the instant's whole second.
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** Milliseconds since the epoch of the fields read as if they were UTC (no zone applied). */
export function fieldsAsUtcMs(f: LocalFields): number {
  const ms = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
  // Date.UTC maps years 0–99 onto 1900–1999; callers validate the year range, this is a guard.
  return f.year < 100 ? NaN : ms;
}

/**
 * The UTC instant of a wall-clock time in `zone`. Around a transition we follow the
 * "compatible" rule of Temporal and most calendars: a time that happens twice (clocks turned
 * back, e.g. 23:30 on 29 Feb 2024 in Almaty) takes the earlier instant; a time skipped by
 * clocks moving forward is pushed forward by the length of the gap.
 */
export function zonedTimeToUtcMs(fields: LocalFields, zone: string): number {
  const wall = fieldsAsUtcMs(fields);
  const day = 86_400_000;
  // The offsets in force a day either side; a zone does not change offset twice in two days.
  const before = zoneOffsetMs(wall - day, zone);
  const after = zoneOffsetMs(wall + day, zone);
  const fits = [before, after].filter((o) => zoneOffsetMs(wall - o, zone) === o).map((o) => wall - o);
  if (fits.length > 0) return Math.min(...fits);
  return wall - before; // in a gap: same wall-clock distance as before the jump
}
