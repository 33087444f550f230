import { type FindingActor, FindingCountFilter, FindingFilter, FindingIdParams, RecomputeInput, ReviewInput, type Services } from '@vigil/core';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { scopeOf } from '../actor.js';
import { actorOf as signedIn } from '../auth/guard.js';

const tags = ['findings'];

/** The reviewer as recorded in the finding's history and the audit trail. */
function reviewerOf(req: FastifyRequest): FindingActor {
  const actor = signedIn(req);
  return { id: actor.id, name: actor.name, address: actor.address ?? req.ip };
}

/**
 * Standards findings (issue 5): suggestions of the standards engine over the recorded facts, for
 * analysts to confirm or reject. Reading needs `records:read` (scoped like the records cited);
 * deciding and recomputing need `findings:review`.
 */
export function registerFindingRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/api/v1/standards',
    { config: { access: 'records:read' }, schema: { tags, summary: 'The standards catalogue: citations, how firm each is, thresholds with their origin (LAW, STD, CONV), and the rules' } },
    async () => services.findings.standards(),
  );
  app.get(
    '/api/v1/findings',
    {
      config: { access: 'records:read' },
      schema: { tags, summary: 'Findings, most severe first (status=suggested,needs_review or status=queue for the review queue; severity, eventId, subjectId, personId, standardId, ruleId; cursor)', querystring: FindingFilter },
    },
    async (req) => services.findings.list(req.query, scopeOf(req)),
  );
  app.get(
    '/api/v1/findings/counts',
    {
      config: { access: 'records:read' },
      schema: { tags, summary: 'How many findings match the filters of the list (status and paging aside), per status: the review queue\'s tabs', querystring: FindingCountFilter },
    },
    async (req) => services.findings.counts(req.query, scopeOf(req)),
  );
  app.post(
    '/api/v1/findings/recompute',
    { config: { access: 'findings:review' }, schema: { tags, summary: 'Recompute findings: one event ({eventId}), everything ({all: true}), or the groups changed since ({})', body: RecomputeInput } },
    async (req) => services.findings.recompute(req.body ?? {}, reviewerOf(req)),
  );
  app.get(
    '/api/v1/findings/:id',
    { config: { access: 'records:read' }, schema: { tags, summary: 'One finding with its standards as catalogued, links to the records, changes since review and history', params: FindingIdParams } },
    async (req) => services.findings.get((req.params as { id: string }).id, scopeOf(req)),
  );
  app.post(
    '/api/v1/findings/:id/review',
    { config: { access: 'findings:review' }, schema: { tags, summary: 'Confirm or reject a finding ({decision: confirm|reject, note, version}); a note is required to reject', params: FindingIdParams, body: ReviewInput } },
    async (req) => services.findings.review((req.params as { id: string }).id, req.body, reviewerOf(req), scopeOf(req)),
  );
}
