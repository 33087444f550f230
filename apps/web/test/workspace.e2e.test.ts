// The web workspace end to end: a real server (fresh SQLite, demo data) and Debian's chromium.
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsAvailable, go, shoot, signIn, startSession, stopSession, type PageApi } from './browser-helpers.js';
import { type RunningBrowser, type RunningServer } from './harness.js';

const available = browserTestsAvailable('the browser tests');

const ADMIN = { username: 'e2e-admin', password: 'a long test passphrase', displayName: 'E2E Admin' };
const PSEUDONYM = 'Witness E2E-1';

describe.skipIf(!available)('web workspace in chromium', () => {
  let server: RunningServer;
  let browser: RunningBrowser;
  let page: Page;
  /** The API as the signed-in browser user (same cookies), for setting up data and comparing counts. */
  let api: PageApi;

  beforeAll(async () => {
    ({ server, browser, page, api } = await startSession(15_000));
  }, 120_000);

  afterAll(() => stopSession({ browser, server }), 30_000);

  it('serves the app for browser paths and JSON 404s for unknown API paths', async () => {
    const deep = await fetch(`${server.base}/events/some-id`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const unknown = await fetch(`${server.base}/api/v1/no-such-thing`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('signs in (creating the first account on a fresh server)', async () => {
    await page.goto(server.base);
    await page.locator('main h1').first().waitFor();
    const session = await fetch(`${server.base}/api/v1/auth/session`);
    if (session.status === 404) return; // a server without accounts: nothing to sign in to
    await shoot(page, 'sign-in');
    await signIn(page, api, ADMIN);
  }, 60_000);

  it('takes a hotline report by keyboard, shows the person on the board with a ticking clock, and drops them once released', async () => {
    await go(page, server.base, '/report');
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('name');
    await page.keyboard.type('Айгерим Тестова');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PSEUDONYM);
    await page.getByLabel('Where taken').fill('Republic Square, near the monument');
    await page.getByLabel('Caller’s name').fill('Sister');
    await page.getByLabel('Contact (restricted, never published)').fill('+7 700 000 00 00');
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/detentions\/[0-9a-f-]+\?new=1$/);
    await page.getByText('Report saved. The custody clock is running.').waitFor();
    await shoot(page, 'detention');

    await page.getByRole('link', { name: 'Custody board' }).click();
    const card = page.locator('.board-card', { hasText: PSEUDONYM });
    await card.waitFor();
    const clock = card.locator('.elapsed');
    expect(await clock.textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    const before = Number(await clock.getAttribute('data-elapsed-ms'));
    await expect.poll(async () => Number(await clock.getAttribute('data-elapsed-ms')), { timeout: 5000 }).toBeGreaterThan(before);
    expect(await card.textContent()).toContain('Whereabouts unknown');
    await shoot(page, 'board');

    await card.getByRole('link').first().click();
    await page.locator('button[data-step="released"]').click();
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('step-at');
    await page.keyboard.press('Enter');
    await page.getByText('Step “Released” added.').waitFor();
    await page.locator('.timeline-title', { hasText: 'Released' }).waitFor();

    await page.getByRole('link', { name: 'Custody board' }).click();
    // The board has answered (it may be empty: the demo's detentions of 2016 are past its 30-day horizon).
    await page.locator('.board-meta').waitFor();
    await expect.poll(() => page.locator('.board-card', { hasText: PSEUDONYM }).count()).toBe(0);
  }, 90_000);

  it('shows a server error next to the field it is about', async () => {
    await go(page, server.base, '/detentions');
    await page.getByLabel('Custody status').selectOption('held');
    await page.locator('.record-row a.record-title').first().click();
    await page.locator('button[data-step="released"]').click();
    // A valid date-time, so the browser's check passes; the server refuses a release before the arrest.
    await page.getByLabel('When').fill('2001-01-01T10:00');
    await page.getByRole('button', { name: 'Add step' }).click();
    const error = page.locator('#step-at-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('cannot be before the apprehension');
    expect(await page.getByLabel('When').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('When').getAttribute('aria-describedby')).toContain('step-at-error');
  }, 60_000);

  it('validates in the browser with the server’s schema before sending', async () => {
    await go(page, server.base, '/report');
    await page.getByLabel('When taken').fill('');
    await page.getByRole('button', { name: 'Save report' }).click();
    expect(await page.locator('#name-error').textContent()).toContain('Required');
    expect(await page.locator('#apprehendedAt-error').textContent()).toContain('Enter a date and time');
    expect(page.url()).toMatch(/\/report$/);
  }, 30_000);

  it('keeps an event’s three counts apart and equal to the API’s, and maps its places with no tile server', async () => {
    const place = await api.post<{ id: string }>('places', { name: 'Republic Square', kind: 'square', city: 'Almaty', lat: 43.2383, lon: 76.9454 });
    const second = await api.post<{ id: string }>('places', { name: 'Almaly District police station', kind: 'police_station', city: 'Almaty', lat: 43.2567, lon: 76.9286 });
    const event = await api.post<{ id: string }>('events', {
      title: 'E2E picket at Republic Square',
      type: 'peaceful_protest',
      startAt: '2022-01-05T10:00:00+06:00',
      city: 'Almaty',
      placeIds: [place.id, second.id],
      estimates: [{ measure: 'people detained', min: 40, max: 55, claimedBy: 'Coalition' }],
      confidentiality: 'public',
    });
    const people: { id: string }[] = [];
    for (const [name, role] of [['Journalist One', 'journalist'], ['Defender Two', 'human_rights_defender'], ['Passer-by Three', 'passer_by']] as const) {
      people.push(await api.post<{ id: string }>('persons', { names: [{ value: name }], pseudonym: `E2E ${role}`, roles: [{ role, eventId: event.id }] }));
    }
    for (const p of people) await api.post('detentions', { personId: p.id, eventId: event.id, apprehendedAt: '2022-01-05T10:30:00+06:00', apprehendedPlaceId: place.id });
    await api.post('official-figures', { issuer: 'Ministry of Internal Affairs', issuedOn: '2022-01-06', measure: 'people detained', value: 12, eventId: event.id });

    await go(page, server.base, `/events/${event.id}`);
    const detentions = await api.all<unknown>(`detentions?eventId=${event.id}`);
    const persons = await api.all<unknown>(`persons?eventId=${event.id}`);
    const figures = await api.all<{ value: number }>(`official-figures?eventId=${event.id}`);
    const record = await api.get<{ estimates: { min: number; max: number }[] }>(`events/${event.id}`);
    await expect.poll(() => page.locator('[data-count="documented-detentions"]').textContent()).toBe(String(detentions.length));
    expect(await page.locator('[data-count="documented-people"]').textContent()).toBe(String(persons.length));
    const claimed = await page.locator('[data-count="claimed"]').allTextContents();
    expect(claimed).toHaveLength(record.estimates.length);
    record.estimates.forEach((e, i) => expect(claimed[i]).toContain(`${e.min}–${e.max}`));
    expect(await page.locator('[data-count="official"] .count-number').allTextContents()).toEqual(figures.map((f) => String(f.value)));
    expect(detentions.length).toBe(3);

    for (const role of ['Journalist', 'Human rights defender', 'Passer-by']) await page.locator('.role-group h3', { hasText: role }).waitFor();
    const map = page.locator('.map');
    await map.waitFor();
    await expect.poll(() => map.locator('path.map-marker').count()).toBe(2);
    await page.waitForTimeout(300);
    await shoot(page, 'event');
  }, 60_000);

  it('switches language: labels and date formats change', async () => {
    await go(page, server.base, '/events');
    const firstDate = page.locator('.record-row time').first();
    await firstDate.waitFor();
    const english = await firstDate.textContent();
    expect(english).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Events' }).count()).toBe(1);

    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('navigation').getByRole('link', { name: 'События' }).waitFor();
    const russian = await firstDate.textContent();
    expect(russian).not.toBe(english);
    expect(russian).toMatch(/\d{1,2} [а-я]+\.? \d{4}/);
    expect(await page.evaluate('document.documentElement.lang')).toBe('ru');
    expect(await page.locator('main h1').textContent()).toBe('События');
    await shoot(page, 'events-ru');

    await page.getByLabel('Язык').selectOption('kk');
    await page.getByRole('navigation').getByRole('link', { name: 'Оқиғалар' }).waitFor();
    await page.getByLabel('Тіл').selectOption('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Events' }).waitFor();
  }, 30_000);

  it('finds a person across scripts, shows the pseudonym and reveals the real name only on request', async () => {
    await go(page, server.base, '/events');
    await page.keyboard.press('/');
    await page.waitForURL(/\/search$/);
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('search-q');
    await page.keyboard.type('Aigerim Testova');
    const result = page.locator('.record-row', { hasText: PSEUDONYM });
    await result.waitFor();
    expect(await result.textContent()).not.toContain('Айгерим');
    await shoot(page, 'search');
    await page.getByLabel('Name').press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/people\//);
    await page.locator('main h1', { hasText: PSEUDONYM }).waitFor();
    await page.locator('.source-list li a', { hasText: '(protected)' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Айгерим');
    await shoot(page, 'person');
    await page.getByRole('button', { name: 'Reveal real names' }).click();
    await page.locator('[data-real-names]', { hasText: 'Айгерим Тестова' }).waitFor();
  }, 30_000);

  it('has empty states, and every main page renders at 1440 px and 360 px', async () => {
    await go(page, server.base, '/events');
    await page.getByLabel('Words in title or summary').fill('no such event anywhere');
    await page.getByText('No events match these filters.').waitFor();
    await go(page, server.base, '/events');
    await page.locator('.record-row').first().waitFor();
    await shoot(page, 'events');
    for (const [name, url] of [
      ['people', '/people'],
      ['detentions', '/detentions'],
      ['sources', '/sources'],
      ['settings', '/settings'],
      ['report', '/report'],
    ] as const) {
      await go(page, server.base, url);
      await page.locator('main .record-row, main form').first().waitFor();
      await shoot(page, name);
    }
    await go(page, server.base, '/nowhere');
    expect(await page.locator('main h1').textContent()).toBe('Not found');
  }, 90_000);

  it('folds the sections behind "Menu" on a phone, and closes the menu once one is chosen', async () => {
    await go(page, server.base, '/');
    await page.setViewportSize({ width: 360, height: 780 });
    const menu = page.getByRole('button', { name: 'Menu' });
    const people = page.locator('.site-nav').getByRole('link', { name: 'People', exact: true });
    expect(await people.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await people.click();
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('People');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await people.isVisible()).toBe(false);
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await menu.isVisible()).toBe(false);
    expect(await people.isVisible()).toBe(true);
  }, 30_000);

  it('signs out with the header button: the sign-in screen replaces the app at once', async () => {
    const session = await fetch(`${server.base}/api/v1/auth/session`);
    if (session.status === 404) return; // a server without accounts: nothing to sign out of
    await go(page, server.base, '/people');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').waitFor();
    expect(await page.locator('.site-nav').count()).toBe(0);
    expect((await page.request.get(`${server.base}/api/v1/auth/session`)).status()).toBe(401);
  }, 30_000);
});
