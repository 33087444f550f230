import {
  type FactRecords, type FindingCountQuery, type FindingGroup, type FindingHistoryEntry, type FindingPage, type FindingQuery, type FindingStatus,
  FINDING_STATUSES, type FindingStore, type RecordStore, type StoredFinding, type StoredRecord, validationError, VigilError,
} from '@vigil/core';
import { type SelectQueryBuilder } from 'kysely';
import { type AnyDB, type Db } from '../connect.js';
import { type FieldCipher } from '../crypto/field-cipher.js';
import { withTransaction } from '../repositories/write.js';

/**
 * Review notes are free text: a reviewer may write a name, a lawyer's words or a case-file detail
 * in them, so they are sealed with the field cipher like other protected text (docs/SECURITY.md).
 * Key rotation re-encrypts these columns; migration 20261122T1720 sealed notes stored before.
 */
export const FINDING_SEALED_COLUMNS: { table: string; key: string; columns: string[] }[] = [
  { table: 'findings', key: 'id', columns: ['reviewNote'] },
  { table: 'finding_reviews', key: 'id', columns: ['note'] },
];

type Row = Record<string, unknown>;

const OPEN_CUSTODY = ['held', 'unknown'];
const SEVERITY_RANK: Record<string, number> = { info: 0, warning: 1, critical: 2 };
/** Ids per `in (…)` list: far below either engine's bound-parameter limit. */
const CHUNK = 5000;
/** Groups per markStale upsert (6 values each). */
const MARK_CHUNK = 1000;

const json = (v: unknown): string => JSON.stringify(v);
const parse = <T>(v: unknown, fallback: T): T => (typeof v === 'string' && v !== '' ? (JSON.parse(v) as T) : fallback);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : v === null || v === undefined ? null : JSON.stringify(v));
const ids = (rows: Row[], column = 'id'): string[] => [...new Set(rows.map((r) => r[column]).filter((v): v is string => typeof v === 'string'))];
const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
const eventGroup = (eventId: string): FindingGroup => ({ key: `event:${eventId}`, eventId, personId: null });
const personGroup = (personId: string): FindingGroup => ({ key: `person:${personId}`, eventId: null, personId });
const groupOf = (eventId: unknown, personId: unknown): FindingGroup | null =>
  typeof eventId === 'string' ? eventGroup(eventId) : typeof personId === 'string' ? personGroup(personId) : null;

function toRow(f: StoredFinding): Row {
  return {
    id: f.id, key: f.key, version: f.version, ruleId: f.ruleId, standardIds: json(f.standardIds), subjectEntity: f.subjectEntity, subjectId: f.subjectId,
    eventId: f.eventId, personId: f.personId, groupKey: f.groupKey, confidentiality: f.confidentiality, facts: json(f.facts), factsHash: f.factsHash,
    explanation: json(f.explanation), severity: f.severity, severityRank: SEVERITY_RANK[f.severity] ?? 0, thresholds: json(f.thresholds), status: f.status,
    produced: f.produced ? 1 : 0, reviewReason: f.reviewReason, decision: f.decision, reviewer: f.reviewer, reviewerId: f.reviewerId, reviewNote: f.reviewNote,
    reviewedAt: f.reviewedAt, reviewedFacts: f.reviewedFacts === null ? null : json(f.reviewedFacts), reviewedFactsHash: f.reviewedFactsHash,
    catalogueVersion: f.catalogueVersion, createdAt: f.createdAt, updatedAt: f.updatedAt, computedAt: f.computedAt,
  };
}

function fromRow(r: Row): StoredFinding {
  return {
    id: String(r.id), key: String(r.key), version: Number(r.version), ruleId: String(r.ruleId), standardIds: parse(r.standardIds, []),
    subjectEntity: r.subjectEntity as StoredFinding['subjectEntity'], subjectId: String(r.subjectId), eventId: str(r.eventId), personId: str(r.personId),
    groupKey: String(r.groupKey), confidentiality: r.confidentiality as StoredFinding['confidentiality'], facts: parse(r.facts, []), factsHash: String(r.factsHash),
    explanation: parse(r.explanation, { en: '', ru: '' }), severity: r.severity as StoredFinding['severity'], thresholds: parse(r.thresholds, []),
    status: r.status as StoredFinding['status'], produced: Number(r.produced) === 1, reviewReason: str(r.reviewReason) as StoredFinding['reviewReason'],
    decision: str(r.decision) as StoredFinding['decision'], reviewer: str(r.reviewer), reviewerId: str(r.reviewerId), reviewNote: str(r.reviewNote),
    reviewedAt: str(r.reviewedAt), reviewedFacts: r.reviewedFacts === null || r.reviewedFacts === undefined ? null : parse(r.reviewedFacts, []),
    reviewedFactsHash: str(r.reviewedFactsHash), catalogueVersion: String(r.catalogueVersion), createdAt: String(r.createdAt), updatedAt: String(r.updatedAt),
    computedAt: String(r.computedAt),
  };
}

function entryRow(e: FindingHistoryEntry): Row {
  return {
    id: e.id, findingId: e.findingId, at: e.at, actor: e.actor, actorId: e.actorId, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus,
    note: e.note, factsHash: e.factsHash, facts: json(e.facts),
  };
}

function entryOf(r: Row): FindingHistoryEntry {
  return {
    id: String(r.id), findingId: String(r.findingId), at: String(r.at), actor: String(r.actor), actorId: str(r.actorId),
    action: r.action as FindingHistoryEntry['action'], fromStatus: str(r.fromStatus) as FindingHistoryEntry['fromStatus'],
    toStatus: r.toStatus as FindingHistoryEntry['toStatus'], note: str(r.note), factsHash: String(r.factsHash), facts: parse(r.facts, []),
  };
}

function encodeCursor(rank: number, id: string): string {
  return Buffer.from(JSON.stringify([rank, id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && typeof v[1] === 'string') return [v[0] as number, v[1]];
  } catch {
    // fall through
  }
  throw validationError([{ path: 'cursor', problem: 'is not a cursor returned by this list' }]);
}

/** Findings, their history, and which groups of facts wait for recomputation. */
export class KyselyFindingStore implements FindingStore {
  constructor(
    private readonly db: Db,
    private readonly records: RecordStore,
    private readonly cipher: FieldCipher,
  ) {}

  // ---- sealed notes ---------------------------------------------------------------------------

  private seal(note: string | null): string | null {
    return note === null ? null : this.cipher.encrypt(note);
  }

  private unseal(stored: unknown): string | null {
    return typeof stored === 'string' ? this.cipher.decrypt(stored) : null;
  }

  private row(f: StoredFinding): Row {
    return { ...toRow(f), reviewNote: this.seal(f.reviewNote) };
  }

  private finding(r: Row): StoredFinding {
    return { ...fromRow(r), reviewNote: this.unseal(r.reviewNote) };
  }

  private entryRow(e: FindingHistoryEntry): Row {
    return { ...entryRow(e), note: this.seal(e.note) };
  }

  private entry(r: Row): FindingHistoryEntry {
    return { ...entryOf(r), note: this.unseal(r.note) };
  }

  // ---- facts ------------------------------------------------------------------------------

  async recordsOf(group: FindingGroup): Promise<FactRecords> {
    return group.eventId ? this.eventRecords(group.eventId) : this.personRecords(String(group.personId));
  }

  /** Everything linked to one event; charges follow their detention's event. A fixed number of queries. */
  private async eventRecords(eventId: string): Promise<FactRecords> {
    const db = this.db;
    const ofEvent = (table: string) => db.selectFrom(table).select(`${table}.id`).where(`${table}.eventId`, '=', eventId);
    const event = await this.records.get('event', eventId);
    const actIds = ids(await ofEvent('acts').where('deletedAt', 'is', null).execute());
    const detentionIds = ids(await ofEvent('detentions').where('deletedAt', 'is', null).execute());
    const chargeIds = ids(await db.selectFrom('charges').select('id').where('deletedAt', 'is', null)
      .where((eb) => eb.or([eb('eventId', '=', eventId), eb.and([eb('eventId', 'is', null), eb('detentionId', 'in', ofEvent('detentions'))])])).execute());
    const complaintIds = ids(await db.selectFrom('complaints').select('id').where('deletedAt', 'is', null)
      .where((eb) => eb.or([
        eb('eventId', '=', eventId),
        eb('actId', 'in', ofEvent('acts')),
        eb('detentionId', 'in', ofEvent('detentions')),
        eb.and([eb('actId', 'is', null), eb('personId', 'in', db.selectFrom('acts').select('acts.victimPersonId').where('acts.eventId', '=', eventId))]),
      ])).execute());
    const roleHolders = ids(await db.selectFrom('person_roles').select('personId').where('eventId', '=', eventId).execute(), 'personId');
    const [acts, detentions, charges, complaints] = await Promise.all([
      this.many('act', actIds), this.many('detention', detentionIds), this.many('charge', chargeIds), this.many('complaint', complaintIds),
    ]);
    const persons = await this.many('person', [...new Set([...roleHolders, ...personIdsIn(acts, detentions, charges, complaints)])]);
    return { event, acts, detentions, persons, charges, complaints };
  }

  /** One person's records outside any event: a custody case with no event. */
  private async personRecords(personId: string): Promise<FactRecords> {
    const db = this.db;
    const noEventDetentions = db.selectFrom('detentions').select('detentions.id').where('detentions.eventId', 'is', null);
    const detentionIds = ids(await db.selectFrom('detentions').select('id').where('personId', '=', personId).where('eventId', 'is', null).where('deletedAt', 'is', null).execute());
    const actRows = await db.selectFrom('acts').select(['id', 'victimPersonId', 'perpetrators']).where('eventId', 'is', null).where('deletedAt', 'is', null)
      .where((eb) => eb.or([eb('victimPersonId', '=', personId), eb.and([eb('victimPersonId', 'is', null), eb('perpetrators', 'like', `%${personId}%`)])])).execute();
    // An act with neither event nor victim belongs to its first perpetrator recorded as a person.
    const actIds = actRows
      .filter((a) => a.victimPersonId === personId || parse<{ personId?: string | null }[]>(a.perpetrators, []).find((p) => p.personId)?.personId === personId)
      .map((a) => String(a.id));
    const chargeIds = ids(await db.selectFrom('charges').select('id').where('personId', '=', personId).where('eventId', 'is', null).where('deletedAt', 'is', null)
      .where((eb) => eb.or([eb('detentionId', 'is', null), eb('detentionId', 'in', noEventDetentions)])).execute());
    const complaintIds = ids(await db.selectFrom('complaints').select('id').where('deletedAt', 'is', null)
      .where((eb) => eb.or([
        eb('personId', '=', personId),
        ...(actIds.length ? [eb('actId', 'in', actIds)] : []),
        ...(detentionIds.length ? [eb('detentionId', 'in', detentionIds)] : []),
      ])).execute());
    const [acts, detentions, charges, complaints] = await Promise.all([
      this.many('act', actIds), this.many('detention', detentionIds), this.many('charge', chargeIds), this.many('complaint', complaintIds),
    ]);
    const persons = await this.many('person', [...new Set([personId, ...personIdsIn(acts, detentions, charges, complaints)])]);
    return { event: null, acts, detentions, persons, charges, complaints };
  }

  private async many(entity: Parameters<RecordStore['getMany']>[0], list: string[]): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    for (const part of chunks(list)) out.push(...(await this.records.getMany(entity, part)));
    return out;
  }

  async groupsOfPerson(personId: string): Promise<FindingGroup[]> {
    const db = this.db;
    const found = await Promise.all([
      db.selectFrom('person_roles').select('eventId').where('personId', '=', personId).execute(),
      db.selectFrom('detentions').select('eventId').where('personId', '=', personId).execute(),
      db.selectFrom('acts').select('eventId').where('victimPersonId', '=', personId).execute(),
      db.selectFrom('acts').select('eventId').where('perpetrators', 'like', `%${personId}%`).execute(),
      db.selectFrom('charges').select('eventId').where('personId', '=', personId).execute(),
      db.selectFrom('complaints').select('eventId').where('personId', '=', personId).execute(),
    ]);
    const rows = found.flat();
    const groups = ids(rows, 'eventId').map(eventGroup);
    // Null event ids come only from detentions, acts and charges (roles and complaints are context).
    const outside = found.slice(1, 5).flat().some((r) => r.eventId === null || r.eventId === undefined);
    return outside ? [...groups, personGroup(personId)] : groups;
  }

  // ---- recompute bookkeeping ---------------------------------------------------------------

  async markStale(groups: FindingGroup[], at: string): Promise<void> {
    // One multi-row upsert per chunk; a key twice in one statement would be an error on PostgreSQL.
    const unique = [...new Map(groups.map((g) => [g.key, g])).values()];
    for (let i = 0; i < unique.length; i += MARK_CHUNK) {
      await this.db
        .insertInto('finding_groups')
        .values(unique.slice(i, i + MARK_CHUNK).map((g) => ({ groupKey: g.key, eventId: g.eventId, personId: g.personId, dirty: 1, markedAt: at, computedAt: null })))
        .onConflict((oc) => oc.column('groupKey').doUpdateSet({ dirty: 1, markedAt: at }))
        .execute();
    }
  }

  async claim(group: FindingGroup, at: string, options: { force: boolean; staleBefore: string }): Promise<boolean> {
    const inserted = await this.db
      .insertInto('finding_groups')
      .values({ groupKey: group.key, eventId: group.eventId, personId: group.personId, dirty: 0, markedAt: null, computedAt: at })
      .onConflict((oc) => oc.column('groupKey').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
    const live = !options.force && (await this.liveKeys([group.key])).has(group.key);
    const result = await this.db
      .updateTable('finding_groups')
      .set({ dirty: 0, computedAt: at })
      .where('groupKey', '=', group.key)
      .where((eb) => {
        if (options.force) return eb.lit(true);
        const due = [eb('dirty', '=', 1), eb('computedAt', 'is', null)];
        if (live) due.push(eb('computedAt', '<', options.staleBefore));
        return eb.or(due);
      })
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Groups with someone held or unaccounted for (their findings move with the clock). */
  private async liveKeys(only?: string[]): Promise<Map<string, FindingGroup>> {
    const rows = await this.db.selectFrom('detentions').select(['eventId', 'personId']).distinct()
      .where('custodyState', 'in', OPEN_CUSTODY).where('deletedAt', 'is', null).execute();
    const out = new Map<string, FindingGroup>();
    for (const r of rows) {
      const g = groupOf(r.eventId, r.personId);
      if (g && (!only || only.includes(g.key))) out.set(g.key, g);
    }
    return out;
  }

  async pendingGroups(options: { staleBefore: string; limit: number; keys?: string[] }): Promise<{ groups: FindingGroup[]; remaining: number }> {
    const { keys } = options;
    if (keys?.length === 0) return { groups: [], remaining: 0 };
    let dirtyQuery = this.db.selectFrom('finding_groups').select(['groupKey', 'eventId', 'personId']).where('dirty', '=', 1);
    if (keys) dirtyQuery = dirtyQuery.where('groupKey', 'in', keys);
    const pending = new Map<string, FindingGroup>();
    for (const r of await dirtyQuery.orderBy('markedAt').orderBy('groupKey').execute()) {
      pending.set(String(r.groupKey), { key: String(r.groupKey), eventId: str(r.eventId), personId: str(r.personId) });
    }
    const live = await this.liveKeys(keys);
    const candidates = [...live.keys()].filter((k) => !pending.has(k));
    const computed = new Map<string, string | null>();
    for (const part of chunks(candidates)) {
      for (const r of await this.db.selectFrom('finding_groups').select(['groupKey', 'computedAt']).where('groupKey', 'in', part).execute()) computed.set(String(r.groupKey), str(r.computedAt));
    }
    for (const k of candidates) {
      const at = computed.get(k);
      if (at === undefined || at === null || at < options.staleBefore) pending.set(k, live.get(k) as FindingGroup);
    }
    const all = [...pending.values()];
    const groups = all.slice(0, Math.max(0, options.limit));
    return { groups, remaining: all.length - groups.length };
  }

  async allGroups(): Promise<FindingGroup[]> {
    const db = this.db;
    const [events, detentionPersons, victims, orphanActs, chargePersons, findingGroups, marked] = await Promise.all([
      db.selectFrom('events').select('id').where('deletedAt', 'is', null).execute(),
      db.selectFrom('detentions').select('personId').distinct().where('eventId', 'is', null).where('deletedAt', 'is', null).execute(),
      db.selectFrom('acts').select('victimPersonId').distinct().where('eventId', 'is', null).where('victimPersonId', 'is not', null).where('deletedAt', 'is', null).execute(),
      db.selectFrom('acts').select('perpetrators').where('eventId', 'is', null).where('victimPersonId', 'is', null).where('deletedAt', 'is', null).execute(),
      db.selectFrom('charges').select('personId').distinct().where('eventId', 'is', null).where('deletedAt', 'is', null).execute(),
      db.selectFrom('findings').select('groupKey').distinct().where('status', '!=', 'obsolete').execute(),
      db.selectFrom('finding_groups').select(['groupKey', 'eventId', 'personId']).execute(),
    ]);
    const out = new Map<string, FindingGroup>();
    const put = (g: FindingGroup | null) => {
      if (g) out.set(g.key, g);
    };
    events.forEach((r) => put(eventGroup(String(r.id))));
    [...detentionPersons.map((r) => r.personId), ...victims.map((r) => r.victimPersonId), ...chargePersons.map((r) => r.personId)].forEach((p) => put(groupOf(null, p)));
    orphanActs.forEach((r) => put(groupOf(null, parse<{ personId?: string | null }[]>(r.perpetrators, []).find((p) => p.personId)?.personId)));
    marked.forEach((r) => put({ key: String(r.groupKey), eventId: str(r.eventId), personId: str(r.personId) }));
    for (const r of findingGroups) {
      const [kind, id] = String(r.groupKey).split(':');
      put(kind === 'event' && id ? eventGroup(id) : kind === 'person' && id ? personGroup(id) : null);
    }
    return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  // ---- findings ----------------------------------------------------------------------------

  async forReconcile(groupKey: string, keys: string[]): Promise<StoredFinding[]> {
    const rows = await this.db.selectFrom('findings').selectAll().where('groupKey', '=', groupKey).execute();
    const seen = new Set(rows.map((r) => String(r.id)));
    for (const part of chunks(keys)) {
      for (const r of await this.db.selectFrom('findings').selectAll().where('key', 'in', part).execute()) {
        if (!seen.has(String(r.id))) rows.push(r);
        seen.add(String(r.id));
      }
    }
    return rows.map((r) => this.finding(r));
  }

  async insert(finding: StoredFinding, entry: FindingHistoryEntry): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      await trx.insertInto('findings').values(this.row(finding)).execute();
      await trx.insertInto('finding_reviews').values(this.entryRow(entry)).execute();
    });
  }

  async update(finding: StoredFinding, expectedVersion: number, entry: FindingHistoryEntry | null): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      const { id, ...row } = this.row(finding);
      const result = await trx.updateTable('findings').set(row).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw new VigilError('VERSION_CONFLICT', 'This finding changed since you read it (it was recomputed or reviewed); reload it and decide again', [
          { path: 'version', problem: 'stale' },
        ]);
      }
      if (entry) await trx.insertInto('finding_reviews').values(this.entryRow(entry)).execute();
    });
  }

  async get(id: string): Promise<StoredFinding | null> {
    const row = await this.db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.finding(row) : null;
  }

  /** The filters a list and its counts share: what, where, whose, and the reader's scope. */
  private filtered<O>(query: SelectQueryBuilder<AnyDB, 'findings', O>, q: FindingCountQuery): SelectQueryBuilder<AnyDB, 'findings', O> {
    if (q.severities?.length) query = query.where('severity', 'in', q.severities);
    if (q.eventId) query = query.where('eventId', '=', q.eventId);
    if (q.subjectId) query = query.where('subjectId', '=', q.subjectId);
    if (q.personId) query = query.where('personId', '=', q.personId);
    if (q.ruleId) query = query.where('ruleId', '=', q.ruleId);
    // Ids are validated against the catalogue (letters, digits, ".", "-"), so they hold no LIKE wildcard.
    if (q.standardId) query = query.where('standardIds', 'like', `%${JSON.stringify(q.standardId)}%`);
    if (q.scope) {
      query = query.where('confidentiality', 'in', q.scope.confidentiality);
      if (q.scope.personIds) query = q.scope.personIds.length ? query.where('personId', 'in', q.scope.personIds) : query.where((eb) => eb.lit(false));
    }
    return query;
  }

  async list(q: FindingQuery): Promise<FindingPage> {
    let query = this.filtered(this.db.selectFrom('findings').selectAll(), q);
    if (q.statuses?.length) query = query.where('status', 'in', q.statuses);
    if (q.cursor) {
      const [rank, id] = decodeCursor(q.cursor);
      query = query.where((eb) => eb.or([eb('severityRank', '<', rank), eb.and([eb('severityRank', '=', rank), eb('id', '<', id)])]));
    }
    const rows = await query.orderBy('severityRank', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => this.finding(r)), nextCursor: rows.length > q.limit && last ? encodeCursor(Number(last.severityRank), String(last.id)) : null };
  }

  async countByStatus(q: FindingCountQuery): Promise<Record<FindingStatus, number>> {
    const rows = await this.filtered(this.db.selectFrom('findings'), q)
      .select((eb) => ['status', eb.fn.countAll().as('n')])
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(FINDING_STATUSES.map((status) => [status, 0])) as Record<FindingStatus, number>;
    for (const r of rows) if ((FINDING_STATUSES as readonly unknown[]).includes(r.status)) counts[r.status as FindingStatus] = Number(r.n);
    return counts;
  }

  async history(findingId: string): Promise<FindingHistoryEntry[]> {
    const rows = await this.db.selectFrom('finding_reviews').selectAll().where('findingId', '=', findingId).orderBy('at').orderBy('id').execute();
    return rows.map((r) => this.entry(r));
  }
}

/** Every person a group's records point at: detainees, victims, perpetrators, the charged, complainants. */
function personIdsIn(acts: StoredRecord[], detentions: StoredRecord[], charges: StoredRecord[], complaints: StoredRecord[]): string[] {
  const out: unknown[] = [
    ...detentions.map((d) => d.personId),
    ...acts.flatMap((a) => [a.victimPersonId, ...((a.perpetrators as { personId?: string | null }[] | null) ?? []).map((p) => p.personId)]),
    ...charges.map((c) => c.personId),
    ...complaints.map((c) => c.personId),
  ];
  return [...new Set(out.filter((v): v is string => typeof v === 'string'))];
}
