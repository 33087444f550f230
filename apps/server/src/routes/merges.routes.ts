import {
  AcceptMergeInput, type ImportActor, MergeFilter, MergeIdParams, type MergeViewer, RejectMergeInput, ScanInput, type Services, UnmergeInput,
} from '@vigil/core';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { scopeOf } from '../actor.js';
import { actorOf as signedIn } from '../auth/guard.js';

const tags = ['merges'];
const READ = { access: 'records:read' as const };
const WRITE = { access: 'imports:write' as const };

function who(req: FastifyRequest): ImportActor {
  const actor = signedIn(req);
  return { id: actor.id, name: actor.name, address: req.ip };
}

/** What the reader may see: pairs of persons in their scope; names and reasons with identities:read. */
function viewer(req: FastifyRequest): MergeViewer {
  return { scope: scopeOf(req), role: signedIn(req).role };
}

const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;

/**
 * Merge review (docs/IMPORT.md): candidate pairs of persons that may be one, with a score and the
 * reasons; accept merges them into one person keeping every name, role and source (and re-points
 * detentions, charges, acts, complaints); reject is remembered; unmerge restores both.
 */
export function registerMergeRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/merges', {
    config: READ,
    schema: { tags, summary: 'Candidate pairs, best score first (status=pending by default: both persons still separate; also accepted, rejected, unmerged; personId, runId)', querystring: MergeFilter },
  }, async (req) => services.merges.list(req.query, viewer(req)));
  app.post('/api/v1/merges/scan', {
    config: WRITE,
    schema: { tags, summary: 'Look for candidate pairs: for some persons ({personIds}) or everyone ({all: true}); new pairs are added as pending', body: ScanInput },
  }, async (req) => services.merges.scan(req.body ?? {}));
  app.get('/api/v1/merges/:id', { config: READ, schema: { tags, summary: 'One pair with both persons and its decisions', params: MergeIdParams } }, async (req) =>
    services.merges.get(idOf(req), viewer(req)),
  );
  app.post('/api/v1/merges/:id/accept', {
    config: WRITE,
    schema: { tags, summary: 'Merge the pair into one person ({survivorId?, note?, version?}); the other is deleted and points at it', params: MergeIdParams, body: AcceptMergeInput },
  }, async (req) => services.merges.accept(idOf(req), req.body ?? {}, who(req), viewer(req)));
  app.post('/api/v1/merges/:id/reject', {
    config: WRITE,
    schema: { tags, summary: 'Not the same person: remembered, never proposed again ({note?, version?})', params: MergeIdParams, body: RejectMergeInput },
  }, async (req) => services.merges.reject(idOf(req), req.body ?? {}, who(req), viewer(req)));
  app.post('/api/v1/merges/:id/unmerge', {
    config: WRITE,
    schema: { tags, summary: 'Undo an accepted merge: both persons and their records as they were ({note?, force?})', params: MergeIdParams, body: UnmergeInput },
  }, async (req) => services.merges.unmerge(idOf(req), req.body ?? {}, who(req), viewer(req)));
}
