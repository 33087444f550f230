// The statistics dashboard and the reports page end to end: a real server (fresh SQLite, the demo
// data of 21 May 2016) and Debian's chromium, nothing reachable but the server.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsAvailable, shoot, signIn, startSession, stopSession, type PageApi } from './browser-helpers.js';
import { type RunningBrowser, type RunningServer } from './harness.js';

const available = browserTestsAvailable('the statistics browser tests');

const ADMIN = { username: 'stats-admin', password: 'a long test passphrase', displayName: 'Stats Admin' };
const DAY = 'from=2016-05-21&to=2016-05-21';
const TITLE = 'Mass detentions of 21 May 2016 (e2e)';

interface Row {
  key: string[];
  detentions: number;
  people: number;
}
interface Overview {
  totals: { detentions: number; people: number };
  reconciliation: { rows: { area: string | null; measure: string; documented: { detentions: number | null; people: number | null }; claimed: { text: string }[] }[] };
  breakdowns: Record<string, Row[]>;
}

/** The text a person would read in a PDF, when poppler's pdftotext is installed (CI installs it). */
function pdfText(file: string): string | null {
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } catch {
    return null;
  }
}

describe.skipIf(!available)('statistics and reports in chromium', () => {
  let server: RunningServer;
  let browser: RunningBrowser;
  let page: Page;
  let api: PageApi;
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-downloads-'));

  beforeAll(async () => {
    ({ server, browser, page, api } = await startSession(20_000));
  }, 120_000);

  afterAll(async () => {
    await stopSession({ browser, server });
    fs.rmSync(downloads, { recursive: true, force: true });
  }, 30_000);

  it('signs in (creating the first account on a fresh server)', async () => {
    await page.goto(server.base);
    await page.locator('main h1').first().waitFor();
    if ((await fetch(`${server.base}/api/v1/auth/session`)).status === 404) return; // a server without accounts
    await signIn(page, api, ADMIN);
  }, 60_000);

  it('shows the documented count beside "at least 54", as the API counts it', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
    await page.locator('main h1', { hasText: 'Statistics' }).waitFor();
    await page.getByLabel('From (local date)').fill('2016-05-21');
    await page.getByLabel('To (local date)').fill('2016-05-21');
    await page.waitForURL(/from=2016-05-21&to=2016-05-21/);
    await page.locator(`[data-scope="${DAY}"]`).waitFor();
    const expected = await api.get<Overview>(`stats/overview?${DAY}`);
    const journalists = expected.reconciliation.rows.find((r) => r.area === null && r.measure === 'role:journalist');
    expect(journalists?.claimed.map((c) => c.text)).toContain('at least 54');

    const row = page.locator('[data-section="reconciliation"] tr[data-area=""][data-measure="role:journalist"]');
    await expect.poll(() => row.locator('[data-cell="documented-people"]').textContent()).toBe(String(journalists?.documented.people));
    expect(await row.locator('[data-cell="documented-detentions"]').textContent()).toBe(String(journalists?.documented.detentions));
    expect(await row.locator('[data-cell="claimed"]').textContent()).toContain('at least 54');
    expect(await row.locator('th').textContent()).toBe('Journalists detained');
    // The three columns stay apart: the official 51 sits in its own column of the "charged" row.
    const charged = page.locator('[data-section="reconciliation"] tr[data-area=""][data-measure="charged:administrative"]');
    expect(await charged.locator('[data-cell="official"]').textContent()).toMatch(/51 .*General Prosecutor of Kazakhstan/);
    expect(await charged.locator('[data-cell="claimed"]').textContent()).not.toContain('51');

    const figure = async (key: string) => (await page.locator(`[data-figure="${key}"] .count-number`).textContent())?.replace(/\D/g, '');
    expect(await figure('detentions')).toBe(String(expected.totals.detentions));
    expect(await figure('people')).toBe(String(expected.totals.people));
  }, 60_000);

  it('draws a chart with its table beside it, and the map of towns', async () => {
    const expected = await api.get<Overview>(`stats/overview?${DAY}`);
    const cities = expected.breakdowns.city ?? [];
    const panel = page.locator('[data-breakdown="city"]');
    const svg = panel.locator('svg[data-chart="bars"]');
    await svg.waitFor();
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await svg.getAttribute('aria-label')).toContain('table beside the chart');
    expect(await svg.locator('g[data-row]').count()).toBe(Math.min(15, cities.length));
    expect(await panel.locator('tbody tr').count()).toBe(cities.length);
    const almaty = cities.find((r) => r.key[0] === 'Almaty');
    expect(await panel.locator('tr[data-row="Almaty"] [data-cell="detentions"]').textContent()).toBe(String(almaty?.detentions));
    expect(await panel.locator('tr[data-row="Almaty"] [data-cell="people"]').textContent()).toBe(String(almaty?.people));
    await page.locator('[data-breakdown="date"] svg[data-chart="time"]').waitFor();

    const map = await api.get<{ cities: unknown[] }>(`stats/map?${DAY}`);
    expect(map.cities.length).toBeGreaterThanOrEqual(5);
    const drawn = page.locator('[data-section="map"] svg [data-map-point="city"]');
    await expect.poll(() => drawn.count()).toBe(map.cities.length);
    expect(await page.locator('[data-section="map"] [data-map-point="city"][data-name="Almaty"]').count()).toBe(1);
    await shoot(page, 'statistics', 'load');
  }, 60_000);

  it('reads in Russian: the claim as «не менее 54»', async () => {
    await page.getByLabel('Language').selectOption('ru');
    const row = page.locator('[data-section="reconciliation"] tr[data-area=""][data-measure="role:journalist"]');
    await expect.poll(() => row.locator('[data-cell="claimed"]').textContent()).toContain('не менее 54');
    expect(await row.locator('th').textContent()).toBe('Задержано журналистов');
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).waitFor();
  }, 30_000);

  it('previews a report with a confirmed finding and its citation, publishes it and downloads it', async () => {
    // A reviewer confirms one of the engine's suggestions: the report cites it.
    await api.post('findings/recompute', { all: true });
    const almaty = (await api.get<{ items: { id: string }[] }>('events?city=Almaty&from=2016-05-20T18:00:00Z&to=2016-05-21T18:00:00Z')).items[0];
    const { items } = await api.get<{ items: { id: string; version: number }[] }>(`findings?ruleId=press-or-monitor-detained&eventId=${almaty?.id}&limit=1`);
    expect(items).toHaveLength(1);
    await api.post(`findings/${items[0]?.id}/review`, { decision: 'confirm' });

    await page.getByRole('link', { name: 'Make a report of this scope' }).click();
    await page.waitForURL(/\/reports\?from=2016-05-21&to=2016-05-21$/);
    expect(await page.getByLabel('From (local date)').inputValue()).toBe('2016-05-21');
    await page.getByLabel('Title').fill(TITLE);
    await page.getByRole('button', { name: 'Preview' }).click();
    const frame = page.frameLocator('iframe.report-preview');
    await frame.locator('h1', { hasText: TITLE }).waitFor();
    expect(await frame.locator('body').textContent()).toContain('at least 54');
    expect(await frame.locator('body').textContent()).toContain('Findings: breaches of standards confirmed by reviewers');
    expect(await frame.locator('body').textContent()).toMatch(/GC37 para\. 30 \[R\]/);
    expect(await page.locator('iframe.report-preview').getAttribute('sandbox')).toBe('');

    await shoot(page, 'reports', 'load');
    const previewDocx = page.waitForEvent('download');
    await page.locator('[data-section="preview"] a[data-format="docx"]').click();
    const docx = path.join(downloads, 'preview.docx');
    await (await previewDocx).saveAs(docx);
    expect(fs.readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(`Published “${TITLE}”.`).waitFor();
    const item = page.locator('[data-section="published"] .report-item', { hasText: TITLE });
    await item.waitFor();
    const pdfDownload = page.waitForEvent('download');
    await item.locator('a[data-format="pdf"]').click();
    const pdf = path.join(downloads, 'report.pdf');
    await (await pdfDownload).saveAs(pdf);
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    if (text !== null) {
      expect(text).toContain('at least 54');
      expect(text).toContain('confirmed by reviewers');
    }
  }, 90_000);

  it('refuses a period that ends before it starts, under the field, and publishes nothing', async () => {
    const before = (await api.get<{ items: unknown[] }>('reports')).items.length;
    await page.getByLabel('From (local date)').fill('2016-05-22');
    await page.getByRole('button', { name: 'Publish' }).click();
    const error = page.locator('#report-to-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('must not be before');
    expect(await page.getByLabel('To (local date)').getAttribute('aria-invalid')).toBe('true');
    expect((await api.get<{ items: unknown[] }>('reports')).items.length).toBe(before);
  }, 30_000);

  it('withdraws a published report in two steps', async () => {
    const item = page.locator('[data-section="published"] .report-item', { hasText: TITLE });
    await item.getByRole('button', { name: 'Withdraw' }).click();
    await item.getByRole('button', { name: 'Yes, withdraw' }).click();
    await page.getByText(`Withdrawn “${TITLE}”.`).waitFor();
    await expect.poll(() => page.locator('[data-section="published"] .report-item', { hasText: TITLE }).count()).toBe(0);
    expect((await api.get<{ items: { title: string }[] }>('reports')).items.map((r) => r.title)).not.toContain(TITLE);
  }, 30_000);
});
