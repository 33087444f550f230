import {
  type ChronolocationRecord, type ClaimKind, type ClaimRecord, type CommentRecord, type CustodyEntry, EMPTY_METADATA, type EvidenceHistoryWrite,
  type EvidenceItem, type EvidenceListFilter, type EvidenceParts, type EvidenceStore, type GeolocationRecord, type HistoryEntry, type IncidentRecord, newId,
  type ProvenanceRecord, VigilError,
} from '@vigil/core';
import { type Db } from '../connect.js';
import { withTransaction } from '../repositories/write.js';

type Row = Record<string, unknown>;

const json = (v: unknown): string => JSON.stringify(v);
const parse = <T>(v: unknown, fallback: T): T => (typeof v === 'string' && v !== '' ? (JSON.parse(v) as T) : fallback);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

const CLAIM_TABLE: Record<ClaimKind, string> = { geolocation: 'evidence_geolocations', chronolocation: 'evidence_chronolocations' };

/** The item's frame hashes; an item stored before key frames were hashed (column null) has only its `phash`. */
function frameHashesOf(row: Row): string[] {
  if (row.frameHashes === null || row.frameHashes === undefined) {
    const phash = str(row.phash);
    return phash ? [phash] : [];
  }
  return parse<string[]>(row.frameHashes, []);
}

function itemRow(item: EvidenceItem): Row {
  return {
    id: item.id, version: item.version, createdAt: item.createdAt, createdBy: item.createdBy, updatedAt: item.updatedAt, updatedBy: item.updatedBy,
    deletedAt: item.deletedAt, deletedBy: item.deletedBy, confidentiality: item.confidentiality, sha256: item.sha256, size: item.size,
    mediaType: item.mediaType, filename: item.filename, title: item.title, description: item.description, sensitivity: json(item.sensitivity),
    status: item.status, assignee: item.assignee, metadata: json(item.metadata), captureTime: item.metadata.captureTime,
    tools: json(item.tools), viewingCopies: json(item.viewingCopies), phash: item.phash,
    frameHashes: json(item.frameHashes),
  };
}

function itemOf(row: Row, links: Row[]): EvidenceItem {
  const linked = (entity: string) => links.filter((l) => l.entity === entity).sort((a, b) => Number(a.position) - Number(b.position)).map((l) => String(l.recordId));
  return {
    id: String(row.id), version: Number(row.version), sha256: String(row.sha256), size: Number(row.size), mediaType: String(row.mediaType),
    filename: String(row.filename), title: str(row.title), description: str(row.description), sensitivity: parse(row.sensitivity, []),
    confidentiality: row.confidentiality as EvidenceItem['confidentiality'], status: row.status as EvidenceItem['status'], assignee: str(row.assignee),
    eventIds: linked('event'), actIds: linked('act'), metadata: parse(row.metadata, EMPTY_METADATA), tools: parse(row.tools, []),
    viewingCopies: parse(row.viewingCopies, []), phash: str(row.phash), frameHashes: frameHashesOf(row), createdAt: String(row.createdAt), createdBy: String(row.createdBy),
    updatedAt: String(row.updatedAt), updatedBy: String(row.updatedBy), deletedAt: str(row.deletedAt), deletedBy: str(row.deletedBy),
  };
}

function provenanceOf(r: Row): ProvenanceRecord {
  return {
    id: String(r.id), itemId: String(r.itemId), filename: String(r.filename), declaredType: str(r.declaredType), receivedAt: String(r.receivedAt),
    receivedBy: String(r.receivedBy), originalUrl: str(r.originalUrl), platform: str(r.platform), postingAccount: str(r.postingAccount),
    postedAt: str(r.postedAt), capturedAt: str(r.capturedAt), capturedBy: str(r.capturedBy), captureTool: str(r.captureTool), notes: str(r.notes),
    sourceId: str(r.sourceId),
  };
}

function custodyOf(r: Row): CustodyEntry {
  return {
    id: String(r.id), itemId: String(r.itemId), action: r.action as CustodyEntry['action'], actor: String(r.actor), at: String(r.at),
    origin: String(r.origin), sha256: str(r.sha256), result: r.result as CustodyEntry['result'], note: str(r.note),
  };
}

function claimMeta(r: Row) {
  return {
    id: String(r.id), itemId: String(r.itemId), version: Number(r.version), status: r.status as ClaimRecord['status'], createdBy: String(r.createdBy),
    createdAt: String(r.createdAt), reviewedBy: str(r.reviewedBy), reviewedAt: str(r.reviewedAt), reviewNote: str(r.reviewNote), notes: str(r.notes),
  };
}

function geolocationOf(r: Row): GeolocationRecord {
  return {
    ...claimMeta(r), lat: Number(r.lat), lon: Number(r.lon), precision: r.precision as GeolocationRecord['precision'],
    method: r.method as GeolocationRecord['method'], landmarks: parse(r.landmarks, []), placeId: str(r.placeId),
  };
}

function chronolocationOf(r: Row): ChronolocationRecord {
  return { ...claimMeta(r), from: String(r.fromAt), to: String(r.toAt), method: r.method as ChronolocationRecord['method'], confidence: r.confidence as ChronolocationRecord['confidence'] };
}

function claimRow(kind: ClaimKind, c: ClaimRecord): Row {
  const base = {
    id: c.id, itemId: c.itemId, version: c.version, status: c.status, notes: c.notes ?? null, createdBy: c.createdBy, createdAt: c.createdAt,
    reviewedBy: c.reviewedBy, reviewedAt: c.reviewedAt, reviewNote: c.reviewNote,
  };
  if (kind === 'geolocation') {
    const g = c as GeolocationRecord;
    return { ...base, lat: g.lat, lon: g.lon, precision: g.precision, method: g.method, landmarks: json(g.landmarks), placeId: g.placeId ?? null };
  }
  const t = c as ChronolocationRecord;
  return { ...base, fromAt: t.from, toAt: t.to, method: t.method, confidence: t.confidence };
}

function incidentRow(i: IncidentRecord): Row {
  return {
    id: i.id, version: i.version, createdAt: i.createdAt, createdBy: i.createdBy, updatedAt: i.updatedAt, updatedBy: i.updatedBy,
    deletedAt: i.deletedAt, deletedBy: i.deletedBy, eventId: i.eventId, title: i.title, fromAt: i.from, toAt: i.to, itemIds: json(i.itemIds),
    killed: i.killed, injured: i.injured, sourceIds: json(i.sourceIds), countNote: i.countNote, description: i.description,
  };
}

function incidentOf(r: Row): IncidentRecord {
  const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(r.id), version: Number(r.version), eventId: String(r.eventId), title: String(r.title), from: str(r.fromAt), to: str(r.toAt),
    itemIds: parse(r.itemIds, []), killed: int(r.killed), injured: int(r.injured), sourceIds: parse(r.sourceIds, []), countNote: str(r.countNote),
    description: str(r.description), createdAt: String(r.createdAt), createdBy: String(r.createdBy), updatedAt: String(r.updatedAt),
    updatedBy: String(r.updatedBy), deletedAt: str(r.deletedAt), deletedBy: str(r.deletedBy),
  };
}

/** Kysely storage of the vault's rows; every write of an item carries its history row. */
export class KyselyEvidenceStore implements EvidenceStore {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<EvidenceItem | null> {
    return (await this.hydrate(await this.db.selectFrom('evidence_items').selectAll().where('id', '=', id).execute()))[0] ?? null;
  }

  async getBySha(sha256: string): Promise<EvidenceItem | null> {
    return (await this.hydrate(await this.db.selectFrom('evidence_items').selectAll().where('sha256', '=', sha256).execute()))[0] ?? null;
  }

  async parts(id: string): Promise<EvidenceParts> {
    const of = (table: string) => this.db.selectFrom(table).selectAll().where('itemId', '=', id).orderBy('id').execute();
    // Sequential on purpose: one pooled connection per request, as everywhere else in Vigil.
    const provenance = await of('evidence_provenance');
    const custody = await of('evidence_custody');
    const geolocations = await of('evidence_geolocations');
    const chronolocations = await of('evidence_chronolocations');
    const comments = await of('evidence_comments');
    const raw = await this.db.selectFrom('evidence_items').select('metadataRaw').where('id', '=', id).executeTakeFirst();
    return {
      provenance: provenance.map(provenanceOf),
      custody: custody.map(custodyOf),
      geolocations: geolocations.map(geolocationOf),
      chronolocations: chronolocations.map(chronolocationOf),
      comments: comments.map((r) => ({ id: String(r.id), itemId: String(r.itemId), actor: String(r.actor), at: String(r.at), body: String(r.body) }) satisfies CommentRecord),
      metadataRaw: parse(raw?.metadataRaw, {}),
    };
  }

  async list(f: EvidenceListFilter): Promise<{ items: EvidenceItem[]; nextCursor: string | null }> {
    let q = this.db.selectFrom('evidence_items').selectAll('evidence_items');
    if (!f.includeDeleted) q = q.where('evidence_items.deletedAt', 'is', null);
    if (f.status) q = q.where('evidence_items.status', '=', f.status);
    if (f.sha256) q = q.where('evidence_items.sha256', '=', f.sha256);
    if (f.mediaType) q = q.where('evidence_items.mediaType', f.mediaType.endsWith('/') ? 'like' : '=', f.mediaType.endsWith('/') ? `${f.mediaType}%` : f.mediaType);
    if (f.eventId) {
      const eventId = f.eventId;
      q = q.where((eb) => eb.exists(eb.selectFrom('evidence_links').select('evidence_links.id').whereRef('evidence_links.itemId', '=', 'evidence_items.id').where('evidence_links.entity', '=', 'event').where('evidence_links.recordId', '=', eventId)));
    }
    if (f.cursor) q = q.where('evidence_items.id', '<', f.cursor);
    const rows = await q.orderBy('evidence_items.id', 'desc').limit(f.limit + 1).execute();
    const page = rows.slice(0, f.limit);
    return { items: await this.hydrate(page), nextCursor: rows.length > f.limit ? String(page[page.length - 1]?.id) : null };
  }

  async insertItem(item: EvidenceItem, metadataRaw: Record<string, unknown>, provenance: ProvenanceRecord, custody: CustodyEntry, history: EvidenceHistoryWrite): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      await trx.insertInto('evidence_items').values({ ...itemRow(item), metadataRaw: json(metadataRaw) }).execute();
      await this.writeLinks(trx, item);
      await trx.insertInto('evidence_provenance').values(provenance).execute();
      await trx.insertInto('evidence_custody').values(custody).execute();
      await this.writeHistory(trx, history);
    });
  }

  async updateItem(item: EvidenceItem, expectedVersion: number, history: EvidenceHistoryWrite): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      const { id, ...row } = itemRow(item);
      const result = await trx.updateTable('evidence_items').set(row).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new VigilError('VERSION_CONFLICT', 'This evidence item changed since you read it; reload and try again', [{ path: 'version', problem: 'stale' }]);
      await trx.deleteFrom('evidence_links').where('itemId', '=', item.id).execute();
      await this.writeLinks(trx, item);
      await this.writeHistory(trx, history);
    });
  }

  async addProvenance(provenance: ProvenanceRecord): Promise<void> {
    await this.db.insertInto('evidence_provenance').values(provenance).execute();
  }

  async addCustody(entries: CustodyEntry[]): Promise<void> {
    if (entries.length > 0) await this.db.insertInto('evidence_custody').values(entries).execute();
  }

  async addComment(comment: CommentRecord): Promise<void> {
    await this.db.insertInto('evidence_comments').values(comment).execute();
  }

  async getClaim(kind: ClaimKind, id: string): Promise<ClaimRecord | null> {
    const row = await this.db.selectFrom(CLAIM_TABLE[kind]).selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return kind === 'geolocation' ? geolocationOf(row) : chronolocationOf(row);
  }

  async insertClaim(kind: ClaimKind, claim: ClaimRecord, history: EvidenceHistoryWrite): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      await trx.insertInto(CLAIM_TABLE[kind]).values(claimRow(kind, claim)).execute();
      await this.writeHistory(trx, history);
    });
  }

  async updateClaim(kind: ClaimKind, claim: ClaimRecord, history: EvidenceHistoryWrite): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      const { id, ...row } = claimRow(kind, claim);
      const result = await trx.updateTable(CLAIM_TABLE[kind]).set(row).where('id', '=', id as string).where('version', '=', claim.version - 1).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new VigilError('VERSION_CONFLICT', 'This claim changed since you read it; reload and try again', [{ path: 'version', problem: 'stale' }]);
      await this.writeHistory(trx, history);
    });
  }

  async history(entity: EvidenceHistoryWrite['entity'], id: string): Promise<HistoryEntry[]> {
    const rows = await this.db.selectFrom('record_history').selectAll().where('entity', '=', entity).where('recordId', '=', id).orderBy('version', 'asc').execute();
    return rows.map((r) => ({
      version: Number(r.version), action: r.action as HistoryEntry['action'], actor: String(r.actor), at: String(r.at),
      changes: parse(r.changes, {}), snapshot: parse(r.snapshot, {}),
    }));
  }

  async page(afterId: string | null, limit: number): Promise<{ id: string; sha256: string }[]> {
    let q = this.db.selectFrom('evidence_items').select(['id', 'sha256']);
    if (afterId) q = q.where('id', '>', afterId);
    return (await q.orderBy('id').limit(limit).execute()).map((r) => ({ id: String(r.id), sha256: String(r.sha256) }));
  }

  async withPhash(exceptId: string | null): Promise<{ id: string; hashes: string[] }[]> {
    let q = this.db.selectFrom('evidence_items').select(['id', 'phash', 'frameHashes']).where('phash', 'is not', null).where('deletedAt', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.execute()).map((r) => ({ id: String(r.id), hashes: frameHashesOf(r) }));
  }

  async getIncident(id: string): Promise<IncidentRecord | null> {
    const row = await this.db.selectFrom('evidence_incidents').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? incidentOf(row) : null;
  }

  async incidents(eventId: string, includeDeleted: boolean): Promise<IncidentRecord[]> {
    let q = this.db.selectFrom('evidence_incidents').selectAll().where('eventId', '=', eventId);
    if (!includeDeleted) q = q.where('deletedAt', 'is', null);
    return (await q.orderBy('id').execute()).map(incidentOf);
  }

  async insertIncident(incident: IncidentRecord, history: EvidenceHistoryWrite): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      await trx.insertInto('evidence_incidents').values(incidentRow(incident)).execute();
      await this.writeHistory(trx, history);
    });
  }

  async updateIncident(incident: IncidentRecord, expectedVersion: number, history: EvidenceHistoryWrite): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      const { id, ...row } = incidentRow(incident);
      const result = await trx.updateTable('evidence_incidents').set(row).where('id', '=', id as string).where('version', '=', expectedVersion).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new VigilError('VERSION_CONFLICT', 'This incident changed since you read it; reload and try again', [{ path: 'version', problem: 'stale' }]);
      await this.writeHistory(trx, history);
    });
  }

  async itemsById(ids: string[]): Promise<EvidenceItem[]> {
    if (ids.length === 0) return [];
    return this.hydrate(await this.db.selectFrom('evidence_items').selectAll().where('id', 'in', ids).execute());
  }

  async forEvent(eventId: string): Promise<{ item: EvidenceItem; chronolocations: ChronolocationRecord[]; provenance: ProvenanceRecord[] }[]> {
    const ids = (await this.db.selectFrom('evidence_links').select('itemId').where('entity', '=', 'event').where('recordId', '=', eventId).execute()).map((r) => String(r.itemId));
    if (ids.length === 0) return [];
    const items = await this.hydrate(await this.db.selectFrom('evidence_items').selectAll().where('id', 'in', ids).where('deletedAt', 'is', null).execute());
    const chrono = await this.db.selectFrom('evidence_chronolocations').selectAll().where('itemId', 'in', ids).orderBy('id').execute();
    const prov = await this.db.selectFrom('evidence_provenance').selectAll().where('itemId', 'in', ids).orderBy('id').execute();
    return items.map((item) => ({
      item,
      chronolocations: chrono.filter((c) => c.itemId === item.id).map(chronolocationOf),
      provenance: prov.filter((p) => p.itemId === item.id).map(provenanceOf),
    }));
  }

  private async hydrate(rows: Row[]): Promise<EvidenceItem[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => String(r.id));
    const links = await this.db.selectFrom('evidence_links').selectAll().where('itemId', 'in', ids).execute();
    return rows.map((r) => itemOf(r, links.filter((l) => l.itemId === r.id)));
  }

  private async writeLinks(trx: Db, item: EvidenceItem): Promise<void> {
    const rows = [
      ...item.eventIds.map((recordId, position) => ({ id: newId(), itemId: item.id, entity: 'event', recordId, position })),
      ...item.actIds.map((recordId, position) => ({ id: newId(), itemId: item.id, entity: 'act', recordId, position })),
    ];
    if (rows.length > 0) await trx.insertInto('evidence_links').values(rows).execute();
  }

  private async writeHistory(trx: Db, h: EvidenceHistoryWrite): Promise<void> {
    await trx.insertInto('record_history').values({
      id: `${h.recordId}:${h.version}`, entity: h.entity, recordId: h.recordId, version: h.version, action: h.action, actor: h.actor, at: h.at,
      changes: json(h.changes), snapshot: json(h.snapshot),
    }).execute();
  }
}
