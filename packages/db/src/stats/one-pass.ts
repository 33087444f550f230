import { type CountRow, type Dimension, type Durations, type PublishScope, type ScopeCounts, type Totals } from '@vigil/core';
import { sql, type RawBuilder } from 'kysely';
import { type Db } from '../connect.js';
import { type DialectHelpers } from '../dialect.js';
import { ROLE_SEPARATOR, scopedDetentions, type StatsSql, TIMED, WEIGHT } from './scope-sql.js';

/**
 * Totals, durations and any set of breakdowns of a scope from one read of its detentions, added
 * up here instead of one grouped statement per figure. Each grouped statement walked the
 * detentions again, joined persons and events again, and sorted what it found (a temporary
 * B-tree per GROUP BY); after a record write the overview ran eleven of them. The figures are
 * the same to the unit as the grouped statements' (Aggregates.totals and .breakdown; one-pass.test
 * keeps the durations statements this replaced as its reference): a detention counts once per
 * key, a person once per key with their weight (1, or a group's size); keys come from the same
 * SQL expressions.
 */

/** Dimensions whose key is one column of the detention (no join that can repeat a detention). */
const PLAIN = ['date', 'city', 'legalBasis', 'event', 'place'] as const;
type Plain = (typeof PLAIN)[number];
const ALIAS = { date: 'kdate', city: 'kcity', legalBasis: 'klegalbasis', event: 'kevent', place: 'kplace' } as const satisfies Record<Plain, keyof BaseRow>;
const ROLE_DIMS: Dimension[] = ['role', 'cityRole'];
const CHARGE_DIMS: Dimension[] = ['charge', 'chargeCode', 'outcome'];

interface BaseRow {
  pid: string;
  w: unknown;
  g: unknown;
  st: string;
  /** Roles of the person at this detention's event or at none, joined by StatsSql.roleList (null: none). */
  roles?: string | null;
  /** Live charges of the detention as JSON [[code, article, outcome key], …] (null when none). */
  charges?: string | null;
  /** Keys of the plain dimensions (aliases without `_`: the camel-case plugin renames result columns). */
  kdate?: string | null;
  kcity?: string | null;
  klegalbasis?: string | null;
  kevent?: string | null;
  kplace?: string | null;
  /**
   * 1 when the custody is measured: released, apprehended at a time known to the hour, with a
   * release step of such a time at released_at; `h`: the hours from apprehension to release.
   */
  m: unknown;
  h: unknown;
}

type Part = string | null;
interface Counted {
  detentions: number;
  people: number;
  /** Persons with several detentions in scope already counted under this key. */
  seen?: Set<string>;
}

/**
 * Detentions and weighted distinct people per key (one or two parts) of one dimension. Keys
 * stay as SQL gave them (NULL apart from '') until the end, as the GROUP BY of Aggregates does.
 */
class Tally {
  private readonly rows = new Map<Part, Map<Part, Counted>>();

  constructor(private readonly parts: 1 | 2) {}

  /** One detention under key (a, b); `single`: its person has no other detention in scope. */
  add(a: Part, b: Part, pid: string, weight: number, single: boolean): void {
    let inner = this.rows.get(a);
    if (!inner) {
      inner = new Map();
      this.rows.set(a, inner);
    }
    let row = inner.get(b);
    if (!row) {
      row = { detentions: 0, people: 0 };
      inner.set(b, row);
    }
    row.detentions += weight;
    if (single) row.people += weight;
    else {
      row.seen ??= new Set();
      if (!row.seen.has(pid)) {
        row.seen.add(pid);
        row.people += weight;
      }
    }
  }

  /** Rows as the breakdown query gives them: NULL keys read as ''. */
  result(): CountRow[] {
    const out: CountRow[] = [];
    for (const [a, inner] of this.rows) {
      for (const [b, r] of inner) out.push({ key: this.parts === 1 ? [String(a ?? '')] : [String(a ?? ''), String(b ?? '')], detentions: r.detentions, people: r.people });
    }
    return out.sort((x, y) => compareKeys(x.key, y.key));
  }
}

function compareKeys(x: string[], y: string[]): number {
  for (let i = 0; i < x.length; i++) {
    const a = x[i] ?? '';
    const b = y[i] ?? '';
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Adds one detention under each distinct pair of `pairs` (a detention counts once per key). */
function addDistinct(tally: Tally | undefined, pairs: [Part, Part][], pid: string, weight: number, single: boolean): void {
  if (!tally) return;
  for (let i = 0; i < pairs.length; i++) {
    const [a, b] = pairs[i] as [Part, Part];
    let repeat = false;
    for (let j = 0; j < i && !repeat; j++) repeat = pairs[j]?.[0] === a && pairs[j]?.[1] === b;
    if (!repeat) tally.add(a, b, pid, weight, single);
  }
}

export async function countScope(db: Db, dialect: DialectHelpers, stats: StatsSql, scope: PublishScope, dimensions: Dimension[]): Promise<ScopeCounts> {
  const n = (v: unknown): number => (v === null || v === undefined ? 0 : dialect.toNumber(v));
  const wanted = new Set(dimensions);
  const s = await scopedDetentions(db, stats, scope);
  const keyColumns: RawBuilder<unknown>[] = [];
  const plainKey: Record<Plain, () => Promise<RawBuilder<unknown>>> = {
    date: s.localDate,
    city: async () => sql`coalesce(d.city, '')`,
    legalBasis: async () => sql`coalesce(d.legal_basis, '')`,
    event: async () => sql`coalesce(d.event_id, '')`,
    place: async () => sql`coalesce(d.apprehended_place_id, '')`,
  };
  // City is also half of cityRole's key.
  for (const d of PLAIN) if (wanted.has(d) || (d === 'city' && wanted.has('cityRole'))) keyColumns.push(sql`${await plainKey[d]()} as ${sql.ref(ALIAS[d])}`);
  // Measured: released, apprehended at a time known to the hour, and a release step of such a time at released_at.
  const timed = sql`d.custody_state = 'released' and d.apprehended_precision in (${sql.join(TIMED)})`;
  const measured = sql`${timed} and exists (select 1 from custody_steps st
    where st.detention_id = d.id and st.type = 'released' and st.at = d.released_at and st.precision in (${sql.join(TIMED)}))`;
  const hours = stats.hoursBetween(sql`d.apprehended_at`, sql`d.released_at`);
  const columns = [...keyColumns, sql`case when ${measured} then 1 else 0 end as m`, sql`case when ${timed} then ${hours} end as h`];
  // Roles and charges are looked up per detention (index seeks), so the scan is read once and nothing joins in that repeats it.
  if (ROLE_DIMS.some((d) => wanted.has(d))) {
    columns.push(sql`(select ${stats.roleList(sql`r.role`)} from person_roles r where r.person_id = d.person_id and (r.event_id = d.event_id or r.event_id is null)) as roles`);
  }
  if (CHARGE_DIMS.some((d) => wanted.has(d))) {
    const outcome = sql`case when c.sentence_kind is not null then 'sentence:' || c.sentence_kind else 'charge:' || c.outcome end`;
    columns.push(sql`(select ${stats.jsonRows([sql`c.code`, sql`c.article`, outcome])} from charges c where c.detention_id = d.id and c.deleted_at is null) as charges`);
  }
  const base = (await sql<BaseRow>`select d.person_id as pid, ${WEIGHT} as w, case when p.counting_unit = 'group' then 1 else 0 end as g, d.custody_state as st,
      ${sql.join(columns)} from ${s.from} where ${s.where}`.execute(db)).rows;

  // Totals, and which persons have more than one detention in scope.
  const persons = new Map<string, { n: number; w: number; g: number }>();
  for (const r of base) {
    const p = persons.get(r.pid);
    if (p) p.n++;
    else persons.set(r.pid, { n: 1, w: n(r.w), g: n(r.g) });
  }
  const totals: Totals = { detentions: 0, people: 0, detentionRecords: base.length, personRecords: persons.size, groupRecords: 0 };
  for (const p of persons.values()) {
    totals.detentions += p.n * p.w;
    totals.people += p.w;
    totals.groupRecords += p.g;
  }

  const tallies = new Map(dimensions.map((d) => [d, new Tally(d === 'cityRole' || d === 'charge' ? 2 : 1)]));
  const plain = PLAIN.filter((d) => wanted.has(d)).map((d) => [tallies.get(d) as Tally, ALIAS[d]] as const);
  const [role, cityRole, charge, chargeCode, outcome] = (['role', 'cityRole', 'charge', 'chargeCode', 'outcome'] as const).map((d) => tallies.get(d));
  const NO_ROLE: [Part, Part][] = [['', null]];
  for (const r of base) {
    const p = persons.get(r.pid) as { n: number; w: number };
    const single = p.n === 1;
    for (const [t, alias] of plain) t.add(r[alias] ?? null, null, r.pid, p.w, single);
    if (role || cityRole) {
      // The left join of Aggregates: no role reads as ''.
      const list: [Part, Part][] = r.roles ? r.roles.split(ROLE_SEPARATOR).map((x) => [x, null]) : NO_ROLE;
      addDistinct(role, list, r.pid, p.w, single);
      addDistinct(cityRole, list.map(([x]) => [r.kcity ?? null, x]), r.pid, p.w, single);
    }
    if (charge || chargeCode || outcome) {
      const own = r.charges ? (JSON.parse(r.charges) as [string, string, string][]) : null;
      if (own) {
        addDistinct(charge, own.map(([code, article]) => [code, article]), r.pid, p.w, single);
        addDistinct(chargeCode, own.map(([code]) => [code, null]), r.pid, p.w, single);
        addDistinct(outcome, own.map(([, , o]) => [o, null]), r.pid, p.w, single);
      } else {
        // Inner joins: a detention without charges has no charge key; its outcome is its custody.
        outcome?.add(`none:${r.st}`, null, r.pid, p.w, single);
      }
    }
  }
  const breakdowns: ScopeCounts['breakdowns'] = {};
  for (const [d, t] of tallies) breakdowns[d] = t.result();
  return { totals, durations: durationsOf(base, stats, n), breakdowns };
}

/** Count, median and longest of the measured custodies (the median as ORDER BY h … OFFSET would pick it); held and unknown. */
function durationsOf(base: BaseRow[], stats: StatsSql, n: (v: unknown) => number): Durations {
  const hours: (number | null)[] = [];
  let held = 0;
  let unknown = 0;
  for (const r of base) {
    if (n(r.m) === 1) hours.push(r.h === null || r.h === undefined ? null : n(r.h));
    if (r.st === 'held') held++;
    else if (r.st === 'unknown') unknown++;
  }
  // ORDER BY h as the engine sorts it: NULL first (SQLite) or last (PostgreSQL).
  const nullRank = stats.nullsFirst ? -1 : 1;
  hours.sort((a, b) => (a === null ? (b === null ? 0 : nullRank) : b === null ? -nullRank : a - b));
  const count = hours.length;
  let median: number | null = null;
  if (count > 0) {
    const start = Math.floor((count - 1) / 2);
    const middle = hours.slice(start, start + 2 - (count % 2));
    median = middle.reduce<number>((sum, h) => sum + n(h), 0) / middle.length;
  }
  let longest: number | null = null;
  for (const h of hours) if (h !== null && (longest === null || h > longest)) longest = h;
  return {
    measured: count,
    medianHours: median === null ? null : Math.round(median * 100) / 100,
    longestHours: count > 0 ? Math.round(n(longest) * 100) / 100 : null,
    held,
    unknown,
  };
}
