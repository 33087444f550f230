import { z } from 'zod';
import { type FieldProblem, notFound, validationError, VigilError } from '../errors.js';
import { markFindingsStale, markFindingsStaleMany } from '../findings/stale.js';
import { type AuditEntryInput } from '../audit/audit.schema.js';
import { auditActor } from '../audit/audit.service.js';
import { newId } from '../ids.js';
import { Id, type HistoryEntry } from '../records/common.schema.js';
import { ENTITIES, type EntityDefinition, type EntityName } from '../records/entities.js';
import { setAt, valuesAt } from '../records/paths.js';
import { parseInput } from '../records/validate.js';
import { inScope, type ReadScope } from '../auth/visibility.js';
import { type HistoryWrite, type ListPage, type Repositories, type StoredRecord } from '../repositories.js';
import { toUtcIso } from '../time.js';
import { type VocabularyService } from './vocabulary.service.js';

/** Who writes: a signed-in user (id, name, address) or, for the CLI and imports, a plain name. */
export type ActorLike = string | { id: string; name: string; address?: string | undefined };

const nameOf = (who: ActorLike): string => (typeof who === 'string' ? who : who.name);

/** The audit entry of a record write. */
function auditEntryOf(who: ActorLike, history: HistoryWrite, at: string): AuditEntryInput {
  const actor = typeof who === 'string' ? { id: who, name: who } : who;
  return {
    ...auditActor(actor),
    at,
    action: history.action,
    entity: history.entity,
    recordId: history.recordId,
    details: { version: history.version, fields: Object.keys(history.changes) },
  };
}

/** The audit entry of a record write, appended last in the write's own transaction. */
async function auditWrite(tx: Repositories, who: ActorLike, history: HistoryWrite, at: string): Promise<void> {
  await tx.audit.append(auditEntryOf(who, history, at));
}

/** A new record and its history, validated, not yet written (RecordService.stageCreate). */
export interface StagedCreate {
  entity: EntityName;
  record: StoredRecord;
  history: HistoryWrite;
}

/** Write order of entities: an entity after every entity it points at (foreign keys hold at each insert). */
function writeRank(entity: EntityName, seen: EntityName[] = []): number {
  const targets = Object.values(ENTITIES[entity].refs).filter((t) => t !== entity && !seen.includes(t));
  return targets.length === 0 ? 0 : 1 + Math.max(...targets.map((t) => writeRank(t, [...seen, entity])));
}

/** Per-entity derivations run before validation: defaults that need data, derived columns. */
export type RecordHook = (record: StoredRecord, repos: Repositories) => Promise<void> | void;

const META_KEYS = new Set(['version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'deletedBy']);

/** Create, read, update, soft-delete, restore and list any documented record, with history. */
export class RecordService {
  constructor(
    private readonly repos: Repositories,
    private readonly vocabularies: VocabularyService,
    private readonly hooks: Partial<Record<EntityName, RecordHook>>,
    private readonly now: () => string,
  ) {}

  async create(entity: EntityName, raw: unknown, who: ActorLike): Promise<StoredRecord> {
    const { record, history } = await this.stageCreate(entity, raw, who);
    await this.repos.transaction(async (tx) => {
      await tx.records.insert(entity, record, history);
      await markFindingsStale(tx, entity, null, record, history.at);
      await auditWrite(tx, who, history, history.at);
    });
    return record;
  }

  /**
   * A new record validated exactly as `create` validates it, and its history, not yet written
   * (`createStaged` writes several at once). `known` holds `entity:id` keys of records that
   * exist for this write — staged before it, or found by an earlier check in the same
   * transaction; references to them are not looked up again, and the ones looked up are added.
   */
  async stageCreate(entity: EntityName, raw: unknown, who: ActorLike, known?: Set<string>): Promise<StagedCreate> {
    const def = ENTITIES[entity];
    const input: Record<string, unknown> = parseInput(def.input, raw);
    const actor = nameOf(who);
    const at = this.now();
    const record = {
      ...this.complete(def, input),
      id: newId(),
      version: 1,
      createdAt: at,
      createdBy: actor,
      updatedAt: at,
      updatedBy: actor,
      deletedAt: null,
      deletedBy: null,
    } as StoredRecord;
    await this.prepare(def, record, true, known);
    return { entity, record, history: this.historyOf(def, 'create', null, record, actor, at) };
  }

  /**
   * Writes staged creates in one transaction, as `create` would one by one: rows, children and
   * history with multi-row inserts per entity (entities that others point at first), each
   * record's finding markers, and one audit entry per record, chained in the order given.
   */
  async createStaged(staged: StagedCreate[], who: ActorLike): Promise<void> {
    if (staged.length === 0) return;
    const groups = new Map<EntityName, StagedCreate[]>();
    for (const item of staged) groups.set(item.entity, [...(groups.get(item.entity) ?? []), item]);
    await this.repos.transaction(async (tx) => {
      for (const entity of [...groups.keys()].sort((a, b) => writeRank(a) - writeRank(b))) await tx.records.insertMany(entity, groups.get(entity) ?? []);
      await markFindingsStaleMany(tx, staged.map(({ entity, record, history }) => ({ entity, before: null, after: record, at: history.at })));
      await tx.audit.appendMany(staged.map(({ history }) => auditEntryOf(who, history, history.at)));
    });
  }

  /** One record; with a scope, a record outside it is reported as not found (its existence stays hidden). */
  async get(entity: EntityName, rawId: string, scope?: ReadScope): Promise<StoredRecord> {
    const id = this.parseId(rawId);
    const record = await this.repos.records.get(entity, id);
    if (!record) throw notFound(ENTITIES[entity].label, id);
    if (scope && !inScope(entity, record, scope)) {
      const granted = scope.userId ? await this.repos.accounts.hasGrant(entity, id, scope.userId) : false;
      if (!granted) throw notFound(ENTITIES[entity].label, id);
    }
    return record;
  }

  async list(entity: EntityName, rawFilter: unknown, scope?: ReadScope): Promise<ListPage> {
    // Strict, so a misspelt filter (`citty=`) is refused instead of silently listing everything.
    const filter: Record<string, unknown> = parseInput(ENTITIES[entity].filter.strict(), rawFilter ?? {});
    for (const key of ['from', 'to']) if (typeof filter[key] === 'string') filter[key] = toUtcIso(filter[key]);
    return this.repos.records.list(entity, { ...filter, ...(scope ? { scope } : {}) });
  }

  async update(entity: EntityName, rawId: string, raw: unknown, actor: ActorLike): Promise<StoredRecord> {
    const def = ENTITIES[entity];
    const patch = parseInput(def.patch, raw) as Record<string, unknown> & { version: number };
    const current = await this.editable(entity, rawId, patch.version);
    const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => k !== 'version' && v !== undefined));
    return this.write(def, current, { ...current, ...completeObject(def.patch, changes, true) }, 'update', actor);
  }

  /** Soft delete: the record stays, marked deleted, and the deletion is in its history. */
  async remove(entity: EntityName, rawId: string, version: number | undefined, actor: ActorLike): Promise<StoredRecord> {
    const current = await this.get(entity, rawId);
    if (version !== undefined) this.expectVersion(current, version);
    if (current.deletedAt) return current;
    return this.write(ENTITIES[entity], current, { ...current, deletedAt: this.now(), deletedBy: nameOf(actor) }, 'delete', actor);
  }

  /** Undo a soft delete. */
  async restore(entity: EntityName, rawId: string, actor: ActorLike): Promise<StoredRecord> {
    const current = await this.get(entity, rawId);
    if (!current.deletedAt) return current;
    return this.write(ENTITIES[entity], current, { ...current, deletedAt: null, deletedBy: null }, 'restore', actor);
  }

  async history(entity: EntityName, rawId: string, scope?: ReadScope): Promise<HistoryEntry[]> {
    const record = await this.get(entity, rawId, scope);
    return this.repos.records.history(entity, record.id);
  }

  /** Loads a live record and, when given, checks the client's version before an edit. */
  async editable(entity: EntityName, rawId: string, version: number | undefined): Promise<StoredRecord> {
    const current = await this.get(entity, rawId);
    if (current.deletedAt) throw new VigilError('CONFLICT', `This ${ENTITIES[entity].label} is deleted; restore it before editing`);
    if (version !== undefined) this.expectVersion(current, version);
    return current;
  }

  /** Validates and stores the next state of a record; a no-op edit writes nothing. */
  async patchWith(entity: EntityName, current: StoredRecord, changes: Record<string, unknown>, actor: ActorLike): Promise<StoredRecord> {
    const def = ENTITIES[entity];
    return this.write(def, current, { ...current, ...completeObject(def.patch, changes, true) }, 'update', actor);
  }

  /** Validates and stores the next state of a record; a no-op edit writes nothing. */
  async write(def: EntityDefinition, current: StoredRecord, merged: Record<string, unknown>, action: HistoryEntry['action'], who: ActorLike): Promise<StoredRecord> {
    const actor = nameOf(who);
    const at = this.now();
    const next = { ...merged, version: current.version + 1, updatedAt: at, updatedBy: actor } as unknown as StoredRecord;
    await this.prepare(def, next, action === 'update' || action === 'create');
    const history = this.historyOf(def, action, current, next, actor, at);
    if (Object.keys(history.changes).length === 0) return current;
    await this.repos.transaction(async (tx) => {
      await tx.records.update(def.name, next, current.version, history);
      await markFindingsStale(tx, def.name, current, next, at);
      await auditWrite(tx, who, history, at);
    });
    return next;
  }

  private expectVersion(current: StoredRecord, version: number): void {
    if (current.version !== version) {
      throw new VigilError('VERSION_CONFLICT', `This record changed since you read it (you sent version ${version}, it is now ${current.version}); reload and try again`, [
        { path: 'version', problem: `stale: current version is ${current.version}` },
      ]);
    }
  }

  private parseId(raw: string): string {
    const result = Id.safeParse(raw);
    if (!result.success) throw validationError([{ path: 'id', problem: 'must be a UUID' }]);
    return result.data;
  }

  /** Every schema field present, absent optionals as null, so stored and presented shapes agree. */
  private complete(def: EntityDefinition, input: Record<string, unknown>): Record<string, unknown> {
    return completeObject(def.input, input);
  }

  /** Normalise instants, run the entity's hook, then check vocabularies, references and rules. */
  private async prepare(def: EntityDefinition, record: StoredRecord, validate = true, known?: Set<string>): Promise<void> {
    for (const pattern of def.instants) {
      for (const { path, value } of valuesAt(record, pattern)) setAt(record, path, toUtcIso(String(value)));
    }
    await this.hooks[def.name]?.(record, this.repos);
    if (!validate) return;
    const problems: FieldProblem[] = [
      ...(await this.vocabularies.check(
        Object.entries(def.vocab).flatMap(([pattern, vocabulary]) =>
          valuesAt(record, pattern).map(({ path, value }) => ({ path, vocabulary, code: String(value) })),
        ),
      )),
      ...(await this.missingReferences(def, record, known)),
      ...(def.check?.(record) ?? []),
    ];
    if (problems.length > 0) throw validationError(problems);
  }

  private async missingReferences(def: EntityDefinition, record: StoredRecord, known?: Set<string>): Promise<FieldProblem[]> {
    const wanted = new Map<EntityName, { path: string; id: string }[]>();
    for (const [pattern, target] of Object.entries(def.refs)) {
      for (const { path, value } of valuesAt(record, pattern)) {
        wanted.set(target, [...(wanted.get(target) ?? []), { path, id: String(value) }]);
      }
    }
    const problems: FieldProblem[] = [];
    for (const [target, uses] of wanted) {
      const ids = [...new Set(uses.map((u) => u.id))];
      const unknown = known ? ids.filter((id) => !known.has(`${target}:${id}`)) : ids;
      const found = unknown.length ? await this.repos.records.existingIds(target, unknown) : new Set<string>();
      for (const id of found) known?.add(`${target}:${id}`);
      for (const use of uses) {
        if (!found.has(use.id) && !known?.has(`${target}:${use.id}`)) problems.push({ path: use.path, problem: `no ${ENTITIES[target].label} with id ${use.id}` });
      }
    }
    return problems;
  }

  private historyOf(def: EntityDefinition, action: HistoryEntry['action'], before: StoredRecord | null, after: StoredRecord, actor: string, at: string): HistoryWrite {
    const changes: HistoryEntry['changes'] = {};
    for (const key of Object.keys(after)) {
      if (META_KEYS.has(key) && action !== 'delete' && action !== 'restore') continue;
      if (key === 'version' || key === 'updatedAt' || key === 'updatedBy') continue;
      const from = before ? before[key] : null;
      if (JSON.stringify(from) !== JSON.stringify(after[key])) changes[key] = { from: from ?? null, to: after[key] ?? null };
    }
    return { entity: def.name, recordId: after.id, version: after.version, action, actor, at, changes, snapshot: after };
  }
}

/** The object schema inside optional/nullable/default wrappers, if there is one. */
function objectOf(schema: z.ZodType): z.ZodObject | null {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodObject ? s : null;
}

function elementObjectOf(schema: z.ZodType): z.ZodObject | null {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodArray ? objectOf(s.element as z.ZodType) : null;
}

/**
 * Fills absent optional fields with null, also inside arrays of objects (names, steps), so a
 * record reads back exactly as it was written and a resent value is not mistaken for a change.
 * With `onlyPresent`, keys absent from the input stay absent (a patch).
 */
function completeObject(schema: z.ZodObject, input: Record<string, unknown>, onlyPresent = false): Record<string, unknown> {
  const full: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const field = schema.shape[key] as z.ZodType;
    if (key === 'version' || (onlyPresent && !(key in input))) continue;
    const value = input[key] ?? null;
    const element = Array.isArray(value) ? elementObjectOf(field) : null;
    full[key] = element ? (value as Record<string, unknown>[]).map((item) => completeObject(element, item)) : value;
  }
  return full;
}

export const DeleteQuery = z.object({ version: z.coerce.number().int().positive().optional() });
