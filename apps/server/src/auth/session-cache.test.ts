import { engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, sessionHeaders, type TestApp } from '../testing/test-app.js';

/**
 * Session lookups are kept for a couple of seconds (packages/db/src/repositories/session-cache.ts).
 * Whatever ends or changes a session in this process must still take effect at the very next
 * request, even for a session whose lookup is kept.
 */
describe.each(engines())('a kept session lookup never outlives its session (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine);
  });
  afterAll(() => t.close());

  const readDetentions = (headers: Record<string, string>) => t.app.inject({ url: '/api/v1/detentions', headers });
  /** A fresh monitor whose session has just been used (so its lookup is kept). */
  const usedSession = async () => {
    const headers = await sessionHeaders(t.services, 'monitor');
    expect((await readDetentions(headers)).statusCode).toBe(200);
    const me = JSON.parse((await t.app.inject({ url: '/api/v1/auth/session', headers })).body) as { user: { id: string } };
    return { headers, userId: me.user.id };
  };

  it('refuses a signed-out session at once', async () => {
    const { headers } = await usedSession();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expect((await readDetentions(headers)).statusCode).toBe(401);
  });

  it('refuses the sessions of a user whose role changed, or who was disabled, at once', async () => {
    const demoted = await usedSession();
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${demoted.userId}`, payload: { role: 'viewer' } })).statusCode).toBe(200);
    expect((await readDetentions(demoted.headers)).statusCode).toBe(401);
    const disabled = await usedSession();
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${disabled.userId}`, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await readDetentions(disabled.headers)).statusCode).toBe(401);
  });

  it('refuses the sessions of a user whose password an admin reset, at once', async () => {
    const { headers, userId } = await usedSession();
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${userId}/password`, payload: { password: 'a new temporary passphrase' } })).statusCode).toBe(200);
    expect((await readDetentions(headers)).statusCode).toBe(401);
  });
});
