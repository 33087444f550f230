import fastifyCookie from '@fastify/cookie';
import { can, safeEqual, csrfTokenFor, VigilError, type Permission, type Services, type SessionContext, type UserActor as Actor } from '@vigil/core';
import { type FastifyInstance, type FastifyRequest } from 'fastify';

/** What a route needs: a permission, any signed-in user (`session`), or nothing (`public`). */
export type RouteAccess = Permission | 'session' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    auth: SessionContext | null;
  }
}

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every route registered, with its declared access, for the role × route matrix test. */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/** The signed-in actor; routes behind `session` or a permission always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw new VigilError('UNAUTHENTICATED', 'Sign in first');
  return request.auth.actor;
}

/**
 * Authentication and authorisation for every /api route, failing closed: a route that declares
 * no access is refused, so a forgotten declaration cannot expose data.
 */
export async function registerGuard(app: FastifyInstance, services: Services, routes: RouteEntry[]): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('auth', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, access: route.config?.access });
  });
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const access = request.routeOptions.config?.access;
    if (access === undefined) {
      // Unknown URLs fall through to the not-found handler, which has no route options.
      if (!request.routeOptions.url) return;
      throw new VigilError('FORBIDDEN', `Route ${request.method} ${request.routeOptions.url} declares no access (config.access); refused until it does`);
    }
    const token = sessionToken(request);
    if (token) request.auth = await services.accounts.resolve(token, request.ip);
    if (access === 'public') return;
    if (!request.auth) throw new VigilError('UNAUTHENTICATED', 'Sign in to use Vigil (your session may have expired)');
    if (UNSAFE.has(request.method) && !safeEqual(String(request.headers[CSRF_HEADER] ?? ''), csrfTokenFor(token ?? ''))) {
      throw new VigilError('CSRF_FAILED', `Missing or wrong ${CSRF_HEADER} header; reload the page`);
    }
    const isAuthRoute = request.routeOptions.url?.startsWith('/api/v1/auth/') ?? false;
    if (request.auth.mfaSetupRequired && !isAuthRoute) throw new VigilError('FORBIDDEN', 'Set up two-factor authentication first (Settings → Security)');
    if (access !== 'session' && !can(request.auth.actor.role, access)) {
      throw new VigilError('FORBIDDEN', `Your role (${request.auth.actor.role}) may not do this (${access})`);
    }
  });
}
