import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORMULA_NAME, HOSTILE_NAME, type ReportModel, SECRETS, secretsIn, type SeededPublishFixture, seedRedactionFixture } from '@vigil/core';
import { engines } from '@vigil/db/testing';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVia, openTestApp, send, type Json, type TestApp } from '../testing/test-app.js';

/** The text a person would read in a PDF (pdftotext from poppler-utils; CI installs it). */
function pdfText(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'r.pdf'), bytes);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every XML part of a DOCX, inflated. */
function docxText(bytes: Buffer): string {
  return Object.values(unzipSync(new Uint8Array(bytes))).map((part) => strFromU8(part)).join('\n');
}

/** All readable forms of a response: raw bytes as UTF-8, plus extracted text for PDF and DOCX. */
function readable(raw: { rawPayload: Buffer; headers: Record<string, unknown> }): string {
  const header = raw.headers['content-type'];
  const type = typeof header === 'string' ? header : '';
  const bytes = raw.rawPayload;
  const text = bytes.toString('utf8') + bytes.toString('latin1');
  if (type.startsWith('application/pdf')) return `${text}\n${pdfText(bytes)}`;
  if (type.includes('wordprocessingml')) return `${text}\n${docxText(bytes)}`;
  return text;
}

describe.each(engines())('publishing never leaks an uncleared identity (%s)', (engine) => {
  let t: TestApp;
  let eventId: string;
  let fixture: SeededPublishFixture;
  const outputs = new Map<string, string>();

  beforeAll(async () => {
    t = await openTestApp(engine);
    fixture = await seedRedactionFixture(t.services);
    ({ eventId } = fixture);
    const scope = `from=2022-01-05&to=2022-01-05`;
    const urls = [
      `/api/v1/stats/overview?${scope}`, `/api/v1/stats/reconciliation?${scope}`, `/api/v1/stats/charts/city.svg?${scope}`, `/api/v1/stats/charts/role.svg?${scope}`, `/api/v1/stats/map?${scope}`,
      ...['date', 'city', 'role', 'outcome', 'charge', 'legal-basis', 'city-role', 'charge-code'].map((d) => `/api/v1/stats/by/${d}?${scope}`),
      ...['html', 'json', 'pdf', 'docx'].map((f) => `/api/v1/reports/preview?format=${f}&eventId=${eventId}`),
      ...['csv', 'json', 'geojson'].map((f) => `/api/v1/open-data/detentions.${f}?${scope}`),
      ...['csv', 'json', 'geojson', 'acled'].map((f) => `/api/v1/open-data/events.${f}`),
    ];
    const published = await send(t.app, { method: 'POST', url: '/api/v1/reports', payload: { title: 'Republic Square, 5 January 2022', eventId: [eventId] } });
    expect(published.status, published.raw.body).toBe(201);
    outputs.set('POST /api/v1/reports', published.raw.body);
    const id = String(published.body.id);
    urls.push('/api/v1/reports', ...['html', 'json', 'pdf', 'docx'].map((f) => `/api/v1/reports/${id}?format=${f}`));
    for (const url of urls) {
      const raw = await t.app.inject({ method: 'GET', url });
      expect(raw.statusCode, `${url}: ${raw.body.slice(0, 300)}`).toBe(200);
      outputs.set(url, readable(raw));
    }
  }, 120_000);
  afterAll(() => t.close());

  it('covers every output format', () => {
    expect(outputs.size).toBeGreaterThanOrEqual(28);
    // The scan is meaningful: the withheld person is there, under a pseudonym.
    expect(outputs.get('/api/v1/open-data/detentions.csv?from=2022-01-05&to=2022-01-05')).toContain('Journalist A');
  });

  it('has zero hits for withheld names (Cyrillic, Latin, inflected), contacts and exact addresses, byte for byte', () => {
    const hits = [...outputs].flatMap(([url, text]) => secretsIn(text).map((s) => `${url}: ${s}`));
    expect(hits).toEqual([]);
    expect(SECRETS.length).toBeGreaterThan(20);
  });

  it('counts the withheld, unknown-consent and confidential people in the figures', async () => {
    const { body } = await send(t.app, { method: 'GET', url: `/api/v1/stats/overview?eventId=${eventId}` });
    const totals = body.totals as Json;
    expect(totals).toMatchObject({ detentions: 6, people: 5 });
    const html = outputs.get(`/api/v1/reports/preview?format=html&eventId=${eventId}`) ?? '';
    expect(html).toContain('Name withheld');
    expect(html).toContain('Journalist A');
  });

  it('publishes confirmed findings only, with their citations, the subject through the redactor, in every format', async () => {
    const { body } = await send(t.app, { method: 'GET', url: `/api/v1/reports/preview?format=json&eventId=${eventId}` });
    const findings = (body as unknown as ReportModel).findings;
    // Every confirmed finding is counted; the one about the confidential activist is not described.
    expect(fixture.confirmed).toBe(5);
    expect(findings?.items).toHaveLength(fixture.confirmed - fixture.confirmedConfidential);
    expect(findings?.notListed).toBe(fixture.confirmedConfidential);
    // Suggested and rejected ones are not published: only the press rule's wording appears.
    expect(new Set(findings?.items.map((f) => f.finding))).toEqual(new Set([
      'A journalist was detained at the event they were covering or monitoring.',
      'A monitor or human rights defender was detained at the event they were covering or monitoring.',
    ]));
    const withheld = findings?.items.filter((f) => f.subject.startsWith('Detention of Journalist A')) ?? [];
    expect(withheld.map((f) => f.when)).toEqual(['2022-01-05 10:00', '2022-01-05 17:00']);
    expect(withheld[0]?.standards).toEqual([
      { id: 'GC37-30', instrument: expect.stringContaining('General Comment No. 37') as string, citation: 'GC37 para. 30', mark: '[R]', verification: '[R] from secondary sources: check before publication' },
      { id: 'KZ-CC-158', instrument: expect.stringContaining('Criminal Code') as string, citation: 'CC art. 158', mark: '[V]', verification: '[V] checked against the text' },
    ]);
    expect(findings?.items.some((f) => f.subject.startsWith('Detention of Name withheld (Human rights defender)'))).toBe(true);
    const html = outputs.get(`/api/v1/reports/preview?format=html&eventId=${eventId}`) ?? '';
    expect(html).toContain('Findings: breaches of standards confirmed by reviewers');
    expect(html).toContain('GC37 para. 30 [R] — UN Human Rights Committee');
    expect(html).not.toContain('Relatives not told');
    for (const format of ['pdf', 'docx']) {
      const text = outputs.get(`/api/v1/reports/preview?format=${format}&eventId=${eventId}`) ?? '';
      expect(text, format).toContain('confirmed by reviewers');
      expect(text, format).toContain('GC37 para. 30 [R]');
      expect(text, format).toContain('CC art. 158 [V]');
    }
    expect(outputs.get(`/api/v1/reports/preview?format=docx&eventId=${eventId}`)).toContain('Detention of Journalist A (Journalist)');
    // Scoped to another city, the event's detentions and the findings about them stay out.
    const astana = await send(t.app, { method: 'GET', url: `/api/v1/reports/preview?format=json&eventId=${eventId}&city=Astana` });
    expect((astana.body as unknown as ReportModel).findings).toEqual({ items: [], notListed: 0 });
  });

  it('escapes names with markup: the HTML report runs no script and loads nothing', () => {
    const html = outputs.get(`/api/v1/reports/preview?format=html&eventId=${eventId}`) ?? '';
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold');
    expect(html).not.toContain('<i>Vlast');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(HOSTILE_NAME).toContain('<script>');
  });

  it('defuses spreadsheet formulas in CSV cells', () => {
    for (const url of [`/api/v1/open-data/detentions.csv?from=2022-01-05&to=2022-01-05`]) {
      const csv = outputs.get(url) ?? '';
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"") Zhanar"`);
      expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
    }
    expect(FORMULA_NAME.startsWith('=')).toBe(true);
  });
});

describe.each(engines())('the 21 May 2016 report from the demo data (%s)', (engine) => {
  let t: TestApp;
  let model: ReportModel;
  const scope = 'from=2016-05-21&to=2016-05-21';
  const names = (city: string, role: string) => model.lists.find((c) => c.city === city)?.groups.find((g) => g.role === role)?.people.map((p) => p.name) ?? [];

  beforeAll(async () => {
    t = await openTestApp(engine);
    await t.services.demo.load();
    // Detained twice: a second detention of Polovinko the same evening.
    const polovinko = (await t.services.records.list('person', { q: 'Polovinko' })).items[0];
    const almaty = (await t.services.records.list('event', { city: 'Almaty', from: '2016-05-20T00:00:00Z', to: '2016-05-22T00:00:00Z' })).items[0];
    await createVia(t.app, 'detentions', { personId: polovinko?.id, eventId: almaty?.id, apprehendedAt: '2016-05-21T17:00:00+06:00', apprehendedPrecision: 'approximate' });
    const res = await send(t.app, { method: 'GET', url: `/api/v1/reports/preview?format=json&${scope}&title=Mass%20detentions` });
    expect(res.status).toBe(200);
    model = res.body as unknown as ReportModel;
  }, 120_000);
  afterAll(() => t.close());

  it('lists the detained journalists per city with the numbers of named people in the source', () => {
    const perCity = Object.fromEntries(model.lists.map((c) => [c.city, c.groups.find((g) => g.role === 'journalist')?.people.length ?? 0]));
    expect(perCity).toEqual({ Almaty: 19, Astana: 10, Uralsk: 7, Atyrau: 5, Karaganda: 4 });
  });

  it('lists the five human rights defenders; a journalist-defender is in both lists and once in the total', () => {
    expect(names('Almaty', 'human_rights_defender').sort()).toEqual(['Amangeldy Shormanbaev', 'Andrey Grishin', 'Andrey Sviridov', 'Yulia Kozlova', 'Zhanna Baytelova']);
    expect(names('Almaty', 'journalist')).toContain('Andrey Grishin');
    const grishin = model.lists[0]?.groups[0]?.people.find((p) => p.name === 'Andrey Grishin');
    expect(grishin?.alsoIn).toEqual(['Human rights defender']);
    const roles: Record<string, number> = Object.fromEntries(model.summary.roles.map((r) => [String(r.key[0]), r.people]));
    expect(roles).toMatchObject({ journalist: 45, human_rights_defender: 5 });
    expect(model.summary.people).toBe(50);
  });

  it('counts a person detained twice as two detentions and one person', () => {
    expect(model.summary.detentions).toBe(51);
    expect(model.summary.people).toBe(50);
    const journalists = model.summary.roles.find((r) => r.key[0] === 'journalist');
    expect(journalists).toMatchObject({ detentions: 46, people: 45 });
    expect(model.lists[0]?.groups[0]?.people.find((p) => p.name === 'Vyacheslav Polovinko')?.detentions).toBe(2);
  });

  it('shows the claimed "at least 54" beside the documented count, and the official 51', async () => {
    const row = model.reconciliation.rows.find((r) => r.area === null && r.measure === 'role:journalist');
    expect(row?.documented).toEqual({ detentions: 46, people: 45 });
    expect(row?.claimed.map((c) => c.text)).toContain('at least 54');
    const charged = model.reconciliation.rows.find((r) => r.area === null && r.measure === 'charged:administrative');
    expect(charged?.official).toEqual([{ value: 51, issuer: 'General Prosecutor of Kazakhstan', issuedOn: '2016-05-21', measure: 'individuals administratively charged among those detained on 21 May' }]);
    const html = (await t.app.inject({ method: 'GET', url: `/api/v1/reports/preview?format=html&${scope}` })).body;
    expect(html).toMatch(/Journalists detained<\/td><td class="n">46<\/td><td class="n">45<\/td><td><b>at least 54<\/b>/);
  });

  it('renders a PDF whose text has the lists, in Cyrillic-capable type, and a DOCX', async () => {
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/reports/preview?format=pdf&${scope}` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Journalist: 19');
    expect(text).toContain('Human rights defender: 5');
    expect(text).toContain('at least 54');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/DejaVuSans/);
    const docx = await t.app.inject({ method: 'GET', url: `/api/v1/reports/preview?format=docx&${scope}` });
    expect(docxText(docx.rawPayload)).toContain('Zhanna Baytelova');
  });

  it('publishes a confirmed finding only while the facts it was confirmed on stand', async () => {
    const reviewer = { id: 'test', name: 'test' };
    await t.services.findings.recompute({ all: true }, reviewer);
    const almaty = (await t.services.records.list('event', { city: 'Almaty', from: '2016-05-20T00:00:00Z', to: '2016-05-22T00:00:00Z' })).items[0];
    const suggestion = (await t.services.findings.list({ eventId: almaty?.id, ruleId: 'custody-protocol-overdue', limit: 1 })).items[0];
    expect(suggestion?.status).toBe('suggested');
    const preview = async () => ((await send(t.app, { method: 'GET', url: `/api/v1/reports/preview?format=json&${scope}` })).body as unknown as ReportModel).findings;
    expect((await preview())?.items.some((f) => f.finding.startsWith('No protocol'))).toBe(false);

    const confirmed = await send(t.app, { method: 'POST', url: `/api/v1/findings/${suggestion?.id}/review`, payload: { decision: 'confirm' } });
    expect(confirmed.status, confirmed.raw.body).toBe(200);
    const listed = (await preview())?.items.filter((f) => f.finding.startsWith('No protocol')) ?? [];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.standards.map((s) => s.citation)).toEqual(['CPC art. 131']);
    expect(listed[0]?.subject).toMatch(/^Detention of /);

    // The protocol turns up in the case file: the finding is no longer produced and waits for re-review.
    const detention = await t.services.records.get('detention', String(suggestion?.subject.id));
    const step = await send(t.app, { method: 'POST', url: `/api/v1/detentions/${detention.id}/steps`, payload: { type: 'protocol', at: new Date(Date.parse(String(detention.apprehendedAt)) + 3_600_000).toISOString() } });
    expect(step.status, step.raw.body).toBeLessThan(300);
    expect((await preview())?.items.some((f) => f.finding.startsWith('No protocol'))).toBe(false);
    expect((await t.services.findings.get(String(suggestion?.id))).status).toBe('needs_review');
  });

  it('publishes, serves and withdraws a report; a withdrawn one is gone', async () => {
    const viewer = await t.headersFor('viewer');
    expect((await send(t.app, { method: 'POST', url: '/api/v1/reports', headers: viewer, payload: { from: '2016-05-21' } })).status).toBe(403);
    const published = await send(t.app, { method: 'POST', url: '/api/v1/reports', payload: { from: '2016-05-21', to: '2016-05-21', title: 'Mass detentions, 21 May 2016' } });
    expect(published.status).toBe(201);
    const id = String(published.body.id);
    expect((await send(t.app, { method: 'GET', url: '/api/v1/reports', headers: viewer })).body.items).toEqual([expect.objectContaining({ id, title: 'Mass detentions, 21 May 2016' })]);
    const html = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: viewer });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Mass detentions, 21 May 2016');
    expect((await send(t.app, { method: 'DELETE', url: `/api/v1/reports/${id}` })).body.withdrawnAt).toBeTruthy();
    expect((await send(t.app, { method: 'GET', url: `/api/v1/reports/${id}` })).status).toBe(404);
  });

  it.each([
    ['a malformed date', 'from=21.05.2016', 'from'],
    ['a period that ends before it starts', 'from=2016-05-22&to=2016-05-21', 'to'],
    ['a malformed event id', 'eventId=abc', 'eventId.0'],
    ['an unknown event', 'eventId=01900000-0000-7000-8000-000000000000', 'eventId.0'],
    ['an unknown format', 'format=odt', 'format'],
    ['an unknown parameter', 'colour=red', 'colour'],
  ])('refuses %s with 400 naming the field', async (_what, query, field) => {
    const res = await send(t.app, { method: 'GET', url: `/api/v1/reports/preview?${query}` });
    expect(res.status).toBe(400);
    expect((res.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toContain(field);
  });

  it('refuses a bad publish request and writes nothing', async () => {
    const before = await t.counts();
    const res = await send(t.app, { method: 'POST', url: '/api/v1/reports', payload: { from: '2016-05-22', to: '2016-05-21', title: '' } });
    expect(res.status).toBe(400);
    expect((res.body.error as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['title']);
    expect(await t.counts()).toEqual(before);
  });
});
