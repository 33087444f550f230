import crypto from 'node:crypto';
import {
  type ClientAssignment, ENTITIES, ENTITY_NAMES, type EntityName, type ImportStore, type MatchProfile, type MergeDecisionEntry, type MergeQuery, type PersonFacts,
  type RowKeyHit, type RowKeyWrite, type SavedMapping, type StoredImportRun, type StoredMergeCandidate, validationError, VigilError,
} from '@vigil/core';
import { type Db } from '../connect.js';
import { type FieldCipher } from '../crypto/field-cipher.js';
import { type DialectHelpers } from '../dialect.js';
import { TABLES } from '../repositories/table-specs.js';
import { insertBatched, withTransaction } from '../repositories/write.js';

type Row = Record<string, unknown>;

/** Values per `in (…)` list: far below either engine's bound-parameter limit. */
const CHUNK = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const chunks = <T>(xs: T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');
const json = (v: unknown): string => JSON.stringify(v);
const parse = <T>(v: unknown, fallback: T): T => (typeof v === 'string' && v !== '' ? (JSON.parse(v) as T) : fallback);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor<T>(cursor: string, check: (v: unknown) => v is T): [T, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && check(v[0]) && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw validationError([{ path: 'cursor', problem: 'is not a cursor returned by this list' }]);
}

/**
 * Import runs, row source keys, saved mappings, blinded person match keys and merge decisions.
 * Every value that could carry a name (file names, problems, match reasons, notes, merge
 * snapshots) is encrypted with the field cipher; every lookup key is a blind index (HMAC).
 */
export class KyselyImportStore implements ImportStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: DialectHelpers,
    private readonly cipher: FieldCipher,
  ) {}

  private seal(value: unknown): string {
    return this.cipher.encrypt(json(value));
  }

  private open<T>(value: unknown, fallback: T): T {
    return typeof value === 'string' && value !== '' ? (JSON.parse(this.cipher.decrypt(value)) as T) : fallback;
  }

  // ---- runs -------------------------------------------------------------------------------

  private runRow(r: StoredImportRun, progressOnly = false): Row {
    return {
      id: r.id, status: r.status, dryRun: r.dryRun ? 1 : 0, target: r.target, mappingId: r.mappingId,
      ...(progressOnly ? {} : { fileName: this.cipher.encrypt(r.fileName), problems: this.seal(r.problems), mapping: json(r.mapping) }), fileSize: r.fileSize, format: r.format, encoding: r.encoding,
      rowsTotal: r.rows.total, rowsDone: r.rows.done, rowsImported: r.rows.imported, rowsSkipped: r.rows.skipped, rowsFailed: r.rows.failed,
      created: json(r.created), candidates: r.candidates, problemCount: r.problemCount, message: r.message,
      actor: r.actor, startedAt: r.startedAt, finishedAt: r.finishedAt, heartbeatAt: r.heartbeatAt,
    };
  }

  private runOf(r: Row): StoredImportRun {
    return {
      id: String(r.id), status: r.status as StoredImportRun['status'], dryRun: Number(r.dryRun) === 1, target: r.target as StoredImportRun['target'],
      mappingId: strOrNull(r.mappingId), mapping: parse(r.mapping, {}), fileName: this.cipher.decrypt(String(r.fileName)),
      fileSize: r.fileSize === null || r.fileSize === undefined ? null : Number(r.fileSize), format: strOrNull(r.format) as StoredImportRun['format'],
      encoding: strOrNull(r.encoding),
      rows: { total: Number(r.rowsTotal), done: Number(r.rowsDone), imported: Number(r.rowsImported), skipped: Number(r.rowsSkipped), failed: Number(r.rowsFailed) },
      created: parse(r.created, {}), candidates: Number(r.candidates), problemCount: Number(r.problemCount), problems: this.open(r.problems, []),
      message: strOrNull(r.message), actor: String(r.actor), startedAt: String(r.startedAt), finishedAt: strOrNull(r.finishedAt),
      heartbeatAt: strOrNull(r.heartbeatAt),
    };
  }

  async insertRun(run: StoredImportRun): Promise<void> {
    await this.db.insertInto('import_runs').values(this.runRow(run)).execute();
  }

  async updateRun(run: StoredImportRun): Promise<void> {
    const { id, ...row } = this.runRow(run);
    await this.db.updateTable('import_runs').set(row).where('id', '=', id).execute();
  }

  async saveProgress(run: StoredImportRun): Promise<void> {
    const { id, ...row } = this.runRow(run, true);
    await this.db.updateTable('import_runs').set(row).where('id', '=', id).execute();
  }

  async getRun(id: string): Promise<StoredImportRun | null> {
    if (!UUID.test(id)) return null;
    const row = await this.db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.runOf(row) : null;
  }

  async listRuns(limit: number, cursor?: string): Promise<{ items: StoredImportRun[]; nextCursor: string | null }> {
    let query = this.db.selectFrom('import_runs').selectAll();
    if (cursor) {
      const [at, id] = decodeCursor(cursor, (v): v is string => typeof v === 'string');
      query = query.where((eb) => eb.or([eb('startedAt', '<', at), eb.and([eb('startedAt', '=', at), eb('id', '<', id)])]));
    }
    const rows = await query.orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit).map((r) => this.runOf(r));
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > limit && last ? encodeCursor(last.startedAt, last.id) : null };
  }

  async touchRuns(ids: string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('import_runs').set({ heartbeatAt: at }).where('id', 'in', ids).where('status', 'in', ['queued', 'running']).execute();
  }

  async staleRuns(before: string): Promise<StoredImportRun[]> {
    const rows = await this.db.selectFrom('import_runs').selectAll()
      .where('status', 'in', ['queued', 'running'])
      .where((eb) => eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<', before)]))
      .orderBy('startedAt', 'asc').limit(1000).execute();
    return rows.map((r) => this.runOf(r));
  }

  async interruptRun(id: string, before: string, message: string, at: string): Promise<boolean> {
    // The same conditions as staleRuns, checked again in the UPDATE: a run whose process came
    // back to life (or finished) in between is left alone.
    const result = await this.db.updateTable('import_runs').set({ status: 'interrupted', message, finishedAt: at })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .where((eb) => eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<', before)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // ---- row keys -----------------------------------------------------------------------------

  /** The stored key of a row: HMAC of the SHA-256 of its key material (the material is never stored). */
  private rowKey(digest: string): string {
    return this.cipher.blind(`k:${digest}`);
  }

  private contentKey(digest: string): string {
    return this.cipher.blind(`c:${digest}`);
  }

  /** Keys blinded under an older key (before a rotation) are re-blinded from their sealed digests. */
  private async refreshRowKeys(): Promise<void> {
    const current = this.cipher.currentKeyId;
    for (;;) {
      const rows = await this.db.selectFrom('import_row_keys').select(['key', 'sealed']).where('keyId', '<>', current).limit(500).execute();
      if (rows.length === 0) return;
      for (const row of rows) {
        const [digest, content] = this.open<[string, string]>(row.sealed, ['', '']);
        await this.db.updateTable('import_row_keys')
          .set({ key: this.rowKey(digest), contentHash: this.contentKey(content), sealed: this.seal([digest, content]), keyId: current })
          .where('key', '=', row.key).execute();
      }
    }
  }

  async findRowKeys(rows: { material: string; contentMaterial: string }[]): Promise<Map<string, RowKeyHit>> {
    await this.refreshRowKeys();
    const byKey = new Map(rows.map((r) => [this.rowKey(sha256(r.material)), r]));
    const hits = new Map<string, RowKeyHit>();
    for (const keys of chunks([...byKey.keys()])) {
      const found = await this.db.selectFrom('import_row_keys').select(['key', 'runId', 'records', 'contentHash']).where('key', 'in', keys).execute();
      for (const f of found) {
        const r = byKey.get(String(f.key));
        if (!r) continue;
        hits.set(r.material, { runId: String(f.runId), records: parse(f.records, []), sameContent: f.contentHash === this.contentKey(sha256(r.contentMaterial)) });
      }
    }
    return hits;
  }

  async insertRowKeys(rows: RowKeyWrite[]): Promise<void> {
    const keyId = this.cipher.currentKeyId;
    await insertBatched(this.db, 'import_row_keys', rows.map((r) => {
      const digest = sha256(r.material);
      const content = sha256(r.contentMaterial);
      return {
        key: this.rowKey(digest), contentHash: this.contentKey(content), sealed: this.seal([digest, content]), keyId,
        runId: r.runId, records: json(r.records), createdAt: r.at,
      };
    }), this.dialect);
  }

  async sourcesByUrl(urls: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const list of chunks(urls)) {
      const rows = await this.db.selectFrom('sources').select(['id', 'url']).where('url', 'in', list).where('deletedAt', 'is', null).orderBy('id').execute();
      for (const r of rows) if (!out.has(String(r.url))) out.set(String(r.url), String(r.id));
    }
    return out;
  }

  // ---- saved mappings ---------------------------------------------------------------------

  private mappingOf(r: Row): SavedMapping {
    return {
      id: String(r.id), name: String(r.name), target: r.target as SavedMapping['target'], mapping: parse(r.mapping, {}), version: Number(r.version),
      createdAt: String(r.createdAt), createdBy: String(r.createdBy), updatedAt: String(r.updatedAt), updatedBy: String(r.updatedBy),
    };
  }

  async listMappings(): Promise<SavedMapping[]> {
    const rows = await this.db.selectFrom('import_mappings').selectAll().where('deletedAt', 'is', null).orderBy('name').orderBy('id').execute();
    return rows.map((r) => this.mappingOf(r));
  }

  async getMapping(idOrName: string): Promise<SavedMapping | null> {
    const row = await this.db.selectFrom('import_mappings').selectAll().where('deletedAt', 'is', null)
      .where(UUID.test(idOrName) ? 'id' : 'name', '=', idOrName).orderBy('id').executeTakeFirst();
    return row ? this.mappingOf(row) : null;
  }

  async insertMapping(m: SavedMapping): Promise<void> {
    await this.db.insertInto('import_mappings').values({ ...m, mapping: json(m.mapping), deletedAt: null }).execute();
  }

  async updateMapping(m: SavedMapping, expectedVersion: number): Promise<void> {
    const { id, ...rest } = m;
    const result = await this.db.updateTable('import_mappings').set({ ...rest, mapping: json(m.mapping) }).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new VigilError('VERSION_CONFLICT', 'This mapping changed since you read it; reload and try again', [{ path: 'version', problem: 'stale' }]);
  }

  async deleteMapping(id: string): Promise<void> {
    await this.db.updateTable('import_mappings').set({ deletedAt: new Date().toISOString() }).where('id', '=', id).execute();
  }

  // ---- person match keys ------------------------------------------------------------------

  private matchKey(key: string): string {
    return this.cipher.blind(`b:${key}`);
  }

  async staleMatchPersons(limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('persons as p')
      .leftJoin('person_match_state as s', 's.personId', 'p.id')
      .select('p.id')
      .where('p.deletedAt', 'is', null)
      .where((eb) => eb.or([eb('s.personId', 'is', null), eb('s.version', '<>', eb.ref('p.version')), eb('s.keyId', '<>', this.cipher.currentKeyId)]))
      .orderBy('p.id').limit(limit).execute();
    return rows.map((r) => String(r.id));
  }

  async replaceMatchKeys(persons: { personId: string; version: number; keys: string[] }[]): Promise<void> {
    if (persons.length === 0) return;
    const ids = persons.map((p) => p.personId);
    const keyRows = persons.flatMap((p) => [...new Set(p.keys.map((k) => this.matchKey(k)))].map((key) => ({ key, personId: p.personId })));
    // One transaction: one commit for the page's keys, and never a person left without its keys.
    await withTransaction(this.db, async (trx) => {
      for (const list of chunks(ids)) {
        await trx.deleteFrom('person_match_keys').where('personId', 'in', list).execute();
        await trx.deleteFrom('person_match_state').where('personId', 'in', list).execute();
      }
      await insertBatched(trx, 'person_match_keys', keyRows, this.dialect);
      await insertBatched(trx, 'person_match_state', persons.map((p) => ({ personId: p.personId, version: p.version, keyId: this.cipher.currentKeyId })), this.dialect);
    });
  }

  async matchProfiles(personIds: string[]): Promise<MatchProfile[]> {
    const out: MatchProfile[] = [];
    for (const list of chunks([...new Set(personIds)])) {
      const persons = await this.db.selectFrom('persons').select(['id', 'version', 'birthYear']).where('id', 'in', list).where('deletedAt', 'is', null).execute();
      if (persons.length === 0) continue;
      const live = persons.map((p) => String(p.id));
      const names = await this.db.selectFrom('person_names').select(['personId', 'value', 'kind'])
        .where('personId', 'in', live).orderBy('personId').orderBy('position').execute();
      const roles = await this.db.selectFrom('person_roles').select(['personId', 'eventId', 'organisationName'])
        .where('personId', 'in', live).orderBy('personId').orderBy('position').execute();
      const byId = new Map<string, MatchProfile>(persons.map((p) => [String(p.id), {
        id: String(p.id), version: Number(p.version), birthYear: p.birthYear === null || p.birthYear === undefined ? null : Number(p.birthYear), names: [], roles: [],
      }]));
      for (const n of names) byId.get(String(n.personId))?.names.push({ value: this.cipher.decrypt(String(n.value)), kind: strOrNull(n.kind) });
      for (const r of roles) byId.get(String(r.personId))?.roles.push({ eventId: strOrNull(r.eventId), organisationName: strOrNull(r.organisationName) });
      out.push(...byId.values());
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async liveVersions(personIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const list of chunks([...new Set(personIds)])) {
      const rows = await this.db.selectFrom('persons').select(['id', 'version']).where('id', 'in', list).where('deletedAt', 'is', null).execute();
      for (const r of rows) out.set(String(r.id), Number(r.version));
    }
    return out;
  }

  async personsSharingKeys(keys: string[], maxBlock: number): Promise<string[]> {
    const counts = await this.liveKeyCounts([...new Set(keys.map((k) => this.matchKey(k)))], await this.deletedPersonIds());
    const small = [...counts].filter(([, n]) => n <= maxBlock).map(([key]) => key);
    const ids = new Set<string>();
    for (const list of chunks(small)) {
      const rows = await this.db.selectFrom('person_match_keys').select('personId').distinct().where('key', 'in', list).execute();
      for (const r of rows) ids.add(String(r.personId));
    }
    return [...ids].sort();
  }

  async phoneticShares(phoneticKeys: string[], minPeople: number): Promise<Map<string, number> | null> {
    const deleted = await this.deletedPersonIds();
    const all = this.dialect.toNumber((await this.db.selectFrom('persons').select(this.dialect.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const total = all - deleted.length;
    if (total < minPeople) return null;
    const byBlind = new Map(phoneticKeys.map((pk) => [this.matchKey(`1:${pk}`), pk]));
    const shares = new Map<string, number>();
    for (const [key, n] of await this.liveKeyCounts([...byBlind.keys()], deleted)) shares.set(byBlind.get(key) ?? '', n / total);
    return shares;
  }

  /** Soft-deleted persons (few: merged ones), whose stored keys do not count. */
  private async deletedPersonIds(): Promise<string[]> {
    return (await this.db.selectFrom('persons').select('id').where('deletedAt', 'is not', null).execute()).map((r) => String(r.id));
  }

  /**
   * Live persons per stored (blinded) key, for the keys that have any: every holder counted
   * from the key index alone, less the deleted holders — the same numbers as counting with a
   * join on persons, without looking up each holder's row (blocks run to thousands).
   */
  private async liveKeyCounts(blindKeys: string[], deleted: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const list of chunks(blindKeys)) {
      const rows = await this.db.selectFrom('person_match_keys').select(['key', this.dialect.countAll().as('n')]).where('key', 'in', list).groupBy('key').execute();
      for (const r of rows) counts.set(String(r.key), this.dialect.toNumber(r.n));
      for (const gone of chunks(deleted)) {
        const minus = await this.db.selectFrom('person_match_keys').select(['key', this.dialect.countAll().as('n')])
          .where('personId', 'in', gone).where('key', 'in', list).groupBy('key').execute();
        for (const r of minus) counts.set(String(r.key), (counts.get(String(r.key)) ?? 0) - this.dialect.toNumber(r.n));
      }
    }
    for (const [key, n] of counts) if (n <= 0) counts.delete(key);
    return counts;
  }

  async personFacts(personIds: string[]): Promise<PersonFacts[]> {
    const byPerson = new Map<string, { cities: Map<string, number>; events: Set<string> }>();
    for (const list of chunks(personIds)) {
      const rows = await this.db.selectFrom('detentions').select(['personId', 'city', 'eventId'])
        .where('personId', 'in', list).where('deletedAt', 'is', null).orderBy('apprehendedAt').orderBy('id').execute();
      for (const r of rows) {
        const id = String(r.personId);
        const f = byPerson.get(id) ?? { cities: new Map<string, number>(), events: new Set<string>() };
        if (typeof r.city === 'string' && r.city) f.cities.set(r.city, (f.cities.get(r.city) ?? 0) + 1);
        if (typeof r.eventId === 'string') f.events.add(r.eventId);
        byPerson.set(id, f);
      }
    }
    return [...byPerson].map(([personId, f]) => ({
      personId, cities: [...f.cities].sort((a, b) => b[1] - a[1]).map(([c]) => c), eventIds: [...f.events],
    }));
  }

  async personIdsAfter(after: string | null, limit: number): Promise<string[]> {
    let query = this.db.selectFrom('persons').select('id').where('deletedAt', 'is', null);
    if (after) query = query.where('id', '>', after);
    return (await query.orderBy('id').limit(limit).execute()).map((r) => String(r.id));
  }

  // ---- merge candidates -------------------------------------------------------------------

  private candidateRow(c: StoredMergeCandidate): Row {
    return {
      id: c.id, pairKey: `${c.personA}|${c.personB}`, personA: c.personA, personB: c.personB, score: c.score, reasons: this.seal(c.reasons), status: c.status,
      version: c.version, runId: c.runId, foundAt: c.foundAt, updatedAt: c.updatedAt, decidedAt: c.decidedAt, decidedBy: c.decidedBy,
      note: c.note === null ? null : this.cipher.encrypt(c.note), survivorId: c.survivorId, mergedId: c.mergedId,
      snapshot: c.snapshot === null ? null : this.seal(c.snapshot),
    };
  }

  private candidateOf(r: Row): StoredMergeCandidate {
    return {
      id: String(r.id), personA: String(r.personA), personB: String(r.personB), score: Number(r.score), reasons: this.open(r.reasons, []),
      status: r.status as StoredMergeCandidate['status'], version: Number(r.version), runId: strOrNull(r.runId), foundAt: String(r.foundAt),
      updatedAt: String(r.updatedAt), decidedAt: strOrNull(r.decidedAt), decidedBy: strOrNull(r.decidedBy),
      note: typeof r.note === 'string' ? this.cipher.decrypt(r.note) : null, survivorId: strOrNull(r.survivorId), mergedId: strOrNull(r.mergedId),
      snapshot: this.open(r.snapshot, null),
    };
  }

  async existingPairs(pairKeys: string[]): Promise<Map<string, StoredMergeCandidate>> {
    const out = new Map<string, StoredMergeCandidate>();
    for (const list of chunks([...new Set(pairKeys)])) {
      const rows = await this.db.selectFrom('merge_candidates').selectAll().where('pairKey', 'in', list).execute();
      for (const r of rows) out.set(String(r.pairKey), this.candidateOf(r));
    }
    return out;
  }

  async insertCandidates(cs: StoredMergeCandidate[]): Promise<void> {
    await insertBatched(this.db, 'merge_candidates', cs.map((c) => this.candidateRow(c)), this.dialect);
  }

  async updateCandidate(c: StoredMergeCandidate, expectedVersion: number): Promise<void> {
    const { id, ...row } = this.candidateRow(c);
    const result = await this.db.updateTable('merge_candidates').set(row).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new VigilError('VERSION_CONFLICT', 'This pair changed since you read it; reload and try again', [{ path: 'version', problem: 'stale' }]);
  }

  async getCandidate(id: string): Promise<StoredMergeCandidate | null> {
    const row = await this.db.selectFrom('merge_candidates').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.candidateOf(row) : null;
  }

  async listCandidates(q: MergeQuery): Promise<{ items: StoredMergeCandidate[]; nextCursor: string | null }> {
    let query = this.db.selectFrom('merge_candidates as c').selectAll('c');
    if (q.status) query = query.where('c.status', '=', q.status);
    if (q.personId) {
      const id = q.personId;
      query = query.where((eb) => eb.or([eb('c.personA', '=', id), eb('c.personB', '=', id)]));
    }
    if (q.runId) query = query.where('c.runId', '=', q.runId);
    if (q.liveOnly) {
      query = query.innerJoin('persons as pa', 'pa.id', 'c.personA').innerJoin('persons as pb', 'pb.id', 'c.personB')
        .where('pa.deletedAt', 'is', null).where('pb.deletedAt', 'is', null);
    }
    if (q.cursor) {
      const [score, id] = decodeCursor(q.cursor, (v): v is number => typeof v === 'number');
      query = query.where((eb) => eb.or([eb('c.score', '<', score), eb.and([eb('c.score', '=', score), eb('c.id', '>', id)])]));
    }
    const rows = await query.orderBy('c.score', 'desc').orderBy('c.id', 'asc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map((r) => this.candidateOf(r));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.score, last.id) : null };
  }

  async insertDecision(d: MergeDecisionEntry): Promise<void> {
    await this.db.insertInto('merge_decisions').values({ ...d, note: d.note === null ? null : this.cipher.encrypt(d.note) }).execute();
  }

  async decisions(candidateId: string): Promise<MergeDecisionEntry[]> {
    const rows = await this.db.selectFrom('merge_decisions').selectAll().where('candidateId', '=', candidateId).orderBy('at').orderBy('id').execute();
    return rows.map((r) => ({
      id: String(r.id), candidateId: String(r.candidateId), action: r.action as MergeDecisionEntry['action'], actor: String(r.actor), at: String(r.at),
      note: typeof r.note === 'string' ? this.cipher.decrypt(r.note) : null,
    }));
  }

  async recordsReferencing(personId: string): Promise<{ entity: EntityName; id: string }[]> {
    const out: { entity: EntityName; id: string }[] = [];
    for (const entity of ENTITY_NAMES) {
      const table = TABLES[entity].table;
      const seen = new Set<string>();
      for (const [path, target] of Object.entries(ENTITIES[entity].refs)) {
        if (target !== 'person') continue;
        const column = path.split(/[.[]/)[0] ?? path;
        const rows = path.includes('[]')
          ? await this.db.selectFrom(table).select('id').where(column, 'like', `%${personId}%`).orderBy('id').execute()
          : await this.db.selectFrom(table).select('id').where(column, '=', personId).orderBy('id').execute();
        for (const r of rows) if (!seen.has(String(r.id))) seen.add(String(r.id));
      }
      for (const id of seen) out.push({ entity, id });
    }
    return out;
  }

  async clientsOf(personId: string): Promise<ClientAssignment[]> {
    const rows = await this.db.selectFrom('client_assignments').selectAll().where('personId', '=', personId).orderBy('userId').execute();
    return rows.map((r) => ({ userId: String(r.userId), personId: String(r.personId), assignedBy: String(r.assignedBy), assignedAt: String(r.assignedAt) }));
  }

  async assignClients(rows: ClientAssignment[]): Promise<void> {
    for (const r of rows) {
      await this.db.insertInto('client_assignments').values({ ...r }).onConflict((oc) => oc.columns(['userId', 'personId']).doNothing()).execute();
    }
  }

  async unassignClients(userIds: string[], personId: string): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.deleteFrom('client_assignments').where('personId', '=', personId).where('userId', 'in', userIds).execute();
  }
}
