import { can, VigilError, DeleteQuery, ENTITIES, HistoryEntry, notFound, pageOf, parseInput, redactRecord, type EntityDefinition, type Services, type StoredRecord } from '@vigil/core';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopeOf, whoOf } from '../actor.js';
import { actorOf as signedIn } from '../auth/guard.js';

/**
 * Who may not see identities (viewers) gets records through the same redaction function as every
 * published output: pseudonyms, no contacts or notes; unlistable records are left out.
 */
/** Entities whose records carry protected identity fields (names, contacts, addresses, authors). */
const PROTECTED = new Set<EntityDefinition['name']>(['person', 'detention', 'source', 'place', 'act', 'charge', 'complaint']);

/** Every unredacted read of protected fields is audited: who, when, which records, from where. */
async function auditRead(services: Services, req: FastifyRequest, entity: EntityDefinition['name'], ids: string[]): Promise<void> {
  if (!PROTECTED.has(entity) || ids.length === 0 || !can(signedIn(req).role, 'identities:read')) return;
  const who = whoOf(req);
  await services.audit.record({ actor: who.id, actorName: who.name, address: who.address, action: 'read-protected', entity, recordId: ids.length === 1 ? ids[0] : null, details: { count: ids.length, ids: ids.slice(0, 500) } });
}

function presenter(req: FastifyRequest, entity: EntityDefinition['name']): (record: StoredRecord) => Record<string, unknown> | null {
  if (can(signedIn(req).role, 'identities:read')) return (record) => record;
  return (record) => redactRecord(entity, record);
}

const IdParams = z.object({ id: z.string().describe('Record id (UUID)') });

/** Create, read, update, soft-delete, restore, list and history for one kind of record. */
function registerEntity(app: FastifyInstance, services: Services, def: EntityDefinition): void {
  const base = `/api/v1/${def.plural}`;
  const tags = [def.plural];
  const record = def.record;
  /** Authorise a write on one record: outside the user's scope it does not exist. */
  const visibleId = async (req: FastifyRequest): Promise<string> => (await services.records.get(def.name, (req.params as { id: string }).id, scopeOf(req))).id;

  app.post(base, { config: { access: 'records:write' }, schema: { tags, summary: `Create a ${def.label}`, body: def.input, response: { 201: record } } }, async (req, reply) =>
    reply.status(201).send(await services.records.create(def.name, req.body, whoOf(req))),
  );
  app.get(base, { config: { access: 'records:read' }, schema: { tags, summary: `List ${def.plural}`, querystring: def.filter, response: { 200: pageOf(record) } } }, async (req) => {
    // Searching real names would tie a pseudonym to a name: only for who may see identities.
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (query.q && (def.name === 'person' || def.name === 'detention') && !can(signedIn(req).role, 'identities:read')) {
      throw new VigilError('FORBIDDEN', 'Searching by name needs permission to see identities', [{ path: 'q', problem: 'not allowed for your role' }]);
    }
    const page = await services.records.list(def.name, req.query, scopeOf(req));
    const present = presenter(req, def.name);
    await auditRead(services, req, def.name, page.items.map((r) => r.id));
    return { ...page, items: page.items.map(present).filter((r) => r !== null) };
  });
  app.get(`${base}/:id`, { config: { access: 'records:read' }, schema: { tags, summary: `Read a ${def.label}`, params: IdParams, response: { 200: record } } }, async (req) => {
    const found = await services.records.get(def.name, (req.params as { id: string }).id, scopeOf(req));
    const shown = presenter(req, def.name)(found);
    if (!shown) throw notFound(def.label, found.id);
    await auditRead(services, req, def.name, [found.id]);
    return shown;
  });
  app.patch(`${base}/:id`, { config: { access: 'records:write' }, schema: { tags, summary: `Update a ${def.label} (send the version you read)`, params: IdParams, body: def.patch, response: { 200: record } } }, async (req) => {
    const id = await visibleId(req);
    return services.records.update(def.name, id, req.body, whoOf(req));
  });
  app.delete(`${base}/:id`, { config: { access: 'records:delete' }, schema: { tags, summary: `Soft-delete a ${def.label}`, params: IdParams, querystring: DeleteQuery, response: { 200: record } } }, async (req) => {
    const { version } = parseInput(DeleteQuery, req.query ?? {});
    return services.records.remove(def.name, await visibleId(req), version, whoOf(req));
  });
  app.post(`${base}/:id/restore`, { config: { access: 'records:delete' }, schema: { tags, summary: `Undo the deletion of a ${def.label}`, params: IdParams, response: { 200: record } } }, async (req) =>
    services.records.restore(def.name, await visibleId(req), whoOf(req)),
  );
  // History snapshots carry every field, protected ones included: only for who may see identities.
  app.get(`${base}/:id/history`, { config: { access: 'identities:read' }, schema: { tags, summary: `Every version of a ${def.label}`, params: IdParams, response: { 200: z.object({ items: z.array(HistoryEntry) }) } } }, async (req) => ({
    items: await services.records.history(def.name, (req.params as { id: string }).id, scopeOf(req)),
  }));
}

export function registerRecordRoutes(app: FastifyInstance, services: Services): void {
  for (const def of Object.values(ENTITIES)) registerEntity(app, services, def);
}
