import { PERSON_FIELD, type ReadScope, type EntityName, type HistoryEntry, type HistoryWrite, type ListPage, type RecordStore, type StoredRecord, VigilError } from '@vigil/core';
import { type Db } from '../connect.js';
import { type DialectHelpers } from '../dialect.js';
import { childRows, fromRow, toRow } from './record-mapper.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { FILTERS } from './filters.js';
import { personTokens, TABLES, type TableSpec } from './table-specs.js';
import { bumpDataVersion } from './data-version.js';
import { insertBatched, withTransaction } from './write.js';
import { type FieldCipher } from '../crypto/field-cipher.js';

type Row = Record<string, unknown>;

/** Kysely implementation of the record store, driven by the table specs. */
export class KyselyRecordStore implements RecordStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: DialectHelpers,
    private readonly cipher: FieldCipher,
  ) {}

  async get(entity: EntityName, id: string): Promise<StoredRecord | null> {
    const [record] = await this.getMany(entity, [id]);
    return record ?? null;
  }

  async getMany(entity: EntityName, ids: string[]): Promise<StoredRecord[]> {
    if (ids.length === 0) return [];
    const spec = TABLES[entity];
    const rows = await this.db.selectFrom(spec.table).selectAll().where('id', 'in', ids).execute();
    return this.hydrate(spec, rows);
  }

  async existingIds(entity: EntityName, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.selectFrom(TABLES[entity].table).select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute();
    return new Set(rows.map((r) => String(r.id)));
  }

  async list(entity: EntityName, filter: Row): Promise<ListPage> {
    const spec = TABLES[entity];
    const { column, direction } = spec.sort;
    const limit = Number(filter.limit ?? 50);
    let query = this.db.selectFrom(spec.table).selectAll(spec.table);
    if (!filter.includeDeleted) query = query.where(`${spec.table}.deletedAt`, 'is', null);
    const scope = filter.scope as ReadScope | undefined;
    if (scope) {
      const userId = scope.userId;
      query = userId
        ? query.where((eb) =>
            eb.or([
              eb(`${spec.table}.confidentiality`, 'in', scope.confidentiality),
              eb(`${spec.table}.id`, 'in', eb.selectFrom('record_grants').select('record_grants.recordId').where('record_grants.userId', '=', userId).where('record_grants.entity', '=', entity)),
            ]),
          )
        : query.where(`${spec.table}.confidentiality`, 'in', scope.confidentiality);
      const personField = PERSON_FIELD[entity];
      if (scope.personIds && personField) {
        query = scope.personIds.length ? query.where(`${spec.table}.${personField}`, 'in', scope.personIds) : query.where((eb) => eb.lit(false));
      }
    }
    if (Array.isArray(filter.ids)) query = filter.ids.length ? query.where(`${spec.table}.id`, 'in', filter.ids as string[]) : query.where((eb) => eb.lit(false));
    for (const [key, apply] of Object.entries(FILTERS[entity])) {
      if (filter[key] !== undefined && filter[key] !== '') query = apply(query, filter[key], { cipher: this.cipher });
    }
    if (typeof filter.cursor === 'string') {
      const [value, id] = decodeCursor(filter.cursor);
      const op = direction === 'desc' ? '<' : '>';
      query = column === 'id'
        ? query.where(`${spec.table}.id`, op, id)
        : query.where((eb) => eb.or([eb(`${spec.table}.${column}`, op, value), eb.and([eb(`${spec.table}.${column}`, '=', value), eb(`${spec.table}.id`, op, id)])]));
    }
    const rows = await query.orderBy(`${spec.table}.${column}`, direction).orderBy(`${spec.table}.id`, direction).limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(last[column], String(last.id)) : null;
    return { items: await this.hydrate(spec, page), nextCursor };
  }

  async insert(entity: EntityName, record: StoredRecord, history: HistoryWrite): Promise<void> {
    const spec = TABLES[entity];
    await withTransaction(this.db, async (trx) => {
      await trx.insertInto(spec.table).values(toRow(spec, record, this.cipher)).execute();
      await this.writeDependents(trx, spec, [{ record, history }]);
      await bumpDataVersion(trx);
    });
  }

  async insertMany(entity: EntityName, items: { record: StoredRecord; history: HistoryWrite }[]): Promise<void> {
    if (items.length === 0) return;
    const spec = TABLES[entity];
    await withTransaction(this.db, async (trx) => {
      await insertBatched(trx, spec.table, items.map((i) => toRow(spec, i.record, this.cipher)), this.dialect);
      await this.writeDependents(trx, spec, items);
      await bumpDataVersion(trx);
    });
  }

  async update(entity: EntityName, record: StoredRecord, expectedVersion: number, history: HistoryWrite): Promise<void> {
    const spec = TABLES[entity];
    await withTransaction(this.db, async (trx) => {
      const { id, ...row } = toRow(spec, record, this.cipher);
      const result = await trx.updateTable(spec.table).set(row).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw new VigilError('VERSION_CONFLICT', 'This record changed since you read it; reload and try again', [{ path: 'version', problem: 'stale' }]);
      }
      for (const child of spec.children ?? []) await trx.deleteFrom(child.table).where(child.parentKey, '=', record.id).execute();
      if (spec.entity === 'person') await trx.deleteFrom('person_name_tokens').where('personId', '=', record.id).execute();
      await trx.deleteFrom('citations').where('entity', '=', entity).where('recordId', '=', record.id).execute();
      await this.writeDependents(trx, spec, [{ record, history }]);
      await bumpDataVersion(trx);
    });
  }

  async history(entity: EntityName, id: string): Promise<HistoryEntry[]> {
    const rows = await this.db.selectFrom('record_history').selectAll().where('entity', '=', entity).where('recordId', '=', id).orderBy('version', 'asc').execute();
    return rows.map((r) => ({
      version: Number(r.version),
      action: r.action as HistoryEntry['action'],
      actor: String(r.actor),
      at: String(r.at),
      changes: JSON.parse(this.cipher.decrypt(String(r.changes))) as HistoryEntry['changes'],
      snapshot: JSON.parse(this.cipher.decrypt(String(r.snapshot))) as Row,
    }));
  }

  async count(entity: EntityName): Promise<number> {
    const row = await this.db.selectFrom(TABLES[entity].table).select(this.dialect.countAll().as('n')).where('deletedAt', 'is', null).executeTakeFirstOrThrow();
    return this.dialect.toNumber(row.n);
  }

  /**
   * Children, name tokens, citations and the history rows: everything written beside the main
   * rows, one multi-row INSERT per table for all the records given.
   */
  private async writeDependents(trx: Db, spec: TableSpec, items: { record: StoredRecord; history: HistoryWrite }[]): Promise<void> {
    for (const child of spec.children ?? []) await insertBatched(trx, child.table, items.flatMap(({ record }) => childRows(child, record, this.cipher)), this.dialect);
    if (spec.entity === 'person') {
      await insertBatched(trx, 'person_name_tokens', items.flatMap(({ record }) => personTokens(record, this.cipher).map((token) => ({ token, personId: record.id }))), this.dialect);
    }
    await insertBatched(
      trx,
      'citations',
      items.flatMap(({ record }) => [...new Set((record.sourceIds as string[] | null) ?? [])].map((sourceId, position) => ({ id: `${record.id}:${position}`, entity: spec.entity, recordId: record.id, sourceId, position }))),
      this.dialect,
    );
    await insertBatched(
      trx,
      'record_history',
      items.map(({ history }) => ({
        id: `${history.recordId}:${history.version}`,
        entity: history.entity,
        recordId: history.recordId,
        version: history.version,
        action: history.action,
        actor: history.actor,
        at: history.at,
        // Snapshots hold every protected field of the record, so they are encrypted whole.
        changes: this.cipher.encrypt(JSON.stringify(history.changes)),
        snapshot: this.cipher.encrypt(JSON.stringify(history.snapshot)),
      })),
      this.dialect,
    );
  }

  /** Loads children and citations for a page of rows in one query per table (no N+1). */
  private async hydrate(spec: TableSpec, rows: Row[]): Promise<StoredRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => String(r.id));
    const children: Record<string, Map<string, Row[]>> = {};
    for (const child of spec.children ?? []) {
      const childList = await this.db.selectFrom(child.table).selectAll().where(child.parentKey, 'in', ids).orderBy('position').execute();
      children[child.field] = groupBy(childList, child.parentKey);
    }
    const citations = spec.entity === 'source'
      ? new Map<string, Row[]>()
      : groupBy(await this.db.selectFrom('citations').selectAll().where('entity', '=', spec.entity).where('recordId', 'in', ids).orderBy('position').execute(), 'recordId');
    return rows.map((row) => {
      const id = String(row.id);
      const own = Object.fromEntries(Object.entries(children).map(([field, byParent]) => [field, byParent.get(id) ?? []]));
      return fromRow(spec, row, own, (citations.get(id) ?? []).map((c) => String(c.sourceId)), this.cipher);
    });
  }
}

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    const k = String(row[key]);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
