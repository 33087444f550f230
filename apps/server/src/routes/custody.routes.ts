import { AddStepInput, DetentionRecord, DetentionReportInput, inScope, PersonRecord, SourceRecord, type Services } from '@vigil/core';
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { scopeOf, whoOf } from '../actor.js';

const IdParams = z.object({ id: z.string() });
const tags = ['custody'];

/** The live custody clock: the board, one detention's assessment, quick timeline steps. */
export function registerCustodyRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/custody/board', { config: { access: 'custody:read' }, schema: { tags, summary: 'People held or unaccounted for now, most urgent first, with alerts' } }, async (req) => {
    const generatedAt = services.custody.clock();
    const scope = scopeOf(req);
    const board = await services.custody.board(generatedAt);
    const entries = board.entries.filter((e) => inScope('detention', e.detention, scope));
    return { generatedAt, count: entries.length, items: entries, staleCount: board.staleCount, horizonDays: board.horizonDays };
  });
  app.get('/api/v1/detentions/:id/custody', { config: { access: 'custody:read' }, schema: { tags, summary: 'The custody clock of one detention', params: IdParams } }, async (req) => {
    const detention = await services.records.get('detention', (req.params as { id: string }).id, scopeOf(req));
    return services.custody.assess(detention);
  });
  app.post(
    '/api/v1/intake/detention',
    { config: { access: 'intake:create' }, schema: { tags: ['intake'], summary: 'Hotline: report a detention (creates the source, person and detention at once)', body: DetentionReportInput, response: { 201: z.object({ person: PersonRecord, detention: DetentionRecord, source: SourceRecord }) } } },
    async (req, reply) => reply.status(201).send(await services.intake.reportDetention(req.body, whoOf(req))),
  );
  app.post('/api/v1/detentions/:id/steps', { config: { access: 'custody:write' }, schema: { tags, summary: 'Add one step to a custody timeline', params: IdParams, body: AddStepInput, response: { 201: DetentionRecord } } }, async (req, reply) => {
    const detention = await services.records.get('detention', (req.params as { id: string }).id, scopeOf(req));
    return reply.status(201).send(await services.custody.addStep(detention.id, req.body, whoOf(req)));
  });
}
