import { type PublishScope, type Services } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDetention, buildEvent, buildPerson, engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

const scope = (over: Partial<PublishScope> = {}): PublishScope => ({ eventIds: [], from: null, to: null, city: null, ...over });

describe.each(engines())('publish store on %s', (engine) => {
  let tdb: TestDatabase;
  let s: Services;
  let uralsk: string;
  beforeAll(async () => {
    tdb = await openTestDatabase(engine);
    s = tdb.services();
    const almaty2016 = (await s.records.create('event', buildEvent({ startAt: '2016-05-21T00:00:00+06:00', city: 'Almaty', timezone: 'Asia/Almaty' }), 't')).id;
    const almaty2024 = (await s.records.create('event', buildEvent({ startAt: '2024-06-01T00:00:00+05:00', city: 'Almaty', timezone: 'Asia/Almaty' }), 't')).id;
    uralsk = (await s.records.create('event', buildEvent({ startAt: '2016-05-21T00:00:00+05:00', city: 'Uralsk', timezone: 'Asia/Oral' }), 't')).id;
    const p = async () => (await s.records.create('person', buildPerson(), 't')).id;
    // 00:30 local on 21 May 2016 in Almaty (UTC+6) is still 20 May in UTC.
    await s.records.create('detention', buildDetention(await p(), { eventId: almaty2016, apprehendedAt: '2016-05-20T18:30:00Z' }), 't');
    // 23:30 local on 1 June 2024 (UTC+5 since March 2024); a fixed +6 would say 2 June.
    await s.records.create('detention', buildDetention(await p(), { eventId: almaty2024, apprehendedAt: '2024-06-01T18:30:00Z' }), 't');
    // 23:30 local in Uralsk (UTC+5) on 20 May 2016 is 21 May in Almaty time: the event's zone decides.
    await s.records.create('detention', buildDetention(await p(), { eventId: uralsk, apprehendedAt: '2016-05-20T18:30:00Z', city: 'Uralsk' }), 't');
    // A deleted person's detention is not counted.
    const gone = await p();
    await s.records.create('detention', buildDetention(gone, { eventId: uralsk, apprehendedAt: '2016-05-21T06:00:00Z', city: 'Uralsk' }), 't');
    await s.records.remove('person', gone, 1, 't');
  });
  afterAll(() => tdb.destroy());

  it('dates each detention in its event time zone from the tz database', async () => {
    const rows = await tdb.repos.publish.breakdown(scope(), 'date');
    expect(Object.fromEntries(rows.map((r) => [r.key[0], r.detentions]))).toEqual({ '2016-05-20': 1, '2016-05-21': 1, '2024-06-01': 1 });
  });

  it('filters a period by local dates and excludes deleted persons', async () => {
    expect((await tdb.repos.publish.totals(scope({ from: '2016-05-21', to: '2016-05-21' }))).detentions).toBe(1);
    expect((await tdb.repos.publish.totals(scope({ from: '2016-05-20', to: '2016-05-21', city: 'Uralsk' }))).detentions).toBe(1);
    expect((await tdb.repos.publish.totals(scope({ from: '2024-06-01' }))).detentions).toBe(1);
    expect((await tdb.repos.publish.totals(scope({ eventIds: [uralsk] }))).detentions).toBe(1);
  });

  it('pages scoped detentions in order of apprehension with a cursor', async () => {
    const first = await tdb.repos.publish.detentionPage(scope(), null, 2);
    expect(first.items).toHaveLength(2);
    const second = await tdb.repos.publish.detentionPage(scope(), first.next, 2);
    expect(second.items).toHaveLength(1);
    expect(second.next).toBeNull();
    const all = [...first.items, ...second.items].map((d) => String(d.apprehendedAt));
    expect([...all].sort()).toEqual(all);
  });

  it('finds the events of a period by their local start date', async () => {
    const events = await tdb.repos.publish.events(scope({ from: '2016-05-21', to: '2016-05-21' }));
    expect(events.map((e) => e.city).sort()).toEqual(['Almaty', 'Uralsk']);
  });
});

describe.each(engines())('confirmed findings for reports on %s', (engine) => {
  let tdb: TestDatabase;
  afterAll(() => tdb.destroy());

  it('returns confirmed findings of the events and subjects asked for, and no other status', async () => {
    tdb = await openTestDatabase(engine);
    const s = tdb.services();
    const reviewer = { id: 't', name: 't' };
    const eventId = (await s.records.create('event', buildEvent({ startAt: '2022-01-05T09:00:00+06:00' }), 't')).id;
    const journalist = (await s.records.create('person', buildPerson({ roles: [{ role: 'journalist', eventId }] }), 't')).id;
    await s.records.create('detention', buildDetention(journalist, { eventId, apprehendedAt: '2022-01-05T10:00:00+06:00' }), 't');
    // A custody case with no event: its findings belong to the person's group.
    const alone = (await s.records.create('person', buildPerson(), 't')).id;
    const caseId = (await s.records.create('detention', buildDetention(alone, { apprehendedAt: '2022-01-05T10:00:00+06:00' }), 't')).id;
    await s.findings.recompute({ all: true }, reviewer);
    const all = (await s.findings.list({ limit: 200 })).items;
    const press = all.find((f) => f.rule.id === 'press-or-monitor-detained');
    const ofCase = all.filter((f) => f.subject.id === caseId);
    expect(press).toBeDefined();
    expect(ofCase.length).toBeGreaterThan(1);
    await s.findings.review(String(press?.id), { decision: 'confirm' }, reviewer);
    await s.findings.review(String(ofCase[0]?.id), { decision: 'confirm' }, reviewer);
    await s.findings.review(String(ofCase[1]?.id), { decision: 'reject', note: 'not so' }, reviewer);

    const ofEvent = await tdb.repos.publish.confirmedFindings([eventId], []);
    expect(ofEvent.map((f) => f.id)).toEqual([press?.id]);
    expect(ofEvent[0]).toMatchObject({ subjectEntity: 'detention', eventId, standardIds: ['GC37-30', 'KZ-CC-158'], severity: 'warning', confidentiality: 'restricted' });
    expect(ofEvent[0]?.explanation.en).toContain('journalist');
    expect(ofEvent[0]?.reviewedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await tdb.repos.publish.confirmedFindings([], [caseId])).map((f) => f.id)).toEqual([ofCase[0]?.id]);
    expect(await tdb.repos.publish.confirmedFindings([], [])).toEqual([]);
  });
});
