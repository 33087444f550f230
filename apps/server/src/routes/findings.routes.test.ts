import { connect } from '@vigil/db';
import { buildDetention, buildPerson, engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVia, openTestApp, send, type Json, type TestApp } from '../testing/test-app.js';

/** 12:00 in Almaty on 10 March 2022: two days after the picket. */
const NOW = '2022-03-10T06:00:00.000Z';
const at = (wall: string) => `2022-03-08T${wall}:00+06:00`;
const steps = (protocol: string) => [
  { type: 'family_notified', at: at('11:30') },
  { type: 'taken_to', at: at('15:45') },
  { type: 'protocol', at: at(protocol) },
  { type: 'released', at: at('17:00') },
];

interface View extends Json {
  id: string;
  version: number;
  status: string;
  standardIds: string[];
  subject: { entity: string; id: string; href: string };
  rule: { id: string; title: string };
}
interface Page {
  items: View[];
  nextCursor: string | null;
  pending: number;
}

describe.each(engines())('findings over HTTP on %s', (engine) => {
  let t: TestApp;
  let eventId: string;
  let actId: string;
  let detentionId: string;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await openTestApp(engine, { now: () => NOW });
    for (const role of ['monitor', 'analyst', 'viewer', 'lawyer'] as const) headers[role] = await t.headersFor(role);
    eventId = (await createVia(t.app, 'events', {
      title: 'Notified picket', type: 'peaceful_protest', startAt: at('10:00'), endAt: at('16:00'), notificationStatus: 'notified', city: 'Almaty',
    })).id;
    const group = (await createVia(t.app, 'persons', buildPerson({ countingUnit: 'group', groupSize: 150, roles: [{ role: 'protester', eventId }] }))).id;
    const person = (await createVia(t.app, 'persons', buildPerson({ roles: [{ role: 'protester', eventId }] }))).id;
    actId = (await createVia(t.app, 'acts', {
      type: 'containment', eventId, victimPersonId: group, startAt: at('11:00'), endAt: at('15:30'), conditions: ['no_exit', 'no_water', 'no_toilet', 'cold'],
    })).id;
    detentionId = (await createVia(t.app, 'detentions', buildDetention(person, {
      eventId, apprehendedAt: at('11:00'), legalBasis: 'administrative', legalArticle: 'KoAP art. 488', steps: steps('15:50'),
    }))).id;
  });
  afterAll(() => t.close());

  const get = async <T = Json>(url: string, h?: Record<string, string>) => {
    const res = await send(t.app, { method: 'GET', url, ...(h ? { headers: h } : {}) });
    return { status: res.status, body: res.body as unknown as T };
  };
  const all = async (query = ''): Promise<View[]> => {
    const res = await get<Page>(`/api/v1/findings?eventId=${eventId}&limit=200${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const one = async (ruleId: string): Promise<View> => {
    const [f] = await all(`&ruleId=${ruleId}`);
    if (!f) throw new Error(`no ${ruleId}`);
    return f;
  };

  it('lists the standard ids the scenario must produce, stored as suggestions', async () => {
    const items = await all();
    const bySubject: Record<string, Set<string>> = {};
    for (const f of items) f.standardIds.forEach((id) => (bySubject[`${f.subject.entity}:${f.subject.id}`] ??= new Set()).add(id));
    expect(Object.fromEntries(Object.entries(bySubject).map(([k, v]) => [k, [...v].sort()]))).toEqual({
      [`act:${actId}`]: ['GC37-84', 'ICCPR-7', 'KZ-KoAP-788-789', 'ODIHR-G3', 'OSCE-HB'],
      [`detention:${detentionId}`]: ['KZ-CPC-131', 'KZ-KoAP-788-789'],
    });
    expect(items.every((f) => f.status === 'suggested')).toBe(true);
    const queue = await get<Page>('/api/v1/findings?status=suggested,needs_review');
    expect(queue.body.items.map((f) => f.id).sort()).toEqual(items.map((f) => f.id).sort());
  });

  it('filters by severity and counts the findings per status with the list\'s filters (the queue\'s tabs)', async () => {
    const items = await all();
    const critical = await all('&severity=critical');
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.map((f) => f.id).sort()).toEqual(items.filter((f) => f.severity === 'critical').map((f) => f.id).sort());
    const rest = await all('&severity=warning,info');
    expect(rest.length + critical.length).toBe(items.length);

    type Counts = { byStatus: Record<string, number>; queue: number; total: number; pending: number };
    const counts = await get<Counts>(`/api/v1/findings/counts?eventId=${eventId}`);
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual({
      byStatus: { suggested: items.length, confirmed: 0, rejected: 0, needs_review: 0, obsolete: 0 }, queue: items.length, total: items.length, pending: 0,
    });
    const criticalCounts = await get<Counts>(`/api/v1/findings/counts?eventId=${eventId}&severity=critical&standardId=KZ-CPC-131`);
    expect(criticalCounts.body.total).toBe(critical.filter((f) => f.standardIds.includes('KZ-CPC-131')).length);
    expect(criticalCounts.body.total).toBeGreaterThan(0);
    // Counts are scoped like the list: a viewer sees none of these restricted findings.
    expect((await get<Counts>(`/api/v1/findings/counts?eventId=${eventId}`, headers.viewer)).body.total).toBe(0);
  });

  it('serves the catalogue: citations, how firm each is, thresholds with their origin', async () => {
    const res = await get<{ version: string; standards: Json[]; rules: Json[] }>('/api/v1/standards', headers.viewer);
    expect(res.status).toBe(200);
    const catalogue = t.services.findings.standards();
    expect(res.body.version).toBe(catalogue.version);
    expect(res.body.standards.map((s) => s.id)).toEqual(catalogue.standards.map((s) => s.id));
    expect(res.body.standards.length).toBeGreaterThan(40);
    expect(res.body.standards.find((s) => s.id === 'GC37-84')).toMatchObject({
      citation: expect.any(String) as unknown, verification: { status: 'to_check', label: { en: expect.stringMatching(/^\[R\]/) as unknown } },
      paraphrase: { en: expect.any(String) as unknown, ru: expect.any(String) as unknown },
      thresholds: expect.arrayContaining([expect.objectContaining({ code: 'kettle_escalate', origin: 'CONV', originLabel: { en: expect.stringMatching(/not law/) as unknown, ru: expect.any(String) as unknown } }) as unknown]) as unknown,
    });
    expect(res.body.rules.length).toBeGreaterThan(20);
  });

  it('shows one finding with its citations, thresholds, links to the triggering records and history', async () => {
    const f = await one('containment-non-violent');
    const res = await get<Json>(`/api/v1/findings/${f.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: f.id, status: 'suggested', severity: 'critical', explanation: { en: expect.stringMatching(/non-violent group/) as unknown, ru: expect.any(String) as unknown },
      thresholds: [expect.objectContaining({ origin: 'CONV' }) as unknown, expect.objectContaining({ origin: 'CONV' }) as unknown],
      standards: expect.arrayContaining([expect.objectContaining({ id: 'GC37-84', verification: expect.objectContaining({ status: 'to_check' }) as unknown }) as unknown]) as unknown,
      records: expect.arrayContaining([
        expect.objectContaining({ entity: 'act', id: actId, href: `/api/v1/acts/${actId}`, fields: expect.arrayContaining(['conditions']) as unknown }) as unknown,
        expect.objectContaining({ entity: 'event', id: eventId, href: `/api/v1/events/${eventId}` }) as unknown,
      ]) as unknown,
      history: [expect.objectContaining({ action: 'suggested', toStatus: 'suggested' }) as unknown],
    });
    expect((await get(`/api/v1/findings/${f.id}`)).status).toBe(200);
    expect((await get('/api/v1/findings/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await get('/api/v1/findings/nope')).status).toBe(400);
  });

  it('refuses review and recompute to a monitor (403) and writes nothing', async () => {
    const f = await one('custody-protocol-overdue');
    const before = await t.counts();
    for (const [url, payload] of [[`/api/v1/findings/${f.id}/review`, { decision: 'confirm', note: 'ok' }], ['/api/v1/findings/recompute', {}]] as const) {
      const res = await send(t.app, { method: 'POST', url, payload, headers: headers.monitor });
      expect(res.status, url).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect(await t.counts()).toEqual(before);
    expect((await get<Page>(`/api/v1/findings?eventId=${eventId}`, headers.monitor)).status).toBe(200);
  });

  it.each([
    ['an unknown decision', { decision: 'approve', note: 'x' }, ['decision']],
    ['a rejection without a note', { decision: 'reject' }, ['note']],
    ['a rejection with a blank note', { decision: 'reject', note: '  ' }, ['note']],
    ['an unknown field', { decision: 'confirm', by: 'me' }, ['by']],
    ['a note that is not text', { decision: 'confirm', note: 42 }, ['note']],
    ['no body fields', {}, ['decision']],
  ])('refuses %s with 400 and writes nothing', async (_label, payload, paths) => {
    const f = await one('containment-de-facto-detention');
    const before = await t.counts();
    const res = await send(t.app, { method: 'POST', url: `/api/v1/findings/${f.id}/review`, payload, headers: headers.analyst });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((res.body.error as { fields: { path: string }[] }).fields.map((x) => x.path)).toEqual(paths);
    expect(await t.counts()).toEqual(before);
  });

  it('refuses malformed JSON, bad filters and bad recompute bodies with 400', async () => {
    const f = await one('containment-de-facto-detention');
    const before = await t.counts();
    const raw = await t.app.inject({ method: 'POST', url: `/api/v1/findings/${f.id}/review`, payload: '{"decision":', headers: { ...headers.analyst, 'content-type': 'application/json' } });
    expect(raw.statusCode).toBe(400);
    for (const q of ['status=maybe', 'severity=extreme', 'standardId=NOPE-1', 'eventId=x', 'limit=0', 'cursor=%25%25', 'colour=red']) {
      expect((await get(`/api/v1/findings?${q}`)).status, q).toBe(400);
    }
    // Counts take the list's filters but neither status nor paging.
    for (const q of ['severity=extreme', 'standardId=NOPE-1', 'eventId=x', 'status=suggested', 'limit=5', 'cursor=abc']) {
      const res = await get<{ error: { code: string; fields: { path: string }[] } }>(`/api/v1/findings/counts?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('VALIDATION_FAILED');
    }
    for (const payload of [{ eventId: 'x' }, { all: 'yes' }, { eventId, all: true }, { what: 1 }]) {
      expect((await send(t.app, { method: 'POST', url: '/api/v1/findings/recompute', payload, headers: headers.analyst })).status, JSON.stringify(payload)).toBe(400);
    }
    expect(await t.counts()).toEqual(before);
  });

  it('an analyst confirms; a later change to a triggering fact sends it back for review with the old facts', async () => {
    const f = await one('custody-protocol-overdue');
    const auditBefore = (await t.services.transfer.tableCounts()).audit_log ?? 0;
    const res = await send(t.app, { method: 'POST', url: `/api/v1/findings/${f.id}/review`, payload: { decision: 'confirm', note: 'Case file: protocol at 15:50', version: f.version }, headers: headers.analyst });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'confirmed', decision: 'confirm', reviewer: expect.stringMatching(/^analyst-/) as unknown, reviewNote: 'Case file: protocol at 15:50' });
    expect((await t.services.transfer.tableCounts()).audit_log).toBe(auditBefore + 1);
    // The note is sealed at rest (docs/SECURITY.md) and read back in clear through the API.
    const raw = await connect(t.db.config);
    try {
      const stored = String((await raw.db.selectFrom('findings').select('reviewNote').where('id', '=', f.id).executeTakeFirst())?.reviewNote);
      expect(stored).toMatch(/^enc1:/);
      expect(stored).not.toContain('Case file');
    } finally {
      await raw.close();
    }
    expect((await get<Json>(`/api/v1/findings/${f.id}`)).body.reviewNote).toBe('Case file: protocol at 15:50');
    const counts = await get<{ byStatus: Record<string, number> }>(`/api/v1/findings/counts?eventId=${eventId}`);
    expect(counts.body.byStatus.confirmed).toBe(1);

    // A stale copy is refused.
    const stale = await send(t.app, { method: 'POST', url: `/api/v1/findings/${f.id}/review`, payload: { decision: 'reject', note: 'x', version: f.version }, headers: headers.analyst });
    expect(stale.status).toBe(409);

    const detention = await get<{ version: number }>(`/api/v1/detentions/${detentionId}`);
    const patch = await send(t.app, { method: 'PATCH', url: `/api/v1/detentions/${detentionId}`, payload: { version: detention.body.version, steps: steps('15:35') } });
    expect(patch.status).toBe(200);
    const after = await get<Json & { previousFacts: Json[]; changes: { added: Json[]; removed: Json[] } }>(`/api/v1/findings/${f.id}`);
    expect(after.body).toMatchObject({ status: 'needs_review', reviewReason: 'facts_changed', decision: 'confirm', reviewNote: 'Case file: protocol at 15:50' });
    expect(after.body.changes.removed).toEqual([{ entity: 'detention', id: detentionId, field: 'steps.2.at', value: '2022-03-08T09:50:00.000Z' }]);
    expect(after.body.changes.added).toEqual([{ entity: 'detention', id: detentionId, field: 'steps.2.at', value: '2022-03-08T09:35:00.000Z' }]);
    expect(after.body.previousFacts).toContainEqual({ entity: 'detention', id: detentionId, field: 'steps.2.at', value: '2022-03-08T09:50:00.000Z' });
    expect((await get<Page>('/api/v1/findings?status=queue')).body.items.map((x) => x.id)).toContain(f.id);
  });

  it('pages through the list with a cursor, each finding once', async () => {
    const full = (await all()).map((f) => f.id);
    const seen: string[] = [];
    let url = `/api/v1/findings?eventId=${eventId}&limit=2`;
    for (let i = 0; i < 10; i++) {
      const page = await get<Page>(url);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((f) => f.id));
      if (!page.body.nextCursor) break;
      url = `/api/v1/findings?eventId=${eventId}&limit=2&cursor=${page.body.nextCursor}`;
    }
    expect(seen).toEqual(full);
    expect(full.length).toBeGreaterThan(2);
  });

  it('lets a viewer read only findings whose records are public; a lawyer only their clients\'', async () => {
    expect((await get<Page>(`/api/v1/findings?eventId=${eventId}`, headers.viewer)).body.items).toEqual([]);
    const act = await get<{ version: number }>(`/api/v1/acts/${actId}`);
    expect((await send(t.app, { method: 'PATCH', url: `/api/v1/acts/${actId}`, payload: { version: act.body.version, confidentiality: 'public' } })).status).toBe(200);
    const visible = (await get<Page>(`/api/v1/findings?eventId=${eventId}`, headers.viewer)).body.items;
    // Only the findings that cite nothing but the act (the others cite the event or the detention too).
    expect(visible.map((f) => f.rule.id).sort()).toEqual(['containment-de-facto-detention', 'containment-degrading']);
    const hidden = await one('custody-protocol-overdue');
    expect((await get(`/api/v1/findings/${hidden.id}`, headers.viewer)).status).toBe(404);
    expect((await get<Page>(`/api/v1/findings?eventId=${eventId}`, headers.lawyer)).body.items).toEqual([]);
  });

  it('recomputes on request (analyst): one event, or what changed', async () => {
    const one = await send(t.app, { method: 'POST', url: '/api/v1/findings/recompute', payload: { eventId }, headers: headers.analyst });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ groups: 1, created: 0, pending: 0 });
    const changed = await send(t.app, { method: 'POST', url: '/api/v1/findings/recompute', headers: headers.analyst });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ groups: 0, pending: 0 });
    expect((await send(t.app, { method: 'POST', url: '/api/v1/findings/recompute', payload: { eventId: '01900000-0000-7000-8000-000000000000' }, headers: headers.analyst })).status).toBe(404);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await get<{ paths: Record<string, unknown> }>('/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/findings', '/api/v1/findings/counts', '/api/v1/findings/{id}', '/api/v1/findings/{id}/review', '/api/v1/findings/recompute', '/api/v1/standards']));
  });
});
