import * as OTPAuth from 'otpauth';
import { engines, openTestDatabase, type TestDatabase } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { type FastifyInstance } from 'fastify';

const PASSWORD = 'a long enough passphrase';

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? String(raw[0]) : String(raw);
  return first.split(';')[0] ?? '';
}

describe.each(engines())('sign-in and accounts on %s', (engine) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let now = '2026-11-22T10:00:00.000Z';
  beforeAll(async () => {
    db = await openTestDatabase(engine);
    app = await buildApp({ services: db.services({ now: () => now }) });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });
  const login = (body: object, remoteAddress = '127.0.0.1') => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress });

  it('offers first-run setup only while there is no account, and only from this machine', async () => {
    expect(JSON.parse((await app.inject({ url: '/api/v1/auth/setup' })).body)).toEqual({ open: true });
    const remote = await app.inject({ method: 'POST', url: '/api/v1/auth/setup', payload: { username: 'admin', password: PASSWORD, role: 'admin' }, remoteAddress: '192.0.2.7' });
    expect(remote.statusCode).toBe(403);
    const local = await app.inject({ method: 'POST', url: '/api/v1/auth/setup', payload: { username: 'admin', password: PASSWORD, role: 'viewer' } });
    expect(local.statusCode).toBe(201);
    expect(JSON.parse(local.body)).toMatchObject({ username: 'admin', role: 'admin' });
    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/setup', payload: { username: 'second', password: PASSWORD, role: 'admin' } });
    expect(again.statusCode).toBe(403);
  });

  it('signs in with an httpOnly SameSite=Strict cookie, serves the session, and signs out', async () => {
    const res = await login({ username: 'admin', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/vigil_session=.+HttpOnly.+SameSite=Strict/i);
    const { csrfToken } = JSON.parse(res.body) as { csrfToken: string };
    const cookie = cookieOf(res);
    const session = await app.inject({ url: '/api/v1/auth/session', headers: { cookie } });
    const body = JSON.parse(session.body) as { permissions: string[] };
    expect(body).toMatchObject({ user: { username: 'admin' }, csrfToken });
    expect(body.permissions).toContain('users:manage');
    await db.services().accounts.createUser({ username: 'reader', role: 'viewer', password: PASSWORD });
    const viewer = await login({ username: 'reader', password: PASSWORD });
    expect((JSON.parse(viewer.body) as { permissions: string[] }).permissions.sort()).toEqual(['records:read', 'reports:read', 'stats:read', 'vocabularies:read']);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('gives one answer for an unknown user and a wrong password, and locks the account after five failures', async () => {
    await db.services().accounts.createUser({ username: 'monitor1', password: PASSWORD, role: 'monitor' });
    const unknown = await login({ username: 'nobody', password: PASSWORD }, '192.0.2.1');
    const wrong = await login({ username: 'monitor1', password: 'not the password' }, '192.0.2.1');
    expect(unknown.statusCode).toBe(401);
    expect(JSON.parse(unknown.body)).toEqual(JSON.parse(wrong.body));
    for (let i = 0; i < 4; i++) await login({ username: 'monitor1', password: 'still wrong!!' }, '192.0.2.2');
    const locked = await login({ username: 'monitor1', password: PASSWORD }, '192.0.2.3');
    expect(locked.statusCode).toBe(423);
    now = '2026-11-22T10:16:00.000Z';
    expect((await login({ username: 'monitor1', password: PASSWORD }, '192.0.2.3')).statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login({ username: 'nobody', password: 'x' }, '198.51.100.9')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('enrols TOTP and then requires the code at sign-in', async () => {
    await db.services().accounts.createUser({ username: 'coord', password: PASSWORD, role: 'coordinator' });
    const first = await login({ username: 'coord', password: PASSWORD }, '203.0.113.1');
    const cookie = cookieOf(first);
    const { csrfToken } = JSON.parse(first.body) as { csrfToken: string };
    const begin = JSON.parse((await app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: { cookie, 'x-csrf-token': csrfToken } })).body) as { secret: string; uri: string };
    expect(begin.uri).toMatch(/^otpauth:\/\/totp\/Vigil:coord/);
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(begin.secret) }).generate({ timestamp: Date.parse(now) });
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: { cookie, 'x-csrf-token': csrfToken }, payload: { code: wrongCode } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: { cookie, 'x-csrf-token': csrfToken }, payload: { code } })).statusCode).toBe(200);
    const noCode = await login({ username: 'coord', password: PASSWORD }, '203.0.113.2');
    expect(noCode.statusCode).toBe(401);
    expect(JSON.parse(noCode.body)).toMatchObject({ error: { code: 'MFA_REQUIRED', fields: [{ path: 'totp' }] } });
    expect((await login({ username: 'coord', password: PASSWORD, totp: code }, '203.0.113.2')).statusCode).toBe(200);
  });

  it('lets an admin reset a password, which ends the user’s sessions', async () => {
    const s = db.services();
    const user = await s.accounts.createUser({ username: 'lawyer1', password: PASSWORD, role: 'lawyer' });
    const session = await login({ username: 'lawyer1', password: PASSWORD }, '203.0.113.9');
    const admin = await login({ username: 'admin', password: PASSWORD }, '203.0.113.9');
    const adminHeaders = { cookie: cookieOf(admin), 'x-csrf-token': (JSON.parse(admin.body) as { csrfToken: string }).csrfToken };
    const reset = await app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/password`, headers: adminHeaders, payload: { password: 'temporary password 1' } });
    expect(reset.statusCode).toBe(200);
    expect(JSON.parse(reset.body)).toMatchObject({ mustChangePassword: true });
    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie: cookieOf(session) } })).statusCode).toBe(401);
    expect((await login({ username: 'lawyer1', password: 'temporary password 1' }, '203.0.113.9')).statusCode).toBe(200);
  });
});
