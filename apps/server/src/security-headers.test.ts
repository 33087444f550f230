import { engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './testing/test-app.js';

describe.each(engines())('hardening on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine);
  });
  afterAll(() => t.close());

  it('sends a CSP without inline scripts, refuses framing, and no-store on API responses', async () => {
    const res = await t.app.inject({ url: '/api/v1/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const tls = await t.app.inject({ url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toBeUndefined();
  });

  it.each(['/..%2f..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/%2e%2e/package.json', '/assets/..%5c..%5c..%5cpackage.json', '/....//....//etc/passwd'])(
    'serves no file outside the web app for %s',
    async (url) => {
      const res = await t.app.inject({ url });
      expect(res.body).not.toContain('"workspaces"');
      expect(res.body).not.toContain('root:x:0:0');
    },
  );

  it('returns markup in names as inert JSON text', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/persons', payload: { names: [{ value: evil }] } });
    expect(created.statusCode).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/json/);
    const id = (JSON.parse(created.body) as { id: string }).id;
    const read = JSON.parse((await t.app.inject({ url: `/api/v1/persons/${id}` })).body) as { names: { value: string }[] };
    expect(read.names[0]?.value).toBe(evil);
  });

  it.each([
    "' OR 1=1 --",
    "Almaty'; DROP TABLE detentions; --",
    '%',
    '_',
    "\\' UNION SELECT * FROM users --",
  ])('treats %s in every list filter as data, not SQL', async (attack) => {
    const before = await t.counts();
    for (const url of ['/api/v1/events?city=', '/api/v1/events?q=', '/api/v1/persons?q=', '/api/v1/detentions?city=', '/api/v1/detentions?q=', '/api/v1/sources?q=', '/api/v1/places?city=', '/api/v1/organisations?q=', '/api/v1/charges?article=', '/api/v1/official-figures?issuer=']) {
      const res = await t.app.inject({ url: `${url}${encodeURIComponent(attack)}` });
      expect([200, 400], `${url}${attack}`).toContain(res.statusCode);
      if (res.statusCode === 200) expect((JSON.parse(res.body) as { items: unknown[] }).items).toEqual([]);
    }
    expect(await t.counts()).toEqual(before);
  });
});
