// What the browser tests share on top of the harness: the set-up of one server, one chromium and
// one page; the API as the signed-in user; sign-in through the form; going to a page; screenshots at
// two widths. Each helper takes the page (and the server's address) it works on.
// This file is checked without the DOM library, and the app's Content Security Policy forbids eval:
// `page.waitForFunction` must be given a function, never a string.
import fs from 'node:fs';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM, chromiumAvailable, ensureBuilt, SCREENSHOTS, startBrowser, startServer, type RunningBrowser, type RunningServer } from './harness.js';

/**
 * Whether chromium is installed. Without it the browser tests are skipped with a warning, except on
 * CI, where a missing browser is an error. `what` names the tests in the message.
 */
export function browserTestsAvailable(what: string): boolean {
  if (chromiumAvailable()) return true;
  const ci = process.env.CI === 'true';
  const message = `[vigil] ${CHROMIUM} not found: ${what} ${ci ? 'FAIL' : 'were SKIPPED'}. Install it with \`apt-get install -y chromium\`.`;
  if (ci) throw new Error(message);
  console.warn(`\n${message}\n`);
  return false;
}

interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** The API as the browser's user (the page's cookies), for setting up data and comparing with what the page shows. */
export interface PageApi {
  /** The session's CSRF token, sent with every POST; `signIn` sets it. */
  csrf: string;
  /** GET /api/v1/<path>, which must answer 200. */
  get<T>(path: string): Promise<T>;
  /** POST /api/v1/<path> with a JSON body, which must answer 2xx. */
  post<T>(path: string, body: unknown): Promise<T>;
  /** Every item of a list, following its cursors. */
  all<T>(path: string): Promise<T[]>;
}

export function pageApi(page: Page, base: string): PageApi {
  const api: PageApi = {
    csrf: '',
    async get<T>(p: string): Promise<T> {
      const res = await page.request.get(`${base}/api/v1/${p}`);
      expect(res.status(), `GET ${p}: ${await res.text()}`).toBe(200);
      return (await res.json()) as T;
    },
    async post<T>(p: string, body: unknown): Promise<T> {
      const res = await page.request.post(`${base}/api/v1/${p}`, { data: body, headers: api.csrf ? { 'x-csrf-token': api.csrf } : {} });
      expect(res.status(), `POST ${p}: ${await res.text()}`).toBeLessThan(300);
      return (await res.json()) as T;
    },
    async all<T>(p: string): Promise<T[]> {
      const items: T[] = [];
      let cursor: string | null = null;
      do {
        const sep = p.includes('?') ? '&' : '?';
        const pageOf: ListPage<T> = await api.get<ListPage<T>>(`${p}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        items.push(...pageOf.items);
        cursor = pageOf.nextCursor;
      } while (cursor);
      return items;
    },
  };
  return api;
}

export interface BrowserSession {
  server: RunningServer;
  browser: RunningBrowser;
  page: Page;
  api: PageApi;
}

/**
 * For a test file's beforeAll: builds the web app if it is missing, starts a server (fresh SQLite,
 * demo data) and chromium on it, and opens the one page the tests drive; `stopSession` stops them.
 */
export async function startSession(defaultTimeoutMs: number): Promise<BrowserSession> {
  ensureBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startServer();
  let browser: RunningBrowser;
  try {
    browser = await startBrowser(server.base);
  } catch (e) {
    await server.stop(); // the caller never gets it to stop
    throw e;
  }
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(defaultTimeoutMs);
  return { server, browser, page, api: pageApi(page, server.base) };
}

/** For a test file's afterAll: closes chromium, then stops the server (either may be missing if beforeAll failed). */
export async function stopSession({ browser, server }: { browser?: RunningBrowser | undefined; server?: RunningServer | undefined }): Promise<void> {
  await browser?.stop();
  await server?.stop();
}

export interface Account {
  username: string;
  password: string;
  /** Asked for only by the first-run setup of a fresh server (which creates the first, admin, account). */
  displayName?: string;
}

/**
 * Signs in through the form on screen (the sign-in screen, or the first-run setup on a fresh server),
 * waits for the custody board, and gives `api` the session's CSRF token. It waits with a locator, not
 * expect.poll, so that it can run in beforeAll too (vitest allows expect.poll only inside a test).
 */
export async function signIn(page: Page, api: PageApi, user: Account): Promise<void> {
  await page.getByLabel('Username').fill(user.username);
  const displayName = page.getByLabel('Your name as others will see it');
  if (user.displayName && (await displayName.count())) await displayName.fill(user.displayName);
  await page.locator('#password').fill(user.password);
  await page.keyboard.press('Enter');
  await page.locator('main h1').first().filter({ hasText: /^Custody board$/ }).waitFor();
  api.csrf = (await api.get<{ csrfToken: string }>('auth/session')).csrfToken;
  expect(api.csrf).not.toBe('');
}

/** Opens a path of the app and waits for its page heading. */
export async function go(page: Page, base: string, p: string): Promise<void> {
  await page.goto(`${base}${p}`);
  await page.locator('main h1').first().waitFor();
}

/**
 * Full-page screenshots at 1440 and 360 px (up to 2,400 px tall: the board with the demo data is ten
 * times that) into test-results/screenshots; at neither width may the page scroll sideways. First it
 * waits for the network to go quiet, or, with `settle: 'load'`, only for the page's load event.
 */
export async function shoot(page: Page, name: string, settle: 'networkidle' | 'load' = 'networkidle'): Promise<void> {
  await page.waitForLoadState(settle);
  for (const width of [1440, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    await page.waitForTimeout(150);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `${name} at ${width} px scrolls sideways by ${String(overflow)} px`).toBeLessThanOrEqual(0);
    const height = Math.min(2400, Number(await page.evaluate('document.documentElement.scrollHeight')));
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true, clip: { x: 0, y: 0, width, height } });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
