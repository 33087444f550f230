/**
 * Merge review: candidate pairs of person records that may be one person, and what a reviewer
 * does with them.
 *
 * - Candidates come from the matcher (packages/core/src/matching): blocking keys of every person
 *   are stored blinded (HMAC, `person_match_keys`), so a new person is compared only with those
 *   sharing a key; pairs at or above the threshold are stored with their score and reasons.
 * - accept: one person keeps every name variant, role and source of both; detentions, charges,
 *   acts and complaints of the other now point at it; the other is soft-deleted, and the decision
 *   (merged → survivor) is the pointer. Each of these writes goes through the record service, so
 *   every record's history shows the merge.
 * - reject: remembered; the pair is never proposed again.
 * - unmerge: restores both persons and re-points the records back, exactly as before the merge
 *   (refused if the survivor was edited since, unless forced); history is kept.
 */
import { can, type Role } from '../auth/roles.js';
import { inScope, type ReadScope } from '../auth/visibility.js';
import { notFound, VigilError } from '../errors.js';
import { newId } from '../ids.js';
import { findCandidates, personKeys, personQueryKeys, phoneticKey, type MatchCandidate } from '../matching/index.js';
import { Id } from '../records/common.schema.js';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../records/entities.js';
import { setAt, valuesAt } from '../records/paths.js';
import { parseInput } from '../records/validate.js';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { type Services } from '../services/index.js';
import { type ImportActor, writer } from './import.service.js';
import { MatchCache, type MatchEntry, matchEntry } from './match-cache.js';
import {
  AcceptMergeInput, type MergeDetail, MergeFilter, type MergeView, type PersonBrief, RejectMergeInput, ScanInput, UnmergeInput,
} from './merge.schema.js';
import { type MatchProfile, type MergeDecisionEntry, type MergeSnapshot, type MergeStatus, type PersonFacts, type StoredMergeCandidate } from './ports.js';

/** Who reads: what they may see (scope) and whether real names are shown. */
export interface MergeViewer {
  scope: ReadScope;
  role: Role;
}

const PAGE = 500;
const MAX_BLOCK = 500;
/** Below this many persons, stored token counts say little about how rare a name is. */
const MIN_PEOPLE_FOR_SHARES = 1000;

const CONSENT_ORDER = ['withheld', 'unknown', 'granted'];
const CONFIDENTIALITY_ORDER = ['confidential', 'restricted', 'public'];

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Every (entity, path) holding a person id, from the entity registry. */
export const PERSON_REFERENCES: { entity: EntityName; path: string }[] = ENTITY_NAMES.flatMap((entity) =>
  Object.entries(ENTITIES[entity].refs).filter(([, target]) => target === 'person').map(([path]) => ({ entity, path })),
);

/** Both records' values, the survivor's first; list fields united, empty ones filled, the stricter consent kept. */
export function mergedFields(survivor: StoredRecord, other: StoredRecord): Record<string, unknown> {
  const uniq = <T>(items: T[], key: (t: T) => string): T[] => {
    const seen = new Set<string>();
    return items.filter((t) => {
      const k = key(t);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };
  const list = <T>(field: string): T[] => [...((survivor[field] as T[] | null) ?? []), ...((other[field] as T[] | null) ?? [])];
  const first = (field: string): unknown => survivor[field] ?? other[field] ?? null;
  const joined = (field: string, sep: string): string | null => {
    const parts = [str(survivor[field]), str(other[field])].filter((v): v is string => v !== null);
    return parts.length === 0 ? null : [...new Set(parts)].join(sep);
  };
  const strictest = (field: string, order: string[]): unknown => {
    const values = [survivor[field], other[field]].filter((v): v is string => typeof v === 'string');
    return values.sort((x, y) => order.indexOf(x) - order.indexOf(y))[0] ?? survivor[field];
  };
  type Name = Record<string, unknown>;
  return {
    names: uniq(list<Name>('names'), (n) => JSON.stringify([n.value, n.script, n.language, n.kind, n.sourceId])),
    roles: uniq(list<Name>('roles'), (r) => JSON.stringify([r.role, r.eventId, r.organisationId, r.organisationName, r.note])),
    sourceIds: [...new Set(list<string>('sourceIds'))],
    pseudonym: first('pseudonym'),
    groupSize: first('groupSize'),
    sex: survivor.sex && survivor.sex !== 'unknown' ? survivor.sex : (other.sex ?? survivor.sex ?? null),
    birthYear: first('birthYear'),
    age: first('age'),
    consent: strictest('consent', CONSENT_ORDER),
    confidentiality: strictest('confidentiality', CONFIDENTIALITY_ORDER),
    contact: joined('contact', '\n'),
    notes: joined('notes', '\n\n'),
  };
}

export class MergeService {
  constructor(
    private readonly repos: Repositories,
    private readonly inTransaction: <T>(fn: (services: Services) => Promise<T>) => Promise<T>,
    private readonly now: () => string,
  ) {}

  /** Brings the blinded match keys up to date with the person records; returns how many were (re)keyed. */
  async refreshKeys(): Promise<number> {
    let done = 0;
    for (;;) {
      const ids = await this.repos.imports.staleMatchPersons(PAGE);
      if (ids.length === 0) return done;
      done += await this.keyPersons(ids);
      if (ids.length < PAGE) return done;
    }
  }

  /** (Re)computes and stores the blinded keys of these persons. */
  private async keyPersons(ids: string[]): Promise<number> {
    return this.storeKeys(await this.repos.imports.matchProfiles(ids));
  }

  private async storeKeys(persons: MatchProfile[]): Promise<number> {
    await this.repos.imports.replaceMatchKeys(persons.map((p) => ({ personId: p.id, version: p.version, keys: personKeys(p).blocking })));
    return persons.length;
  }

  /**
   * Finds candidate pairs for these persons among everyone recorded; stores new ones; returns how
   * many. `refreshAll: false` keys only these persons (an import refreshes everyone's keys once,
   * before its first batch, not once per batch). An import passes one `cache` for all its batches
   * (their neighbours are mostly the same persons; see MatchCache).
   */
  async findForPersons(personIds: string[], runId: string | null = null, options: { refreshAll?: boolean; cache?: MatchCache } = {}): Promise<number> {
    const pages: MatchEntry[][] = [];
    if (options.refreshAll ?? true) {
      await this.refreshKeys();
    } else {
      // Every page is keyed before any is matched (a page's persons are neighbours of the others);
      // the profiles loaded to key them are the ones matched.
      for (let i = 0; i < personIds.length; i += PAGE) {
        const page = await this.repos.imports.matchProfiles(personIds.slice(i, i + PAGE));
        await this.storeKeys(page);
        pages.push(page.map(matchEntry));
      }
    }
    let found = 0;
    for (let i = 0, n = 0; i < personIds.length; i += PAGE, n++) {
      const page = pages[n] ?? (await this.repos.imports.matchProfiles(personIds.slice(i, i + PAGE))).map(matchEntry);
      found += await this.findPage(page, personIds.slice(i, i + PAGE), runId, options.cache);
    }
    return found;
  }

  /** Scans every live person (or the given ones); returns the number of new candidate pairs. */
  async scan(raw: unknown, onProgress?: (done: number) => void): Promise<{ persons: number; candidates: number }> {
    const input = parseInput(ScanInput, raw ?? {});
    if (input.personIds) return { persons: input.personIds.length, candidates: await this.findForPersons(input.personIds) };
    await this.refreshKeys();
    const cache = new MatchCache();
    let after: string | null = null;
    let persons = 0;
    let candidates = 0;
    for (;;) {
      const ids = await this.repos.imports.personIdsAfter(after, PAGE);
      if (ids.length === 0) break;
      candidates += await this.findPage((await this.repos.imports.matchProfiles(ids)).map(matchEntry), ids, null, cache);
      persons += ids.length;
      onProgress?.(persons);
      after = ids[ids.length - 1] ?? null;
    }
    return { persons, candidates };
  }

  /**
   * Matches a page of persons (`incoming`: the live ones among `pageIds`) against everyone sharing
   * a blocking key with them; stores new pairs and rescored pending ones in one transaction.
   */
  private async findPage(incoming: MatchEntry[], pageIds: string[], runId: string | null, cache?: MatchCache): Promise<number> {
    if (incoming.length === 0) return 0;
    const queryKeys = [...new Set(incoming.flatMap((p) => personQueryKeys(p.profile)))];
    const inPage = new Set(pageIds);
    const neighbourIds = (await this.repos.imports.personsSharingKeys(queryKeys, MAX_BLOCK)).filter((id) => !inPage.has(id));
    const neighbours = cache ? await cache.load(this.repos.imports, neighbourIds) : (await this.repos.imports.matchProfiles(neighbourIds)).map(matchEntry);
    for (const entry of incoming) cache?.put(entry);
    const everyone = [...incoming, ...neighbours];
    const facts = new Map((await this.repos.imports.personFacts(everyone.map((p) => p.profile.id))).map((f) => [f.personId, f]));
    const candidate = ({ profile: p, names }: MatchEntry): MatchCandidate => {
      const f = facts.get(p.id);
      return {
        id: p.id, names, birthYear: p.birthYear, city: f?.cities[0] ?? null,
        organisations: p.roles.map((r) => r.organisationName ?? '').filter(Boolean),
        eventIds: [...new Set([...p.roles.map((r) => r.eventId ?? '').filter(Boolean), ...(f?.eventIds ?? [])])],
      };
    };
    const phonetic = new Set(everyone.flatMap((p) => p.phonetic));
    const shares = await this.repos.imports.phoneticShares([...phonetic], MIN_PEOPLE_FOR_SHARES);
    const all = everyone.map(candidate);
    // The matcher asks for a token's share once per comparison; its phonetic key is computed once.
    const shareOf = new Map<string, number>();
    const tokenShare = (token: string): number => {
      let share = shareOf.get(token);
      if (share === undefined) {
        share = shares?.get(phoneticKey(token)) ?? 0;
        shareOf.set(token, share);
      }
      return share;
    };
    const pairs = findCandidates(all.slice(0, incoming.length), all, shares ? { tokenShare } : {});
    if (pairs.length === 0) return 0;
    const existing = await this.repos.imports.existingPairs(pairs.map((p) => pairKey(p.a, p.b)));
    const at = this.now();
    const added: StoredMergeCandidate[] = [];
    const rescored: { next: StoredMergeCandidate; expected: number }[] = [];
    for (const p of pairs) {
      const key = pairKey(p.a, p.b);
      const known = existing.get(key);
      if (known) {
        if (known.status === 'pending' && (known.score !== p.score || JSON.stringify(known.reasons) !== JSON.stringify(p.reasons))) {
          rescored.push({ next: { ...known, score: p.score, reasons: p.reasons, updatedAt: at, version: known.version + 1 }, expected: known.version });
        }
        continue;
      }
      const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
      const c: StoredMergeCandidate = {
        id: newId(), personA: a, personB: b, score: p.score, reasons: p.reasons, status: 'pending', version: 1, runId, foundAt: at, updatedAt: at,
        decidedAt: null, decidedBy: null, note: null, survivorId: null, mergedId: null, snapshot: null,
      };
      existing.set(key, c);
      added.push(c);
    }
    // One transaction (one commit, one fsync) for the page's pairs, not one per pair.
    if (added.length > 0 || rescored.length > 0) {
      await this.repos.transaction(async (tx) => {
        for (const r of rescored) await tx.imports.updateCandidate(r.next, r.expected);
        await tx.imports.insertCandidates(added);
      });
    }
    return added.length;
  }

  // ---- reading

  async list(raw: unknown, viewer: MergeViewer): Promise<{ items: MergeView[]; nextCursor: string | null }> {
    const filter = parseInput(MergeFilter, raw ?? {});
    const status = filter.status ?? 'pending';
    const page = await this.repos.imports.listCandidates({ ...filter, status, liveOnly: status === 'pending' && !filter.personId });
    const persons = await this.personsOf(page.items);
    const facts = await this.factsOf(page.items, viewer);
    const items = page.items.flatMap((c) => {
      const view = this.view(c, persons, facts, viewer);
      return view ? [view] : [];
    });
    return { items, nextCursor: page.nextCursor };
  }

  async get(id: string, viewer: MergeViewer): Promise<MergeDetail> {
    const c = await this.candidate(id);
    const view = this.view(c, await this.personsOf([c]), await this.factsOf([c], viewer), viewer);
    if (!view) throw notFound('merge candidate', id);
    return { ...view, decisions: await this.repos.imports.decisions(c.id) };
  }

  private async candidate(id: string): Promise<StoredMergeCandidate> {
    const parsed = Id.safeParse(id);
    const c = parsed.success ? await this.repos.imports.getCandidate(parsed.data) : null;
    if (!c) throw notFound('merge candidate', id);
    return c;
  }

  private async personsOf(items: StoredMergeCandidate[]): Promise<Map<string, StoredRecord>> {
    const ids = [...new Set(items.flatMap((c) => [c.personA, c.personB]))];
    return new Map((await this.repos.records.getMany('person', ids)).map((p) => [p.id, p]));
  }

  /** Where the persons were held and at which events (what tells namesakes apart); only for identity readers. */
  private async factsOf(items: StoredMergeCandidate[], viewer: MergeViewer): Promise<Map<string, PersonFacts>> {
    if (!can(viewer.role, 'identities:read') || items.length === 0) return new Map();
    const ids = [...new Set(items.flatMap((c) => [c.personA, c.personB]))];
    return new Map((await this.repos.imports.personFacts(ids)).map((f) => [f.personId, f]));
  }

  /** The pair as this reader may see it; null when either person is outside their scope. */
  private view(c: StoredMergeCandidate, persons: Map<string, StoredRecord>, facts: Map<string, PersonFacts>, viewer: MergeViewer): MergeView | null {
    const identities = can(viewer.role, 'identities:read');
    const brief = (id: string): PersonBrief | null => {
      const p = persons.get(id);
      if (!p || !inScope('person', p, viewer.scope)) return null;
      const roles = (p.roles as { role: string; eventId?: string | null }[] | null) ?? [];
      const f = facts.get(id);
      return {
        id, names: identities ? ((p.names as { value: string }[] | null) ?? []).map((n) => n.value) : null,
        pseudonym: str(p.pseudonym), birthYear: (p.birthYear as number | null) ?? null,
        roles: [...new Set(roles.map((r) => r.role))],
        cities: identities ? (f?.cities ?? []) : null,
        eventIds: identities ? [...new Set([...roles.map((r) => r.eventId ?? '').filter(Boolean), ...(f?.eventIds ?? [])])] : null,
        deleted: Boolean(p.deletedAt), version: p.version,
      };
    };
    const a = brief(c.personA);
    const b = brief(c.personB);
    if (!a || !b) return null;
    return {
      id: c.id, status: c.status, score: c.score, reasons: identities ? c.reasons : null, personA: a, personB: b, survivorId: c.survivorId, mergedId: c.mergedId,
      runId: c.runId, foundAt: c.foundAt, decidedAt: c.decidedAt, decidedBy: c.decidedBy, note: c.note, version: c.version,
    };
  }

  // ---- deciding

  /** Merges the pair into one person; see the module comment. */
  async accept(id: string, raw: unknown, actor: ImportActor, viewer: MergeViewer): Promise<MergeDetail> {
    const input = parseInput(AcceptMergeInput, raw ?? {});
    await this.inTransaction(async (s) => {
      const c = await this.decidable(s, id, input.version, ['pending', 'rejected', 'unmerged']);
      const survivorId = input.survivorId ?? (c.personA < c.personB ? c.personA : c.personB);
      if (survivorId !== c.personA && survivorId !== c.personB) throw new VigilError('VALIDATION_FAILED', 'survivorId must be one of the two persons of the pair', [{ path: 'survivorId', problem: 'not in this pair' }]);
      const otherId = survivorId === c.personA ? c.personB : c.personA;
      const survivor = await s.records.editable('person', survivorId, undefined);
      const other = await s.records.editable('person', otherId, undefined);
      const after = await s.records.patchWith('person', survivor, mergedFields(survivor, other), writer(actor));
      const repointed: MergeSnapshot['repointed'] = [];
      for (const ref of await s.repos.imports.recordsReferencing(other.id)) {
        const record = await s.repos.records.get(ref.entity, ref.id);
        if (!record || record.deletedAt) continue;
        const paths = await this.repoint(s, record, ref.entity, other.id, survivor.id, writer(actor));
        if (paths.length) repointed.push({ entity: ref.entity, id: ref.id, paths });
      }
      const clients = await s.repos.imports.clientsOf(other.id);
      const survivorClients = (await s.repos.imports.clientsOf(survivor.id)).map((a) => a.userId);
      if (clients.length) {
        await s.repos.imports.assignClients(clients.filter((a) => !survivorClients.includes(a.userId)).map((a) => ({ ...a, personId: survivor.id })));
        await s.repos.imports.unassignClients(clients.map((a) => a.userId), other.id);
      }
      await s.records.remove('person', other.id, undefined, writer(actor));
      const at = this.now();
      const snapshot: MergeSnapshot = { survivorBefore: survivor, survivorAfterVersion: after.version, mergedBefore: other, repointed, clients, survivorClients };
      await s.repos.imports.updateCandidate({
        ...c, status: 'accepted', survivorId, mergedId: other.id, snapshot, decidedAt: at, decidedBy: actor.name, note: input.note ?? null, updatedAt: at, version: c.version + 1,
      }, c.version);
      await this.log(s, c.id, 'accepted', actor, input.note ?? null, at);
      await s.repos.audit.append({
        actor: actor.id, actorName: actor.name, address: actor.address ?? null, action: 'merge', entity: 'person', recordId: survivorId, at,
        details: { candidateId: c.id, mergedId: other.id, repointed: repointed.length },
      });
    });
    return this.get(id, viewer);
  }

  async reject(id: string, raw: unknown, actor: ImportActor, viewer: MergeViewer): Promise<MergeDetail> {
    const input = parseInput(RejectMergeInput, raw ?? {});
    await this.inTransaction(async (s) => {
      const c = await this.decidable(s, id, input.version, ['pending', 'unmerged']);
      const at = this.now();
      await s.repos.imports.updateCandidate({ ...c, status: 'rejected', decidedAt: at, decidedBy: actor.name, note: input.note ?? null, updatedAt: at, version: c.version + 1 }, c.version);
      await this.log(s, c.id, 'rejected', actor, input.note ?? null, at);
    });
    return this.get(id, viewer);
  }

  /** Undoes an accepted merge; see the module comment. */
  async unmerge(id: string, raw: unknown, actor: ImportActor, viewer: MergeViewer): Promise<MergeDetail & { warnings: string[] }> {
    const input = parseInput(UnmergeInput, raw ?? {});
    const warnings: string[] = [];
    await this.inTransaction(async (s) => {
      const c = await this.decidable(s, id, undefined, ['accepted']);
      const snap = c.snapshot;
      if (!snap || !c.survivorId || !c.mergedId) throw new VigilError('CONFLICT', 'This merge has no snapshot to restore from');
      const survivor = await s.repos.records.get('person', c.survivorId);
      if (!survivor || survivor.deletedAt) {
        throw new VigilError('CONFLICT', `The surviving person ${c.survivorId} is deleted (merged into another person?): undo that first, then unmerge this pair`);
      }
      if (survivor.version !== snap.survivorAfterVersion && !input.force) {
        throw new VigilError('CONFLICT', `Person ${survivor.id} was edited after the merge (version ${snap.survivorAfterVersion} then, ${survivor.version} now). Unmerging restores it as it was before the merge and so undoes those edits (its history keeps them); send force: true to go ahead`);
      }
      const merged = await s.repos.records.get('person', c.mergedId);
      if (!merged) throw notFound('person', c.mergedId);
      if (merged.deletedAt) await s.records.restore('person', merged.id, writer(actor));
      const before = snap.survivorBefore;
      const fields = Object.keys(ENTITIES.person.input.shape);
      await s.records.patchWith('person', survivor, Object.fromEntries(fields.map((k) => [k, before[k] ?? null])), writer(actor));
      for (const ref of snap.repointed) {
        const record = await s.repos.records.get(ref.entity, ref.id);
        if (!record || record.deletedAt) {
          warnings.push(`${ref.entity} ${ref.id} is deleted; it still points at ${survivor.id}`);
          continue;
        }
        const clone = structuredClone<StoredRecord>(record);
        const moved = ref.paths.filter((path) => valuesAt(clone, path.replace(/\.\d+(?=\.|$)/g, '[]')).some((v) => v.path === path && v.value === survivor.id));
        for (const path of moved) setAt(clone, path, merged.id);
        if (moved.length < ref.paths.length) warnings.push(`${ref.entity} ${ref.id} was re-pointed since the merge; left as it is`);
        if (moved.length) await s.records.patchWith(ref.entity, record, Object.fromEntries([...new Set(moved.map((p) => p.split('.')[0] as string))].map((k) => [k, clone[k]])), writer(actor));
      }
      if (snap.clients.length) {
        await s.repos.imports.assignClients(snap.clients);
        await s.repos.imports.unassignClients(snap.clients.map((a) => a.userId).filter((u) => !snap.survivorClients.includes(u)), survivor.id);
      }
      const at = this.now();
      await s.repos.imports.updateCandidate({ ...c, status: 'unmerged', decidedAt: at, decidedBy: actor.name, note: input.note ?? null, updatedAt: at, version: c.version + 1 }, c.version);
      await this.log(s, c.id, 'unmerged', actor, input.note ?? null, at);
      await s.repos.audit.append({
        actor: actor.id, actorName: actor.name, address: actor.address ?? null, action: 'unmerge', entity: 'person', recordId: survivor.id, at,
        details: { candidateId: c.id, restoredId: merged.id, forced: Boolean(input.force) },
      });
    });
    return { ...(await this.get(id, viewer)), warnings };
  }

  /** Points every reference to `from` in the record at `to`; returns the concrete paths changed. */
  private async repoint(s: Services, record: StoredRecord, entity: EntityName, from: string, to: string, actor: ReturnType<typeof writer>): Promise<string[]> {
    const clone = structuredClone<StoredRecord>(record);
    const paths: string[] = [];
    for (const ref of PERSON_REFERENCES.filter((r) => r.entity === entity)) {
      for (const { path, value } of valuesAt(clone, ref.path)) {
        if (value !== from) continue;
        setAt(clone, path, to);
        paths.push(path);
      }
    }
    if (paths.length) await s.records.patchWith(entity, record, Object.fromEntries([...new Set(paths.map((p) => p.split('.')[0] as string))].map((k) => [k, clone[k]])), actor);
    return paths;
  }

  private async decidable(s: Services, id: string, version: number | undefined, from: MergeStatus[]): Promise<StoredMergeCandidate> {
    const parsed = Id.safeParse(id);
    const c = parsed.success ? await s.repos.imports.getCandidate(parsed.data) : null;
    if (!c) throw notFound('merge candidate', id);
    if (version !== undefined && version !== c.version) {
      throw new VigilError('VERSION_CONFLICT', `This pair changed since you read it (you sent version ${version}, it is now ${c.version}); reload it`, [{ path: 'version', problem: `stale: current version is ${c.version}` }]);
    }
    if (!from.includes(c.status)) {
      const hint = c.status === 'accepted' ? 'it is merged; unmerge it first' : c.status === 'rejected' ? 'it was rejected' : `it is ${c.status}`;
      throw new VigilError('CONFLICT', `This pair cannot be ${from.includes('accepted') ? 'unmerged' : 'decided'} now: ${hint}`);
    }
    return c;
  }

  private async log(s: Services, candidateId: string, action: MergeDecisionEntry['action'], actor: ImportActor, note: string | null, at: string): Promise<void> {
    await s.repos.imports.insertDecision({ id: newId(), candidateId, action, actor: actor.name, at, note });
  }
}
