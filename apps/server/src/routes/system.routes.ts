import { parseInput, type Services } from '@vigil/core';
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';

const VocabularyQuery = z.object({ vocabulary: z.string().max(64).optional() });

export function registerSystemRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/health', { config: { access: 'public' }, schema: { tags: ['system'], summary: 'Liveness, storage engine and schema state' } }, async () => {
    const migrations = await services.repos.schema.status();
    const pending = migrations.filter((m) => !m.appliedAt).map((m) => m.name);
    return {
      status: pending.length === 0 ? 'ok' : 'migrations-pending',
      engine: services.repos.schema.engine,
      schemaVersion: migrations.filter((m) => m.appliedAt).at(-1)?.name ?? null,
      pendingMigrations: pending,
      time: new Date().toISOString(),
    };
  });
  app.get('/api/v1/vocabularies', { config: { access: 'vocabularies:read' }, schema: { tags: ['system'], summary: 'Controlled vocabularies with labels (en, ru, kk)', querystring: VocabularyQuery } }, async (req) => ({
    items: await services.vocabularies.list(parseInput(VocabularyQuery, req.query ?? {}).vocabulary),
  }));
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
