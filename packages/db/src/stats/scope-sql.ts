import { offsetIntervals, type PublishScope } from '@vigil/core';
import { sql, type RawBuilder } from 'kysely';
import { type Db } from '../connect.js';
import { type DialectHelpers } from '../dialect.js';

/**
 * Date and time arithmetic the statistics need, per engine. Callers ask for an operation; the
 * engine is looked at only here (the stats counterpart of dialect.ts).
 */
export interface StatsSql {
  /** `YYYY-MM-DD` of a stored UTC instant shifted by a number of minutes. */
  shiftedDate(instant: RawBuilder<unknown>, minutes: RawBuilder<unknown>): RawBuilder<string>;
  /** Hours from instant a to instant b, as a double. */
  hoursBetween(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number>;
  /** Whether ORDER BY … ASC puts NULL first (SQLite) or last (PostgreSQL). */
  nullsFirst: boolean;
  /** Aggregate: the values (vocabulary codes) joined by ROLE_SEPARATOR; NULL for no row. */
  roleList(value: RawBuilder<unknown>): RawBuilder<string | null>;
  /** Aggregate: the rows as JSON text, an array of arrays of these values; NULL for no row. */
  jsonRows(values: RawBuilder<unknown>[]): RawBuilder<string | null>;
}

/** Joins vocabulary codes in one text column; codes are `[a-z0-9_]+` (Term), so it never occurs in one. */
export const ROLE_SEPARATOR = '\u001f';

/** Times known to the hour or better; durations from day- or week-precise times would be noise. */
export const TIMED = ['exact', 'minutes', 'hour', 'approximate'];

export function statsSqlFor(dialect: DialectHelpers): StatsSql {
  if (dialect.engine === 'postgres') {
    return {
      shiftedDate: (i, m) => sql<string>`to_char((${i}::timestamptz at time zone 'UTC') + make_interval(mins => (${m})::int), 'YYYY-MM-DD')`,
      hoursBetween: (a, b) => sql<number>`(extract(epoch from (${b}::timestamptz - ${a}::timestamptz)) / 3600.0)::float8`,
      nullsFirst: false,
      roleList: (v) => sql<string | null>`string_agg(${v}, chr(31))`,
      jsonRows: (values) => sql<string | null>`json_agg(json_build_array(${sql.join(values)}))::text`,
    };
  }
  return {
    shiftedDate: (i, m) => sql<string>`date(${i}, (${m}) || ' minutes')`,
    hoursBetween: (a, b) => sql<number>`((julianday(${b}) - julianday(${a})) * 24.0)`,
    nullsFirst: true,
    roleList: (v) => sql<string | null>`group_concat(${v}, char(31))`,
    // NULL rather than '[]' for no row: most detentions have no charge, and every text read costs.
    jsonRows: (values) => sql<string | null>`nullif(json_group_array(json_array(${sql.join(values)})), '[]')`,
  };
}

/** The zone of a detention: its event's, else the jurisdiction's default (Kazakhstan: Asia/Almaty). */
export const DEFAULT_TIMEZONE = 'Asia/Almaty';
const TZ = sql`coalesce(e.timezone, ${DEFAULT_TIMEZONE})`;

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * `CASE` giving the UTC offset in minutes of `d.apprehended_at` in the detention's zone, from the
 * tz database (via Intl) for every zone and transition in the range; SQL has no tz database of
 * its own on SQLite, and one expression keeps both engines byte-identical.
 */
export async function localDateOfDetention(db: Db, stats: StatsSql, range: { from: string; to: string }): Promise<RawBuilder<string>> {
  const zones = (await sql<{ tz: string }>`select distinct timezone as tz from events`.execute(db)).rows.map((r) => r.tz);
  if (!zones.includes(DEFAULT_TIMEZONE)) zones.push(DEFAULT_TIMEZONE);
  const branches = zones.sort().map((zone) => {
    const intervals = offsetIntervals(zone, range.from, range.to);
    const inner = intervals
      .slice(1)
      .reverse()
      .map((iv) => sql`when d.apprehended_at >= ${iv.fromUtc} then ${sql.lit(iv.offsetMinutes)}`);
    const first = sql.lit(intervals[0]?.offsetMinutes ?? 0);
    const offset = inner.length === 0 ? first : sql`case ${sql.join(inner, sql` `)} else ${first} end`;
    return sql`when ${TZ} = ${zone} then ${offset}`;
  });
  const minutes = sql`case ${sql.join(branches, sql` `)} else 0 end`;
  return stats.shiftedDate(sql`d.apprehended_at`, minutes);
}

/** The instants a scope's local-date period can touch, widened by a day each side for any zone. */
export async function instantRange(db: Db, scope: PublishScope): Promise<{ from: string; to: string } | null> {
  if (scope.from && scope.to) return { from: `${addDays(scope.from, -1)}T00:00:00.000Z`, to: `${addDays(scope.to, 2)}T00:00:00.000Z` };
  const row = (await sql<{ lo: string | null; hi: string | null }>`select min(apprehended_at) as lo, max(apprehended_at) as hi from detentions`.execute(db)).rows[0];
  if (!row?.lo || !row.hi) return null;
  return {
    from: scope.from ? `${addDays(scope.from, -1)}T00:00:00.000Z` : row.lo,
    to: scope.to ? `${addDays(scope.to, 2)}T00:00:00.000Z` : row.hi,
  };
}

/**
 * FROM + WHERE of the detentions a scope covers: live detentions of live persons, with the event
 * joined for its zone. Uses the (event_id, apprehended_at), (city, apprehended_at) and
 * (apprehended_at) indexes; the local-date test refines the widened instant range.
 */
export async function scopedDetentions(db: Db, stats: StatsSql, scope: PublishScope): Promise<{ from: RawBuilder<unknown>; where: RawBuilder<unknown>; localDate: () => Promise<RawBuilder<string>> }> {
  const conditions: RawBuilder<unknown>[] = [sql`d.deleted_at is null`];
  if (scope.eventIds.length > 0) conditions.push(sql`d.event_id in (${sql.join(scope.eventIds)})`);
  if (scope.city) conditions.push(sql`d.city = ${scope.city}`);
  let localDate: RawBuilder<string> | null = null;
  const range = await instantRange(db, scope);
  const date = async () => {
    localDate ??= await localDateOfDetention(db, stats, range ?? { from: new Date().toISOString(), to: new Date().toISOString() });
    return localDate;
  };
  if (scope.from) conditions.push(sql`d.apprehended_at >= ${`${addDays(scope.from, -1)}T00:00:00.000Z`}`);
  if (scope.to) conditions.push(sql`d.apprehended_at < ${`${addDays(scope.to, 2)}T00:00:00.000Z`}`);
  if (scope.from || scope.to) {
    const expr = await date();
    if (scope.from) conditions.push(sql`${expr} >= ${scope.from}`);
    if (scope.to) conditions.push(sql`${expr} <= ${scope.to}`);
  }
  return {
    from: sql`detentions d join persons p on p.id = d.person_id and p.deleted_at is null left join events e on e.id = d.event_id`,
    where: sql.join(conditions, sql` and `),
    localDate: date,
  };
}

/** A person record's weight in counts: a group counts as its size (at least 1). */
export const WEIGHT = sql`(case when p.counting_unit = 'group' then coalesce(p.group_size, 1) else 1 end)`;
