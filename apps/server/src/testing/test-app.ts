// The HTTP app over a fresh, migrated test database, driven with app.inject (no port is opened).
import { type EntityName, type Role, type ServiceOptions, type Services } from '@vigil/core';
import { buildDetention, buildEvent, buildPerson, buildPlace, buildSource, openTestDatabase, type Engine, type TestDatabase } from '@vigil/db/testing';
import { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  services: Services;
  /** Rows in every table (record_history included), to prove a refused write changed nothing. */
  counts(): Promise<Record<string, number>>;
  /** Closes the app and destroys the database. */
  close(): Promise<void>;
  /** Headers of a fresh session of a new user with this role (cookie + CSRF token). */
  headersFor(role: Role): Promise<Record<string, string>>;
}

let users = 0;

/** Creates a user with the role, signs in, and returns the session cookie and CSRF header. */
export async function sessionHeaders(services: Services, role: Role): Promise<Record<string, string>> {
  const username = `${role}-${++users}`;
  const password = 'correct horse battery staple';
  await services.accounts.createUser({ username, role, password });
  const { token, csrfToken } = await services.accounts.login({ username, password });
  return { cookie: `vigil_session=${token}`, 'x-csrf-token': csrfToken };
}

export async function openTestApp(engine: Engine, options: ServiceOptions = {}): Promise<TestApp> {
  const db = await openTestDatabase(engine);
  const services = db.services(options);
  let app: FastifyInstance;
  try {
    app = await buildApp({ services });
    await app.ready();
    // Every request of a test is an admin's unless it sets its own cookie (the role tests do).
    const admin = await sessionHeaders(services, 'admin');
    const inject = app.inject.bind(app);
    app.inject = ((opts: InjectOptions) => inject({ ...opts, headers: { ...admin, ...(opts.headers ?? {}) } })) as typeof app.inject;
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return {
    app,
    db,
    services,
    // Reads are audited by design, so the audit tables are left out of "nothing was written".
    counts: async () => {
      const { audit_log: _log, audit_head: _head, ...rest } = await services.transfer.tableCounts();
      return rest;
    },
    headersFor: (role) => sessionHeaders(services, role),
    close: async () => {
      try {
        await app.close();
      } finally {
        await db.destroy();
      }
    },
  };
}

/** A JSON response body, typed loosely for assertions. */
export type Json = Record<string, unknown>;

/** Sends a request and returns the status and the parsed JSON body (null when the body is empty). */
export async function send(app: FastifyInstance, options: InjectOptions): Promise<{ status: number; body: Json; raw: LightMyRequestResponse }> {
  const raw = await app.inject(options);
  const body = raw.body === '' ? null : (JSON.parse(raw.body) as Json);
  return { status: raw.statusCode, body: body as Json, raw };
}

/** Creates a record through the API and returns it; fails loudly when the API refuses. */
export async function createVia(app: FastifyInstance, plural: string, payload: Json): Promise<Json & { id: string; version: number }> {
  const res = await send(app, { method: 'POST', url: `/api/v1/${plural}`, payload });
  if (res.status !== 201) throw new Error(`POST /api/v1/${plural} → ${res.status}: ${res.raw.body}`);
  return res.body as Json & { id: string; version: number };
}

/** Records every other kind can point at, created once per app. */
export interface Deps {
  source: string;
  place: string;
  organisation: string;
  event: string;
  person: string;
  detention: string;
  act: string;
}

export async function createDeps(app: FastifyInstance): Promise<Deps> {
  const source = (await createVia(app, 'sources', buildSource())).id;
  const place = (await createVia(app, 'places', buildPlace({ sourceIds: [source] }))).id;
  const organisation = (await createVia(app, 'organisations', { name: 'Almaty city police', kind: 'police_unit', city: 'Almaty' })).id;
  const event = (await createVia(app, 'events', buildEvent({ placeIds: [place] }))).id;
  const person = (await createVia(app, 'persons', buildPerson())).id;
  const detention = (await createVia(app, 'detentions', buildDetention(person, { eventId: event }))).id;
  const act = (await createVia(app, 'acts', { type: 'use_of_force', eventId: event, victimPersonId: person })).id;
  return { source, place, organisation, event, person, detention, act };
}

export interface Fixture {
  /** A valid create body using every kind of reference the entity has. */
  input: (d: Deps) => Json;
  /** One field to change with PATCH, and its new value. */
  change: [string, unknown];
}

/** A valid body for every entity in the registry (records.routes.test.ts checks none is missing). */
export const FIXTURES: Record<EntityName, Fixture> = {
  source: {
    input: () => ({ kind: 'media_report', title: 'Dozens detained on Republic Square', outlet: 'Vlast.kz', url: 'https://vlast.kz/a/1', publishedAt: '2022-01-05T18:00:00+06:00', language: 'ru', reliability: 'high' }),
    change: ['title', 'Dozens detained on Republic Square (updated)'],
  },
  place: {
    input: (d) => buildPlace({ name: 'Republic Square', address: 'Satpayev St', sourceIds: [d.source] }),
    change: ['name', 'Republic Square, Almaty'],
  },
  organisation: {
    input: (d) => ({ name: 'Special rapid response unit', aliases: ['SOBR'], kind: 'police_unit', parentId: d.organisation, city: 'Almaty', sourceIds: [d.source] }),
    change: ['city', 'Nur-Sultan'],
  },
  event: {
    input: (d) => buildEvent({
      endAt: '2022-01-05T14:00:00+06:00', endPrecision: 'hour', notificationStatus: 'not_notified', placeIds: [d.place], sourceIds: [d.source],
      estimates: [{ measure: 'participants', min: 200, max: 500, claimedBy: 'organisers', sourceIds: [d.source] }],
    }),
    change: ['title', 'Rally against fuel prices'],
  },
  person: {
    input: (d) => buildPerson({
      names: [{ value: 'Асель Нурланова', kind: 'full', sourceId: d.source }, { value: 'Asel Nurlanova' }],
      sex: 'female', birthYear: 1990, roles: [{ role: 'journalist', eventId: d.event, organisationId: d.organisation }], sourceIds: [d.source],
    }),
    change: ['pseudonym', 'Witness A'],
  },
  detention: {
    input: (d) => buildDetention(d.person, {
      eventId: d.event, apprehendedPlaceId: d.place, apprehendedByIds: [d.organisation], sourceIds: [d.source],
      steps: [{ type: 'taken_to', at: '2022-01-05T10:40:00+06:00', placeId: d.place, sourceIds: [d.source] }],
    }),
    change: ['notes', 'Lawyer confirmed the time of arrest'],
  },
  act: {
    input: (d) => ({
      type: 'use_of_force', eventId: d.event, victimPersonId: d.person, placeId: d.place, startAt: '2022-01-05T10:00:00+06:00', endAt: '2022-01-05T10:05:00+06:00',
      perpetrators: [{ organisationId: d.organisation, involvement: 'direct' }], methods: ['baton'], consequences: ['injury'], sourceIds: [d.source],
    }),
    change: ['description', 'Struck twice with a baton while filming'],
  },
  charge: {
    input: (d) => ({
      personId: d.person, detentionId: d.detention, eventId: d.event, code: 'kz_koap', article: '488', part: '6', filedOn: '2022-01-05',
      outcome: 'convicted', decidedOn: '2022-01-06', sentenceKind: 'administrative_arrest', sentenceDays: 15, sourceIds: [d.source],
    }),
    change: ['court', 'Specialised inter-district administrative court of Almaty'],
  },
  officialFigure: {
    input: (d) => ({ issuer: 'Ministry of Internal Affairs', issuedOn: '2022-01-07', measure: 'persons detained', value: 4404, eventId: d.event, sourceIds: [d.source] }),
    change: ['value', 9900],
  },
  complaint: {
    input: (d) => ({ body: 'prosecutor', filedOn: '2022-01-10', filedByPersonId: d.person, personId: d.person, detentionId: d.detention, actId: d.act, eventId: d.event, sourceIds: [d.source] }),
    change: ['status', 'under_review'],
  },
};
