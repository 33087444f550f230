import fastifyMultipart from '@fastify/multipart';
import { can, type ImportActor, parseInput, type Services, type StoredImportRun, validationError, VigilError } from '@vigil/core';
import { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf as signedIn } from '../auth/guard.js';

const tags = ['imports'];
const READ = { access: 'records:read' as const };
const WRITE = { access: 'imports:write' as const };
const IdParams = z.object({ id: z.string().describe('Id (UUID)') });
const MappingParams = z.object({ id: z.string().describe('Saved mapping id (UUID) or name') });

/** Largest list accepted (VIGIL_IMPORT_MAX_BYTES, default 512 MiB): a million rows fit. */
export function importMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.VIGIL_IMPORT_MAX_BYTES ?? 512 * 1024 * 1024);
  return Number.isSafeInteger(n) && n > 0 ? n : 512 * 1024 * 1024;
}

const MappingRef = {
  uploadId: z.string().describe('From POST /api/v1/imports/uploads'),
  mapping: z.unknown().optional().describe('The column mapping (docs/IMPORT.md); or mappingId'),
  mappingId: z.string().optional().describe('A saved mapping, by id or name'),
};
export const PreviewInput = z.object({ ...MappingRef, rows: z.number().int().min(1).max(100).optional() }).strict();
export const StartImportInput = z.object({ ...MappingRef, dryRun: z.boolean().optional() }).strict();
const StartQuery = z.object({ wait: z.stringbool().optional().describe('Answer when the run is finished (small files), instead of 202 at once') });
const RunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(500).optional() }).strict();

function who(req: FastifyRequest): ImportActor {
  const actor = signedIn(req);
  return { id: actor.id, name: actor.name, address: req.ip };
}

/** Runs as a reader sees them: file names only for those who may see identities; problems in the CSV. */
function runView(run: StoredImportRun, req: FastifyRequest, problems = 100) {
  const identities = can(signedIn(req).role, 'identities:read');
  return {
    ...run,
    fileName: identities ? run.fileName : null,
    problems: run.problems.slice(0, problems),
    problemsCsv: `/api/v1/imports/${run.id}/problems.csv`,
  };
}

function fromMultipart(error: FastifyError): VigilError | null {
  switch (error.code) {
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new VigilError('VALIDATION_FAILED', 'Send the list as multipart/form-data with one file part', [{ path: '', problem: 'not multipart/form-data' }]);
    case 'FST_REQ_FILE_TOO_LARGE':
      return new VigilError('PAYLOAD_TOO_LARGE', 'The file is larger than the import limit (VIGIL_IMPORT_MAX_BYTES)', [{ path: 'file', problem: 'exceeds the import limit' }]);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
      return new VigilError('VALIDATION_FAILED', `The form is malformed: ${error.message}`, [{ path: '', problem: error.message }]);
    case 'FST_MP_PREMATURE_CLOSE':
      return new VigilError('VALIDATION_FAILED', 'The upload was interrupted; nothing was stored', [{ path: 'file', problem: 'upload interrupted' }]);
    default:
      return null;
  }
}

/**
 * Bulk intake over HTTP (docs/IMPORT.md): upload a list, map its columns, preview the first rows as
 * they will be stored, dry-run, import (in the background; poll the run), download the row-level
 * report. Saved mappings live at /api/v1/import-mappings. Register with `app.register(importRoutes, { services })`.
 */
export async function importRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const maxBytes = importMaxBytes();
  await app.register(fastifyMultipart, { limits: { fileSize: maxBytes + 1, fields: 10, fieldSize: 64 * 1024, parts: 20, files: 1 } });
  app.setErrorHandler((error: FastifyError) => {
    throw fromMultipart(error) ?? error;
  });
  // Background runs finish before the server closes (or the database under them would).
  const running = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });

  app.get('/api/v1/imports/fields', { config: READ, schema: { tags, summary: 'What each kind of list (event, person, detention) can fill: fields, kinds, vocabularies' } }, async () =>
    services.imports.fields(),
  );

  app.post('/api/v1/imports/uploads', {
    config: WRITE,
    schema: { tags, consumes: ['multipart/form-data'], summary: 'Upload a list (CSV, XLSX or JSON array; one file part): its format, encoding, columns and first rows. Kept encrypted until imported or for a day' },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw validationError([{ path: 'file', problem: 'send the list as multipart/form-data with one file part' }]);
    const file = await req.file();
    if (!file) throw validationError([{ path: 'file', problem: 'is required (one file part)' }]);
    const summary = await services.imports.upload(file.file, file.filename || 'upload', maxBytes);
    if (file.file.truncated) {
      await services.imports.removeUpload(summary.upload.id);
      throw new VigilError('PAYLOAD_TOO_LARGE', 'The file is larger than the import limit (VIGIL_IMPORT_MAX_BYTES)', [{ path: 'file', problem: 'exceeds the import limit' }]);
    }
    return reply.status(201).send(summary);
  });
  app.delete('/api/v1/imports/uploads/:id', { config: WRITE, schema: { tags, summary: 'Discard an upload', params: IdParams } }, async (req) => {
    await services.imports.removeUpload((req.params as { id: string }).id);
    return { removed: true };
  });

  app.post('/api/v1/imports/preview', { config: WRITE, schema: { tags, summary: 'The first rows (default 20) as they will be stored, with each row\'s problems; nothing is kept', body: PreviewInput } }, async (req) => {
    const input = parseInput(PreviewInput, req.body ?? {});
    const { mapping } = await services.imports.resolveMapping(input);
    return services.imports.preview(await services.imports.uploadSource(input.uploadId), mapping, who(req), input.rows ?? 20);
  });

  app.post('/api/v1/imports', {
    config: WRITE,
    schema: { tags, summary: 'Import (or dry-run) an upload with a mapping: 202 with the run, to poll at /api/v1/imports/{id}; ?wait=true answers when done', body: StartImportInput, querystring: StartQuery },
  }, async (req, reply) => {
    const input = parseInput(StartImportInput, req.body ?? {});
    const { wait } = parseInput(StartQuery, req.query ?? {});
    const { mapping, mappingId } = await services.imports.resolveMapping(input);
    const source = await services.imports.uploadSource(input.uploadId);
    const actor = who(req);
    const options = { dryRun: Boolean(input.dryRun), mappingId };
    const run = await services.imports.begin(source, mapping, actor, options);
    const work = services.imports.execute(run.id, source, mapping, actor, options).then(async (done) => {
      if (!done.dryRun && done.status === 'done') await services.imports.removeUpload(input.uploadId);
      return done;
    });
    running.add(work);
    void work.catch((e: unknown) => req.log.error({ err: e }, 'import run failed')).finally(() => running.delete(work));
    if (wait) return reply.status(200).send(runView(await work, req));
    return reply.status(202).send(runView(run, req));
  });

  app.get('/api/v1/imports', { config: READ, schema: { tags, summary: 'Import runs, newest first', querystring: RunsQuery } }, async (req) => {
    const q = parseInput(RunsQuery, req.query ?? {});
    const page = await services.imports.listRuns(q.limit, q.cursor);
    return { items: page.items.map((r) => runView(r, req, 0)), nextCursor: page.nextCursor };
  });
  app.get('/api/v1/imports/:id', { config: READ, schema: { tags, summary: 'One run: status, progress, counts, records created, candidate pairs found, the first problems', params: IdParams } }, async (req) =>
    runView(await services.imports.getRun((req.params as { id: string }).id), req),
  );
  app.get('/api/v1/imports/:id/problems.csv', { config: READ, schema: { tags, summary: 'The row-level report (row, column, problem) as CSV; cells are escaped against formula injection', params: IdParams } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const csv = await services.imports.problemsCsv(id);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${id.replace(/[^0-9a-f-]/gi, '')}-problems.csv"`)
      .header('x-content-type-options', 'nosniff')
      .send(csv);
  });

  const mappingId = (req: FastifyRequest) => (req.params as { id: string }).id;
  app.get('/api/v1/import-mappings', { config: READ, schema: { tags, summary: 'Saved column mappings' } }, async () => ({ items: await services.imports.listMappings() }));
  app.post('/api/v1/import-mappings', { config: WRITE, schema: { tags, summary: 'Save a mapping for reuse ({name, mapping})' } }, async (req, reply) =>
    reply.status(201).send(await services.imports.saveMapping(req.body, signedIn(req).name)),
  );
  app.get('/api/v1/import-mappings/:id', { config: READ, schema: { tags, summary: 'One saved mapping (by id or name)', params: MappingParams } }, async (req) =>
    services.imports.getMapping(mappingId(req)),
  );
  app.patch('/api/v1/import-mappings/:id', { config: WRITE, schema: { tags, summary: 'Rename or change a saved mapping ({version, name?, mapping?})', params: MappingParams } }, async (req) =>
    services.imports.updateMapping(mappingId(req), req.body, signedIn(req).name),
  );
  app.delete('/api/v1/import-mappings/:id', { config: WRITE, schema: { tags, summary: 'Delete a saved mapping', params: MappingParams } }, async (req) => {
    await services.imports.deleteMapping(mappingId(req));
    return { deleted: true };
  });
}
