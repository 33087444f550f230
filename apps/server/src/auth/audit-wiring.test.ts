import { buildPerson, engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing/test-app.js';

describe.each(engines())('what the audit trail records on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine);
  });
  afterAll(() => t.close());

  const entries = async (filter: Record<string, unknown>) => (await t.services.audit.list(filter)).items as { action: string; recordId: string | null; actorName: string | null; address: string | null; details: Record<string, unknown> }[];

  it('records every write and every read of protected fields with who and from where, and the chain verifies', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/persons', payload: buildPerson({ names: [{ value: 'Audit Subject' }] }) });
    const id = (JSON.parse(created.body) as { id: string }).id;
    await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${id}`, payload: { version: 1, contact: '+7 700 1' } });
    await t.app.inject({ url: `/api/v1/persons/${id}` });
    await t.app.inject({ url: '/api/v1/persons?limit=5' });

    const writes = await entries({ entity: 'person', recordId: id });
    // The list of one item is about that record too.
    expect(writes.map((e) => e.action)).toEqual(['create', 'update', 'read-protected', 'read-protected']);
    expect(writes[1]?.details).toEqual({ version: 2, fields: ['contact'] });
    expect(writes[2]).toMatchObject({ actorName: expect.stringMatching(/^admin-/) as unknown, address: '127.0.0.1' });
    const listRead = (await entries({ action: 'read-protected', entity: 'person' })).at(-1);
    expect(listRead?.details.ids).toContain(id);
    expect(JSON.stringify(await entries({}))).not.toContain('+7 700 1');
    expect((await t.services.audit.verify()).ok).toBe(true);
  });

  it('does not log reads by a viewer, who only ever gets redacted records', async () => {
    const before = (await entries({ action: 'read-protected' })).length;
    await t.app.inject({ url: '/api/v1/persons?limit=5', headers: await t.headersFor('viewer') });
    expect((await entries({ action: 'read-protected' })).length).toBe(before);
  });
});
