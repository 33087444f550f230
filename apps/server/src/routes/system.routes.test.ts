import { ENTITIES } from '@vigil/core';
import { engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, send, type Json, type TestApp } from '../testing/test-app.js';

describe.each(engines())('system routes on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine);
  });
  afterAll(() => t.close());

  describe('GET /api/v1/health', () => {
    it('reports ok, the storage engine in use and no pending migrations', async () => {
      const res = await send(t.app, { method: 'GET', url: '/api/v1/health' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', engine, pendingMigrations: [] });
      expect(typeof res.body.schemaVersion).toBe('string');
      expect(Number.isNaN(Date.parse(String(res.body.time)))).toBe(false);
    });
  });

  describe('GET /api/v1/openapi.json', () => {
    let doc: Json & { openapi: string; paths: Record<string, Record<string, Json>> };
    beforeAll(async () => {
      const res = await send(t.app, { method: 'GET', url: '/api/v1/openapi.json' });
      expect(res.status).toBe(200);
      expect(res.raw.headers['content-type']).toMatch(/^application\/json/);
      doc = res.body as typeof doc;
    });

    it('is an OpenAPI 3.x document', () => {
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info).toMatchObject({ title: 'Vigil API' });
    });

    it.each(Object.values(ENTITIES).map((d) => [d.plural]))('lists every route of /api/v1/%s', (plural) => {
      const base = `/api/v1/${plural}`;
      expect(Object.keys(doc.paths[base] ?? {}).sort()).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths[`${base}/{id}`] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
      expect(Object.keys(doc.paths[`${base}/{id}/restore`] ?? {})).toEqual(['post']);
      expect(Object.keys(doc.paths[`${base}/{id}/history`] ?? {})).toEqual(['get']);
    });

    it('names the official figures collection with its URL segment', () => {
      expect(doc.paths).toHaveProperty(['/api/v1/official-figures/{id}']);
      expect(doc.paths).not.toHaveProperty(['/api/v1/officialFigures/{id}']);
    });

    it('lists the custody routes', () => {
      expect(doc.paths['/api/v1/custody/board']).toHaveProperty('get');
      expect(doc.paths['/api/v1/detentions/{id}/custody']).toHaveProperty('get');
      expect(doc.paths['/api/v1/detentions/{id}/steps']).toHaveProperty('post');
    });

    it('describes the request body of a create from the entity schema', () => {
      const schema = (doc.paths['/api/v1/events']?.post?.requestBody as { content: Record<string, { schema: { required?: string[]; properties?: Json } }> } | undefined)
        ?.content['application/json']?.schema;
      expect(schema?.required).toEqual(expect.arrayContaining(['title', 'type', 'startAt']));
      expect(schema?.properties).toHaveProperty('endAt');
    });

    it('leaves itself out of the document', () => {
      expect(doc.paths).not.toHaveProperty(['/api/v1/openapi.json']);
    });
  });

  describe('GET /api/v1/vocabularies', () => {
    it('lists the role vocabulary, journalist included, with labels', async () => {
      const res = await send(t.app, { method: 'GET', url: '/api/v1/vocabularies?vocabulary=role' });
      expect(res.status).toBe(200);
      const items = res.body.items as { vocabulary: string; code: string; labels: Record<string, string> }[];
      expect(items.map((i) => i.code)).toContain('journalist');
      expect(new Set(items.map((i) => i.vocabulary))).toEqual(new Set(['role']));
      expect(items.find((i) => i.code === 'journalist')?.labels.en).toBeTruthy();
    });

    it('lists every vocabulary when none is named', async () => {
      const res = await send(t.app, { method: 'GET', url: '/api/v1/vocabularies' });
      const vocabularies = new Set((res.body.items as { vocabulary: string }[]).map((i) => i.vocabulary));
      for (const v of ['role', 'event_type', 'custody_step', 'complaint_body']) expect(vocabularies).toContain(v);
    });

    it('returns an empty list for a vocabulary that does not exist', async () => {
      const res = await send(t.app, { method: 'GET', url: '/api/v1/vocabularies?vocabulary=colours' });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    });

    it('answers 400 naming vocabulary when the name is too long', async () => {
      const res = await send(t.app, { method: 'GET', url: `/api/v1/vocabularies?vocabulary=${'v'.repeat(65)}` });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ path: 'vocabulary' }] } });
    });
  });
});
