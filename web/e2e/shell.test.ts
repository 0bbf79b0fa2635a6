/**
 * Browser test of the built web shell (web/dist), driven by playwright-core and Debian's Chromium.
 * The app is served by a tiny static server with SPA fallback; its /config.json points at a
 * second tiny server that answers GET /health like the API (this tests the web shell, not the API).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../src/i18n/locales/ar';
import { en } from '../src/i18n/locales/en';
import { fr } from '../src/i18n/locales/fr';

const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const haveChromium = existsSync(CHROMIUM);
const mustRun = process.env.CI === 'true';

if (!haveChromium && !mustRun) {
  console.warn(
    `[web/e2e/shell] SKIPPED: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\`. ` +
      '(With CI=true a missing browser fails this test instead.)',
  );
}

const HEALTH = { status: 'ok', service: 'cloudmanager-api', stage: 'e2e', version: '9.9.9-e2e', time: '2030-01-02T03:04:05.000Z' };
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.map': 'application/json', '.woff2': 'font/woff2',
};

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server | undefined) =>
  new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

/** The stand-in API: GET /health with CORS, like the real one. Records what it was asked. */
function fakeApi(requests: string[]) {
  return listen((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    if (req.method === 'GET' && req.url === '/health') {
      return void res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(HEALTH));
    }
    res.writeHead(404, { ...cors, 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }));
  });
}

/** Static files from web/dist, /config.json as the deployment writes it, and index.html for client routes. */
function staticApp(apiUrl: string) {
  return listen(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/config.json') {
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ apiUrl }));
    }
    const file = normalize(join(DIST, decodeURIComponent(pathname)));
    const inside = file.startsWith(DIST) || `${file}${sep}` === DIST;
    const isFile = inside && (await stat(file).then((s) => s.isFile(), () => false));
    if (!isFile && extname(pathname)) return void res.writeHead(404).end('not found');
    const served = isFile ? file : join(DIST, 'index.html');
    res.writeHead(200, { 'content-type': MIME[extname(served)] ?? 'application/octet-stream' });
    res.end(await readFile(served));
  });
}

describe.skipIf(!haveChromium && !mustRun)('web shell in Chromium', () => {
  let browser: Browser | undefined;
  let app: Server | undefined;
  let api: Server | undefined;
  let appUrl = '';
  let apiUrl = '';
  let shots = '';
  const apiRequests: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI=true and ${CHROMIUM} is missing: install it with \`apt-get install -y chromium\`.`);
    if (!existsSync(join(DIST, 'index.html'))) {
      throw new Error('web/dist is missing: run `npm run web:build` before the browser test.');
    }
    ({ server: api, url: apiUrl } = await fakeApi(apiRequests));
    ({ server: app, url: appUrl } = await staticApp(apiUrl));
    shots = await mkdtemp(join(tmpdir(), 'cloudmanager-shell-'));
    console.info(`[web/e2e/shell] screenshots in ${shots}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([close(app), close(api)]);
  });

  /** A fresh profile (empty localStorage) with a desktop viewport, so the navbar is visible. */
  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[browser]', error));
    return page;
  }

  /**
   * The navbar and the page's <h1>. AppShell.Main spans the whole width (it pads itself by the
   * navbar's width), so the heading is what shows where the content actually starts.
   */
  async function boxes(page: Page) {
    const nav = await page.getByRole('navigation').boundingBox();
    const content = await page.getByRole('main').getByRole('heading', { level: 1 }).boundingBox();
    const width = page.viewportSize()!.width;
    expect(nav).not.toBeNull();
    expect(content).not.toBeNull();
    return { nav: nav!, content: content!, width };
  }

  function expectNavbarOnTheLeft({ nav, content, width }: Awaited<ReturnType<typeof boxes>>) {
    expect(nav.x).toBeLessThanOrEqual(1);
    expect(nav.x + nav.width).toBeLessThan(width / 2);
    expect(content.x).toBeGreaterThanOrEqual(nav.x + nav.width);
  }

  function expectNavbarOnTheRight({ nav, content, width }: Awaited<ReturnType<typeof boxes>>) {
    expect(nav.x + nav.width).toBeGreaterThanOrEqual(width - 1);
    expect(nav.x).toBeGreaterThan(width / 2);
    expect(content.x + content.width).toBeLessThanOrEqual(nav.x);
  }

  it('renders the status page in English from /health, with the API URL from /config.json', async () => {
    const page = await newPage();
    await page.goto(`${appUrl}/status`);

    await expect.poll(() => page.getByTestId('health-status').textContent()).toBe('ok');
    await page.getByRole('heading', { level: 1, name: en.status.title }).waitFor();
    expect(await page.getByTestId('health-stage').textContent()).toBe('e2e');
    expect(await page.getByTestId('health-version').textContent()).toBe('9.9.9-e2e');
    expect(await page.getByTestId('health-latency').textContent()).toMatch(/\d+\s*ms/);
    expect(await page.getByTestId('api-url').textContent()).toBe(apiUrl);
    expect(await page.getByTestId('health-time').locator('time').getAttribute('datetime')).toBe(HEALTH.time);
    expect(apiRequests).toContain('GET /health');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);

    expectNavbarOnTheLeft(await boxes(page));
    await page.screenshot({ path: join(shots, 'status-en.png'), fullPage: true });

    // Client-side navigation to the landing page (focus moves to <main>), which links to the three areas.
    await page.getByRole('navigation').getByRole('link', { name: en.nav.home }).click();
    await page.getByRole('heading', { level: 1, name: en.landing.title }).waitFor();
    for (const area of ['portal', 'desk', 'admin'] as const) {
      expect(await page.getByRole('link', { name: `${en.landing.open} ${en.areas[area].title}` }).getAttribute('href')).toBe(`/${area}`);
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // On a fresh load the first Tab lands on the skip link, which then shows.
    await page.goto(`${appUrl}/`);
    await page.getByRole('heading', { level: 1, name: en.landing.title }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: en.app.skipToContent });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: join(shots, 'landing-en-skip-link.png') });
    await page.context().close();
  });

  it('renders Arabic right-to-left with ?lang=ar, navbar on the right, and remembers the choice', async () => {
    const page = await newPage();
    await page.goto(`${appUrl}/status?lang=ar`);

    await page.getByRole('heading', { level: 1, name: ar.status.title }).waitFor();
    await expect.poll(() => page.getByTestId('health-status').textContent()).toBe('ok');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await page.getByRole('link', { name: ar.nav.portal }).waitFor();

    expectNavbarOnTheRight(await boxes(page));
    await page.screenshot({ path: join(shots, 'status-ar.png'), fullPage: true });

    // The choice is stored: a page without ?lang stays Arabic.
    await page.goto(`${appUrl}/portal`);
    await page.getByRole('heading', { level: 1, name: ar.areas.portal.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('heading', { name: ar.status.cardTitle }).waitFor();
    await page.screenshot({ path: join(shots, 'portal-ar.png'), fullPage: true });
    await page.context().close();
  });

  it('switches language from the header and back to left-to-right', async () => {
    const page = await newPage();
    await page.goto(`${appUrl}/desk?lang=ar`);
    await page.getByRole('heading', { level: 1, name: ar.areas.desk.title }).waitFor();

    await page.getByLabel(ar.header.language).selectOption('fr');

    await page.getByRole('heading', { level: 1, name: fr.areas.desk.title }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fr', 'ltr']);
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('cloudmanager.lang'))).toBe('fr');
    expectNavbarOnTheLeft(await boxes(page));
    await page.screenshot({ path: join(shots, 'desk-fr.png'), fullPage: true });
    await page.context().close();
  });
});
