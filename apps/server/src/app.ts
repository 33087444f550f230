import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { type Services, VigilError } from '@vigil/core';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { registerGuard, type RouteEntry } from './auth/guard.js';
import { registerErrorHandling } from './errors.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerAuthRoutes } from './routes/auth.routes.js';
import { registerCustodyRoutes } from './routes/custody.routes.js';
import { evidenceRoutes } from './routes/evidence.routes.js';
import { registerFindingRoutes } from './routes/findings.routes.js';
import { importRoutes } from './routes/imports.routes.js';
import { registerMergeRoutes } from './routes/merges.routes.js';
import { registerRecordRoutes } from './routes/records.routes.js';
import { registerPublishRoutes } from './routes/stats.routes.js';
import { registerSystemRoutes } from './routes/system.routes.js';
import { registerUserRoutes } from './routes/users.routes.js';

export const BODY_LIMIT = 1024 * 1024;
/** The built web app (`npm run build -w @vigil/web`, run by `npm start` and `npm test`). */
const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access (the role × route matrix test walks it). */
    routeTable: RouteEntry[];
  }
}

export interface AppOptions {
  services: Services;
  logger?: FastifyServerOptions['logger'];
  /** `vigil serve --public`: only published reports and aggregate statistics, read-only. */
  publicMode?: boolean;
}

/**
 * The HTTP adapter. Services validate every input (one path for HTTP and CLI), so route schemas
 * serve the OpenAPI document and are not run a second time here.
 */
export async function buildApp({ services, logger = false, publicMode = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: BODY_LIMIT, routerOptions: { ignoreTrailingSlash: true } });
  app.setValidatorCompiler(() => (data: unknown) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandling(app);
  await registerSecurityHeaders(app);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  await registerGuard(app, services, routeTable);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Vigil API', version: '1', description: 'Documenting police treatment of peaceful assemblies: records, custody clock, sources.' },
    },
    transform: jsonSchemaTransform,
  });

  registerSystemRoutes(app, services);
  if (publicMode) {
    // No sign-in, no records, no writes: nothing here can reach an identity.
    registerPublishRoutes(app, services, { publicMode: true });
    return app;
  }
  await registerAuthRoutes(app, services);
  registerUserRoutes(app, services);
  registerRecordRoutes(app, services);
  registerCustodyRoutes(app, services);
  await app.register(evidenceRoutes, { services });
  registerPublishRoutes(app, services);
  registerFindingRoutes(app, services);
  await app.register(importRoutes, { services });
  registerMergeRoutes(app, services);

  await registerWebApp(app);
  return app;
}

const NOT_BUILT = '<!doctype html><meta charset="utf-8"><title>Vigil</title><p>The web app is not built. Run <code>npm run build -w @vigil/web</code> (or <code>npm start</code>, which builds it). The API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>';

/**
 * Serves apps/web/dist: files as they are (hashed assets cached for a year), and index.html for
 * every other GET outside /api so the browser router can take the path. Unknown /api paths keep
 * the JSON 404 body. Files are looked up per request, so a rebuild needs no restart.
 */
async function registerWebApp(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: WEB_ROOT, serve: false });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.url.split('?')[0] ?? '/';
    let pathname: string;
    try {
      pathname = decodeURIComponent(raw);
    } catch {
      throw new VigilError('ROUTE_NOT_FOUND', `No route GET ${raw}`);
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) throw new VigilError('ROUTE_NOT_FOUND', `No route GET ${pathname}`);
    const relative = path.normalize(pathname).replace(/^[/\\]+/, '');
    const file = path.join(WEB_ROOT, relative);
    if (relative && !relative.startsWith('..') && fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      const hashed = relative.startsWith('assets/');
      return reply.sendFile(relative, { maxAge: hashed ? '365d' : 0, immutable: hashed });
    }
    if (path.extname(relative)) throw new VigilError('ROUTE_NOT_FOUND', `No file ${pathname}`);
    if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0, immutable: false, cacheControl: false });
  });
}
