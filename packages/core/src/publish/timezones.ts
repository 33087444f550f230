/**
 * Local dates and UTC offsets from the tz database (via Intl), never from a fixed offset:
 * Almaty was UTC+6 until 1 March 2024 and UTC+5 since.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the tz database knows this zone name. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC that `timeZone` observes at the instant `ms`. */
export function offsetMinutes(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The local wall-clock time of an instant as `YYYY-MM-DDTHH:MM` in the zone. */
export function localDateTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return new Date(ms + dayOffset(ms, timeZone) * 60000).toISOString().slice(0, 16);
}

const DAY_MS = 86_400_000;
const SAMPLE_MS = 6 * 3_600_000;
/** Per zone and UTC day: the offset the zone keeps all day, or null for a day with a transition. */
const dayOffsets = new Map<string, number | null>();

/**
 * `offsetMinutes`, asked of Intl once per zone and UTC day instead of once per instant (an
 * export of a million detentions would otherwise format a million dates). A day is trusted to
 * keep one offset when its start, every 6 hours and its last second agree — the same 6-hour
 * sampling `offsetIntervals` relies on; a day with a transition asks Intl for every instant.
 */
function dayOffset(ms: number, timeZone: string): number {
  if (!Number.isFinite(ms)) return offsetMinutes(ms, timeZone);
  const start = Math.floor(ms / DAY_MS) * DAY_MS;
  const key = `${timeZone}|${start}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    offset = offsetMinutes(start, timeZone);
    for (let t = start + SAMPLE_MS; offset !== null && t <= start + DAY_MS; t += SAMPLE_MS) {
      if (offsetMinutes(Math.min(t, start + DAY_MS - 1000), timeZone) !== offset) offset = null;
    }
    if (dayOffsets.size >= 100_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? offsetMinutes(ms, timeZone);
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in the zone. */
export function localDate(iso: string, timeZone: string): string {
  return localDateTime(iso, timeZone).slice(0, 10);
}

/** One stretch of time over which a zone keeps one offset; `fromUtc` null = since ever. */
export interface OffsetInterval {
  fromUtc: string | null;
  offsetMinutes: number;
}

/**
 * The offsets a zone observed between two instants, as intervals (one per transition), so SQL can
 * shift stored UTC instants to local time with a CASE instead of a tz database it lacks.
 * Transitions are found by sampling every 6 hours and bisecting to the minute.
 */
export function offsetIntervals(timeZone: string, fromIso: string, toIso: string): OffsetInterval[] {
  // Every statistics query of a scope asks again for the same range (thousands of Intl calls each).
  const key = `${timeZone}|${fromIso}|${toIso}`;
  let intervals = intervalCache.get(key);
  if (!intervals) {
    intervals = computeIntervals(timeZone, fromIso, toIso);
    if (intervalCache.size >= 512) intervalCache.delete(intervalCache.keys().next().value as string);
    intervalCache.set(key, intervals);
  }
  return intervals.map((i) => ({ ...i }));
}

const intervalCache = new Map<string, OffsetInterval[]>();

function computeIntervals(timeZone: string, fromIso: string, toIso: string): OffsetInterval[] {
  const step = 6 * 3_600_000;
  const start = Date.parse(fromIso) - 2 * 86_400_000;
  const end = Date.parse(toIso) + 2 * 86_400_000;
  const intervals: OffsetInterval[] = [{ fromUtc: null, offsetMinutes: offsetMinutes(start, timeZone) }];
  let previous = start;
  let current = intervals[0]?.offsetMinutes ?? 0;
  for (let t = start + step; t <= end + step; t += step) {
    const at = Math.min(t, end);
    const offset = offsetMinutes(at, timeZone);
    if (offset !== current) {
      let lo = previous;
      let hi = at;
      while (hi - lo > 60_000) {
        const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
        if (mid <= lo) break;
        if (offsetMinutes(mid, timeZone) === current) lo = mid;
        else hi = mid;
      }
      intervals.push({ fromUtc: new Date(hi).toISOString(), offsetMinutes: offset });
      current = offset;
    }
    previous = at;
    if (at === end) break;
  }
  return intervals;
}
