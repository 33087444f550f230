// The evidence vault's pages end to end: a real server (fresh SQLite, demo data) and Debian's chromium.
// Upload with a progress bar, the list, an item's blurred viewing copy and the click-through, the
// verification workflow, a chronolocation from the sun and shadow calculator, an event's chronology
// with an incident, and what a read-only role sees.
import { createHash } from 'node:crypto';
import { type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsAvailable, go, shoot, signIn, startSession, stopSession, type Account, type PageApi } from './browser-helpers.js';
import { type RunningBrowser, type RunningServer } from './harness.js';

const available = browserTestsAvailable('the browser tests');

const ADMIN = { username: 'ev-admin', password: 'a long test passphrase', displayName: 'Evidence Admin' };
const LAWYER = { username: 'ev-lawyer', password: 'another long passphrase', role: 'lawyer' };
const TITLE = 'Republic Square, west side, 17:20';
/** Republic Square, Almaty (Independence Monument). */
const SQUARE = { lat: '43.2383', lon: '76.9454' };

interface Item {
  id: string;
  sha256: string;
  status: string;
  sensitivity: string[];
  eventIds: string[];
}
interface ChronologyEntry {
  kind: string;
  id: string;
  precision: string;
  verified: boolean;
}

/** A photo of noise (so PNG cannot shrink it): big enough for the upload's progress to be seen on a throttled link. */
async function noisePng(width: number, height: number, seed: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let x = seed;
  for (let i = 0; i < pixels.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = x >> 16;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

describe.skipIf(!available)('evidence vault in chromium', () => {
  let server: RunningServer;
  let browser: RunningBrowser;
  let page: Page;
  let api: PageApi;
  let itemId = '';
  let eventId = '';

  /** The item as the list gives it (the list is not a view, so the custody log is left alone). */
  const listed = async (id: string): Promise<Item> => {
    const items = (await api.get<{ items: Item[] }>('evidence?limit=200')).items;
    const item = items.find((i) => i.id === id);
    expect(item, `item ${id} in the list`).toBeDefined();
    return item!;
  };

  /** Signs in afresh, from the app's first screen. */
  const signInAs = async (user: Account) => {
    await page.goto(server.base);
    await signIn(page, api, user);
  };

  beforeAll(async () => {
    ({ server, browser, page, api } = await startSession(15_000));
  }, 120_000);

  afterAll(() => stopSession({ browser, server }), 30_000);

  it('signs in and finds the vault in the menu', async () => {
    await signInAs(ADMIN);
    // An Almaty event of the demo data, so its chronology reads in the same zone as the sun calculator.
    eventId = (await api.get<{ items: { id: string; timezone: string }[] }>('events?limit=100')).items.find((e) => e.timezone === 'Asia/Almaty')!.id;
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Evidence' }).click();
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Evidence');
    await page.getByText('No evidence matches these filters.').waitFor();
  }, 60_000);

  it('uploads a photo with its provenance, showing the progress, and lists it blurred under its label', async () => {
    const photo = await noisePng(1000, 800, 7);
    expect(photo.length).toBeGreaterThan(2_000_000);
    await page.locator('summary', { hasText: 'Add a file to the vault' }).click();
    await page.locator('#upload-file').setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: photo });
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Original address (URL)').fill('https://t.me/example_channel/4521');
    await page.getByLabel('Platform').fill('Telegram');
    await page.getByLabel('Posting account').fill('@example_channel');
    await page.getByLabel('Posted at').fill('2022-01-05T18:02');
    await page.getByLabel('Saved by').fill('Researcher A');
    await page.getByLabel('Tool used to save it').fill('Telegram Desktop export');
    await page.getByLabel('Graphic violence').check();

    // A slow uplink (about 1 MB/s), so the bar has time to move between 0 and 100 %.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1_000_000 });
    try {
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.waitForFunction(() => {
        // Typed by hand: this file is checked without the DOM library (and the page's CSP forbids a string to eval).
        const { document } = globalThis as unknown as { document: { querySelector: (s: string) => { value: number } | null } };
        const bar = document.querySelector('#upload-progress');
        return bar !== null && bar.value > 0 && bar.value < 100;
      }, undefined, { timeout: 15_000, polling: 50 });
      expect(await page.locator('.ev-progress label').textContent()).toMatch(/^Sending: \d+ %$/);
      await page.locator('[data-upload-result]').waitFor({ timeout: 30_000 });
    } finally {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.detach();
    }
    expect(await page.locator('[data-upload-result]').textContent()).toContain('Stored. SHA-256');
    itemId = (await page.locator('[data-upload-result]').getAttribute('data-upload-result')) ?? '';
    const stored = await listed(itemId);
    expect(stored.sensitivity).toEqual(['graphic_violence']);
    expect(stored.sha256).toBe(createHash('sha256').update(photo).digest('hex'));

    const row = page.locator(`[data-evidence-id="${itemId}"]`);
    await row.waitFor();
    expect(await row.locator('.record-title').textContent()).toBe(TITLE);
    expect(await row.locator('figure').getAttribute('data-blurred')).toBe('true');
    expect(await row.textContent()).toContain('Unreviewed');
    await shoot(page, 'evidence-list');
  }, 90_000);

  it('refuses a bad address in the browser, with nothing sent', async () => {
    const before = (await api.get<{ items: Item[] }>('evidence?limit=200')).items.length;
    await page.locator('#upload-file').setInputFiles({ name: 'x.png', mimeType: 'image/png', buffer: await noisePng(20, 20, 3) });
    await page.getByLabel('Original address (URL)').fill('not a url');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(await page.locator('#upload-url-error').textContent()).toContain('Enter a full address');
    expect((await api.get<{ items: Item[] }>('evidence?limit=200')).items.length).toBe(before);
  }, 30_000);

  it('opens the item: provenance, metadata, chain of custody, and the picture blurred until the viewer clicks through', async () => {
    await page.locator(`[data-evidence-id="${itemId}"] .record-title`).click();
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe(TITLE);
    const media = page.locator('.ev-file figure');
    expect(await media.getAttribute('data-blurred')).toBe('true');
    expect(await media.locator('.ev-veil').textContent()).toContain('Graphic violence');
    expect(await media.locator('img').getAttribute('class')).toBe('ev-blurred');
    await media.getByRole('button', { name: 'Show the picture' }).click();
    expect(await media.getAttribute('data-blurred')).toBe('false');
    expect(await media.locator('img').getAttribute('class')).toBeNull();
    // The viewing copy really is there (a thumbnail made by the server, not the original).
    const naturalWidth = async () => Number(await page.evaluate("(() => { const img = document.querySelector('.ev-file figure img'); return img && img.complete ? img.naturalWidth : 0; })()"));
    await expect.poll(naturalWidth).toBeGreaterThan(0);
    expect(await naturalWidth()).toBeLessThanOrEqual(320);

    const provenance = page.locator('[data-provenance]');
    expect(await provenance.count()).toBe(1);
    const text = await provenance.first().textContent();
    for (const part of ['https://t.me/example_channel/4521', 'Telegram', '@example_channel', 'Researcher A', 'Telegram Desktop export', 'square.png']) expect(text).toContain(part);

    expect(await page.locator('[data-tool="sharp"]').getAttribute('data-tool-status')).toBe('ok');
    expect(await page.locator('[data-custody-action="ingest"]').count()).toBe(1);
    expect(await page.locator('[data-custody-action="view"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-custody-action="ingest"]').textContent()).toContain(ADMIN.username);
    expect(await page.locator('[data-sha256]').textContent()).toBe((await listed(itemId)).sha256);
    await shoot(page, 'evidence-item');
  }, 60_000);

  it('moves the item along the verification workflow with an assignee and a comment', async () => {
    await page.getByLabel('Next step', { exact: true }).selectOption('in_progress');
    await page.getByLabel('Assigned to').fill('Aigerim');
    await page.getByLabel('Comment (why)').fill('Checking the landmarks against the square');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.locator('[data-status="in_progress"]').waitFor();
    expect(await page.locator('#verification-title + p').textContent()).toContain('with Aigerim');
    await page.locator('.ev-comments', { hasText: '[unreviewed → in_progress] Checking the landmarks against the square' }).waitFor();
    expect((await listed(itemId)).status).toBe('in_progress');
    // Skipping review is not offered: from "in progress" there is no "verified".
    const options = await Promise.all((await page.locator('#status-next option').all()).map((o) => o.getAttribute('value')));
    expect(options).not.toContain('verified');
    expect(options).toContain('ready_for_review');
  }, 30_000);

  it('gives sunset at Republic Square, Almaty on 5 January 2022 at about 17:31, and turns a shadow into a chronolocation', async () => {
    await page.locator('#sun-lat').fill(SQUARE.lat);
    await page.locator('#sun-lon').fill(SQUARE.lon);
    await page.locator('#sun-date').fill('2022-01-05');
    await page.locator('#sun-zone').fill('Asia/Almaty');
    await page.getByRole('button', { name: 'Sunrise and sunset' }).click();
    const sunset = page.locator('[data-sun="sunset"]');
    await sunset.waitFor();
    expect(await sunset.textContent()).toMatch(/^17:3[01] \(UTC\+06:00\)$/);
    expect(await page.locator('[data-sun="sunrise"]').textContent()).toMatch(/^08:\d\d /);
    expect(await page.locator('[data-sun="civilDusk"]').textContent()).toMatch(/^1[78]:\d\d /);

    await page.getByLabel('Local time').fill('15:30');
    await page.getByRole('button', { name: 'Sun position' }).click();
    const position = await page.locator('[data-sun="position"]').textContent();
    const [azimuth, altitude] = [...(position ?? '').matchAll(/(\d+(?:\.\d+)?)°/g)].map((m) => Number(m[1]));
    expect(azimuth).toBeGreaterThan(210);
    expect(azimuth).toBeLessThan(245);
    expect(altitude).toBeGreaterThan(3);
    expect(altitude).toBeLessThan(20);

    // A 1 m post casting a 5 m shadow: the sun 11.3° up, which it is twice that day, morning and afternoon.
    await page.getByLabel('Object height').fill('1');
    await page.getByLabel('Shadow length').fill('5');
    await page.getByRole('button', { name: 'Consistent times' }).click();
    const windows = page.locator('[data-sun="shadow"] li');
    await windows.first().waitFor();
    expect(await windows.count()).toBe(2);
    const afternoon = windows.nth(1);
    const label = (await afternoon.getAttribute('data-window')) ?? '';
    expect(label).toMatch(/^1[56]:\d\d-1[56]:\d\d$/);
    const shadow = await api.get<{ windows: { from: { utc: string }; to: { utc: string } }[] }>(`sun/shadow?lat=${SQUARE.lat}&lon=${SQUARE.lon}&date=2022-01-05&timeZone=Asia/Almaty&objectHeight=1&shadowLength=5`);

    await afternoon.getByRole('button', { name: 'Use as a chronolocation' }).click();
    expect(await page.getByLabel('Method').last().inputValue()).toBe('shadow');
    await page.getByRole('button', { name: 'Add chronolocation' }).click();
    const claim = page.locator('#chrono-title ~ .ev-claims [data-claim]');
    await claim.waitFor();
    expect(await claim.getAttribute('data-claim-status')).toBe('proposed');
    expect(await claim.textContent()).toContain(`proposed by ${ADMIN.username}`);
    expect(await claim.textContent()).toContain('Shadows');

    const chrono = (await api.get<{ chronolocations: { from: string; to: string; method: string; createdBy: string }[] }>(`evidence/${itemId}`)).chronolocations;
    expect(chrono).toEqual([expect.objectContaining({ from: shadow.windows[1]!.from.utc, to: shadow.windows[1]!.to.utc, method: 'shadow', createdBy: ADMIN.username })]);
    await shoot(page, 'evidence-item-claims');
  }, 60_000);

  it('links the item to an event and shows it in the event’s chronology with its precision band, beside an incident with its counts', async () => {
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.getByRole('button', { name: 'Edit labels and links' }).click();
    await page.getByLabel('Link to another event').selectOption(eventId);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#links-title ~ ul a', { hasText: 'Chronology' }).waitFor();
    expect((await listed(itemId)).eventIds).toEqual([eventId]);

    const source = await api.post<{ id: string }>('sources', { kind: 'media_report', title: 'Witness statements, ward 3', confidentiality: 'restricted' });
    await api.post('evidence/incidents', { eventId, title: 'The west side of the square', itemIds: [itemId], killed: 2, injured: 11, sourceIds: [source.id], countNote: 'counted in the footage, at least' });

    await go(page, server.base, `/events/${eventId}`);
    await page.getByRole('link', { name: 'Chronology of the evidence' }).click();
    await expect.poll(() => page.locator('main h1').first().textContent()).toMatch(/^Chronology: /);
    const incident = page.locator('[data-incident]');
    await incident.waitFor();
    expect(await incident.locator('h3').textContent()).toBe('The west side of the square');
    expect(await incident.locator('[data-count="killed"]').textContent()).toBe('at least 2');
    expect(await incident.locator('[data-count="injured"]').textContent()).toBe('at least 11');
    await incident.getByRole('link', { name: /Witness statements|Media report/ }).waitFor();

    const api$ = await api.get<{ entries: ChronologyEntry[] }>(`events/${eventId}/chronology`);
    const shown = await Promise.all(
      (await page.locator('[data-entry]').all()).map(async (e) => ({ id: await e.getAttribute('data-entry'), precision: await e.getAttribute('data-precision'), verified: await e.getAttribute('data-verified') })),
    );
    expect(shown).toEqual(api$.entries.map((e) => ({ id: e.id, precision: e.precision, verified: String(e.verified) })));
    const mine = page.locator(`[data-entry="${itemId}"]`);
    expect(await mine.locator('a').textContent()).toBe(TITLE);
    expect(await mine.textContent()).toContain('Chronolocation by Shadows (Proposed, Medium confidence)');
    expect(await mine.locator('.ev-band').count()).toBe(1);
    await shoot(page, 'evidence-chronology');
  }, 60_000);

  it('shows a read-only role the vault without the upload form or the workflow controls', async () => {
    await api.post('users', { ...LAWYER });
    await browser.context.clearCookies();
    await signInAs(LAWYER);
    await go(page, server.base, '/evidence');
    await page.locator(`[data-evidence-id="${itemId}"]`).waitFor();
    expect(await page.locator('summary', { hasText: 'Add a file to the vault' }).count()).toBe(0);
    expect(await page.locator('#upload-file').count()).toBe(0);
    await go(page, server.base, `/evidence/${itemId}`);
    await page.locator('#verification-title').waitFor();
    expect(await page.getByLabel('Next step', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add chronolocation' }).count()).toBe(0);
    // The calculator is for everyone who reads the vault.
    expect(await page.getByRole('button', { name: 'Sunrise and sunset' }).count()).toBe(1);
  }, 60_000);
});
