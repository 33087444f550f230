import { engines, openTestDatabase, type TestDatabase } from '@vigil/db/testing';
import { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';

describe.each(engines())('public mode on %s', (engine) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDatabase(engine);
    await db.services().demo.load();
    app = await buildApp({ services: db.services(), publicMode: true });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it('answers aggregate statistics and published reports without a session', async () => {
    expect((await app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
    const overview = await app.inject({ url: '/api/v1/stats/overview' });
    expect(overview.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/reports' })).statusCode).toBe(200);
  });

  it('has no records, no sign-in and no writes at all', async () => {
    for (const url of ['/api/v1/persons', '/api/v1/detentions', '/api/v1/custody/board', '/api/v1/users', '/api/v1/open-data/detentions.csv', '/api/v1/auth/session']) {
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    }
    for (const url of ['/api/v1/auth/login', '/api/v1/auth/setup', '/api/v1/persons', '/api/v1/reports']) {
      expect([404, 405], url).toContain((await app.inject({ method: 'POST', url, payload: {} })).statusCode);
    }
    const writes = app.routeTable.filter((r) => r.url.startsWith('/api/') && !['GET', 'HEAD'].includes(r.method));
    expect(writes).toEqual([]);
  });
});
