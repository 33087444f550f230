import { type CountRow, type Dimension, type Durations, type PublishScope, type ScopeCounts, type Totals } from '@vigil/core';
import { sql, type RawBuilder } from 'kysely';
import { type Db } from '../connect.js';
import { type DialectHelpers } from '../dialect.js';
import { countScope } from './one-pass.js';
import { scopedDetentions, type StatsSql, WEIGHT } from './scope-sql.js';

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

  /** Totals, durations and breakdowns of one scope from one read of its detentions (one-pass.ts). */
  counts(scope: PublishScope, dimensions: Dimension[]): Promise<ScopeCounts> {
    return countScope(this.db, this.dialect, this.stats, scope, dimensions);
  }

  /**
   * Median and longest custody, from the actual restriction of liberty to a release known to the
   * hour. From the one read of the detentions (one-pass.ts): the grouped statements this replaced
   * found the released detentions through an index and read each row (seconds at 100k).
   */
  async durations(scope: PublishScope): Promise<Durations> {
    return (await countScope(this.db, this.dialect, this.stats, scope, [])).durations;
  }
}
