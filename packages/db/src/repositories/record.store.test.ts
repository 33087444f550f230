import { type Services } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDetention, buildEvent, buildPerson, buildSource, engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

describe.each(engines())('records on %s', (engine) => {
  let tdb: TestDatabase;
  let s: Services;
  beforeAll(async () => {
    tdb = await openTestDatabase(engine);
    s = tdb.services();
  });
  afterAll(() => tdb.destroy());

  it('creates and reads back an event with every field, instants in UTC', async () => {
    const created = await s.records.create('event', buildEvent({ startAt: '2016-05-21T11:30:00+06:00', timeOriginal: 'around 11.30am' }), 'tester');
    const read = await s.records.get('event', created.id);
    expect(read).toEqual(created);
    expect(read.startAt).toBe('2016-05-21T05:30:00.000Z');
    expect(read.version).toBe(1);
    expect(read.createdBy).toBe('tester');
    expect(read.endAt).toBeNull();
  });

  it('keeps every edit in the history with who changed what', async () => {
    const e = await s.records.create('event', buildEvent({ title: 'Before' }), 'alice');
    const updated = await s.records.update('event', e.id, { version: 1, title: 'After' }, 'bob');
    expect(updated.version).toBe(2);
    const history = await s.records.history('event', e.id);
    expect(history.map((h) => [h.version, h.action, h.actor])).toEqual([[1, 'create', 'alice'], [2, 'update', 'bob']]);
    expect(history[1]?.changes).toEqual({ title: { from: 'Before', to: 'After' } });
  });

  it('refuses an update with a stale version and leaves the record as it was', async () => {
    const e = await s.records.create('event', buildEvent({ title: 'One' }), 't');
    await s.records.update('event', e.id, { version: 1, title: 'Two' }, 't');
    await expect(s.records.update('event', e.id, { version: 1, title: 'Three' }, 't')).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await s.records.get('event', e.id)).title).toBe('Two');
  });

  it('soft-deletes, hides from lists, and restores', async () => {
    const e = await s.records.create('event', buildEvent({ city: 'Zhanaozen' }), 't');
    await s.records.remove('event', e.id, 1, 't');
    expect((await s.records.get('event', e.id)).deletedAt).not.toBeNull();
    expect((await s.records.list('event', { city: 'Zhanaozen' })).items).toHaveLength(0);
    expect((await s.records.list('event', { city: 'Zhanaozen', includeDeleted: 'true' })).items).toHaveLength(1);
    await s.records.restore('event', e.id, 't');
    expect((await s.records.list('event', { city: 'Zhanaozen' })).items).toHaveLength(1);
    expect((await s.records.history('event', e.id)).map((h) => h.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('pages through a list with a stable keyset cursor and no duplicates', async () => {
    for (let i = 0; i < 7; i++) await s.records.create('event', buildEvent({ city: 'Pager', startAt: `2020-01-0${(i % 3) + 1}T10:00:00Z` }), 't');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.records.list('event', { city: 'Pager', limit: '3', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const all = (await s.records.list('event', { city: 'Pager', limit: '50' })).items.map((i) => String(i.startAt));
    expect([...all].sort().reverse()).toEqual(all);
  });

  it('finds a person by Cyrillic and by Latin spellings of one name', async () => {
    const p = await s.records.create('person', buildPerson({ names: [{ value: 'Zhanara Balgabayeva' }], roles: [{ role: 'lawyer' }] }), 't');
    for (const q of ['Балгабаева', 'Balgabaeva', 'balgabayeva', 'Жанара']) {
      const found = await s.records.list('person', { q });
      expect(found.items.map((i) => i.id), q).toContain(p.id);
    }
    expect((await s.records.list('person', { q: 'Erlan Bashakov' })).items.map((i) => i.id)).not.toContain(p.id);
    expect((await s.records.list('person', { role: 'lawyer' })).items.map((i) => i.id)).toContain(p.id);
    expect(((await s.records.get('person', p.id)).names as { script: string }[])[0]?.script).toBe('latn');
  });

  it('stores a detention with its custody steps and sources, and filters by state and role', async () => {
    const src = await s.records.create('source', buildSource(), 't');
    const ev = await s.records.create('event', buildEvent({ city: 'Uralsk' }), 't');
    const person = await s.records.create('person', buildPerson({ roles: [{ role: 'journalist', eventId: ev.id }] }), 't');
    const d = await s.records.create('detention', buildDetention(person.id, {
      eventId: ev.id, city: null, sourceIds: [src.id],
      steps: [{ type: 'taken_to', at: '2022-01-05T11:00:00+06:00' }, { type: 'released', at: '2022-01-05T18:00:00+06:00', sourceIds: [src.id] }],
    }), 't');
    expect(d.custodyState).toBe('released');
    expect(d.city).toBe('Uralsk');
    const read = await s.records.get('detention', d.id);
    expect(read.sourceIds).toEqual([src.id]);
    expect((read.steps as { type: string }[]).map((x) => x.type)).toEqual(['taken_to', 'released']);
    expect((await s.records.list('detention', { eventId: ev.id, status: 'released', role: 'journalist' })).items.map((x) => x.id)).toEqual([d.id]);
    expect((await s.records.list('detention', { eventId: ev.id, status: 'held' })).items).toHaveLength(0);
  });
});
