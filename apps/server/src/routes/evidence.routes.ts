import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import {
  Chronology, ChronolocationRecord, ClaimReviewInput, IncidentFilter, IncidentInput, IncidentPatch, IncidentSummary, CommentInput, CommentRecord, DeleteQuery, EvidenceDetail, EvidenceFilter, EvidenceItemRecord, EvidencePatch,
  GeolocationRecord, HistoryEntry, IngestResult, parseInput, pageOf, type Services, ShadowQueryInput, shadowWindows, StatusChangeInput,
  SunPositionQuery, sunPosition, SunTimesQuery, sunTimes, TransferInput, validationError, VerifyReport, VigilError,
  type EvidenceActor, ChronolocationInput, GeolocationInput, toLocalIso,
} from '@vigil/core';
import { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf as sessionActor } from '../auth/guard.js';

const IdParams = z.object({ id: z.string().describe('Evidence item id (UUID)') });
const ClaimParams = z.object({ claimId: z.string().describe('Claim id (UUID)') });
const CopyParams = z.object({ id: z.string(), kind: z.enum(['thumbnail', 'poster']) });
const tags = ['evidence'];
/** Form fields that may repeat (or carry a comma-separated list). */
const LIST_FIELDS = new Set(['sensitivity', 'eventIds', 'actIds']);

const actorOf = (req: FastifyRequest): string => sessionActor(req).name;
const who = (req: FastifyRequest): EvidenceActor => ({ actor: actorOf(req), origin: req.ip });
const READ = { access: 'evidence:read' as const };
const WRITE = { access: 'evidence:write' as const };
const DELETE = { access: 'records:delete' as const };
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

/** @fastify/multipart's errors in Vigil's vocabulary (the app's handler presents them). */
function fromMultipart(error: FastifyError): VigilError | null {
  switch (error.code) {
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new VigilError('VALIDATION_FAILED', 'Send the file as multipart/form-data (fields first, then one file part)', [{ path: '', problem: 'not multipart/form-data' }]);
    case 'FST_REQ_FILE_TOO_LARGE':
      return new VigilError('PAYLOAD_TOO_LARGE', 'The file is larger than the upload limit', [{ path: 'file', problem: 'exceeds the upload limit' }]);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new VigilError('VALIDATION_FAILED', `The form is malformed: ${error.message}`, [{ path: '', problem: error.message }]);
    case 'FST_MP_PREMATURE_CLOSE':
      return new VigilError('VALIDATION_FAILED', 'The upload was interrupted; nothing was stored', [{ path: 'file', problem: 'upload interrupted' }]);
    default:
      return null;
  }
}

function addField(meta: Record<string, unknown>, name: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') return;
  if (LIST_FIELDS.has(name)) {
    const list = (meta[name] as string[] | undefined) ?? [];
    meta[name] = [...list, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
  } else {
    meta[name] = value;
  }
}

/** Streams one multipart upload into the vault: fields first, then the file; constant memory. */
async function ingestUpload(req: FastifyRequest, services: Services) {
  const meta: Record<string, unknown> = {};
  let result: Awaited<ReturnType<Services['evidence']['ingest']>> | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      if (!result) addField(meta, part.fieldname, part.value);
      continue;
    }
    if (result) {
      part.file.resume();
      continue;
    }
    const declared = part.mimetype && part.mimetype !== 'application/octet-stream' ? part.mimetype : undefined;
    result = await services.evidence.ingest(part.file, { ...meta, filename: meta.filename ?? part.filename, mediaType: meta.mediaType ?? declared }, who(req));
  }
  if (!result) throw validationError([{ path: 'file', problem: 'is required (send one file part after the fields)' }]);
  return result;
}

/** `attachment` always (never rendered inline), with an ASCII fallback and the UTF-8 name. */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * The evidence vault over HTTP: an encapsulated plugin, so multipart parsing exists only for
 * these routes. Register with `app.register(evidenceRoutes, { services })`.
 */
export async function evidenceRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  await app.register(fastifyMultipart, {
    // preservePath: see the name as sent, so a path in it is refused rather than silently cut off.
    preservePath: true,
    limits: { fileSize: services.evidence.maxBytes + 1, fields: 100, fieldSize: 64 * 1024, parts: 1000 },
  });
  app.setErrorHandler((error: FastifyError) => {
    throw fromMultipart(error) ?? error;
  });

  app.post('/api/v1/evidence', {
    config: WRITE,
    schema: {
      tags, consumes: ['multipart/form-data'], response: { 201: IngestResult },
      summary: 'Upload one file (multipart: fields first — filename, mediaType, title, originalUrl, platform, postingAccount, postedAt, capturedAt, capturedBy, captureTool, notes, sourceId, sensitivity, eventIds, actIds, confidentiality — then the file part)',
    },
  }, async (req, reply) => reply.status(201).send(await ingestUpload(req, services)));

  app.get('/api/v1/evidence', { config: READ, schema: { tags, summary: 'List evidence items, newest first', querystring: EvidenceFilter, response: { 200: pageOf(EvidenceItemRecord) } } }, async (req) =>
    services.evidence.list(req.query),
  );
  app.post('/api/v1/evidence/verify', { config: WRITE, schema: { tags, summary: 'Re-hash every stored original and report mismatches and missing files', response: { 200: VerifyReport } } }, async (req) =>
    services.evidence.verify(who(req)),
  );
  app.get('/api/v1/evidence/:id', { config: READ, schema: { tags, summary: 'One item with provenance, chain of custody, claims and comments (logged as a view)', params: IdParams, response: { 200: EvidenceDetail } } }, async (req) =>
    services.evidence.get(idOf(req), who(req)),
  );
  app.get('/api/v1/evidence/:id/content', { config: READ, schema: { tags, summary: 'Download the original, bit for bit (logged)', params: IdParams } }, async (req, reply) => {
    const { item, content } = await services.evidence.open(idOf(req), 'download', who(req));
    return reply
      .header('content-type', item.mediaType)
      .header('content-length', String(item.size))
      .header('content-disposition', disposition(item.filename))
      .header('repr-digest', `sha-256=:${Buffer.from(item.sha256, 'hex').toString('base64')}:`)
      .header('x-content-type-options', 'nosniff')
      .send(Readable.from(content));
  });
  app.get('/api/v1/evidence/:id/copies/:kind', { config: READ, schema: { tags, summary: 'A viewing copy (thumbnail or video poster frame), never the original', params: CopyParams } }, async (req, reply) => {
    const { id, kind } = req.params as { id: string; kind: string };
    const copy = await services.evidence.viewingCopy(id, kind);
    return reply.header('content-type', copy.mediaType).header('x-content-type-options', 'nosniff').send(Buffer.from(copy.bytes));
  });
  app.patch('/api/v1/evidence/:id', { config: WRITE, schema: { tags, summary: 'Edit title, description, sensitivity labels, links (send the version you read)', params: IdParams, body: EvidencePatch, response: { 200: EvidenceDetail } } }, async (req) =>
    services.evidence.update(idOf(req), req.body, actorOf(req)),
  );
  app.delete('/api/v1/evidence/:id', { config: DELETE, schema: { tags, summary: 'Soft-delete an item (the file is kept)', params: IdParams, querystring: DeleteQuery, response: { 200: EvidenceDetail } } }, async (req) => {
    const { version } = parseInput(DeleteQuery, req.query ?? {});
    return services.evidence.remove(idOf(req), version, actorOf(req));
  });
  app.post('/api/v1/evidence/:id/restore', { config: DELETE, schema: { tags, summary: 'Undo the deletion of an item', params: IdParams, response: { 200: EvidenceDetail } } }, async (req) =>
    services.evidence.restore(idOf(req), actorOf(req)),
  );
  app.get('/api/v1/evidence/:id/history', { config: READ, schema: { tags, summary: 'Every version of an item with who changed what', params: IdParams, response: { 200: z.object({ items: z.array(HistoryEntry) }) } } }, async (req) => ({
    items: await services.evidence.history(idOf(req)),
  }));
  app.post('/api/v1/evidence/:id/status', { config: WRITE, schema: { tags, summary: 'Move along the verification workflow (with assignee and comment)', params: IdParams, body: StatusChangeInput, response: { 200: EvidenceDetail } } }, async (req) =>
    services.evidence.setStatus(idOf(req), req.body, actorOf(req)),
  );
  app.post('/api/v1/evidence/:id/comments', { config: WRITE, schema: { tags, summary: 'Comment on an item', params: IdParams, body: CommentInput, response: { 201: CommentRecord } } }, async (req, reply) =>
    reply.status(201).send(await services.evidence.addComment(idOf(req), req.body, actorOf(req))),
  );
  app.post('/api/v1/evidence/:id/transfers', { config: WRITE, schema: { tags, summary: 'Log a hand-over to another custodian', params: IdParams, body: TransferInput, response: { 201: EvidenceDetail } } }, async (req, reply) =>
    reply.status(201).send(await services.evidence.transfer(idOf(req), req.body, who(req))),
  );
  app.post('/api/v1/evidence/:id/geolocations', { config: WRITE, schema: { tags, summary: 'Propose where the item was recorded', params: IdParams, body: GeolocationInput, response: { 201: GeolocationRecord } } }, async (req, reply) =>
    reply.status(201).send(await services.evidence.addClaim('geolocation', idOf(req), req.body, actorOf(req))),
  );
  app.post('/api/v1/evidence/:id/chronolocations', { config: WRITE, schema: { tags, summary: 'Propose when the item was recorded', params: IdParams, body: ChronolocationInput, response: { 201: ChronolocationRecord } } }, async (req, reply) =>
    reply.status(201).send(await services.evidence.addClaim('chronolocation', idOf(req), req.body, actorOf(req))),
  );
  for (const kind of ['geolocation', 'chronolocation'] as const) {
    app.post(`/api/v1/evidence/${kind}s/:claimId/review`, { config: WRITE, schema: { tags, summary: `Confirm or reject a ${kind} claim`, params: ClaimParams, body: ClaimReviewInput } }, async (req) =>
      services.evidence.reviewClaim(kind, (req.params as { claimId: string }).claimId, req.body, actorOf(req)),
    );
  }

  app.post('/api/v1/evidence/incidents', { config: WRITE, schema: { tags, summary: 'Group an event\'s items into a named incident with counts of dead and injured and their sources', body: IncidentInput, response: { 201: IncidentSummary } } }, async (req, reply) =>
    reply.status(201).send(await services.evidence.createIncident(req.body, actorOf(req))),
  );
  app.get('/api/v1/evidence/incidents', { config: READ, schema: { tags, summary: 'Incidents of an event', querystring: IncidentFilter, response: { 200: z.object({ items: z.array(IncidentSummary) }) } } }, async (req) => ({
    items: await services.evidence.incidents(req.query),
  }));
  app.get('/api/v1/evidence/incidents/:id', { config: READ, schema: { tags, summary: 'One incident', params: IdParams, response: { 200: IncidentSummary } } }, async (req) =>
    services.evidence.incident(idOf(req)),
  );
  app.patch('/api/v1/evidence/incidents/:id', { config: WRITE, schema: { tags, summary: 'Edit an incident (send the version you read)', params: IdParams, body: IncidentPatch, response: { 200: IncidentSummary } } }, async (req) =>
    services.evidence.updateIncident(idOf(req), req.body, actorOf(req)),
  );
  app.delete('/api/v1/evidence/incidents/:id', { config: DELETE, schema: { tags, summary: 'Soft-delete an incident', params: IdParams, querystring: DeleteQuery, response: { 200: IncidentSummary } } }, async (req) => {
    const { version } = parseInput(DeleteQuery, req.query ?? {});
    return services.evidence.removeIncident(idOf(req), version, actorOf(req));
  });
  app.get('/api/v1/evidence/incidents/:id/history', { config: READ, schema: { tags, summary: 'Every version of an incident', params: IdParams, response: { 200: z.object({ items: z.array(HistoryEntry) }) } } }, async (req) => ({
    items: await services.evidence.incidentHistory(idOf(req)),
  }));

  app.get('/api/v1/events/:id/chronology', { config: READ, schema: { tags, summary: 'Evidence and acts of an event ordered by best-known time, with precision and verification', params: IdParams, response: { 200: Chronology } } }, async (req) =>
    services.evidence.chronology(idOf(req)),
  );

  app.get('/api/v1/sun/times', { config: READ, schema: { tags: ['chronolocation'], summary: 'Sunrise, sunset, civil dawn and dusk at a place on a local date', querystring: SunTimesQuery } }, async (req) => {
    const q = parseInput(SunTimesQuery, req.query ?? {});
    return sunTimes(q.lat, q.lon, q.date, q.timeZone);
  });
  app.get('/api/v1/sun/position', { config: READ, schema: { tags: ['chronolocation'], summary: 'Sun azimuth and altitude at a place and instant', querystring: SunPositionQuery } }, async (req) => {
    const q = parseInput(SunPositionQuery, req.query ?? {});
    return { ...sunPosition(q.lat, q.lon, q.at), at: new Date(q.at).toISOString(), local: toLocalIso(new Date(q.at), q.timeZone) };
  });
  app.get('/api/v1/sun/shadow', { config: READ, schema: { tags: ['chronolocation'], summary: 'Time windows consistent with an object height and its shadow length (and bearing)', querystring: ShadowQueryInput } }, async (req) =>
    shadowWindows(parseInput(ShadowQueryInput, req.query ?? {})),
  );
}
