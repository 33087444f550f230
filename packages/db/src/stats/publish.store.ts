import {
  type ConfirmedFinding, type CountRow, type Dimension, type Durations, type PublishedReport, type PublishScope, type PublishStore,
  type RecordStore, type ScopeCounts, type StoredRecord, type Totals, localDate,
} from '@vigil/core';
import { sql } from 'kysely';
import { type Db } from '../connect.js';
import { readDataVersion } from '../repositories/data-version.js';
import { type DialectHelpers } from '../dialect.js';
import { Aggregates } from './aggregates.js';
import { cachedAggregates, keptUntilChange } from './cached-aggregates.js';
import { DEFAULT_TIMEZONE, scopedDetentions, statsSqlFor } from './scope-sql.js';

const CHUNK = 500;
const DEATHS = ['death_at_scene', 'death_in_custody'];

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** JSON columns come back as text from SQLite and as text or parsed values from PostgreSQL drivers. */
const json = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (v === '' ? fallback : (JSON.parse(v) as T)) : ((v as T | null) ?? fallback));

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Kysely implementation of the publishing queries: aggregates, scoped reads, published reports. */
export class KyselyPublishStore implements PublishStore {
  private readonly aggregates: Aggregates;
  private readonly stats;

  constructor(
    private readonly db: Db,
    dialect: DialectHelpers,
    private readonly records: RecordStore,
  ) {
    this.stats = statsSqlFor(dialect);
    this.aggregates = cachedAggregates(db, new Aggregates(db, dialect, this.stats));
  }

  async dataVersion(): Promise<number | null> {
    return this.db.isTransaction ? null : readDataVersion(this.db);
  }

  totals(scope: PublishScope): Promise<Totals> {
    return this.aggregates.totals(scope);
  }

  counts(scope: PublishScope, dimensions: Dimension[]): Promise<ScopeCounts> {
    return this.aggregates.counts(scope, dimensions);
  }

  breakdown(scope: PublishScope, dimension: Dimension): Promise<CountRow[]> {
    return this.aggregates.breakdown(scope, dimension);
  }

  durations(scope: PublishScope): Promise<Durations> {
    return this.aggregates.durations(scope);
  }

  async events(scope: PublishScope, ofDetentions?: string[]): Promise<StoredRecord[]> {
    if (scope.eventIds.length > 0) return (await this.records.getMany('event', scope.eventIds)).filter((e) => !e.deletedAt);
    let q = this.db.selectFrom('events').select(['id', 'startAt', 'timezone', 'city']).where('deletedAt', 'is', null);
    if (scope.from) q = q.where('startAt', '>=', `${addDays(scope.from, -1)}T00:00:00.000Z`);
    if (scope.to) q = q.where('startAt', '<', `${addDays(scope.to, 2)}T00:00:00.000Z`);
    if (scope.city) q = q.where('city', '=', scope.city);
    const starting = (await q.execute()).filter((e) => {
      const day = localDate(String(e.startAt), typeof e.timezone === 'string' ? e.timezone : DEFAULT_TIMEZONE);
      return (!scope.from || day >= scope.from) && (!scope.to || day <= scope.to);
    });
    const detained = ofDetentions ?? (await this.eventsOfDetentions(scope));
    const ids = [...new Set([...starting.map((e) => String(e.id)), ...detained])];
    const out: StoredRecord[] = [];
    for (const part of chunks(ids)) out.push(...(await this.records.getMany('event', part)));
    return out.filter((e) => !e.deletedAt).sort((a, b) => (String(a.startAt) < String(b.startAt) ? -1 : String(a.startAt) > String(b.startAt) ? 1 : a.id < b.id ? -1 : 1));
  }

  private async eventsOfDetentions(scope: PublishScope): Promise<string[]> {
    const s = await scopedDetentions(this.db, this.stats, scope);
    const rows = await keptUntilChange(this.db, ['events of detentions', scope], async () => (await sql<{ id: string }>`select distinct d.event_id as id from ${s.from} where ${s.where} and d.event_id is not null`.execute(this.db)).rows);
    return rows.map((r) => r.id);
  }

  async officialFigures(scope: PublishScope, eventIds: string[]): Promise<StoredRecord[]> {
    const ids = new Set<string>();
    for (const part of chunks(eventIds)) {
      const rows = await this.db.selectFrom('officialFigures').select('id').where('deletedAt', 'is', null).where('eventId', 'in', part).execute();
      rows.forEach((r) => ids.add(String(r.id)));
    }
    if (scope.eventIds.length === 0) {
      let q = this.db.selectFrom('officialFigures').select('id').where('deletedAt', 'is', null).where('eventId', 'is', null);
      if (scope.from) q = q.where('issuedOn', '>=', scope.from);
      if (scope.to) q = q.where('issuedOn', '<=', addDays(scope.to, 30));
      if (scope.city) q = q.where('region', '=', scope.city);
      (await q.execute()).forEach((r) => ids.add(String(r.id)));
    }
    const out: StoredRecord[] = [];
    for (const part of chunks([...ids])) out.push(...(await this.records.getMany('officialFigure', part)));
    return out.sort((a, b) => (String(a.issuedOn) < String(b.issuedOn) ? -1 : String(a.issuedOn) > String(b.issuedOn) ? 1 : a.id < b.id ? -1 : 1));
  }

  async detentionPage(scope: PublishScope, after: string | null, limit: number): Promise<{ items: StoredRecord[]; next: string | null }> {
    const s = await scopedDetentions(this.db, this.stats, scope);
    let where = s.where;
    if (after) {
      const [at = '', id = ''] = after.split('|');
      where = sql`${where} and (d.apprehended_at > ${at} or (d.apprehended_at = ${at} and d.id > ${id}))`;
    }
    const rows = (await sql<{ id: string; at: string }>`select d.id as id, d.apprehended_at as at from ${s.from} where ${where} order by d.apprehended_at, d.id limit ${limit + 1}`.execute(this.db)).rows;
    const page = rows.slice(0, limit);
    const byId = new Map((await this.records.getMany('detention', page.map((r) => r.id))).map((d) => [d.id, d]));
    const last = page[page.length - 1];
    return { items: page.map((r) => byId.get(r.id)).filter((d): d is StoredRecord => !!d), next: rows.length > limit && last ? `${last.at}|${last.id}` : null };
  }

  async chargesOf(detentionIds: string[]): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    for (const part of chunks(detentionIds)) {
      const ids = (await this.db.selectFrom('charges').select('id').where('deletedAt', 'is', null).where('detentionId', 'in', part).orderBy('id').execute()).map((r) => String(r.id));
      out.push(...(await this.records.getMany('charge', ids)));
    }
    return out;
  }

  async confirmedFindings(eventIds: string[], subjectIds: string[]): Promise<ConfirmedFinding[]> {
    const columns = ['id', 'ruleId', 'standardIds', 'subjectEntity', 'subjectId', 'eventId', 'confidentiality', 'explanation', 'severity', 'reviewedAt'] as const;
    const rows = new Map<string, Record<string, unknown>>();
    const confirmed = () => this.db.selectFrom('findings').select([...columns]).where('status', '=', 'confirmed');
    for (const part of chunks(eventIds)) (await confirmed().where('eventId', 'in', part).execute()).forEach((r) => rows.set(String(r.id), r));
    for (const part of chunks(subjectIds)) (await confirmed().where('subjectId', 'in', part).execute()).forEach((r) => rows.set(String(r.id), r));
    return [...rows.values()].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1)).map((r) => ({
      id: String(r.id), ruleId: String(r.ruleId), standardIds: json<string[]>(r.standardIds, []), subjectEntity: r.subjectEntity as ConfirmedFinding['subjectEntity'],
      subjectId: String(r.subjectId), eventId: typeof r.eventId === 'string' ? r.eventId : null, confidentiality: r.confidentiality as ConfirmedFinding['confidentiality'],
      explanation: json(r.explanation, { en: '', ru: '' }), severity: r.severity as ConfirmedFinding['severity'], reviewedAt: typeof r.reviewedAt === 'string' ? r.reviewedAt : null,
    }));
  }

  async fatalities(eventIds: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const part of chunks(eventIds)) {
      const rows = await sql<{ id: string; n: unknown }>`select event_id as id, count(*) as n from acts
        where deleted_at is null and type in (${sql.join(DEATHS)}) and event_id in (${sql.join(part)}) group by event_id`.execute(this.db);
      for (const r of rows.rows) out[r.id] = Number(r.n);
    }
    return out;
  }

  async saveReport(report: PublishedReport): Promise<void> {
    await this.db.insertInto('publishedReports').values({
      id: report.id, title: report.title, scope: JSON.stringify(report.scope), model: JSON.stringify(report.model),
      publishedAt: report.publishedAt, publishedBy: report.publishedBy, withdrawnAt: null, withdrawnBy: null,
    }).execute();
  }

  async listReports(includeWithdrawn: boolean): Promise<Omit<PublishedReport, 'model'>[]> {
    let q = this.db.selectFrom('publishedReports').select(['id', 'title', 'scope', 'publishedAt', 'publishedBy', 'withdrawnAt', 'withdrawnBy']);
    if (!includeWithdrawn) q = q.where('withdrawnAt', 'is', null);
    const rows = await q.orderBy('publishedAt', 'desc').orderBy('id', 'desc').limit(500).execute();
    return rows.map((r) => ({
      id: String(r.id), title: String(r.title), scope: JSON.parse(String(r.scope)) as PublishScope, publishedAt: String(r.publishedAt),
      publishedBy: String(r.publishedBy), withdrawnAt: (r.withdrawnAt as string | null) ?? null, withdrawnBy: (r.withdrawnBy as string | null) ?? null,
    }));
  }

  async getReport(id: string): Promise<PublishedReport | null> {
    const r = await this.db.selectFrom('publishedReports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    return {
      id: String(r.id), title: String(r.title), scope: JSON.parse(String(r.scope)) as PublishScope, model: JSON.parse(String(r.model)) as unknown,
      publishedAt: String(r.publishedAt), publishedBy: String(r.publishedBy), withdrawnAt: (r.withdrawnAt as string | null) ?? null, withdrawnBy: (r.withdrawnBy as string | null) ?? null,
    };
  }

  async withdrawReport(id: string, at: string, by: string): Promise<void> {
    await this.db.updateTable('publishedReports').set({ withdrawnAt: at, withdrawnBy: by }).where('id', '=', id).where('withdrawnAt', 'is', null).execute();
  }
}
