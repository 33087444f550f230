import { type CountRow, type Dimension, type Durations, type PublishScope, type Totals } from '@vigil/core';
import { sql, type RawBuilder } from 'kysely';
import { type Db } from '../connect.js';
import { type DialectHelpers } from '../dialect.js';
import { scopedDetentions, type StatsSql, WEIGHT } from './scope-sql.js';

/** Times known to the hour or better; durations from day- or week-precise times would be noise. */
const TIMED = ['exact', 'minutes', 'hour', 'approximate'];

interface DimensionSql {
  keys: RawBuilder<unknown>[];
  join?: RawBuilder<unknown>;
  /** The join can repeat a detention (two roles, two charges): count distinct (key, detention). */
  fansOut: boolean;
}

async function dimensionSql(dimension: Dimension, localDate: () => Promise<RawBuilder<string>>): Promise<DimensionSql> {
  const roles = sql`left join person_roles r on r.person_id = d.person_id and (r.event_id = d.event_id or r.event_id is null)`;
  const charges = sql`join charges c on c.detention_id = d.id and c.deleted_at is null`;
  switch (dimension) {
    case 'date':
      return { keys: [await localDate()], fansOut: false };
    case 'city':
      return { keys: [sql`coalesce(d.city, '')`], fansOut: false };
    case 'legalBasis':
      // coalesce() keeps SQLite from walking the legal_basis index with a row lookup per detention.
      return { keys: [sql`coalesce(d.legal_basis, '')`], fansOut: false };
    case 'event':
      return { keys: [sql`coalesce(d.event_id, '')`], fansOut: false };
    case 'place':
      return { keys: [sql`coalesce(d.apprehended_place_id, '')`], fansOut: false };
    case 'role':
      return { keys: [sql`coalesce(r.role, '')`], join: roles, fansOut: true };
    case 'cityRole':
      return { keys: [sql`coalesce(d.city, '')`, sql`coalesce(r.role, '')`], join: roles, fansOut: true };
    case 'charge':
      return { keys: [sql`c.code`, sql`c.article`], join: charges, fansOut: true };
    case 'chargeCode':
      return { keys: [sql`c.code`], join: charges, fansOut: true };
    case 'outcome':
      return {
        keys: [sql`case when c.id is null then 'none:' || d.custody_state when c.sentence_kind is not null then 'sentence:' || c.sentence_kind else 'charge:' || c.outcome end`],
        join: sql`left join charges c on c.detention_id = d.id and c.deleted_at is null`,
        fansOut: true,
      };
  }
}

/** Aggregate counts over the scoped detentions; one or two statements per call, never per row. */
export class Aggregates {
  constructor(
    private readonly db: Db,
    private readonly dialect: DialectHelpers,
    private readonly stats: StatsSql,
  ) {}

  private n(value: unknown): number {
    return value === null || value === undefined ? 0 : this.dialect.toNumber(value);
  }

  /** Totals in one pass: grouped by person, so detentions and distinct people come together. */
  async totals(scope: PublishScope): Promise<Totals> {
    const s = await scopedDetentions(this.db, this.stats, scope);
    const row = (await sql<{ d: unknown; p: unknown; records: unknown; persons: unknown; groups: unknown }>`
      select sum(x.dn) as d, sum(x.w) as p, sum(x.n) as records, count(*) as persons, sum(x.g) as groups from (
        select d.person_id as pid, count(*) as n, count(*) * max(${WEIGHT}) as dn, max(${WEIGHT}) as w,
          max(case when p.counting_unit = 'group' then 1 else 0 end) as g
        from ${s.from} where ${s.where} group by d.person_id) x`.execute(this.db)).rows[0];
    return {
      detentions: this.n(row?.d),
      people: this.n(row?.p),
      detentionRecords: this.n(row?.records),
      personRecords: this.n(row?.persons),
      groupRecords: this.n(row?.groups),
    };
  }

  /**
   * Detentions and distinct people per key in one pass: grouped by (person, key) — detentions of
   * that person under that key, counted distinct when the join fans out (two roles, two charges)
   * — then summed per key. A person's weight is 1, or a group's size.
   */
  async breakdown(scope: PublishScope, dimension: Dimension): Promise<CountRow[]> {
    const s = await scopedDetentions(this.db, this.stats, scope);
    const dim = await dimensionSql(dimension, s.localDate);
    const k1 = dim.keys[0] ?? sql`''`;
    const k2 = dim.keys[1] ?? sql`''`;
    const count = dim.fansOut ? sql`count(distinct d.id)` : sql`count(*)`;
    const rows = (await sql<{ k1: string; k2: string; d: unknown; p: unknown }>`
      select x.k1 as k1, x.k2 as k2, sum(x.dn) as d, sum(x.w) as p from (
        select d.person_id as pid, ${k1} as k1, ${k2} as k2, ${count} * max(${WEIGHT}) as dn, max(${WEIGHT}) as w
        from ${s.from} ${dim.join ?? sql``} where ${s.where} group by 1, 2, 3) x
      group by x.k1, x.k2`.execute(this.db)).rows;
    return rows.map((r) => ({
      key: dim.keys.length === 2 ? [String(r.k1 ?? ''), String(r.k2 ?? '')] : [String(r.k1 ?? '')],
      detentions: this.n(r.d),
      people: this.n(r.p),
    }));
  }

  /** Median and longest custody, from the actual restriction of liberty to a release known to the hour. */
  async durations(scope: PublishScope): Promise<Durations> {
    const s = await scopedDetentions(this.db, this.stats, scope);
    const hours = this.stats.hoursBetween(sql`d.apprehended_at`, sql`d.released_at`);
    const measured = sql`select distinct d.id as did, ${hours} as h from ${s.from}
      join custody_steps st on st.detention_id = d.id and st.type = 'released' and st.at = d.released_at and st.precision in (${sql.join(TIMED)})
      where ${s.where} and d.custody_state = 'released' and d.apprehended_precision in (${sql.join(TIMED)})`;
    const summary = (await sql<{ n: unknown; hi: unknown }>`select count(*) as n, max(m.h) as hi from (${measured}) m`.execute(this.db)).rows[0];
    const count = this.n(summary?.n);
    let median: number | null = null;
    if (count > 0) {
      const middle = (await sql<{ h: unknown }>`select m.h as h from (${measured}) m order by m.h limit ${2 - (count % 2)} offset ${Math.floor((count - 1) / 2)}`.execute(this.db)).rows;
      median = middle.reduce((sum, r) => sum + this.n(r.h), 0) / middle.length;
    }
    const states = (await sql<{ st: string; n: unknown }>`select d.custody_state as st, count(*) as n from ${s.from} where ${s.where} group by d.custody_state`.execute(this.db)).rows;
    const state = (name: string) => this.n(states.find((r) => r.st === name)?.n);
    return {
      measured: count,
      medianHours: median === null ? null : Math.round(median * 100) / 100,
      longestHours: count > 0 ? Math.round(this.n(summary?.hi) * 100) / 100 : null,
      held: state('held'),
      unknown: state('unknown'),
    };
  }
}
