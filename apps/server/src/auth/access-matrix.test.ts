import { can, ROLES, type Role } from '@vigil/core';
import { engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing/test-app.js';
import { type RouteEntry } from './guard.js';

const ABSENT_ID = '01900000-0000-7000-8000-000000000000';

function apiRoutes(t: TestApp): RouteEntry[] {
  return t.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
}

function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, ABSENT_ID);
}

// Login is rate-limited and setup is first-run only; both are covered in auth.routes.test.ts.
const SKIP = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/setup', 'POST /api/v1/auth/logout']);

describe.each(engines())('role × route matrix on %s', (engine) => {
  let t: TestApp;
  const headers = new Map<Role, Record<string, string>>();
  beforeAll(async () => {
    t = await openTestApp(engine);
    for (const role of ROLES) headers.set(role, await t.headersFor(role));
  });
  afterAll(() => t.close());

  it('every API route declares who may use it (a new route without a declaration fails here)', () => {
    const undeclared = apiRoutes(t).filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    expect(apiRoutes(t).length).toBeGreaterThan(50);
  });

  it('refuses every non-public route without a session (401) and lets public ones through', async () => {
    for (const route of apiRoutes(t)) {
      if (SKIP.has(`${route.method} ${route.url}`)) continue;
      const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers: { cookie: '' }, payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
      if (route.access === 'public') expect(res.statusCode, `${route.method} ${route.url}`).not.toBe(401);
      else expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it.each(ROLES)('gives the %s role exactly the routes its permissions allow', async (role) => {
    const mismatches: string[] = [];
    for (const route of apiRoutes(t)) {
      if (SKIP.has(`${route.method} ${route.url}`) || route.access === 'public') continue;
      const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers: headers.get(role), payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
      const allowed = route.access === 'session' || can(role, route.access as Parameters<typeof can>[1]);
      const refused = res.statusCode === 403 && (JSON.parse(res.body) as { error: { code: string } }).error.code === 'FORBIDDEN';
      if (allowed === refused || res.statusCode === 401) mismatches.push(`${route.method} ${route.url} → ${res.statusCode} (expected ${allowed ? 'allowed' : 'refused'})`);
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a write that lacks the CSRF header, even with a valid session', async () => {
    const { cookie } = headers.get('admin') ?? {};
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/sources', headers: { cookie: cookie ?? '', 'x-csrf-token': '' }, payload: { kind: 'testimony', title: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'CSRF_FAILED' } });
  });
});
