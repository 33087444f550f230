import { describe, expect, it } from 'vitest';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { markFindingsStale, markFindingsStaleMany } from './stale.js';
import { type FindingGroup } from './types.js';

/** Repositories whose finding store keeps the marks (group key → time) and counts the calls. */
function marking(): { repos: Repositories; marks: Map<string, string>; calls: number[] } {
  const marks = new Map<string, string>();
  const calls: number[] = [];
  const findings = {
    markStale: async (groups: FindingGroup[], at: string) => {
      calls.push(groups.length);
      for (const g of groups) marks.set(g.key, at);
    },
    groupsOfPerson: async () => [],
  };
  return { repos: { findings } as unknown as Repositories, marks, calls };
}

const detention = (id: string, eventId: string | null, personId: string): StoredRecord =>
  ({ id, version: 1, deletedAt: null, eventId, personId, apprehendedAt: '2022-05-01T06:00:00.000Z', steps: [], confidentiality: 'restricted' });

describe('markFindingsStaleMany', () => {
  it('leaves the same marks as one markFindingsStale per write, in fewer calls', async () => {
    const writes = [
      { entity: 'detention' as const, before: null, after: detention('d1', 'e1', 'p1'), at: '2026-01-01T00:00:01.000Z' },
      { entity: 'detention' as const, before: null, after: detention('d2', 'e2', 'p2'), at: '2026-01-01T00:00:02.000Z' },
      { entity: 'detention' as const, before: null, after: detention('d3', 'e1', 'p3'), at: '2026-01-01T00:00:03.000Z' },
      { entity: 'detention' as const, before: null, after: detention('d4', null, 'p4'), at: '2026-01-01T00:00:03.000Z' },
      // Sources are not part of any finding: no mark.
      { entity: 'source' as const, before: null, after: { id: 's1', version: 1, deletedAt: null } as StoredRecord, at: '2026-01-01T00:00:04.000Z' },
    ];
    const one = marking();
    for (const w of writes) await markFindingsStale(one.repos, w.entity, w.before, w.after, w.at);
    const many = marking();
    await markFindingsStaleMany(many.repos, writes);
    expect(many.marks).toEqual(one.marks);
    expect(many.marks.get('event:e1')).toBe('2026-01-01T00:00:03.000Z');
    expect(many.marks.get('person:p4')).toBe('2026-01-01T00:00:03.000Z');
    expect(many.calls).toEqual([1, 2]);
    expect(one.calls).toHaveLength(4);
  });
});
