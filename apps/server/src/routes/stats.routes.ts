import { barChartSvg, DimensionParam, parseInput, ScopeQuery, type Services } from '@vigil/core';
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerOpenDataRoutes } from './open-data.routes.js';
import { registerReportRoutes } from './reports.routes.js';

const tags = ['statistics'];
const ChartParam = z.object({ chart: z.enum(['city', 'date', 'role']) });

/**
 * Aggregate statistics: counts of detentions and distinct people, durations, and the
 * reconciliation of documented, claimed and official figures. Only aggregates leave here.
 */
export function registerStatsRoutes(app: FastifyInstance, services: Services, options: { publicMode?: boolean } = {}): void {
  const access = options.publicMode ? 'public' : 'stats:read';
  app.get('/api/v1/stats/overview', { config: { access }, schema: { tags, summary: 'Totals, durations, every breakdown and the reconciliation table for a scope', querystring: ScopeQuery } }, async (req) =>
    services.stats.overview(req.query),
  );
  app.get('/api/v1/stats/reconciliation', { config: { access }, schema: { tags, summary: 'Documented | claimed by sources | official, side by side', querystring: ScopeQuery } }, async (req) => {
    const { scope, totals, reconciliation, officialFigures } = await services.stats.overview(req.query);
    return { scope, totals, ...reconciliation, officialFigures };
  });
  app.get('/api/v1/stats/by/:dimension', { config: { access }, schema: { tags, summary: 'Detentions and distinct people by date, city, role, outcome, charge or legal basis', params: DimensionParam, querystring: ScopeQuery } }, async (req) =>
    services.stats.breakdown((req.params as { dimension: string }).dimension, req.query),
  );
  app.get('/api/v1/stats/map', { config: { access }, schema: { tags, summary: 'Places (publishable positions only) and towns (at their centre) with detentions and distinct people, for a map', querystring: ScopeQuery } }, async (req) =>
    services.stats.map(req.query),
  );
  app.get('/api/v1/stats/charts/:chart.svg', { config: { access }, schema: { tags, summary: 'A bar chart (SVG) of detentions and people by city, date or role', params: ChartParam, querystring: ScopeQuery } }, async (req, reply) => {
    const { chart } = parseInput(ChartParam, req.params);
    const { rows } = await services.stats.breakdown(chart, req.query);
    const title = `Detentions and people by ${chart}`;
    return reply.type('image/svg+xml; charset=utf-8').send(barChartSvg(chart === 'date' ? rows : rows.filter((r) => r.key[0]), title));
  });
}

/** Statistics, reports and open data (issue 8), registered together; `publicMode` leaves only published reports and aggregates. */
export function registerPublishRoutes(app: FastifyInstance, services: Services, options: { publicMode?: boolean } = {}): void {
  registerStatsRoutes(app, services, options);
  registerReportRoutes(app, services, options);
  if (!options.publicMode) registerOpenDataRoutes(app, services);
}
