import { type FindingDetail, type FindingView, PROTECTED_FACT_FIELDS, type Services, VigilError } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../repositories/table-specs.js';
import { buildDetention, buildPerson, engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

/**
 * Findings over real storage, on both engines: the scenario "a notified picket kettled 4.5 h in the
 * cold …" of the standards engine (scenarios/constructed.ts), recorded through the services.
 */

const ACTOR = 'analyst-1';
const REVIEWER = { id: 'u-analyst', name: 'analyst-1' };
const at = (wall: string) => `2022-03-08T${wall}:00+06:00`;
const iso = (wall: string) => new Date(at(wall)).toISOString();
const steps = (protocol: string) => [
  { type: 'family_notified', at: at('11:30') },
  { type: 'taken_to', at: at('15:45') },
  { type: 'protocol', at: at(protocol) },
  { type: 'released', at: at('17:00') },
];

describe.each(engines())('stored findings on %s', (engine) => {
  let db: TestDatabase;
  let s: Services;
  let tick = 0;
  /** 12:00 in Almaty on 10 March 2022, one second later at every call (history stays ordered). */
  const now = () => new Date(Date.parse('2022-03-10T06:00:00.000Z') + 1000 * ++tick).toISOString();
  let eventId: string;
  let groupId: string;
  let personId: string;
  let actId: string;
  let detentionId: string;

  const list = async (filter: Record<string, unknown> = {}): Promise<FindingView[]> => {
    const items: FindingView[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.findings.list({ eventId, limit: 100, ...filter, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  };
  const byRule = async (ruleId: string): Promise<FindingDetail> => {
    const [f] = await list({ ruleId });
    if (!f) throw new Error(`no finding of rule ${ruleId}`);
    return s.findings.get(f.id);
  };
  const bySubject = (items: FindingView[]) => {
    const out: Record<string, string[]> = {};
    for (const f of items.filter((x) => x.status !== 'obsolete')) out[`${f.subject.entity}:${f.subject.id}`] = [...new Set([...(out[`${f.subject.entity}:${f.subject.id}`] ?? []), ...f.standardIds])].sort();
    return out;
  };
  const setProtocol = async (wall: string) => {
    const d = await s.records.get('detention', detentionId);
    await s.records.update('detention', detentionId, { version: d.version, steps: steps(wall) }, ACTOR);
  };
  const tableCounts = () => s.transfer.tableCounts();

  beforeAll(async () => {
    db = await openTestDatabase(engine);
    s = db.services({ now });
    eventId = (await s.records.create('event', {
      title: 'Notified picket', type: 'peaceful_protest', startAt: at('10:00'), endAt: at('16:00'), notificationStatus: 'notified', city: 'Almaty',
    }, ACTOR)).id;
    groupId = (await s.records.create('person', buildPerson({ countingUnit: 'group', groupSize: 150, roles: [{ role: 'protester', eventId }] }), ACTOR)).id;
    personId = (await s.records.create('person', buildPerson({ roles: [{ role: 'protester', eventId }] }), ACTOR)).id;
    actId = (await s.records.create('act', {
      type: 'containment', eventId, victimPersonId: groupId, startAt: at('11:00'), endAt: at('15:30'), conditions: ['no_exit', 'no_water', 'no_toilet', 'cold'],
    }, ACTOR)).id;
    detentionId = (await s.records.create('detention', buildDetention(personId, {
      eventId, apprehendedAt: at('11:00'), legalBasis: 'administrative', legalArticle: 'KoAP art. 488', steps: steps('15:50'),
    }), ACTOR)).id;
  });
  afterAll(() => db.destroy());

  it('record writes only mark the event dirty; the first read computes exactly the scenario\'s standard ids, as suggestions', async () => {
    const pending = await s.repos.findings.pendingGroups({ staleBefore: now(), limit: 10 });
    expect(pending.groups.map((g) => g.key)).toEqual([`event:${eventId}`]);
    expect((await s.transfer.tableCounts()).findings).toBe(0);

    const items = await list();
    expect(bySubject(items)).toEqual({
      [`act:${actId}`]: ['GC37-84', 'ICCPR-7', 'KZ-KoAP-788-789', 'ODIHR-G3', 'OSCE-HB'],
      [`detention:${detentionId}`]: ['KZ-CPC-131', 'KZ-KoAP-788-789'],
    });
    expect(new Set(items.map((f) => f.status))).toEqual(new Set(['suggested']));
    expect(items.every((f) => f.eventId === eventId && f.produced)).toBe(true);
    expect(items.find((f) => f.rule.id === 'custody-protocol-overdue')?.personId).toBe(personId);
    expect((await s.repos.findings.pendingGroups({ staleBefore: now(), limit: 10 })).groups).toEqual([]);
    // Reading again recomputes nothing and writes nothing.
    const before = await tableCounts();
    expect(await list()).toHaveLength(items.length);
    expect(await tableCounts()).toEqual(before);
  });

  it('a write outside what the rules read (a note) marks nothing', async () => {
    const d = await s.records.get('detention', detentionId);
    await s.records.update('detention', detentionId, { version: d.version, notes: 'Protocol copy obtained by the lawyer' }, ACTOR);
    expect((await s.repos.findings.pendingGroups({ staleBefore: now(), limit: 10 })).groups).toEqual([]);
  });

  it('shows each finding with its catalogue entries, thresholds and origins, and links to the records', async () => {
    const f = await byRule('custody-protocol-overdue');
    expect(f.standards).toEqual([expect.objectContaining({ id: 'KZ-CPC-131', citation: expect.any(String) as unknown, verification: expect.objectContaining({ status: 'checked' }) as unknown }) as unknown]);
    expect(f.thresholds[0]).toMatchObject({ origin: 'LAW', unit: 'hours', originLabel: { en: expect.stringMatching(/^LAW/) as unknown } });
    expect(f.records).toContainEqual(expect.objectContaining({ entity: 'detention', id: detentionId, href: `/api/v1/detentions/${detentionId}` }));
    expect(f.facts).toContainEqual({ entity: 'detention', id: detentionId, field: 'steps.2.at', value: iso('15:50') });
    expect(f.history.map((h) => h.action)).toEqual(['suggested']);
    expect(f.previousFacts).toBeNull();
  });

  it('confirm, then a triggering fact changes: needs_review with the reviewed facts kept; changed back: confirmed again', async () => {
    const f = await byRule('custody-protocol-overdue');
    const confirmed = await s.findings.review(f.id, { decision: 'confirm', note: 'Protocol in the case file is dated 15:50', version: f.version }, REVIEWER);
    expect(confirmed).toMatchObject({ status: 'confirmed', decision: 'confirm', reviewer: 'analyst-1', reviewNote: 'Protocol in the case file is dated 15:50' });

    await setProtocol('15:40'); // still late, but a different fact
    const changed = await s.findings.get(f.id);
    expect(changed).toMatchObject({ id: f.id, key: f.key, status: 'needs_review', reviewReason: 'facts_changed', decision: 'confirm', reviewer: 'analyst-1' });
    expect(changed.facts).toContainEqual({ entity: 'detention', id: detentionId, field: 'steps.2.at', value: iso('15:40') });
    expect(changed.previousFacts).toContainEqual({ entity: 'detention', id: detentionId, field: 'steps.2.at', value: iso('15:50') });
    expect(changed.changes).toEqual({
      added: [{ entity: 'detention', id: detentionId, field: 'steps.2.at', value: iso('15:40') }],
      removed: [{ entity: 'detention', id: detentionId, field: 'steps.2.at', value: iso('15:50') }],
    });
    expect((await list({ status: 'queue' })).map((x) => x.id)).toContain(f.id);

    await setProtocol('15:50');
    const back = await s.findings.get(f.id);
    expect(back).toMatchObject({ status: 'confirmed', reviewReason: null, changes: null });
    expect(back.history.map((h) => h.action)).toEqual(['suggested', 'confirmed', 'facts_changed', 'restored']);
    expect(back.history[1]).toMatchObject({ actor: 'analyst-1', note: 'Protocol in the case file is dated 15:50', fromStatus: 'suggested', toStatus: 'confirmed' });
  });

  it('a confirmed breach no longer produced waits for re-review; an unreviewed one becomes obsolete; nothing is deleted', async () => {
    const overdue = await byRule('custody-protocol-overdue');
    const degrading = await byRule('containment-degrading');
    const rowsBefore = (await tableCounts()).findings;

    await setProtocol('11:20'); // on time: the overdue finding is no longer produced
    const act = await s.records.get('act', actId);
    await s.records.update('act', actId, { version: act.version, conditions: ['no_exit', 'cold'] }, ACTOR); // water and toilet were available

    const gone = await s.findings.get(overdue.id);
    expect(gone).toMatchObject({ status: 'needs_review', reviewReason: 'no_longer_produced', produced: false, decision: 'confirm' });
    const obsolete = await s.findings.get(degrading.id);
    expect(obsolete).toMatchObject({ status: 'obsolete', produced: false, decision: null });
    expect(obsolete.history.map((h) => h.action)).toEqual(['suggested', 'obsoleted']);
    expect((await tableCounts()).findings).toBe(rowsBefore);
    expect((await list({ status: 'obsolete' })).map((x) => x.id)).toEqual([degrading.id]);
    expect((await list({ status: 'queue' })).map((x) => x.id)).not.toContain(degrading.id);

    // A person confirms it anyway (the case file says otherwise): the decision then stands.
    await s.findings.review(overdue.id, { decision: 'confirm', note: 'The on-time protocol is backdated; see the lawyer\'s note' }, REVIEWER);
    await s.findings.recompute({ eventId }, REVIEWER);
    expect(await s.findings.get(overdue.id)).toMatchObject({ status: 'confirmed', produced: false });
  });

  it('a rejected finding that stops being produced becomes obsolete with its decision kept; obsolete ones cannot be reviewed', async () => {
    const kettle = await byRule('containment-non-violent');
    await s.findings.review(kettle.id, { decision: 'reject', note: 'The group had attacked the police line first (video 14)' }, REVIEWER);
    const event = await s.records.get('event', eventId);
    await s.records.update('event', eventId, { version: event.version, type: 'violent_demonstration' }, ACTOR);
    const f = await s.findings.get(kettle.id);
    expect(f).toMatchObject({ status: 'obsolete', decision: 'reject', reviewNote: 'The group had attacked the police line first (video 14)' });
    await expect(s.findings.review(kettle.id, { decision: 'confirm' }, REVIEWER)).rejects.toMatchObject({ code: 'CONFLICT' });

    // Back to peaceful with the same facts: the rejection applies again, nobody has to repeat it.
    const e2 = await s.records.get('event', eventId);
    await s.records.update('event', eventId, { version: e2.version, type: 'peaceful_protest' }, ACTOR);
    expect(await s.findings.get(kettle.id)).toMatchObject({ status: 'rejected', produced: true });
  });

  it('refuses bad reviews and writes nothing', async () => {
    const f = await byRule('containment-de-facto-detention');
    const before = await tableCounts();
    const problems = async (p: Promise<unknown>) => {
      const e = (await p.then(() => null, (x: unknown) => x)) as VigilError;
      expect(e).toBeInstanceOf(VigilError);
      return { code: e.code, paths: e.fields.map((x) => x.path) };
    };
    expect(await problems(s.findings.review(f.id, { decision: 'approve', note: 'x' }, REVIEWER))).toEqual({ code: 'VALIDATION_FAILED', paths: ['decision'] });
    expect(await problems(s.findings.review(f.id, { decision: 'reject' }, REVIEWER))).toEqual({ code: 'VALIDATION_FAILED', paths: ['note'] });
    expect(await problems(s.findings.review(f.id, { decision: 'reject', note: '   ' }, REVIEWER))).toEqual({ code: 'VALIDATION_FAILED', paths: ['note'] });
    expect(await problems(s.findings.review(f.id, { decision: 'confirm', extra: 1 }, REVIEWER))).toEqual({ code: 'VALIDATION_FAILED', paths: ['extra'] });
    expect(await problems(s.findings.review(f.id, { decision: 'confirm', version: f.version + 5 }, REVIEWER))).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await problems(s.findings.review('not-a-uuid', { decision: 'confirm' }, REVIEWER))).toEqual({ code: 'VALIDATION_FAILED', paths: ['id'] });
    expect(await problems(s.findings.review('01900000-0000-7000-8000-000000000000', { decision: 'confirm' }, REVIEWER))).toMatchObject({ code: 'RECORD_NOT_FOUND' });
    expect(await problems(s.findings.list({ status: 'maybe' }))).toEqual({ code: 'VALIDATION_FAILED', paths: ['status.0'] });
    expect(await problems(s.findings.list({ standardId: 'GC99-1' }))).toEqual({ code: 'VALIDATION_FAILED', paths: ['standardId'] });
    expect(await problems(s.findings.list({ cursor: 'nonsense' }))).toEqual({ code: 'VALIDATION_FAILED', paths: ['cursor'] });
    expect(await problems(s.findings.recompute({ eventId, all: true }, REVIEWER))).toEqual({ code: 'VALIDATION_FAILED', paths: ['all'] });
    expect(await tableCounts()).toEqual(before);
  });

  it('filters by standard, subject and person; pages through everything once', async () => {
    const all = await list({ limit: 200 });
    const pages: string[] = [];
    let cursor: string | undefined;
    let n = 0;
    do {
      const page = await s.findings.list({ eventId, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      pages.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor ?? undefined;
      n++;
    } while (cursor);
    expect(n).toBeGreaterThan(1);
    expect(pages).toEqual(all.map((f) => f.id));
    expect(new Set(pages).size).toBe(pages.length);
    const ranks = all.map((f) => ({ critical: 2, warning: 1, info: 0 })[f.severity]);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);

    expect((await list({ standardId: 'ICCPR-7' })).every((f) => f.standardIds.includes('ICCPR-7'))).toBe(true);
    expect((await list({ standardId: 'KZ-CPC-131' })).map((f) => f.rule.id)).toEqual(['custody-protocol-overdue']);
    expect(new Set((await list({ subjectId: detentionId })).map((f) => f.subject.id))).toEqual(new Set([detentionId]));
    expect(new Set((await list({ personId })).map((f) => f.subject.id))).toEqual(new Set([detentionId]));
  });

  it('scopes reads: confidential facts stay with admins and coordinators; lawyers see their clients only', async () => {
    const d = await s.records.get('detention', detentionId);
    await s.records.update('detention', detentionId, { version: d.version, confidentiality: 'confidential' }, ACTOR);
    const monitor = { confidentiality: ['public', 'restricted'] as ('public' | 'restricted' | 'confidential')[] };
    const seen = await s.findings.list({ eventId }, monitor);
    expect(seen.items.some((f) => f.subject.id === detentionId)).toBe(false);
    const hidden = (await list({ subjectId: detentionId }))[0];
    await expect(s.findings.get(hidden?.id ?? '', monitor)).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    const lawyer = { confidentiality: ['public', 'restricted', 'confidential'] as ('public' | 'restricted' | 'confidential')[], personIds: [personId] };
    expect(new Set((await s.findings.list({ eventId }, lawyer)).items.map((f) => f.subject.id))).toEqual(new Set([detentionId]));
    const d2 = await s.records.get('detention', detentionId);
    await s.records.update('detention', detentionId, { version: d2.version, confidentiality: 'restricted' }, ACTOR);
  });

  it('keeps findings about a confidential person\'s detention from roles that may not read confidential records', async () => {
    const monitor = { confidentiality: ['public', 'restricted'] as ('public' | 'restricted' | 'confidential')[] };
    const p = await s.records.get('person', personId);
    await s.records.update('person', personId, { version: p.version, confidentiality: 'confidential' }, ACTOR);
    await s.findings.recompute({ all: true }, REVIEWER);
    expect((await s.findings.list({ eventId }, monitor)).items.some((f) => f.subject.id === detentionId)).toBe(false);
    expect((await list({ subjectId: detentionId })).length).toBeGreaterThan(0);
    const p2 = await s.records.get('person', personId);
    await s.records.update('person', personId, { version: p2.version, confidentiality: 'restricted' }, ACTOR);
    await s.findings.recompute({ all: true }, REVIEWER);
    expect((await s.findings.list({ eventId }, monitor)).items.some((f) => f.subject.id === detentionId)).toBe(true);
  });

  it('a custody case with no event is its own group, filed under the person', async () => {
    const p = (await s.records.create('person', buildPerson(), ACTOR)).id;
    const d = (await s.records.create('detention', buildDetention(p, { apprehendedAt: '2022-03-09T09:00:00+06:00', legalBasis: 'none', steps: [{ type: 'released', at: '2022-03-09T10:00:00+06:00' }] }), ACTOR)).id;
    const page = await s.findings.list({ personId: p });
    expect(page.items.map((f) => [f.rule.id, f.subject.id, f.eventId])).toContainEqual(['detention-without-grounds', d, null]);
  });

  it('recompute {all} is idempotent, and a recompute of an unknown event is 404', async () => {
    await s.findings.recompute({ all: true }, REVIEWER);
    const before = await tableCounts();
    const again = await s.findings.recompute({ all: true }, REVIEWER);
    expect(again).toMatchObject({ created: 0, needsReview: 0, obsoleted: 0, pending: 0 });
    const after = await tableCounts();
    expect({ ...after, audit_log: 0, audit_head: 0, finding_groups: 0 }).toEqual({ ...before, audit_log: 0, audit_head: 0, finding_groups: 0 });
    await expect(s.findings.recompute({ eventId: '01900000-0000-7000-8000-000000000000' }, REVIEWER)).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
  });

  it('keeps every protected (encrypted) field out of stored facts', () => {
    for (const [entity, spec] of Object.entries(TABLES)) {
      const fact = entity as keyof typeof PROTECTED_FACT_FIELDS;
      if (!(fact in PROTECTED_FACT_FIELDS)) continue;
      const encrypted = [...(spec.encrypted ?? []), ...(spec.children ?? []).filter((c) => c.encrypted?.length).map((c) => c.field)];
      expect(PROTECTED_FACT_FIELDS[fact], entity).toEqual(expect.arrayContaining(encrypted));
    }
  });
});
