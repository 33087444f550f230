import rateLimit from '@fastify/rate-limit';
import { ChangePasswordInput, CreateUserInput, LoginInput, PERMISSIONS, ROLE_PERMISSIONS, TotpConfirmInput, UserRecord, VigilError, csrfTokenFor, type Role, type Services } from '@vigil/core';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE, sessionToken } from '../auth/guard.js';

const tags = ['auth'];
// `permissions` lets the web app hide what the role cannot do; the server still checks every request.
const SessionResponse = z.object({ user: UserRecord, csrfToken: z.string(), mfaSetupRequired: z.boolean(), permissions: z.array(z.enum(PERMISSIONS)) });
const permissionsOf = (role: Role) => [...ROLE_PERMISSIONS[role]];

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  });
}

const isLoopback = (ip: string) => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';

/** Sign in and out, the current session, first-run setup, own password and TOTP. */
export async function registerAuthRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(async (scope) => {
    // Brute force: at most 10 attempts a minute from one address, on top of per-account lockout.
    await scope.register(rateLimit, {
      max: 10,
      timeWindow: 60_000,
      errorResponseBuilder: (_req, ctx) => new VigilError('RATE_LIMITED', `Too many attempts from your address; wait ${Math.ceil(ctx.ttl / 1000)} s`),
    });
    scope.post('/api/v1/auth/login', { config: { access: 'public' }, schema: { tags, summary: 'Sign in (sets an httpOnly session cookie)', body: LoginInput, response: { 200: SessionResponse } } }, async (req, reply) => {
      const username = (req.body as { username?: unknown } | null)?.username;
      const attempted = typeof username === 'string' ? username.slice(0, 64) : '';
      const result = await services.accounts.login(req.body, { address: req.ip, userAgent: req.headers['user-agent'] }).catch(async (e: unknown) => {
        await services.audit.record({ actor: 'anonymous', address: req.ip, action: 'login-failed', details: { login: attempted, code: e instanceof VigilError ? e.code : 'INTERNAL' } });
        throw e;
      });
      await services.audit.record({ actor: result.user.id, actorName: result.user.username, address: req.ip, action: 'login' });
      setSessionCookie(req, reply, result.token, result.expiresAt);
      const context = await services.accounts.resolve(result.token, req.ip);
      return { user: result.user, csrfToken: result.csrfToken, mfaSetupRequired: context?.mfaSetupRequired ?? false, permissions: permissionsOf(result.user.role) };
    });
    scope.post('/api/v1/auth/setup', { config: { access: 'public' }, schema: { tags, summary: 'First run only: create the first admin account (from this machine)', body: CreateUserInput, response: { 201: UserRecord } } }, async (req, reply) => {
      if (await services.accounts.hasUsers()) throw new VigilError('FORBIDDEN', 'Vigil already has accounts; ask an admin for one');
      if (!isLoopback(req.ip)) throw new VigilError('FORBIDDEN', 'The first account can only be created from the server itself (or with `vigil users create`)');
      return reply.status(201).send(await services.accounts.createUser({ ...(req.body as object), role: 'admin' }));
    });
  });

  app.get('/api/v1/auth/setup', { config: { access: 'public' }, schema: { tags, summary: 'Whether first-run setup is still open' } }, async () => ({ open: !(await services.accounts.hasUsers()) }));

  app.get('/api/v1/auth/session', { config: { access: 'session' }, schema: { tags, summary: 'The signed-in user and the CSRF token for writes', response: { 200: SessionResponse } } }, async (req) => ({
    user: req.auth?.user,
    csrfToken: csrfTokenFor(sessionToken(req) ?? ''),
    mfaSetupRequired: req.auth?.mfaSetupRequired ?? false,
    permissions: req.auth ? permissionsOf(req.auth.user.role) : [],
  }));

  app.post('/api/v1/auth/logout', { config: { access: 'session' }, schema: { tags, summary: 'Sign out (ends this session)' } }, async (req, reply) => {
    await services.accounts.logout(sessionToken(req) ?? '');
    await services.audit.record({ actor: actorOf(req).id, actorName: actorOf(req).name, address: req.ip, action: 'logout' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.post('/api/v1/auth/password', { config: { access: 'session' }, schema: { tags, summary: 'Change your own password', body: ChangePasswordInput } }, async (req, reply) => {
    await services.accounts.changePassword(actorOf(req).id, req.body);
    return reply.status(204).send();
  });

  app.post('/api/v1/auth/totp', { config: { access: 'session' }, schema: { tags, summary: 'Start two-factor enrolment: returns the secret and otpauth:// URI' } }, async (req) =>
    services.accounts.beginTotp(actorOf(req).id),
  );

  app.post('/api/v1/auth/totp/confirm', { config: { access: 'session' }, schema: { tags, summary: 'Finish enrolment with a code from the app', body: TotpConfirmInput, response: { 200: UserRecord } } }, async (req) =>
    services.accounts.confirmTotp(actorOf(req).id, req.body),
  );
}
