import { type FieldProblem, notFound, validationError, VigilError } from '../errors.js';
import { newId } from '../ids.js';
import { Id, type HistoryEntry } from '../records/common.schema.js';
import { parseInput } from '../records/validate.js';
import { type Repositories } from '../repositories.js';
import { toUtcIso } from '../time.js';
import {
  type ChronolocationRecord, ChronolocationInput, ClaimReviewInput, CommentInput, type CommentRecord, type CustodyAction, type CustodyEntry,
  type EvidenceDetail, EvidenceFilter, type EvidenceItem, EvidencePatch, GeolocationInput, type GeolocationRecord, IngestInput,
  IncidentFilter, IncidentInput, IncidentPatch, type IncidentRecord, type IncidentSummary, type ProvenanceRecord, StatusChangeInput, TransferInput, type VerifyReport,
} from './evidence.schema.js';
import { summariseIncident } from './incidents.js';
import { buildChronology, type ChronologyAct } from './chronology.js';
import { EMPTY_METADATA, normaliseMetadata } from './metadata.js';
import { closestDistance, NEAR_DUPLICATE_DISTANCE } from './phash.js';
import { type ClaimKind, type ClaimRecord, type EvidenceHistoryWrite, type MediaAnalysis, type StagedBlob } from './ports.js';
import { reconcileMediaType, sniffMediaType } from './sniff.js';
import { transitionProblem } from './workflow.js';

/** Who acts and from where (an IP address, `cli@host`): both go into the chain of custody. */
export interface EvidenceActor {
  actor: string;
  origin: string;
}

export interface EvidenceOptions {
  /** Upload limit in bytes; default: the blob store's configured limit (8 GiB unless set). */
  maxBytes?: number;
}

const ITEM_TRACKED: (keyof EvidenceItem)[] = ['title', 'description', 'sensitivity', 'confidentiality', 'eventIds', 'actIds', 'status', 'assignee', 'deletedAt', 'deletedBy'];

/** Drains a stream the caller will not store, so the transport is left in a clean state. */
async function drain(source: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _chunk of source) { /* discard */ }
}

/**
 * The evidence vault: ingest (hash while streaming, content-addressed, originals untouched),
 * provenance, chain of custody, integrity audit, verification workflow and claims.
 */
export class EvidenceService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => string,
    private readonly options: EvidenceOptions = {},
    private readonly inTransaction: <T>(fn: (repos: Repositories) => Promise<T>) => Promise<T> = (fn) => repos.transaction(fn),
  ) {}

  /** The upload limit in force. */
  get maxBytes(): number {
    return this.options.maxBytes ?? this.repos.evidenceFiles.maxBytes;
  }

  /**
   * Stores one file with its first (or a further) provenance. Input is checked before a byte is
   * kept; the content is hashed as it streams; the same bytes twice are stored once.
   */
  async ingest(source: AsyncIterable<Uint8Array>, rawMeta: unknown, who: EvidenceActor): Promise<{ item: EvidenceDetail; duplicate: boolean; provenanceId: string }> {
    let meta: IngestInput;
    try {
      meta = parseInput(IngestInput, rawMeta);
      this.normaliseInstants(meta);
      await this.checkRefs(meta);
    } catch (e) {
      await drain(source);
      throw e;
    }
    const staged = await this.repos.evidenceFiles.stage(source, this.maxBytes);
    try {
      if (staged.size === 0) throw validationError([{ path: 'file', problem: 'is empty (0 bytes); nothing to preserve' }]);
      const typed = reconcileMediaType(meta.mediaType, sniffMediaType(staged.head));
      if ('problem' in typed) throw validationError([{ path: 'mediaType', problem: typed.problem }]);
      const existing = await this.repos.evidence.getBySha(staged.sha256);
      if (existing) return await this.addCopy(existing, meta, who);
      return await this.storeNew(staged, typed.type, meta, who);
    } finally {
      await staged.discard();
    }
  }

  private async storeNew(staged: StagedBlob, mediaType: string, meta: IngestInput, who: EvidenceActor): Promise<{ item: EvidenceDetail; duplicate: boolean; provenanceId: string }> {
    const analysis = await this.analyze(staged, mediaType);
    const created = await staged.commit();
    const at = this.now();
    const item: EvidenceItem = {
      id: newId(), version: 1, sha256: staged.sha256, size: staged.size, mediaType, filename: meta.filename,
      title: meta.title ?? null, description: meta.description ?? null, sensitivity: [...new Set(meta.sensitivity)], confidentiality: meta.confidentiality,
      status: 'unreviewed', assignee: null, eventIds: [...new Set(meta.eventIds)], actIds: [...new Set(meta.actIds)],
      metadata: normaliseMetadata(analysis.raw), tools: analysis.tools,
      viewingCopies: analysis.copies.map(({ kind, mediaType: type, width, height }) => ({ kind, mediaType: type, width, height })),
      phash: analysis.phash, frameHashes: analysis.frameHashes, createdAt: at, createdBy: who.actor, updatedAt: at, updatedBy: who.actor, deletedAt: null, deletedBy: null,
    };
    const provenance = this.provenanceOf(item.id, meta, who, at);
    try {
      for (const copy of analysis.copies) await this.repos.evidenceFiles.putDerived(item.sha256, copy.kind, copy.bytes);
      await this.repos.evidence.insertItem(item, analysis.raw, provenance, this.custodyOf(item, 'ingest', who, at, { note: `received as ${meta.filename}` }), this.historyOf('evidence_item', 'create', null, item, who.actor, at));
    } catch (e) {
      // Another upload of the same bytes won the race: record this one as a further copy.
      const winner = e instanceof VigilError && e.code === 'CONFLICT' ? await this.repos.evidence.getBySha(item.sha256) : null;
      if (winner) return this.addCopy(winner, meta, who);
      if (created) await this.repos.evidenceFiles.forget(item.sha256);
      throw e;
    }
    return { item: await this.detail(item), duplicate: false, provenanceId: provenance.id };
  }

  /** The bytes are already held: keep one file, add this provenance and a custody entry. */
  private async addCopy(item: EvidenceItem, meta: IngestInput, who: EvidenceActor): Promise<{ item: EvidenceDetail; duplicate: boolean; provenanceId: string }> {
    const at = this.now();
    const provenance = this.provenanceOf(item.id, meta, who, at);
    await this.inTransaction(async (tx) => {
      await tx.evidence.addProvenance(provenance);
      await tx.evidence.addCustody([this.custodyOf(item, 'ingest', who, at, { note: `received again as ${meta.filename}; identical bytes, stored once` })]);
    });
    return { item: await this.detail(item), duplicate: true, provenanceId: provenance.id };
  }

  /** Metadata, viewing copies and perceptual hash; a failing or missing tool is reported, never fatal. */
  private async analyze(staged: StagedBlob, mediaType: string): Promise<MediaAnalysis> {
    try {
      return await this.repos.media.analyze(staged, mediaType);
    } catch (e) {
      return { raw: {}, tools: [{ tool: 'analysis', status: 'failed', message: (e as Error).message }], copies: [], phash: null, frameHashes: [] };
    }
  }

  /** One item with provenance, custody, claims and comments; logs a view when `log` is set. */
  async get(rawId: string, who: EvidenceActor | null): Promise<EvidenceDetail> {
    const item = await this.item(rawId);
    if (who) await this.repos.evidence.addCustody([this.custodyOf(item, 'view', who, this.now())]);
    return this.detail(item);
  }

  async list(rawFilter: unknown): Promise<{ items: EvidenceItem[]; nextCursor: string | null }> {
    const f = parseInput(EvidenceFilter, rawFilter ?? {});
    return this.repos.evidence.list({ limit: f.limit, cursor: f.cursor, includeDeleted: f.includeDeleted, status: f.status, eventId: f.eventId, sha256: f.sha256, mediaType: f.mediaType });
  }

  /** The original bytes, for a download or an export; the act is logged in the chain of custody first. */
  async open(rawId: string, action: 'download' | 'export', who: EvidenceActor, note: string | null = null): Promise<{ item: EvidenceItem; content: AsyncIterable<Uint8Array> }> {
    const item = await this.item(rawId);
    if (!(await this.repos.evidenceFiles.has(item.sha256))) throw new VigilError('RECORD_NOT_FOUND', `The file of evidence item ${item.id} is missing from storage; run vigil evidence verify`);
    await this.repos.evidence.addCustody([this.custodyOf(item, action, who, this.now(), { note })]);
    return { item, content: this.repos.evidenceFiles.read(item.sha256) };
  }

  /** A viewing copy (thumbnail or poster frame), never the original. */
  async viewingCopy(rawId: string, kind: string): Promise<{ mediaType: string; bytes: Uint8Array }> {
    const item = await this.item(rawId);
    const copy = item.viewingCopies.find((c) => c.kind === kind);
    const bytes = copy ? await this.repos.evidenceFiles.readDerived(item.sha256, copy.kind) : null;
    if (!copy || !bytes) throw new VigilError('RECORD_NOT_FOUND', `Evidence item ${item.id} has no ${kind}`, [{ path: 'kind', problem: 'not available' }]);
    return { mediaType: copy.mediaType, bytes };
  }

  /** Hands the item to another custodian (a partner, a prosecutor): logged, nothing else changes. */
  async transfer(rawId: string, raw: unknown, who: EvidenceActor): Promise<EvidenceDetail> {
    const input = parseInput(TransferInput, raw);
    const item = await this.item(rawId);
    await this.repos.evidence.addCustody([this.custodyOf(item, 'transfer', who, this.now(), { note: `to ${input.to}${input.note ? `: ${input.note}` : ''}` })]);
    return this.detail(item);
  }

  /** Re-hashes every stored original; each check is logged on its item. Mismatches and missing files are reported. */
  async verify(who: EvidenceActor, onItem?: (itemId: string, result: CustodyEntry['result']) => void): Promise<VerifyReport> {
    const report: VerifyReport = { checked: 0, ok: 0, problems: [] };
    let after: string | null = null;
    for (;;) {
      const page = await this.repos.evidence.page(after, 200);
      if (page.length === 0) break;
      for (const { id, sha256 } of page) {
        const seen = await this.repos.evidenceFiles.rehash(sha256);
        const result: CustodyEntry['result'] = !seen ? 'missing' : seen.sha256 === sha256 ? 'ok' : 'mismatch';
        await this.repos.evidence.addCustody([{
          id: newId(), itemId: id, action: 'rehash', actor: who.actor, at: this.now(), origin: who.origin, sha256: seen?.sha256 ?? null, result,
          note: result === 'ok' ? null : result === 'missing' ? 'stored file is missing' : `stored file hashes to ${seen?.sha256 ?? ''}, expected ${sha256}`,
        }]);
        report.checked++;
        if (result === 'ok') report.ok++;
        else report.problems.push({ itemId: id, sha256, problem: result, observed: seen?.sha256 ?? null });
        onItem?.(id, result);
      }
      after = page[page.length - 1]?.id ?? null;
    }
    return report;
  }

  /** Edits descriptive fields (title, labels, links); the file and its hash never change. */
  async update(rawId: string, raw: unknown, actor: string): Promise<EvidenceDetail> {
    const patch = parseInput(EvidencePatch, raw);
    await this.checkRefs({ eventIds: patch.eventIds ?? [], actIds: patch.actIds ?? [] });
    const current = await this.editable(rawId, patch.version);
    const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => k !== 'version' && v !== undefined)) as Partial<EvidenceItem>;
    return this.write(current, { ...current, ...changes }, 'update', actor);
  }

  /** Moves an item along the verification workflow, optionally assigning it and commenting. */
  async setStatus(rawId: string, raw: unknown, actor: string): Promise<EvidenceDetail> {
    const input = parseInput(StatusChangeInput, raw);
    const current = await this.editable(rawId, input.version);
    const problem = transitionProblem(current.status, input.status);
    if (problem) throw validationError([{ path: 'status', problem }]);
    const next = { ...current, status: input.status, assignee: input.assignee === undefined ? current.assignee : input.assignee };
    return this.inTransaction(async (tx) => {
      const result = await this.on(tx).write(current, next, 'update', actor);
      if (input.comment) await tx.evidence.addComment(this.commentOf(current.id, `[${current.status} → ${input.status}] ${input.comment}`, actor));
      return input.comment ? this.on(tx).detail(await this.on(tx).item(current.id)) : result;
    });
  }

  async addComment(rawId: string, raw: unknown, actor: string): Promise<CommentRecord> {
    const input = parseInput(CommentInput, raw);
    const item = await this.item(rawId);
    const comment = this.commentOf(item.id, input.body, actor);
    await this.repos.evidence.addComment(comment);
    return comment;
  }

  async remove(rawId: string, version: number | undefined, actor: string): Promise<EvidenceDetail> {
    const current = await this.item(rawId);
    if (version !== undefined) this.expectVersion(current, version);
    if (current.deletedAt) return this.detail(current);
    return this.write(current, { ...current, deletedAt: this.now(), deletedBy: actor }, 'delete', actor);
  }

  async restore(rawId: string, actor: string): Promise<EvidenceDetail> {
    const current = await this.item(rawId);
    if (!current.deletedAt) return this.detail(current);
    return this.write(current, { ...current, deletedAt: null, deletedBy: null }, 'restore', actor);
  }

  async history(rawId: string): Promise<HistoryEntry[]> {
    const item = await this.item(rawId);
    return this.repos.evidence.history('evidence_item', item.id);
  }

  /** A geolocation or chronolocation claim: a separate, reviewable record with its author. */
  async addClaim(kind: ClaimKind, rawId: string, raw: unknown, actor: string): Promise<ClaimRecord> {
    const item = await this.item(rawId);
    if (item.deletedAt) throw new VigilError('CONFLICT', 'This evidence item is deleted; restore it before adding claims');
    const at = this.now();
    const meta = { id: newId(), itemId: item.id, version: 1, status: 'proposed' as const, createdBy: actor, createdAt: at, reviewedBy: null, reviewedAt: null, reviewNote: null };
    let claim: ClaimRecord;
    if (kind === 'geolocation') {
      const input = parseInput(GeolocationInput, raw);
      if (input.placeId && (await this.repos.records.existingIds('place', [input.placeId])).size === 0) {
        throw validationError([{ path: 'placeId', problem: `no place with id ${input.placeId}` }]);
      }
      claim = { ...meta, ...input, placeId: input.placeId ?? null, notes: input.notes ?? null } satisfies GeolocationRecord;
    } else {
      const input = parseInput(ChronolocationInput, raw);
      const from = toUtcIso(input.from);
      const to = toUtcIso(input.to);
      if (to < from) throw validationError([{ path: 'to', problem: 'must not be before from' }]);
      claim = { ...meta, ...input, from, to, notes: input.notes ?? null } satisfies ChronolocationRecord;
    }
    await this.repos.evidence.insertClaim(kind, claim, this.historyOf(`evidence_${kind}`, 'create', null, claim, actor, at));
    return claim;
  }

  /** Confirms or rejects a claim; the reviewer and note are kept beside the author's. */
  async reviewClaim(kind: ClaimKind, rawClaimId: string, raw: unknown, actor: string): Promise<ClaimRecord> {
    const input = parseInput(ClaimReviewInput, raw);
    const id = this.parseId(rawClaimId);
    const current = await this.repos.evidence.getClaim(kind, id);
    if (!current) throw notFound(`${kind} claim`, id);
    // Four eyes (Berkeley Protocol): a claim counts as checked only when someone else checked it.
    if (current.createdBy === actor) throw new VigilError('FORBIDDEN', `A ${kind} claim is reviewed by someone other than its author (${actor})`, [{ path: 'status', problem: 'the author cannot review their own claim' }]);
    const at = this.now();
    const next = { ...current, version: current.version + 1, status: input.status, reviewedBy: actor, reviewedAt: at, reviewNote: input.note ?? null };
    await this.repos.evidence.updateClaim(kind, next, this.historyOf(`evidence_${kind}`, 'update', current, next, actor, at));
    return next;
  }

  /** An event's evidence and acts in order of best-known time, with precision and what is verified. */
  async chronology(rawEventId: string) {
    const eventId = this.parseId(rawEventId);
    if ((await this.repos.records.existingIds('event', [eventId])).size === 0) throw notFound('event', eventId);
    const acts: ChronologyAct[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.repos.records.list('act', { eventId, limit: 500, includeDeleted: false, ...(cursor ? { cursor } : {}) });
      acts.push(...page.items.map((a) => ({
        id: a.id, type: String(a.type), startAt: (a.startAt as string | null) ?? null, endAt: (a.endAt as string | null) ?? null,
        startPrecision: (a.startPrecision as string | null) ?? null, description: (a.description as string | null) ?? null,
      })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const chronology = buildChronology(eventId, await this.repos.evidence.forEvent(eventId), acts);
    return { ...chronology, incidents: await this.incidents({ eventId }) };
  }

  /** A named group of an event's items with the dead and injured counted in them, and the sources of the counts. */
  async createIncident(raw: unknown, actor: string): Promise<IncidentSummary> {
    const input = parseInput(IncidentInput, raw);
    const at = this.now();
    const incident: IncidentRecord = {
      id: newId(), version: 1, eventId: input.eventId, title: input.title, from: input.from ? toUtcIso(input.from) : null, to: input.to ? toUtcIso(input.to) : null,
      itemIds: [...new Set(input.itemIds)], killed: input.killed ?? null, injured: input.injured ?? null, sourceIds: [...new Set(input.sourceIds)],
      countNote: input.countNote ?? null, description: input.description ?? null, createdAt: at, createdBy: actor, updatedAt: at, updatedBy: actor, deletedAt: null, deletedBy: null,
    };
    await this.checkIncident(incident);
    await this.repos.evidence.insertIncident(incident, this.historyOf('evidence_incident', 'create', null, incident, actor, at));
    return this.summarise(incident);
  }

  async updateIncident(rawId: string, raw: unknown, actor: string): Promise<IncidentSummary> {
    const patch = parseInput(IncidentPatch, raw);
    const current = await this.incidentRecord(rawId);
    if (current.deletedAt) throw new VigilError('CONFLICT', 'This incident is deleted; restore it before editing');
    this.expectVersion(current, patch.version);
    const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => k !== 'version' && v !== undefined)) as Partial<IncidentRecord>;
    if (changes.from) changes.from = toUtcIso(changes.from);
    if (changes.to) changes.to = toUtcIso(changes.to);
    const at = this.now();
    const next: IncidentRecord = { ...current, ...changes, version: current.version + 1, updatedAt: at, updatedBy: actor };
    await this.checkIncident(next);
    await this.repos.evidence.updateIncident(next, current.version, this.historyOf('evidence_incident', 'update', current, next, actor, at));
    return this.summarise(next);
  }

  async removeIncident(rawId: string, version: number | undefined, actor: string): Promise<IncidentSummary> {
    const current = await this.incidentRecord(rawId);
    if (version !== undefined) this.expectVersion(current, version);
    if (current.deletedAt) return this.summarise(current);
    const at = this.now();
    const next: IncidentRecord = { ...current, deletedAt: at, deletedBy: actor, version: current.version + 1, updatedAt: at, updatedBy: actor };
    await this.repos.evidence.updateIncident(next, current.version, this.historyOf('evidence_incident', 'delete', current, next, actor, at));
    return this.summarise(next);
  }

  async incident(rawId: string): Promise<IncidentSummary> {
    return this.summarise(await this.incidentRecord(rawId));
  }

  async incidents(rawFilter: unknown): Promise<IncidentSummary[]> {
    const filter = parseInput(IncidentFilter, rawFilter ?? {});
    const list = await this.repos.evidence.incidents(filter.eventId, filter.includeDeleted);
    return Promise.all(list.map((i) => this.summarise(i)));
  }

  async incidentHistory(rawId: string): Promise<HistoryEntry[]> {
    const incident = await this.incidentRecord(rawId);
    return this.repos.evidence.history('evidence_incident', incident.id);
  }

  // --- helpers -------------------------------------------------------------------------------

  private async incidentRecord(rawId: string): Promise<IncidentRecord> {
    const id = this.parseId(rawId);
    const incident = await this.repos.evidence.getIncident(id);
    if (!incident) throw notFound('incident', id);
    return incident;
  }

  private async summarise(incident: IncidentRecord): Promise<IncidentSummary> {
    const event = await this.repos.records.get('event', incident.eventId);
    const timeZone = typeof event?.timezone === 'string' ? event.timezone : 'Asia/Almaty';
    return summariseIncident(incident, await this.repos.evidence.itemsById(incident.itemIds), timeZone);
  }

  /** The event, every item and every source must exist; the window must not end before it starts. */
  private async checkIncident(incident: IncidentRecord): Promise<void> {
    const problems: FieldProblem[] = [];
    if ((await this.repos.records.existingIds('event', [incident.eventId])).size === 0) problems.push({ path: 'eventId', problem: `no event with id ${incident.eventId}` });
    const items = new Set((await this.repos.evidence.itemsById(incident.itemIds)).filter((i) => !i.deletedAt).map((i) => i.id));
    incident.itemIds.forEach((id, i) => {
      if (!items.has(id)) problems.push({ path: `itemIds.${i}`, problem: `no evidence item with id ${id}` });
    });
    const sources = await this.repos.records.existingIds('source', incident.sourceIds);
    incident.sourceIds.forEach((id, i) => {
      if (!sources.has(id)) problems.push({ path: `sourceIds.${i}`, problem: `no source with id ${id}` });
    });
    if (incident.from && incident.to && incident.to < incident.from) problems.push({ path: 'to', problem: 'must not be before from' });
    if (problems.length > 0) throw validationError(problems);
  }

  private on(repos: Repositories): EvidenceService {
    return new EvidenceService(repos, this.now, this.options, (fn) => fn(repos));
  }

  private async item(rawId: string): Promise<EvidenceItem> {
    const id = this.parseId(rawId);
    const item = await this.repos.evidence.get(id);
    if (!item) throw notFound('evidence item', id);
    return item;
  }

  private async editable(rawId: string, version: number): Promise<EvidenceItem> {
    const current = await this.item(rawId);
    if (current.deletedAt) throw new VigilError('CONFLICT', 'This evidence item is deleted; restore it before editing');
    this.expectVersion(current, version);
    return current;
  }

  private async write(current: EvidenceItem, merged: EvidenceItem, action: HistoryEntry['action'], actor: string): Promise<EvidenceDetail> {
    const at = this.now();
    const next: EvidenceItem = { ...merged, version: current.version + 1, updatedAt: at, updatedBy: actor };
    const history = this.historyOf('evidence_item', action, current, next, actor, at);
    if (Object.keys(history.changes).length === 0) return this.detail(current);
    await this.repos.evidence.updateItem(next, current.version, history);
    return this.detail(next);
  }

  private async detail(item: EvidenceItem): Promise<EvidenceDetail> {
    const parts = await this.repos.evidence.parts(item.id);
    // Any frame of this item close to any frame of another (a video's key frames, a photo's picture).
    const nearDuplicates = item.frameHashes.length > 0
      ? (await this.repos.evidence.withPhash(item.id))
        .map((o) => ({ id: o.id, distance: closestDistance(item.frameHashes, o.hashes) }))
        .filter((d) => d.distance <= NEAR_DUPLICATE_DISTANCE)
        .sort((a, b) => a.distance - b.distance)
      : [];
    return { ...item, metadata: item.metadata ?? EMPTY_METADATA, ...parts, nearDuplicates };
  }

  private expectVersion(current: { version: number }, version: number): void {
    if (current.version !== version) {
      throw new VigilError('VERSION_CONFLICT', `This evidence item changed since you read it (you sent version ${version}, it is now ${current.version}); reload and try again`, [
        { path: 'version', problem: `stale: current version is ${current.version}` },
      ]);
    }
  }

  private parseId(raw: string): string {
    const result = Id.safeParse(raw);
    if (!result.success) throw validationError([{ path: 'id', problem: 'must be a UUID' }]);
    return result.data;
  }

  private normaliseInstants(meta: IngestInput): void {
    if (meta.postedAt) meta.postedAt = toUtcIso(meta.postedAt);
    if (meta.capturedAt) meta.capturedAt = toUtcIso(meta.capturedAt);
  }

  /** Every linked event, act and source must exist; all problems reported at once. */
  private async checkRefs(meta: { eventIds: string[]; actIds: string[]; sourceId?: string | null | undefined }): Promise<void> {
    const problems: FieldProblem[] = [];
    const check = async (entity: 'event' | 'act' | 'source', field: string, ids: string[]) => {
      const found = await this.repos.records.existingIds(entity, [...new Set(ids)]);
      ids.forEach((id, i) => {
        if (!found.has(id)) problems.push({ path: field === 'sourceId' ? field : `${field}.${i}`, problem: `no ${entity} with id ${id}` });
      });
    };
    await check('event', 'eventIds', meta.eventIds);
    await check('act', 'actIds', meta.actIds);
    if (meta.sourceId) await check('source', 'sourceId', [meta.sourceId]);
    if (problems.length > 0) throw validationError(problems);
  }

  private provenanceOf(itemId: string, meta: IngestInput, who: EvidenceActor, at: string): ProvenanceRecord {
    return {
      id: newId(), itemId, filename: meta.filename, declaredType: meta.mediaType ?? null, receivedAt: at, receivedBy: who.actor,
      originalUrl: meta.originalUrl ?? null, platform: meta.platform ?? null, postingAccount: meta.postingAccount ?? null,
      postedAt: meta.postedAt ?? null, capturedAt: meta.capturedAt ?? null, capturedBy: meta.capturedBy ?? null,
      captureTool: meta.captureTool ?? null, notes: meta.notes ?? null, sourceId: meta.sourceId ?? null,
    };
  }

  private custodyOf(item: EvidenceItem, action: CustodyAction, who: EvidenceActor, at: string, extra: { note?: string | null } = {}): CustodyEntry {
    return { id: newId(), itemId: item.id, action, actor: who.actor, at, origin: who.origin, sha256: item.sha256, result: 'ok', note: extra.note ?? null };
  }

  private commentOf(itemId: string, body: string, actor: string): CommentRecord {
    return { id: newId(), itemId, actor, at: this.now(), body };
  }

  private historyOf<T extends object>(entity: EvidenceHistoryWrite['entity'], action: HistoryEntry['action'], before: T | null, after: T, actor: string, at: string): EvidenceHistoryWrite {
    const changes: HistoryEntry['changes'] = {};
    const a = after as Record<string, unknown>;
    const b = before as Record<string, unknown> | null;
    const keys = entity === 'evidence_item' ? (action === 'create' ? Object.keys(a) : ITEM_TRACKED) : Object.keys(a);
    for (const key of keys) {
      if (['version', 'updatedAt', 'updatedBy'].includes(key)) continue;
      const from = b ? b[key] : null;
      if (JSON.stringify(from ?? null) !== JSON.stringify(a[key] ?? null)) changes[key] = { from: from ?? null, to: a[key] ?? null };
    }
    return { entity, recordId: String(a.id), version: Number(a.version), action, actor, at, changes, snapshot: a };
  }
}
