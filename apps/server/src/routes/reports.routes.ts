import { parseInput, renderReport, ReportFormatQuery, ReportInput, type ReportFormat, type RenderedReport, type Services } from '@vigil/core';
import { type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../actor.js';

const tags = ['reports'];
const IdParams = z.object({ id: z.string() });
const ListQuery = z.object({ includeWithdrawn: z.stringbool().default(false) }).strict();

/** Splits `format` off a query so the rest can be validated as a report scope. */
function formatAndRest(query: unknown): { format: ReportFormat; rest: Record<string, unknown> } {
  const { format, ...rest } = (query ?? {}) as Record<string, unknown>;
  return { format: parseInput(ReportFormatQuery, format === undefined ? {} : { format }).format, rest };
}

function send(reply: FastifyReply, rendered: RenderedReport, name: string): FastifyReply {
  const safe = name.replace(/[^\p{L}\p{N} ._-]+/gu, '').trim().slice(0, 80) || 'report';
  const inline = rendered.extension === 'html' || rendered.extension === 'json';
  return reply
    .type(rendered.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="report.${rendered.extension}"; filename*=UTF-8''${encodeURIComponent(`${safe}.${rendered.extension}`)}`)
    .header('x-content-type-options', 'nosniff')
    .send(rendered.body);
}

/** Report previews (editors), publishing, and published reports (also in public mode). */
export function registerReportRoutes(app: FastifyInstance, services: Services, options: { publicMode?: boolean } = {}): void {
  const read = options.publicMode ? 'public' : 'reports:read';
  if (!options.publicMode) {
    app.get('/api/v1/reports/preview', { config: { access: 'reports:read' }, schema: { tags, summary: 'Render a redacted report for a scope (format=html|pdf|docx|json), without publishing', querystring: ReportInput.extend({ format: ReportFormatQuery.shape.format }) } }, async (req, reply) => {
      const { format, rest } = formatAndRest(req.query);
      const model = await services.reports.build(rest);
      return send(reply, await renderReport(model, format), model.title);
    });
    app.post('/api/v1/reports', { config: { access: 'reports:publish' }, schema: { tags, summary: 'Publish a report: its redacted model is stored and served as is', body: ReportInput } }, async (req, reply) =>
      reply.status(201).send(await services.reports.publish(req.body ?? {}, actorOf(req))),
    );
    app.delete('/api/v1/reports/:id', { config: { access: 'reports:publish' }, schema: { tags, summary: 'Withdraw a published report', params: IdParams } }, async (req) =>
      services.reports.withdraw((req.params as { id: string }).id, actorOf(req)),
    );
  }
  app.get('/api/v1/reports', { config: { access: read }, schema: { tags, summary: 'Published reports, newest first', querystring: ListQuery } }, async (req) => {
    const { includeWithdrawn } = parseInput(ListQuery, req.query ?? {});
    return { items: await services.reports.list(includeWithdrawn && !options.publicMode) };
  });
  app.get('/api/v1/reports/:id', { config: { access: read }, schema: { tags, summary: 'A published report (format=html|pdf|docx|json)', params: IdParams, querystring: ReportFormatQuery } }, async (req, reply) => {
    const { format } = parseInput(ReportFormatQuery, req.query ?? {});
    const report = await services.reports.get((req.params as { id: string }).id);
    return send(reply, await renderReport(report.model, format), report.title);
  });
}
