import { ENTITIES, type EntityName } from '@vigil/core';
import { buildDetention, buildPerson, engines } from '@vigil/db/testing';
import { type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps, createVia, FIXTURES, openTestApp, send, type Deps, type Json, type TestApp } from '../testing/test-app.js';

/** A well-formed UUID (v7 layout) that no record has. */
const ABSENT = '01a20171-0000-7000-8000-000000000000';
const TOO_LARGE = 'x'.repeat(Math.round(1.1 * 1024 * 1024));

/** What POST {} must name for each entity. */
const REQUIRED: Record<EntityName, string[]> = {
  source: ['kind', 'title'],
  place: ['kind', 'name'],
  organisation: ['kind', 'name'],
  event: ['startAt', 'title', 'type'],
  person: ['names'],
  detention: ['apprehendedAt', 'personId'],
  act: ['type'],
  charge: ['article', 'code', 'personId'],
  officialFigure: ['issuedOn', 'issuer', 'measure', 'value'],
  complaint: ['body', 'filedOn'],
};

type Override = (d: Deps) => Json;
/** One unknown vocabulary code per entity (official figures have no coded field). */
const UNKNOWN_TERM: Partial<Record<EntityName, [Override, string]>> = {
  source: [() => ({ kind: 'rumour' }), 'kind'],
  place: [() => ({ kind: 'moon_base' }), 'kind'],
  organisation: [() => ({ kind: 'secret_society' }), 'kind'],
  event: [() => ({ type: 'riot_party' }), 'type'],
  person: [() => ({ names: [{ value: 'Aliya', kind: 'nickname' }] }), 'names.0.kind'],
  detention: [() => ({ legalBasis: 'martial_law' }), 'legalBasis'],
  act: [() => ({ methods: ['baton', 'slingshot'] }), 'methods.1'],
  charge: [() => ({ code: 'us_code' }), 'code'],
  complaint: [() => ({ body: 'pope' }), 'body'],
};
/** One reference to a record that does not exist per entity (sources reference nothing). */
const UNKNOWN_REF: Partial<Record<EntityName, [Override, string]>> = {
  place: [() => ({ sourceIds: [ABSENT] }), 'sourceIds.0'],
  organisation: [() => ({ parentId: ABSENT }), 'parentId'],
  event: [(d) => ({ placeIds: [d.place, ABSENT] }), 'placeIds.1'],
  person: [() => ({ roles: [{ role: 'journalist', eventId: ABSENT }] }), 'roles.0.eventId'],
  detention: [() => ({ personId: ABSENT }), 'personId'],
  act: [() => ({ victimPersonId: ABSENT }), 'victimPersonId'],
  charge: [() => ({ personId: ABSENT }), 'personId'],
  officialFigure: [() => ({ eventId: ABSENT }), 'eventId'],
  complaint: [() => ({ actId: ABSENT }), 'actId'],
};
/** Cross-field rules: an end before its start, a release before the arrest, coordinates out of range. */
const RULES: [EntityName, string, Override, string][] = [
  ['event', 'an end before its start', () => ({ startAt: '2022-01-05T10:00:00+06:00', endAt: '2022-01-05T09:59:00+06:00' }), 'endAt'],
  ['act', 'an end before its start', () => ({ startAt: '2022-01-05T10:00:00+06:00', endAt: '2022-01-05T03:00:00Z' }), 'endAt'],
  ['charge', 'a decision before the filing', () => ({ filedOn: '2022-01-06', decidedOn: '2022-01-05' }), 'decidedOn'],
  ['detention', 'a release before the arrest', () => ({ apprehendedAt: '2022-01-05T10:00:00+06:00', steps: [{ type: 'released', at: '2022-01-05T09:00:00+06:00' }] }), 'steps.0.at'],
  ['place', 'a latitude of 91', () => ({ lat: 91 }), 'lat'],
  ['place', 'a longitude of -181', () => ({ lon: -181 }), 'lon'],
  ['place', 'a latitude without a longitude', () => ({ lat: 43.2, lon: null }), 'lon'],
];

const ENTITY_LIST = Object.values(ENTITIES).map((def) => [def.name, def.plural] as const);

/** The one error shape: `{"error":{"code","message","fields":[{"path","problem"}]}}`, nothing else. */
function expectError(res: { status: number; body: Json }, status: number, code: string, paths?: string[]): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  const error = res.body.error as { code: string; message: string; fields: { path: string; problem: string }[] };
  expect(Object.keys(error).sort()).toEqual(['code', 'fields', 'message']);
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(error.fields)).toBe(true);
  for (const f of error.fields) {
    expect(Object.keys(f).sort()).toEqual(['path', 'problem']);
    expect(typeof f.path).toBe('string');
    expect(typeof f.problem).toBe('string');
    expect(f.problem.length).toBeGreaterThan(0);
  }
  if (paths) expect(error.fields.map((f) => f.path).sort()).toEqual([...paths].sort());
}

describe.each(engines())('bad input to write endpoints on %s', (engine) => {
  let t: TestApp;
  let d: Deps;
  /** One live record of each kind, version 1, for PATCH. */
  const target = {} as Record<EntityName, Json & { id: string }>;
  let deletedPerson: string;

  beforeAll(async () => {
    t = await openTestApp(engine);
    d = await createDeps(t.app);
    for (const def of Object.values(ENTITIES)) target[def.name] = await createVia(t.app, def.plural, FIXTURES[def.name].input(d));
    deletedPerson = (await createVia(t.app, 'persons', buildPerson())).id;
    expect((await send(t.app, { method: 'DELETE', url: `/api/v1/persons/${deletedPerson}` })).status).toBe(200);
  });
  afterAll(() => t.close());

  /** Sends a request that must be refused and proves every table (history included) is as it was. */
  async function refused(options: InjectOptions): Promise<{ status: number; body: Json }> {
    const before = await t.counts();
    const res = await send(t.app, options);
    expect(await t.counts()).toEqual(before);
    return res;
  }
  const post = (name: EntityName, payload: Json) => refused({ method: 'POST', url: `/api/v1/${ENTITIES[name].plural}`, payload });
  /** PATCH the target record, then check it still reads back at version 1, unchanged. */
  async function patch(name: EntityName, payload: Json | string, headers?: Record<string, string>) {
    const url = `/api/v1/${ENTITIES[name].plural}/${target[name].id}`;
    const before = (await send(t.app, { method: 'GET', url })).body;
    const res = await refused({ method: 'PATCH', url, payload, ...(headers ? { headers } : {}) });
    expect((await send(t.app, { method: 'GET', url })).body).toEqual(before);
    return res;
  }
  const valid = (name: EntityName, over: Json = {}): Json => ({ ...FIXTURES[name].input(d), ...over });

  describe('missing required fields', () => {
    it.each(ENTITY_LIST)('POST /%s with {} names every required field', async (name) => {
      expectError(await post(name, {}), 400, 'VALIDATION_FAILED', REQUIRED[name]);
    });

    it.each([
      ['source', 'title', 'plain text'],
      ['event', 'startAt', 'an instant'],
      ['detention', 'personId', 'a UUID'],
      ['complaint', 'filedOn', 'a date'],
    ] as const)('POST %s without %s (%s) says the field "is required"', async (name, field, _kind) => {
      const body = valid(name);
      delete body[field];
      const res = await post(name, body);
      expectError(res, 400, 'VALIDATION_FAILED', [field]);
      expect((res.body.error as { fields: { problem: string }[] }).fields[0]?.problem).toBe('is required');
    });

    it.each(ENTITY_LIST)('POST /%s without one required field names that field alone', async (name) => {
      for (const field of REQUIRED[name]) {
        const body = valid(name);
        delete body[field];
        expectError(await post(name, body), 400, 'VALIDATION_FAILED', [field]);
      }
    });

    it.each(ENTITY_LIST)('PATCH /%s without a version names version', async (name) => {
      const [field, value] = FIXTURES[name].change;
      expectError(await patch(name, { [field]: value }), 400, 'VALIDATION_FAILED', ['version']);
    });

    it.each(ENTITY_LIST)('PATCH /%s setting a required field to null names it', async (name) => {
      const field = REQUIRED[name][0]!;
      expectError(await patch(name, { version: 1, [field]: null }), 400, 'VALIDATION_FAILED', [field]);
    });
  });

  describe('unknown vocabulary terms', () => {
    const cases = Object.entries(UNKNOWN_TERM).map(([name, [over, path]]) => [name as EntityName, path, over] as const);

    it.each(cases)('POST %s with an unknown code at %s', async (name, path, over) => {
      const res = await post(name, valid(name, over(d)));
      expectError(res, 400, 'VALIDATION_FAILED', [path]);
      expect(JSON.stringify(res.body)).toContain('unknown term');
    });

    it.each(cases)('PATCH %s with an unknown code at %s', async (name, path, over) => {
      expectError(await patch(name, { version: 1, ...over(d) }), 400, 'VALIDATION_FAILED', [path]);
    });

    it('rejects a code that breaks the code syntax before looking it up', async () => {
      expectError(await post('event', valid('event', { type: 'Peaceful Protest' })), 400, 'VALIDATION_FAILED', ['type']);
    });
  });

  describe('unknown referenced ids', () => {
    const cases = Object.entries(UNKNOWN_REF).map(([name, [over, path]]) => [name as EntityName, path, over] as const);

    it.each(cases)('POST %s pointing at a missing record from %s', async (name, path, over) => {
      const res = await post(name, valid(name, over(d)));
      expectError(res, 400, 'VALIDATION_FAILED', [path]);
      expect(JSON.stringify(res.body)).toContain(ABSENT);
    });

    it.each(cases)('PATCH %s pointing at a missing record from %s', async (name, path, over) => {
      expectError(await patch(name, { version: 1, ...over(d) }), 400, 'VALIDATION_FAILED', [path]);
    });

    it('POST detention refuses a person who has been deleted', async () => {
      expectError(await post('detention', buildDetention(deletedPerson)), 400, 'VALIDATION_FAILED', ['personId']);
    });

    it('POST detention names a reference that is not a UUID', async () => {
      expectError(await post('detention', buildDetention('person-1')), 400, 'VALIDATION_FAILED', ['personId']);
    });
  });

  describe('cross-field rules and ranges', () => {
    it.each(RULES)('POST %s with %s names %s', async (name, _what, over, path) => {
      expectError(await post(name, valid(name, over(d))), 400, 'VALIDATION_FAILED', [path]);
    });

    it.each(RULES)('PATCH %s with %s names %s', async (name, _what, over, path) => {
      expectError(await patch(name, { version: 1, ...over(d) }), 400, 'VALIDATION_FAILED', [path]);
    });

    it('PATCH event moving only the start after the stored end names endAt', async () => {
      // the fixture ends at 14:00 Almaty
      expectError(await patch('event', { version: 1, startAt: '2022-01-05T15:00:00+06:00' }), 400, 'VALIDATION_FAILED', ['endAt']);
    });

    it('PATCH detention moving the arrest after its recorded steps names the step', async () => {
      // the fixture was taken to a station at 10:40 Almaty
      expectError(await patch('detention', { version: 1, apprehendedAt: '2022-01-05T11:00:00+06:00' }), 400, 'VALIDATION_FAILED', ['steps.0.at']);
    });

    it('POST event with an instant that has no offset names startAt', async () => {
      expectError(await post('event', valid('event', { startAt: '2022-01-05T10:00:00' })), 400, 'VALIDATION_FAILED', ['startAt']);
    });
  });

  describe('unknown extra fields', () => {
    it.each(ENTITY_LIST)('POST /%s with an unknown field names it', async (name) => {
      const res = await post(name, valid(name, { colour: 'red' }));
      expectError(res, 400, 'VALIDATION_FAILED', ['colour']);
      expect((res.body.error as { fields: { problem: string }[] }).fields[0]?.problem).toBe('is not a known field');
    });

    it.each(ENTITY_LIST)('PATCH /%s with an unknown field names it', async (name) => {
      expectError(await patch(name, { version: 1, colour: 'red' }), 400, 'VALIDATION_FAILED', ['colour']);
    });

    it.each(ENTITY_LIST)('PATCH /%s cannot set system fields', async (name) => {
      expectError(await patch(name, { version: 1, id: ABSENT, createdBy: 'mallory' }), 400, 'VALIDATION_FAILED', ['createdBy', 'id']);
    });

    it('POST person with an unknown field inside a name names its path', async () => {
      expectError(await post('person', buildPerson({ names: [{ value: 'Aliya', nick: 'A' }] })), 400, 'VALIDATION_FAILED', ['names.0.nick']);
    });
  });

  describe('bodies that are too large, malformed or not an object', () => {
    it.each(ENTITY_LIST)('POST /%s with a body over 1 MB is PAYLOAD_TOO_LARGE', async (name) => {
      expectError(await post(name, valid(name, { notes: TOO_LARGE })), 400, 'PAYLOAD_TOO_LARGE', ['']);
    });

    it.each(ENTITY_LIST)('PATCH /%s with a body over 1 MB is PAYLOAD_TOO_LARGE', async (name) => {
      expectError(await patch(name, { version: 1, notes: TOO_LARGE }), 400, 'PAYLOAD_TOO_LARGE', ['']);
    });

    it.each(ENTITY_LIST)('POST /%s with malformed JSON is MALFORMED_JSON', async (name) => {
      const res = await refused({ method: 'POST', url: `/api/v1/${ENTITIES[name].plural}`, headers: { 'content-type': 'application/json' }, payload: '{"title": "Rally",' });
      expectError(res, 400, 'MALFORMED_JSON', ['']);
    });

    it.each(ENTITY_LIST)('PATCH /%s with malformed JSON is MALFORMED_JSON', async (name) => {
      expectError(await patch(name, "{'version': 1}", { 'content-type': 'application/json' }), 400, 'MALFORMED_JSON', ['']);
    });

    it('POST with an empty JSON body is MALFORMED_JSON', async () => {
      const res = await refused({ method: 'POST', url: '/api/v1/events', headers: { 'content-type': 'application/json' }, payload: '' });
      expectError(res, 400, 'MALFORMED_JSON', ['']);
    });

    it('POST with a JSON array instead of an object names the body', async () => {
      const res = await refused({ method: 'POST', url: '/api/v1/events', headers: { 'content-type': 'application/json' }, payload: '[]' });
      expectError(res, 400, 'VALIDATION_FAILED', ['']);
    });

    it('POST with a body that is not JSON at all is refused with 400', async () => {
      const res = await refused({ method: 'POST', url: '/api/v1/events', headers: { 'content-type': 'text/plain' }, payload: 'title=Rally' });
      expectError(res, 400, 'VALIDATION_FAILED', ['']);
    });

    it('a body just under 1 MB is accepted as far as the size goes', async () => {
      const notes = 'x'.repeat(19_000);
      const res = await send(t.app, { method: 'POST', url: '/api/v1/sources', payload: { ...valid('source'), notes, padding: 'y'.repeat(1024 * 1024 - 25_000) } });
      // the size passes; the unknown field is what is refused
      expectError(res, 400, 'VALIDATION_FAILED', ['padding']);
    });
  });

  describe('POST /api/v1/detentions/:id/steps', () => {
    const url = () => `/api/v1/detentions/${target.detention.id}/steps`;
    const step = (payload: Json | string, headers?: Record<string, string>) => refused({ method: 'POST', url: url(), payload, ...(headers ? { headers } : {}) });
    const detentionNow = async () => (await send(t.app, { method: 'GET', url: `/api/v1/detentions/${target.detention.id}` })).body;

    it.each([
      ['no type or time', {}, ['at', 'type']],
      ['an unknown step type', { type: 'teleported', at: '2022-01-05T12:00:00+06:00' }, ['steps.1.type']],
      ['a release before the arrest', { type: 'released', at: '2022-01-05T09:00:00+06:00' }, ['steps.1.at']],
      ['a place that does not exist', { type: 'transferred', at: '2022-01-05T12:00:00+06:00', placeId: ABSENT }, ['steps.1.placeId']],
      ['a source that does not exist', { type: 'protocol', at: '2022-01-05T12:00:00+06:00', sourceIds: [ABSENT] }, ['steps.1.sourceIds.0']],
      ['an unknown field', { type: 'protocol', at: '2022-01-05T12:00:00+06:00', colour: 'red' }, ['colour']],
      ['a time without an offset', { type: 'protocol', at: '2022-01-05 12:00' }, ['at']],
      ['a version that is not a number', { type: 'protocol', at: '2022-01-05T12:00:00+06:00', version: 'one' }, ['version']],
    ] as const)('refuses a step with %s, naming the field', async (_what, payload, paths) => {
      const before = await detentionNow();
      expectError(await step(payload), 400, 'VALIDATION_FAILED', [...paths]);
      expect(await detentionNow()).toEqual(before);
    });

    it('refuses a step over 1 MB', async () => {
      expectError(await step({ type: 'protocol', at: '2022-01-05T12:00:00+06:00', note: TOO_LARGE }), 400, 'PAYLOAD_TOO_LARGE', ['']);
    });

    it('refuses a step in malformed JSON', async () => {
      expectError(await step('{"type":', { 'content-type': 'application/json' }), 400, 'MALFORMED_JSON', ['']);
    });

    it('refuses a step with a stale version (409 VERSION_CONFLICT)', async () => {
      expectError(await step({ type: 'protocol', at: '2022-01-05T12:00:00+06:00', version: 9 }), 409, 'VERSION_CONFLICT', ['version']);
    });

    it('answers 400 for a detention id that is not a UUID and 404 for one that does not exist', async () => {
      const body = { type: 'protocol', at: '2022-01-05T12:00:00+06:00' };
      expectError(await refused({ method: 'POST', url: '/api/v1/detentions/42/steps', payload: body }), 400, 'VALIDATION_FAILED', ['id']);
      expectError(await refused({ method: 'POST', url: `/api/v1/detentions/${ABSENT}/steps`, payload: body }), 404, 'RECORD_NOT_FOUND', ['id']);
    });
  });

  describe('ids in the URL and unknown routes', () => {
    const routes = (plural: string, id: string): [string, InjectOptions][] => [
      ['GET', { method: 'GET', url: `/api/v1/${plural}/${id}` }],
      ['PATCH', { method: 'PATCH', url: `/api/v1/${plural}/${id}`, payload: { version: 1 } }],
      ['DELETE', { method: 'DELETE', url: `/api/v1/${plural}/${id}` }],
      ['restore', { method: 'POST', url: `/api/v1/${plural}/${id}/restore` }],
      ['history', { method: 'GET', url: `/api/v1/${plural}/${id}/history` }],
    ];

    it.each(ENTITY_LIST)('every /%s/:id route answers 400 naming id when the id is not a UUID', async (_name, plural) => {
      for (const [label, options] of routes(plural, 'not-a-uuid')) {
        const res = await refused(options);
        expect(res.status, label).toBe(400);
        expectError(res, 400, 'VALIDATION_FAILED', ['id']);
      }
    });

    it.each(ENTITY_LIST)('every /%s/:id route answers 404 RECORD_NOT_FOUND for a well-formed id no record has', async (_name, plural) => {
      for (const [label, options] of routes(plural, ABSENT)) {
        const res = await refused(options);
        expect(res.status, label).toBe(404);
        expectError(res, 404, 'RECORD_NOT_FOUND');
      }
    });

    it('GET /detentions/:id/custody answers 400 for a bad id and 404 for an absent one', async () => {
      expectError(await send(t.app, { method: 'GET', url: '/api/v1/detentions/nope/custody' }), 400, 'VALIDATION_FAILED', ['id']);
      expectError(await send(t.app, { method: 'GET', url: `/api/v1/detentions/${ABSENT}/custody` }), 404, 'RECORD_NOT_FOUND');
    });

    it('the id of another kind of record is not found', async () => {
      expectError(await refused({ method: 'PATCH', url: `/api/v1/events/${d.person}`, payload: { version: 1, title: 'x' } }), 404, 'RECORD_NOT_FOUND');
    });

    it.each([
      ['GET', '/api/v1/unicorns'],
      ['POST', '/api/v1/unicorns'],
      ['DELETE', '/api/v1/events'],
      ['PUT', `/api/v1/events/${ABSENT}`],
      ['POST', `/api/v1/events/${ABSENT}/explode`],
      ['GET', '/api/v2/events'],
    ] as const)('%s %s is 404 ROUTE_NOT_FOUND', async (method, url) => {
      const res = await refused({ method, url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
      expectError(res, 404, 'ROUTE_NOT_FOUND');
      expect((res.body.error as { message: string }).message).toContain(url);
    });
  });

  describe('delete and list parameters', () => {
    it('DELETE with a version that is not a number is 400 naming version, and deletes nothing', async () => {
      const res = await refused({ method: 'DELETE', url: `/api/v1/sources/${target.source.id}?version=latest` });
      expectError(res, 400, 'VALIDATION_FAILED', ['version']);
      expect((await send(t.app, { method: 'GET', url: `/api/v1/sources/${target.source.id}` })).body.deletedAt).toBeNull();
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['from=yesterday', 'from'],
      ['cursor=not-a-cursor', 'cursor'],
      ['includeDeleted=maybe', 'includeDeleted'],
      ['type=Not%20A%20Code', 'type'],
    ])('GET /events?%s is 400 naming %s', async (query, path) => {
      expectError(await send(t.app, { method: 'GET', url: `/api/v1/events?${query}` }), 400, 'VALIDATION_FAILED', [path]);
    });
  });
});
