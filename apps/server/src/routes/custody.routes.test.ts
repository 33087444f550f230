import { buildDetention, buildPerson, engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVia, openTestApp, send, type Json, type TestApp } from '../testing/test-app.js';

/** 13:30 in Almaty on 5 January 2022 (UTC+6 then). */
const NOW = '2022-01-05T07:30:00.000Z';

interface Assessment {
  detentionId: string;
  now: string;
  state: string;
  restrictedAt: string;
  hoursHeld: number;
  protocolAt: string | null;
  whereabouts: { status: string; since: string };
  alerts: { code: string; severity: string }[];
}
interface BoardEntry {
  detention: Json & { id: string };
  person: { id: string; names: { value: string }[] } | null;
  assessment: Assessment;
}
interface Board {
  generatedAt: string;
  count: number;
  items: BoardEntry[];
}

const codes = (a: Assessment): string[] => a.alerts.map((x) => x.code);

describe.each(engines())('custody clock over HTTP on %s (now = 13:30 Almaty)', (engine) => {
  let t: TestApp;
  /** Apprehended at 10:00 Almaty, taken to a station, no protocol: protocol overdue since 13:00. */
  let noProtocol: string;
  /** Whereabouts unknown since 7 h before now: possible enforced disappearance. */
  let disappeared: string;
  /** Held since the day before with protocol and family told: no alerts yet, but the oldest. */
  let quiet: string;
  let personNoProtocol: string;

  beforeAll(async () => {
    t = await openTestApp(engine, { now: () => NOW });
    personNoProtocol = (await createVia(t.app, 'persons', buildPerson({ names: [{ value: 'Zhanara Balgabayeva' }] }))).id;
    const p2 = (await createVia(t.app, 'persons', buildPerson())).id;
    const p3 = (await createVia(t.app, 'persons', buildPerson())).id;
    // Created in an order, and apprehended at times, that differ from the urgency order.
    quiet = (await createVia(t.app, 'detentions', buildDetention(p3, {
      legalBasis: 'criminal', apprehendedAt: '2022-01-04T06:00:00+06:00',
      steps: [
        { type: 'taken_to', at: '2022-01-04T06:20:00+06:00' },
        { type: 'protocol', at: '2022-01-04T06:00:00+06:00' },
        { type: 'family_notified', at: '2022-01-04T07:30:00+06:00' },
      ],
    }))).id;
    noProtocol = (await createVia(t.app, 'detentions', buildDetention(personNoProtocol, {
      apprehendedAt: '2022-01-05T10:00:00+06:00', steps: [{ type: 'taken_to', at: '2022-01-05T10:30:00+06:00' }],
    }))).id;
    disappeared = (await createVia(t.app, 'detentions', buildDetention(p2, {
      apprehendedAt: '2022-01-04T20:00:00+06:00',
      steps: [
        { type: 'taken_to', at: '2022-01-04T20:30:00+06:00' },
        { type: 'protocol', at: '2022-01-04T21:00:00+06:00' },
        { type: 'whereabouts_unknown', at: '2022-01-05T06:30:00+06:00' },
      ],
    }))).id;
  });
  afterAll(() => t.close());

  const board = async (): Promise<Board> => {
    const res = await send(t.app, { method: 'GET', url: '/api/v1/custody/board' });
    expect(res.status).toBe(200);
    return res.body as unknown as Board;
  };
  const custody = async (id: string): Promise<Assessment> => {
    const res = await send(t.app, { method: 'GET', url: `/api/v1/detentions/${id}/custody` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as unknown as Assessment;
  };
  const entry = (b: Board, id: string): BoardEntry | undefined => b.items.find((i) => i.detention.id === id);

  it('shows protocol_overdue for a person held 3.5 h without a protocol, on the custody route', async () => {
    const a = await custody(noProtocol);
    expect(a).toMatchObject({ detentionId: noProtocol, now: NOW, state: 'held', restrictedAt: '2022-01-05T04:00:00.000Z', hoursHeld: 3.5, protocolAt: null });
    expect(codes(a)).toContain('protocol_overdue');
    expect(a.alerts.find((x) => x.code === 'protocol_overdue')?.severity).toBe('critical');
    expect(codes(a)).not.toContain('possible_enforced_disappearance');
  });

  it('shows protocol_overdue for the same person on the board, with their name', async () => {
    const e = entry(await board(), noProtocol);
    expect(e).toBeDefined();
    expect(codes(e!.assessment)).toContain('protocol_overdue');
    expect(e!.person?.id).toBe(personNoProtocol);
    expect(e!.person?.names.map((n) => n.value)).toEqual(['Zhanara Balgabayeva']);
  });

  it('shows possible_enforced_disappearance when the last step is whereabouts_unknown 7 h before now', async () => {
    const a = await custody(disappeared);
    expect(a.state).toBe('unknown');
    expect(a.whereabouts).toMatchObject({ status: 'unknown', since: '2022-01-05T00:30:00.000Z' });
    expect(codes(a)).toContain('possible_enforced_disappearance');
    expect(codes(a)).not.toContain('protocol_overdue');
    expect(codes(entry(await board(), disappeared)!.assessment)).toContain('possible_enforced_disappearance');
  });

  it('assesses the board with the service clock, not the wall clock', async () => {
    const b = await board();
    expect(b.items.length).toBeGreaterThan(0);
    for (const item of b.items) expect(item.assessment.now).toBe(NOW);
  });

  it('stamps the board with the instant it was computed for', async () => {
    expect((await board()).generatedAt).toBe(NOW);
  });

  it('sorts the board most urgent first: disappearance, then protocol overdue, then no alerts', async () => {
    const b = await board();
    expect(b.count).toBe(b.items.length);
    const order = b.items.map((i) => i.detention.id);
    expect(order.filter((id) => [disappeared, noProtocol, quiet].includes(id))).toEqual([disappeared, noProtocol, quiet]);
    expect(codes(b.items.find((i) => i.detention.id === quiet)!.assessment)).toEqual([]);
  });

  it('takes a person off the board once a released step is added', async () => {
    const person = (await createVia(t.app, 'persons', buildPerson())).id;
    const d = await createVia(t.app, 'detentions', buildDetention(person, { apprehendedAt: '2022-01-05T11:00:00+06:00' }));
    expect(entry(await board(), d.id)).toBeDefined();

    const res = await send(t.app, { method: 'POST', url: `/api/v1/detentions/${d.id}/steps`, payload: { type: 'released', at: '2022-01-05T13:00:00+06:00', version: 1 } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ id: d.id, version: 2, custodyState: 'released', releasedAt: '2022-01-05T07:00:00.000Z' });
    expect((res.body.steps as Json[]).map((s) => [s.type, s.at])).toEqual([['released', '2022-01-05T07:00:00.000Z']]);

    expect(entry(await board(), d.id)).toBeUndefined();
    const a = await custody(d.id);
    expect(a).toMatchObject({ state: 'released', hoursHeld: 2 });
    const history = await send(t.app, { method: 'GET', url: `/api/v1/detentions/${d.id}/history` });
    expect((history.body.items as Json[]).map((h) => h.action)).toEqual(['create', 'update']);
  });

  it('keeps protocol_overdue, marked late, when the protocol is recorded after the 3 h deadline', async () => {
    const person = (await createVia(t.app, 'persons', buildPerson())).id;
    const d = await createVia(t.app, 'detentions', buildDetention(person, { apprehendedAt: '2022-01-05T09:00:00+06:00', steps: [{ type: 'taken_to', at: '2022-01-05T09:10:00+06:00' }] }));
    expect(codes(await custody(d.id))).toContain('protocol_overdue');
    const res = await send(t.app, { method: 'POST', url: `/api/v1/detentions/${d.id}/steps`, payload: { type: 'protocol', at: '2022-01-05T13:15:00+06:00' } });
    expect(res.status).toBe(201);
    const a = await custody(d.id);
    expect(a.protocolAt).toBe('2022-01-05T07:15:00.000Z');
    const alert = (a.alerts as (Assessment['alerts'][number] & { late: boolean })[]).find((x) => x.code === 'protocol_overdue');
    expect(alert?.late).toBe(true);
    expect(entry(await board(), d.id)).toBeDefined();
  });

  it('keeps a deleted detention off the board', async () => {
    const person = (await createVia(t.app, 'persons', buildPerson())).id;
    const d = await createVia(t.app, 'detentions', buildDetention(person, { apprehendedAt: '2022-01-05T12:00:00+06:00' }));
    expect(entry(await board(), d.id)).toBeDefined();
    expect((await send(t.app, { method: 'DELETE', url: `/api/v1/detentions/${d.id}?version=1` })).status).toBe(200);
    expect(entry(await board(), d.id)).toBeUndefined();
  });

  it('refuses a step on a deleted detention (409 CONFLICT) and writes nothing', async () => {
    const person = (await createVia(t.app, 'persons', buildPerson())).id;
    const d = await createVia(t.app, 'detentions', buildDetention(person, { apprehendedAt: '2022-01-05T12:00:00+06:00' }));
    expect((await send(t.app, { method: 'DELETE', url: `/api/v1/detentions/${d.id}?version=1` })).status).toBe(200);
    const before = await t.counts();
    const res = await send(t.app, { method: 'POST', url: `/api/v1/detentions/${d.id}/steps`, payload: { type: 'released', at: '2022-01-05T13:00:00+06:00' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await t.counts()).toEqual(before);
  });
});
