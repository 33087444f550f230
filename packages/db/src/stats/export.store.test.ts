import { createHash } from 'node:crypto';
import {
  csvLine, DETENTION_COLUMNS, type ExportPage, type Labels, labelsFrom, loadMany, localDateTime, OpenDataService, type PublicPlace, publishableTexts, type PublishScope,
  redactorFor, type Repositories, secretsIn, seedRedactionFixture, type Services, type StoredRecord,
} from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDetention, buildEvent, buildPerson, buildPlace, engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

type Row = Record<string, string | number | boolean | null>;
const SALT = 'fixed-salt';
const NOW = '2025-01-01T00:00:00.000Z';
const TIMED = new Set(['exact', 'minutes', 'hour', 'approximate']);
const scope = (over: Partial<PublishScope> = {}): PublishScope => ({ eventIds: [], from: null, to: null, city: null, ...over });

/**
 * The export as it was before the export store: every page hydrated through the generic record
 * reads and a redactor built by `redactorFor` (name search per page). Kept as the reference the
 * dedicated path must match byte for byte.
 */
async function referenceRows(repos: Repositories, labels: Labels, s: PublishScope, pageSize: number): Promise<Row[]> {
  const events = new Map((await repos.publish.events(s)).map((e) => [e.id, e]));
  const ref = (kind: string, id: string) => `${kind}${createHash('sha256').update(`${SALT}:${id}`).digest('hex').slice(0, 16)}`;
  const out: Row[] = [];
  let cursor: string | null = null;
  do {
    const page = await repos.publish.detentionPage(s, cursor, pageSize);
    cursor = page.next;
    out.push(...(await referencePage(repos, page.items, events, labels, ref)));
  } while (cursor);
  return out;
}

async function referencePage(repos: Repositories, detentions: StoredRecord[], events: Map<string, StoredRecord>, labels: Labels, ref: (k: string, id: string) => string): Promise<Row[]> {
  const persons = new Map((await loadMany(repos, 'person', detentions.map((d) => String(d.personId)))).map((p) => [p.id, p]));
  const placeIds = detentions.flatMap((d) => [d.apprehendedPlaceId, ...((d.steps as { placeId: string | null }[] | null) ?? []).map((st) => st.placeId)]).filter((x): x is string => typeof x === 'string');
  const places = new Map((await loadMany(repos, 'place', placeIds)).map((p) => [p.id, p]));
  const organisations = await loadMany(repos, 'organisation', [...persons.values()].flatMap((p) => ((p.roles as { organisationId: string | null }[] | null) ?? []).map((r) => r.organisationId)).filter((x): x is string => !!x));
  const charges = new Map<string, StoredRecord[]>();
  for (const c of await repos.publish.chargesOf(detentions.map((d) => d.id))) charges.set(String(c.detentionId), [...(charges.get(String(c.detentionId)) ?? []), c]);
  const pageEvents = detentions.map((d) => (typeof d.eventId === 'string' ? events.get(d.eventId) : undefined)).filter((e): e is StoredRecord => !!e);
  const personTexts = [...persons.values()].flatMap((p) => [p.pseudonym as string | null, ...((p.roles as { organisationName: string | null }[] | null) ?? []).map((r) => r.organisationName)]);
  const redactor = await redactorFor(repos, { persons: [...persons.values()], places: [...places.values()], organisations, texts: [...publishableTexts([...new Set(pageEvents), ...places.values(), ...organisations]), ...personTexts] });
  return detentions.flatMap((d) => {
    const person = persons.get(String(d.personId));
    const pub = person ? redactor.person(person) : null;
    if (!pub || d.confidentiality === 'confidential') return [];
    const event = typeof d.eventId === 'string' ? events.get(d.eventId) : undefined;
    const publicEvent = event ? redactor.event(event) : null;
    const zone = typeof event?.timezone === 'string' ? event.timezone : 'Asia/Almaty';
    const local = localDateTime(String(d.apprehendedAt), zone);
    const timed = TIMED.has(String(d.apprehendedPrecision));
    const place: PublicPlace | null = typeof d.apprehendedPlaceId === 'string' ? redactor.place(places.get(d.apprehendedPlaceId)) : null;
    const roles = pub.roles.filter((r) => !r.eventId || r.eventId === d.eventId);
    const release = ((d.steps as { type: string; at: string; precision: string }[] | null) ?? []).find((st) => st.type === 'released' && st.at === d.releasedAt);
    const duration = release && timed && TIMED.has(release.precision) ? Math.round(((Date.parse(release.at) - Date.parse(String(d.apprehendedAt))) / 3_600_000) * 100) / 100 : null;
    const own = charges.get(d.id) ?? [];
    return [{
      ref: ref('d', d.id), person_ref: ref('p', String(d.personId)), name: pub.displayName, name_published: pub.cleared, counting_unit: pub.countingUnit, group_size: pub.groupSize,
      roles: [...new Set(roles.map((r) => r.role))].join('; '), organisations: [...new Set(roles.map((r) => r.organisation).filter((o): o is string => !!o))].join('; '),
      event_id: publicEvent?.id ?? null, event_title: publicEvent?.title ?? null, city: typeof d.city === 'string' ? d.city : null, date: local.slice(0, 10), time: timed ? local.slice(11, 16) : null,
      time_precision: String(d.apprehendedPrecision), timezone: zone, place: place?.name ?? null, latitude: place?.lat ?? null, longitude: place?.lon ?? null, geo_precision: place?.geoPrecision ?? null,
      legal_basis: String(d.legalBasis), legal_article: redactor.text(d.legalArticle), custody_state: String(d.custodyState), released_local: release ? localDateTime(release.at, zone).replace('T', ' ') : null,
      duration_hours: duration,
      charges: own.map((c) => `${labels('legal_code', String(c.code))} ${String(c.article)}${typeof c.sentenceKind === 'string' ? ` → ${labels('sentence_kind', c.sentenceKind)}${typeof c.sentenceDays === 'number' ? ` ${c.sentenceDays} d` : ''}` : ` (${String(c.outcome)})`}`).join('; '),
      outcome: own.length > 0 ? [...new Set(own.map((c) => String(c.sentenceKind ?? c.outcome)))].join('; ') : String(d.custodyState),
      sources: ((d.sourceIds as string[] | null) ?? []).length,
    }];
  });
}

async function exported(s: Services, repos: Repositories, format: string, query: Record<string, unknown>, pageSize: number): Promise<string> {
  const service = new OpenDataService(repos, s.vocabularies, () => NOW, () => SALT, pageSize);
  let out = '';
  await service.export(service.parse('detentions', format, query), { write: (chunk) => void (out += chunk) });
  return out;
}

describe.each(engines())('open-data export store on %s', (engine) => {
  let tdb: TestDatabase;
  let s: Services;
  let labels: Labels;
  beforeAll(async () => {
    tdb = await openTestDatabase(engine);
    s = tdb.services();
    await s.demo.load();
    await seedRedactionFixture(s);
    // Beyond the demo and the fixture: an uncleared person named in an event title of other pages
    // (found by name search, not by being on the page), a cleared person with a contact detained
    // twice (released, charged, sentenced), a description, a confidential detention, a deleted charge.
    const create = async (entity: Parameters<Services['records']['create']>[0], input: Record<string, unknown>) => (await s.records.create(entity, input, 't')).id;
    const named = await create('event', buildEvent({ title: 'Митинг в поддержку Ержана Тлеубердиева, Алматы', startAt: '2023-03-08T12:00:00+06:00', summary: 'Call +7 701 222 33 44' }));
    const station = await create('place', buildPlace({ name: 'Police station No. 2', kind: 'police_station', address: 'ул. Желтоксан 10', confidentiality: 'restricted' }));
    const cleared = await create('person', buildPerson({ names: [{ value: 'Marat Ospanov', kind: 'full', script: 'latn' }, { value: 'Марат Оспанов', kind: 'full', script: 'cyrl' }], consent: 'granted', contact: 'marat@example.kz' }));
    const described = await create('person', buildPerson({ names: [{ value: 'Unidentified student (KazNU)', kind: 'description' }], pseudonym: null, consent: 'unknown' }));
    const uncleared = await create('person', buildPerson({ names: [{ value: 'Тлеубердиев Ержан', kind: 'full' }], pseudonym: 'Witness T', consent: 'withheld' }));
    for (let i = 0; i < 9; i++) {
      const who = [cleared, described, uncleared][i % 3] as string;
      const at = `2023-03-08T${String(6 + i).padStart(2, '0')}:15:00Z`;
      const id = await create('detention', buildDetention(who, {
        eventId: named, apprehendedAt: at, apprehendedPrecision: i % 2 ? 'exact' : 'day', apprehendedPlaceId: station, legalArticle: i % 4 ? 'KoAP 488' : 'Ержан Тлеубердиев 488',
        confidentiality: i === 4 ? 'confidential' : 'restricted',
        steps: [{ type: 'taken_to', at, placeId: station }, { type: 'released', at: `2023-03-08T${String(10 + i).padStart(2, '0')}:45:00Z`, precision: 'exact' }],
      }));
      if (i % 3 === 0) {
        await create('charge', { personId: who, detentionId: id, code: 'kz_koap', article: '488', outcome: 'convicted', sentenceKind: 'administrative_arrest', sentenceDays: 10 + i });
        const gone = await create('charge', { personId: who, detentionId: id, code: 'kz_uk', article: '400' });
        await s.records.remove('charge', gone, 1, 't');
      }
    }
    labels = labelsFrom(await s.vocabularies.list());
  });
  afterAll(() => tdb.destroy());

  it.each([
    ['every detention', {}, scope()],
    ['a period', { from: '2016-05-01', to: '2016-05-31' }, scope({ from: '2016-05-01', to: '2016-05-31' })],
    ['a city', { city: 'Almaty' }, scope({ city: 'Almaty' })],
  ])('writes the same CSV as the generic reads for %s, one page or many', async (_name, query, reference) => {
    for (const pageSize of [1000, 7]) {
      const rows = await referenceRows(tdb.repos, labels, reference, pageSize);
      expect(rows.length).toBeGreaterThan(0);
      const expected = csvLine([...DETENTION_COLUMNS]) + rows.map((r) => csvLine(DETENTION_COLUMNS.map((c) => r[c]))).join('');
      expect(await exported(s, tdb.repos, 'csv', query, pageSize)).toBe(expected);
    }
  });

  it('writes the same JSON and GeoJSON items', async () => {
    const rows = await referenceRows(tdb.repos, labels, scope(), 7);
    const json = JSON.parse(await exported(s, tdb.repos, 'json', {}, 7)) as { items: Row[] };
    expect(json.items).toEqual(rows);
    const geo = JSON.parse(await exported(s, tdb.repos, 'geojson', {}, 7)) as { features: { properties: Row }[] };
    expect(geo.features.map((f) => f.properties)).toEqual(rows);
  });

  it('publishes no secret, scrubs names found only by name search, and keeps what is cleared', async () => {
    const csv = await exported(s, tdb.repos, 'csv', {}, 7);
    expect(secretsIn(csv)).toEqual([]);
    expect(csv).not.toMatch(/Тлеубердиев|Ержан|Желтоксан|222 33 44|marat@example/);
    expect(csv).toContain('Marat Ospanov (Марат Оспанов)');
    expect(csv).toContain('Unidentified student (KazNU)');
    expect(csv).toContain('Witness T');
    expect(csv).toMatch(/arrest 1\d d/);
  });

  it('reads pages with only the columns the rows need, names in clear and nothing else protected', async () => {
    const pages: ExportPage[] = [];
    for await (const page of tdb.repos.openData.detentionPages(scope({ from: '2023-03-08', to: '2023-03-08' }), 4)) pages.push(page);
    expect(pages.map((p) => p.detentions.length)).toEqual([4, 4, 1]);
    const all = pages.flatMap((p) => p.detentions);
    expect(all.map((d) => d.apprehendedAt)).toEqual(all.map((d) => d.apprehendedAt).sort());
    const person = pages[0]?.persons.find((p) => p.names.some((n) => n.value === 'Marat Ospanov'));
    expect(person).toMatchObject({ consent: 'granted', contact: 'marat@example.kz', names: [{ value: 'Marat Ospanov', script: 'latn', kind: 'full' }, { value: 'Марат Оспанов' }] });
    expect(Object.keys(person ?? {})).not.toContain('notes');
    expect(pages[0]?.places[0]).toMatchObject({ name: 'Police station No. 2', address: 'ул. Желтоксан 10' });
    expect(pages[0]?.events.map((e) => e.title)).toEqual(['Митинг в поддержку Ержана Тлеубердиева, Алматы']);
    // Live charges only (the deleted ones are left out), each with the page of its detention.
    expect(pages.map((p) => p.charges.map((c) => c.sentenceDays))).toEqual([[10, 13], [16], []]);
    expect(all.filter((d) => d.steps.length === 2 && d.sources === 0)).toHaveLength(9);
  });

  it('finds persons by name stem as the record search does, descriptions left out', async () => {
    const named = await tdb.repos.openData.personsNamed('tleub', 50);
    const listed = await tdb.repos.records.list('person', { q: 'tleub', limit: 50, includeDeleted: true });
    expect(named.map((p) => p.id)).toEqual(listed.items.map((p) => p.id));
    expect(named.flatMap((p) => p.names.map((n) => n.value))).toEqual(expect.arrayContaining(['Ержан Тлеубердиев', 'Тлеубердиев Ержан']));
    expect((await tdb.repos.openData.personsNamed('unidentified', 50)).flatMap((p) => p.names)).toEqual([]);
  });
});
