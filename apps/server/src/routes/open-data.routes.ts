import { PassThrough } from 'node:stream';
import { OpenDataQuery, type Services } from '@vigil/core';
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  acled: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
};
const Params = z.object({ dataset: z.enum(['detentions', 'events']), format: z.enum(['csv', 'json', 'geojson', 'acled']) });

/**
 * Open data, redacted, streamed with constant memory: the request is validated first (a bad one
 * gets 400 and no body), then pages are written as the client reads them.
 */
export function registerOpenDataRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/open-data/:dataset.:format', { config: { access: 'data:export' }, schema: { tags: ['open data'], summary: 'detentions.csv|json|geojson, events.csv|json|geojson|acled (ACLED-compatible CSV)', params: Params, querystring: OpenDataQuery } }, async (req, reply) => {
    const { dataset, format } = req.params as { dataset: string; format: string };
    const request = services.openData.parse(dataset, format, req.query);
    const stream = new PassThrough();
    const write = (chunk: string) => new Promise<void>((resolve, reject) => {
      if (stream.destroyed) return reject(new Error('client went away'));
      return stream.write(chunk) ? resolve() : stream.once('drain', resolve);
    });
    void services.openData.export(request, { write }).then(() => stream.end(), (e: unknown) => {
      req.log.error({ err: e }, 'open data export failed');
      stream.destroy(e instanceof Error ? e : new Error(String(e)));
    });
    const ext = format === 'acled' ? 'acled.csv' : format;
    return reply.type(CONTENT_TYPES[format] ?? 'application/octet-stream').header('content-disposition', `attachment; filename="vigil-${dataset}.${ext}"`).send(stream);
  });
}
