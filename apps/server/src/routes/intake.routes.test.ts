import { engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, send, type TestApp } from '../testing/test-app.js';

const NOW = '2022-01-05T07:30:00.000Z'; // 13:30 in Almaty (UTC+6 in 2022)

describe.each(engines())('hotline intake on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine, { now: () => NOW });
  });
  afterAll(() => t.close());

  it('creates the source, the person and an open custody case in one submit, and the board shows them', async () => {
    const res = await send(t.app, {
      method: 'POST',
      url: '/api/v1/intake/detention',
      payload: {
        name: 'Ерлан Башаков',
        roles: ['activist'],
        apprehendedAt: '2022-01-05T10:00:00+06:00',
        city: 'Almaty',
        placeDescription: 'Republic Square, near the monument',
        takenBy: 'OMON, four officers',
        caller: { relation: 'brother', contact: '+7 701 000 00 00' },
      },
    });
    expect(res.status).toBe(201);
    const { person, detention, source } = res.body as Record<string, Record<string, unknown>>;
    expect(source).toMatchObject({ kind: 'testimony', contact: '+7 701 000 00 00', confidentiality: 'restricted', protectedIdentity: true });
    expect(person).toMatchObject({ sourceIds: [source?.id], names: [expect.objectContaining({ value: 'Ерлан Башаков', script: 'cyrl' })] });
    expect(detention).toMatchObject({ personId: person?.id, custodyState: 'unknown', city: 'Almaty', sourceIds: [source?.id] });
    expect(String(detention?.notes)).toContain('Republic Square');

    const board = await send(t.app, { method: 'GET', url: '/api/v1/custody/board' });
    const entry = (board.body.items as { detention: { id: string }; assessment: { hoursHeld: number } }[]).find((i) => i.detention.id === detention?.id);
    expect(entry?.assessment.hoursHeld).toBeCloseTo(3.5, 5);
    const found = await send(t.app, { method: 'GET', url: '/api/v1/persons?q=Bashakov' });
    expect((found.body.items as { id: string }[]).map((p) => p.id)).toContain(person?.id);
  });

  it('keeps cases silent for over 30 days off the board and counts them as stale', async () => {
    const person = await t.services.records.create('person', { names: [{ value: 'Old Case' }] }, 'setup');
    const old = await t.services.records.create('detention', { personId: person.id, apprehendedAt: '2021-11-01T10:00:00+06:00' }, 'setup');
    const board = await send(t.app, { method: 'GET', url: '/api/v1/custody/board' });
    expect((board.body.items as { detention: { id: string } }[]).map((i) => i.detention.id)).not.toContain(old.id);
    expect(board.body).toMatchObject({ staleCount: 1, horizonDays: 30 });
  });

  it('refuses a report without a name or time, writing nothing at all', async () => {
    const before = await t.counts();
    const res = await send(t.app, { method: 'POST', url: '/api/v1/intake/detention', payload: { city: 'Almaty', caller: { contact: '+7 701 1' } } });
    expect(res.status).toBe(400);
    expect((res.body.error as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['apprehendedAt', 'name']);
    expect(await t.counts()).toEqual(before);
  });

  it('rolls back the source and person when the detention part is refused', async () => {
    const before = await t.counts();
    const res = await send(t.app, {
      method: 'POST',
      url: '/api/v1/intake/detention',
      payload: { name: 'Test Person', apprehendedAt: '2022-01-05T10:00:00+06:00', eventId: '01900000-0000-7000-8000-000000000000' },
    });
    expect(res.status).toBe(400);
    expect((res.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toContain('eventId');
    expect(await t.counts()).toEqual(before);
  });
});
