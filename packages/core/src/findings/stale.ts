import { type EntityName } from '../records/entities.js';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { eventGroup, isSliced, ownerOf, relevantState } from './facts.js';
import { type FindingGroup } from './types.js';

/**
 * The record-write hook (RecordService calls it once per stored write): marks the groups whose
 * findings the write may change as dirty. It never recomputes, so the write path stays one upsert
 * (plus an indexed lookup or two for charges, complaints and persons); reads of findings and
 * `recompute` do the work. A write that leaves the fields the rules read unchanged (a note, a
 * name, a source) marks nothing.
 */
export async function markFindingsStale(repos: Repositories, entity: EntityName, before: StoredRecord | null, after: StoredRecord, at: string): Promise<void> {
  const groups = await findingGroupsTouched(repos, entity, before, after);
  if (groups.length > 0) await repos.findings.markStale(groups, at);
}

/**
 * For writes stored together (RecordService.createStaged): the same marks as markFindingsStale
 * called once per write in order — each group marked at the time of the last write touching it —
 * with one markStale per distinct time instead of one per write.
 */
export async function markFindingsStaleMany(repos: Repositories, writes: { entity: EntityName; before: StoredRecord | null; after: StoredRecord; at: string }[]): Promise<void> {
  const last = new Map<string, { group: FindingGroup; at: string }>();
  for (const w of writes) {
    for (const group of await findingGroupsTouched(repos, w.entity, w.before, w.after)) {
      last.delete(group.key);
      last.set(group.key, { group, at: w.at });
    }
  }
  const byAt = new Map<string, FindingGroup[]>();
  for (const { group, at } of last.values()) byAt.set(at, [...(byAt.get(at) ?? []), group]);
  for (const [at, groups] of byAt) await repos.findings.markStale(groups, at);
}

/** The groups whose findings a write may change (none when it leaves what the rules read unchanged). */
async function findingGroupsTouched(repos: Repositories, entity: EntityName, before: StoredRecord | null, after: StoredRecord): Promise<FindingGroup[]> {
  if (!isSliced(entity)) return [];
  if (relevantState(entity, before) === relevantState(entity, after)) return [];
  const groups = new Map<string, FindingGroup>();
  const add = (g: FindingGroup | null) => {
    if (g) groups.set(g.key, g);
  };
  for (const r of before ? [before, after] : [after]) {
    for (const g of await groupsTouchedBy(repos, entity, r, before === null)) add(g);
  }
  return [...groups.values()];
}

async function detentionEvent(repos: Repositories, detentionId: unknown): Promise<string | null> {
  if (typeof detentionId !== 'string') return null;
  const d = await repos.records.get('detention', detentionId);
  return typeof d?.eventId === 'string' ? d.eventId : null;
}

async function groupsTouchedBy(repos: Repositories, entity: EntityName, r: StoredRecord, created: boolean): Promise<(FindingGroup | null)[]> {
  switch (entity) {
    case 'event':
    case 'act':
    case 'detention':
      return [ownerOf(entity, r)];
    case 'charge':
      return [ownerOf('charge', r, r.eventId ? null : await detentionEvent(repos, r.detentionId))];
    case 'complaint': {
      // Context for several groups: the act or detention it concerns, its event, its person's.
      const out: (FindingGroup | null)[] = [];
      if (typeof r.eventId === 'string') out.push(eventGroup(r.eventId));
      if (typeof r.actId === 'string') {
        const act = await repos.records.get('act', r.actId);
        if (act) out.push(ownerOf('act', act));
      }
      if (typeof r.detentionId === 'string') {
        const d = await repos.records.get('detention', r.detentionId);
        if (d) out.push(ownerOf('detention', d));
      }
      if (typeof r.personId === 'string') out.push(...(await repos.findings.groupsOfPerson(r.personId)));
      return out;
    }
    case 'person': {
      // Roles from the record itself too: a role removed by this write is gone from the tables.
      const roles = ((r.roles as { eventId?: string | null }[] | null) ?? []).map((x) => x.eventId).filter((id): id is string => typeof id === 'string');
      // A person just created has nothing linked to it yet but its own roles.
      return [...roles.map(eventGroup), ...(created ? [] : await repos.findings.groupsOfPerson(r.id))];
    }
    default:
      return [];
  }
}
