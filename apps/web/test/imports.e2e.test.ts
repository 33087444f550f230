// Bulk intake and merge review end to end: a real server (fresh SQLite, demo data) and Debian's
// chromium. A partner's CSV in Windows-1251 with one bad row goes through the wizard (upload with
// progress, mapping, preview, dry run, import, the row-level report as CSV); the two spellings of
// one person it holds come up as a candidate pair, which is accepted and then unmerged.
import fs from 'node:fs';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsAvailable, shoot, signIn, startSession, stopSession, type PageApi } from './browser-helpers.js';
import { type RunningBrowser, type RunningServer } from './harness.js';

const available = browserTestsAvailable('the import browser tests');

const ADMIN = { username: 'e2e-importer', password: 'a long test passphrase', displayName: 'E2E Importer' };

/** Text in Windows-1251 (as older Excel saves CSV), through the decoder's own table. */
function cp1251(text: string): Buffer {
  const table = new Map<string, number>();
  const decoder = new TextDecoder('windows-1251');
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : (table.get(ch) ?? 0x3f))));
}

// A partner's list of detained people: `;`-separated, Windows-1251; row 4 has a date that does not exist.
const LIST = [
  'ФИО;Дата;Город;Г.р.;Роль',
  'Жанна Байтелова;21.05.2016 12:30;Алматы;1987;журналист',
  'Zhanna Baytelova;21.05.2016;Алматы;1987;journalist',
  'Ерлан Бекбаев;31.02.2016;Астана;1990;журналист',
  '',
].join('\r\n');

interface Json {
  [key: string]: unknown;
}

describe.skipIf(!available)('bulk intake and merge review in chromium', () => {
  let server: RunningServer;
  let browser: RunningBrowser;
  let page: Page;
  let api: PageApi;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page, api } = await startSession(15_000));
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(() => stopSession({ browser, server }), 30_000);

  it('signs in (creating the first account on a fresh server)', async () => {
    await page.goto(server.base);
    await page.locator('main h1').first().waitFor();
    const session = await fetch(`${server.base}/api/v1/auth/session`);
    if (session.status === 404) return;
    await signIn(page, api, ADMIN);
  }, 60_000);

  it('uploads a Windows-1251 list, maps it, previews, dry-runs and imports it, and serves the bad row as CSV', async () => {
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Import a list');

    // Upload, with the progress bar on the upload itself; the encoding is named plainly.
    await page.setInputFiles('#import-file', { name: 'partner-list.csv', mimeType: 'text/csv', buffer: cp1251(LIST) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByTestId('upload-summary').waitFor();
    const upload = page.locator('#upload-progress');
    expect(Number(await upload.getAttribute('value'))).toBe(Number(await upload.getAttribute('max')));
    expect(await page.getByTestId('upload-encoding').textContent()).toBe('windows-1251 (detected)');
    expect(await page.getByRole('status').filter({ hasText: 'This file is not UTF-8: it is in windows-1251' }).count()).toBe(1);
    // Decoded: the Cyrillic names read as written.
    expect(await page.getByTestId('upload-summary').locator('td', { hasText: 'Жанна Байтелова' }).count()).toBe(1);

    // Mapping: a detention list; the obvious columns are suggested, the rest is chosen by hand.
    await page.getByLabel('Detentions', { exact: true }).check();
    expect(await page.locator('#names-0').inputValue()).toBe('column:ФИО');
    expect(await page.locator('#field-detention-apprehendedAt').inputValue()).toBe('column:Дата');
    expect(await page.locator('#field-detention-city').inputValue()).toBe('column:Город');
    expect(await page.locator('#roles-0').inputValue()).toBe('column:Роль');
    expect(await page.locator('#field-person-birthYear').inputValue()).toBe('none');
    await page.locator('#field-person-birthYear').selectOption('column:Г.р.');
    // The partner's wordings onto the role vocabulary.
    const roleMap = page.locator('[data-field="roles-0"] .value-map');
    await roleMap.getByLabel('«журналист»').selectOption('journalist');
    await roleMap.getByLabel('«journalist»').selectOption('journalist');
    await page.getByLabel('Language of the list').fill('ru');
    expect(await page.locator('#opt-dataset').inputValue()).toBe('partner-list');

    // Saved for reuse.
    await page.getByLabel('Save this mapping as').fill('E2E partner');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByText('Saved as “E2E partner”').waitFor();
    const saved = await api.get<{ items: { name: string; target: string }[] }>('import-mappings');
    expect(saved.items).toContainEqual(expect.objectContaining({ name: 'E2E partner', target: 'detention' }));

    // Preview: the rows as they will be stored, the bad one with its problem.
    const before = await api.get<{ items: unknown[] }>('persons?limit=500');
    await page.getByRole('button', { name: 'Preview the first 20 rows' }).click();
    const preview = page.getByTestId('preview');
    await preview.waitFor();
    const rows = await preview.locator('tbody tr').all();
    expect(await Promise.all(rows.map(async (r) => [await r.getAttribute('data-row'), await r.getAttribute('data-status')]))).toEqual([
      ['2', 'new'], ['3', 'new'], ['4', 'invalid'],
    ]);
    const first = preview.locator('tr[data-row="2"]');
    expect(await first.textContent()).toContain('2016-05-21T06:30:00.000Z');
    expect(await first.textContent()).toContain('journalist');
    expect(await preview.locator('tr[data-row="4"]').textContent()).toMatch(/Дата: .*"31\.02\.2016" is not a date/);
    expect((await api.get<{ items: unknown[] }>('persons?limit=500')).items).toHaveLength(before.items.length);
    await shoot(page, 'import-wizard', 'load');

    // Dry run: every row checked, nothing written.
    await page.getByRole('button', { name: 'Dry run' }).click();
    const dry = page.getByTestId('run').first();
    await expect.poll(() => dry.getAttribute('data-run-status'), { timeout: 30_000 }).toBe('done');
    expect(await dry.getByTestId('run-imported').textContent()).toBe('2');
    expect(await dry.getByTestId('run-failed').textContent()).toBe('1');
    await page.getByText('The dry run is finished: nothing was written.').waitFor();
    expect((await api.get<{ items: unknown[] }>('persons?limit=500')).items).toHaveLength(before.items.length);

    // Import, with the progress bar following the run to the end.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import', exact: true }).waitFor();
    const run = page.getByTestId('run').first();
    await expect.poll(() => run.getAttribute('data-run-status'), { timeout: 30_000 }).toBe('done');
    const bar = run.locator('progress');
    expect(await bar.getAttribute('value')).toBe('3');
    expect(await bar.getAttribute('max')).toBe('3');
    expect(await run.textContent()).toContain('3 of 3 rows (100 %)');
    expect(await run.getByTestId('run-imported').textContent()).toBe('2');
    expect(await run.getByTestId('run-failed').textContent()).toBe('1');
    expect((await api.get<{ items: unknown[] }>('persons?limit=500')).items).toHaveLength(before.items.length + 2);

    // The problem row, and the whole report as CSV.
    const problems = run.getByTestId('run-problems');
    expect(await problems.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['4', 'Дата', expect.stringMatching(/^"31\.02\.2016" is not a date/) as string]);
    const [download] = await Promise.all([page.waitForEvent('download'), run.getByRole('link', { name: 'Download the problem as CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^import-[0-9a-f-]+-problems\.csv$/);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toBe('row,column,problem');
    expect(csv.split('\r\n')[1]).toMatch(/^4,Дата,"""31\.02\.2016"" is not a date/);

    // Both runs are listed.
    const runs = page.getByTestId('runs');
    await expect.poll(() => runs.locator('tbody tr').count()).toBe(2);
    // The list refreshes itself while a run in it is going.
    await expect.poll(() => runs.locator('tbody tr').first().textContent(), { timeout: 10_000 }).toMatch(/Done.*2 imported · 3 of 3 read/);
    expect(await runs.locator('tbody tr').nth(1).textContent()).toMatch(/Done · dry run.*2 would be imported · 3 of 3 read/);
    // The two spellings are proposed as one person (and each with the demo's Zhanna Baytelova, recorded before).
    const runId = String(await run.getAttribute('data-run'));
    const found = (await api.get<{ candidates: number }>(`imports/${runId}`)).candidates;
    expect(found).toBe(3);
    await run.getByRole('link', { name: '3 pairs to review' }).waitFor();
  }, 120_000);

  it('shows the two spellings as a candidate pair, accepts it into one person, then unmerges it', async () => {
    await page.getByRole('link', { name: '3 pairs to review' }).click();
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Merge review');
    // Best score first: the two rows of the list.
    const pair = page.locator('article.pair').first();
    await pair.waitFor();
    // Names stay hidden until revealed; then both spellings, side by side, with the reasons.
    expect(await pair.textContent()).not.toContain('Baytelova');
    await page.getByRole('button', { name: 'Reveal real names' }).click();
    await expect.poll(() => pair.locator('.pair-person').allTextContents()).toEqual([
      expect.stringContaining('Жанна Байтелова') as string, expect.stringContaining('Zhanna Baytelova') as string,
    ]);
    expect(await pair.locator('.pair-title').textContent()).toMatch(/^9\d % alike$/);
    expect(await pair.locator('.pair-reasons li').count()).toBeGreaterThan(0);
    expect(await pair.locator('.pair-person').first().textContent()).toContain('1987');
    expect(await pair.locator('.pair-person').first().textContent()).toContain('Алматы');
    expect(await pair.locator('.pair-person').first().textContent()).toContain('Journalist');
    await shoot(page, 'merge-review', 'load');

    const pairId = String(await pair.getAttribute('data-pair'));
    const ids = await Promise.all((await pair.locator('.pair-person').all()).map((e) => e.getAttribute('data-person')));
    expect(ids).toHaveLength(2);
    await pair.getByLabel('Note (kept with the decision)').fill('same journalist');
    await pair.getByRole('button', { name: 'Accept: same person' }).click();
    await page.getByText('Merged. The pair is now under “Merged”').waitFor();
    const accepted = await api.get<Json>(`merges/${pairId}`);
    expect(accepted).toMatchObject({ status: 'accepted', note: 'same journalist' });
    const survivor = await api.get<{ names: { value: string }[] }>(`persons/${String(accepted.survivorId)}`);
    expect(survivor.names.map((n) => n.value).sort()).toEqual(['Zhanna Baytelova', 'Жанна Байтелова']);
    expect((await api.get<{ deletedAt: string | null }>(`persons/${String(accepted.mergedId)}`)).deletedAt).not.toBeNull();

    await page.getByRole('button', { name: 'Merged', exact: true }).click();
    const merged = page.locator(`article.pair[data-pair="${pairId}"]`);
    await merged.waitFor();
    await merged.getByRole('button', { name: 'Unmerge' }).click();
    await page.getByText('Unmerged: both persons are back as they were.').waitFor();
    expect(await api.get<Json>(`merges/${pairId}`)).toMatchObject({ status: 'unmerged' });
    for (const id of ids) {
      const person = await api.get<{ names: { value: string }[]; deletedAt: string | null }>(`persons/${String(id)}`);
      expect(person.deletedAt).toBeNull();
      expect(person.names).toHaveLength(1);
    }
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
