// Standards findings end to end: a real server (fresh SQLite, demo data) and Debian's chromium.
// The review queue lists the demo's suggested findings as the API does; a reviewer confirms one by
// keyboard with a note; the custody case and event pages show it as confirmed; a monitor reads
// findings but is offered no decision.
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsAvailable, go, shoot, signIn, startSession, stopSession, type PageApi } from './browser-helpers.js';
import { type RunningBrowser, type RunningServer } from './harness.js';

const available = browserTestsAvailable('the findings browser tests');

const ADMIN = { username: 'e2e-reviewer', password: 'a long test passphrase', displayName: 'E2E Reviewer' };
const MONITOR = { username: 'e2e-monitor', password: 'another long passphrase', role: 'monitor' };
const NOTE = 'Confirmed against the coalition report, p. 4';

interface Finding {
  id: string;
  version: number;
  status: string;
  severity: string;
  standardIds: string[];
  subject: { entity: string; id: string };
  eventId: string | null;
  thresholds: { origin: string }[];
  reviewNote: string | null;
  reviewer: string | null;
}
interface FindingPage {
  items: Finding[];
  nextCursor: string | null;
}
interface Counts {
  byStatus: Record<string, number>;
  queue: number;
}

describe.skipIf(!available)('findings review in chromium', () => {
  let server: RunningServer;
  let browser: RunningBrowser;
  let page: Page;
  let api: PageApi;
  /** The finding confirmed in the queue, and where it shows up afterwards. */
  let confirmed: Finding | undefined;

  // Strings evaluated in the page: the Node-side tsconfig has no DOM types.
  const cardAttr = async (name: string): Promise<string[]> => page.evaluate<string[]>(`[...document.querySelectorAll('.finding')].map((e) => e.getAttribute('${name}'))`);
  const cardIds = () => cardAttr('data-finding-id');
  const activeFinding = () => page.evaluate('document.activeElement && document.activeElement.getAttribute("data-finding-id")');

  beforeAll(async () => {
    ({ server, browser, page, api } = await startSession(20_000));
    await page.goto(server.base);
    await page.locator('main h1').first().waitFor();
    // A fresh server has no accounts: first-run setup creates the admin (a reviewer of findings).
    await signIn(page, api, ADMIN);
  }, 120_000);

  afterAll(() => stopSession({ browser, server }), 30_000);

  it('lists the demo’s suggested findings in the queue as the API does, with citations, firmness, origins and fact links', async () => {
    await page.getByRole('link', { name: 'Findings' }).click();
    await page.locator('.finding').first().waitFor();
    expect(await page.locator('main h1').textContent()).toBe('Findings to review');

    const fromApi = await api.get<FindingPage>('findings?status=queue&limit=20');
    expect(fromApi.items.length).toBe(20);
    expect(await cardIds()).toEqual(fromApi.items.map((f) => f.id));
    const statuses = await cardAttr('data-finding-status');
    expect(new Set(statuses)).toEqual(new Set(['suggested']));

    const counts = await api.get<Counts>('findings/counts');
    expect(counts.byStatus.suggested).toBeGreaterThan(100);
    expect(Number(await page.locator('[data-count-status="suggested"]').getAttribute('data-count'))).toBe(counts.byStatus.suggested);

    const first = page.locator('.finding').first();
    const standardId = fromApi.items[0]?.standardIds[0] ?? '';
    expect(await first.locator(`[data-standard="${standardId}"]`).count()).toBe(1);
    expect(await first.locator('[data-verification]').first().textContent()).toMatch(/^\[(V|P|R)\] /);
    expect(await first.locator('a[data-fact-link]').count()).toBeGreaterThan(0);
    // A monitors' convention is never shown as law: every CONV threshold says what it is.
    const conventions = page.locator('[data-origin="CONV"]');
    expect(await conventions.count()).toBe(fromApi.items.flatMap((f) => f.thresholds).filter((t) => t.origin === 'CONV').length);
    expect(await conventions.count()).toBeGreaterThan(0);
    for (const text of await conventions.allTextContents()) expect(text).toContain("monitors' convention: a setting, not law");

    await shoot(page, 'findings');
  }, 90_000);

  it('filters by standard and severity through the URL, as the API filters', async () => {
    await go(page, server.base, '/findings');
    await page.locator('.finding').first().waitFor();
    const [firstId] = await cardIds();
    const standardId = (await api.get<Finding & { standardIds: string[] }>(`findings/${firstId}`)).standardIds.at(-1) ?? '';
    await page.locator('#findings-standard').selectOption(standardId);
    await page.waitForURL((url) => url.searchParams.get('standardId') === standardId);
    const expected = await api.get<FindingPage>(`findings?status=queue&standardId=${standardId}&limit=20`);
    await expect.poll(cardIds).toEqual(expected.items.map((f) => f.id));
    expect(expected.items.every((f) => f.standardIds.includes(standardId))).toBe(true);

    await page.locator('#findings-severity').selectOption('info');
    await page.waitForURL((url) => url.searchParams.get('severity') === 'info');
    const none = await api.get<FindingPage>(`findings?status=queue&standardId=${standardId}&severity=info`);
    if (none.items.length === 0) await page.getByText('No findings match these filters.').waitFor();
    else await expect.poll(cardIds).toEqual(none.items.map((f) => f.id));

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(`${server.base}/findings`);
    await expect.poll(async () => (await cardIds())[0]).toBe(firstId);
  }, 60_000);

  it('refuses a rejection without a note, then confirms by keyboard with a note and moves on to the next finding', async () => {
    await go(page, server.base, '/findings');
    await page.locator('.finding').first().waitFor();
    const [firstId, secondId] = await cardIds();
    const before = await api.get<Finding>(`findings/${firstId}`);
    expect(before.status).toBe('suggested');

    await page.keyboard.press('j');
    await expect.poll(activeFinding).toBe(firstId);
    await page.keyboard.press('r');
    const note = page.locator(`#review-note-${firstId}`);
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe(`review-note-${firstId}`);
    await page.keyboard.press('Control+Enter');
    await page.locator(`[data-field-error="review-note-${firstId}"]`).waitFor();
    expect(await page.locator(`[data-field-error="review-note-${firstId}"]`).textContent()).toBe('Say why the suggestion does not hold');
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(await api.get<Finding>(`findings/${firstId}`)).toMatchObject({ status: 'suggested', version: before.version });

    await page.keyboard.press('Escape');
    await expect.poll(activeFinding).toBe(firstId);
    await page.keyboard.press('c');
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe(`review-note-${firstId}`);
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-review-saved]').waitFor();
    expect(await page.locator('[data-review-saved]').textContent()).toMatch(/^Confirmed: /);
    await expect.poll(activeFinding).toBe(secondId);

    confirmed = await api.get<Finding>(`findings/${firstId}`);
    expect(confirmed).toMatchObject({ status: 'confirmed', reviewNote: NOTE, reviewer: ADMIN.username });
    // It has left the queue.
    await expect.poll(async () => (await cardIds()).includes(firstId ?? '')).toBe(false);
    expect((await api.get<Counts>('findings/counts')).byStatus.confirmed).toBe(1);
  }, 60_000);

  it('shows the confirmed finding, its decision and note on the custody case and on the event page', async () => {
    const f = confirmed;
    if (!f) throw new Error('the previous test confirmed nothing');
    expect(f.subject.entity).toBe('detention');
    expect(f.eventId).not.toBeNull();

    await go(page, server.base, `/detentions/${f.subject.id}`);
    const onCase = page.locator(`[data-findings-panel] .finding[data-finding-id="${f.id}"]`);
    await onCase.waitFor();
    expect(await onCase.getAttribute('data-finding-status')).toBe('confirmed');
    expect(await onCase.locator('[data-status]').first().textContent()).toBe('Confirmed');
    expect(await onCase.locator('[data-review-note]').textContent()).toBe(NOTE);
    // A reviewer may still revise the decision (confirmed → rejected, with a note).
    expect(await onCase.locator('button[data-review]').count()).toBe(2);
    await shoot(page, 'findings-detention');

    await go(page, server.base, `/events/${f.eventId ?? ''}`);
    const panel = page.locator('[data-findings-panel]');
    await panel.locator('[data-count-status="confirmed"] button').click();
    const onEvent = panel.locator(`.finding[data-finding-id="${f.id}"]`);
    await expect.poll(() => panel.locator('.finding').count()).toBe(1);
    await onEvent.waitFor();
    expect(await panel.locator('[data-count-status="confirmed"] button').getAttribute('aria-pressed')).toBe('true');
    await onEvent.scrollIntoViewIfNeeded();
    await shoot(page, 'findings-event');
    expect(await onEvent.getAttribute('data-finding-status')).toBe('confirmed');
    expect(await onEvent.locator('[data-review-note]').textContent()).toBe(NOTE);
    // The facts link to their records: the custody case it is about.
    await onEvent.locator(`a[data-fact-link="detention:${f.subject.id}"]`).first().click();
    await page.waitForURL(`${server.base}/detentions/${f.subject.id}`);
  }, 60_000);

  it('lets a monitor read findings but offers no decision', async () => {
    await api.post('users', { username: MONITOR.username, role: MONITOR.role, password: MONITOR.password });
    // A fresh session: drop the reviewer's cookie and start over (the header's "Sign out" is not under test here).
    await browser.context.clearCookies();
    await page.goto(server.base);
    await page.getByLabel('Username').waitFor();
    await signIn(page, api, MONITOR);

    await go(page, server.base, '/findings');
    await page.locator('.finding').first().waitFor();
    expect(await page.locator('button[data-review]').count()).toBe(0);
    await page.getByText('You can read findings; confirming or rejecting them is for analysts, coordinators and admins.').waitFor();
    // The server agrees: a monitor's decision is refused.
    const [id] = await cardIds();
    const res = await page.request.post(`${server.base}/api/v1/findings/${id}/review`, { data: { decision: 'confirm' }, headers: { 'x-csrf-token': api.csrf } });
    expect(res.status()).toBe(403);
  }, 60_000);
});
