/**
 * Browser test of the built web shell (web/dist), driven by playwright-core and Debian's Chromium.
 * The app is served by a tiny static server with SPA fallback; its /config.json points at a
 * second tiny server that answers GET /health like the API (this tests the web shell, not the API).
 */
import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../src/i18n/locales/ar';
import { en } from '../src/i18n/locales/en';
import { fr } from '../src/i18n/locales/fr';
import { assertRunnable, CHROMIUM, close, haveChromium, LAUNCH_ARGS, listen, mustRun, staticApp, warnSkipped } from './support';

warnSkipped('shell');

const HEALTH = { status: 'ok', service: 'cloudmanager-api', stage: 'e2e', version: '9.9.9-e2e', time: '2030-01-02T03:04:05.000Z' };

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

describe.skipIf(!haveChromium && !mustRun)('web shell in Chromium', () => {
  let browser: Browser | undefined;
  let app: Server | undefined;
  let api: Server | undefined;
  let appUrl = '';
  let apiUrl = '';
  let shots = '';
  const apiRequests: string[] = [];

  beforeAll(async () => {
    assertRunnable();
    ({ server: api, url: apiUrl } = await fakeApi(apiRequests));
    ({ server: app, url: appUrl } = await staticApp(() => ({ apiUrl })));
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
    // A direction switch slides the navbar across (a CSS transition): measure once it has settled.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
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
    // Signed out, the navigation offers only what a guest may use.
    const navLinks = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(navLinks).toEqual([en.nav.home, en.nav.signIn, en.nav.register, en.nav.requestAccess, en.nav.status]);
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
    await page.getByRole('navigation').getByRole('link', { name: ar.nav.signIn }).waitFor();

    expectNavbarOnTheRight(await boxes(page));
    await page.screenshot({ path: join(shots, 'status-ar.png'), fullPage: true });

    // The choice is stored: a page without ?lang stays Arabic. A guest asking for the portal is sent to sign in.
    await page.goto(`${appUrl}/portal`);
    await page.getByRole('heading', { level: 1, name: ar.auth.signIn.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/portal');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.screenshot({ path: join(shots, 'sign-in-ar.png'), fullPage: true });
    await page.context().close();
  });

  it('switches language from the header and back to left-to-right', async () => {
    const page = await newPage();
    await page.goto(`${appUrl}/status?lang=ar`);
    await page.getByRole('heading', { level: 1, name: ar.status.title }).waitFor();

    await page.getByLabel(ar.header.language).selectOption('fr');

    await page.getByRole('heading', { level: 1, name: fr.status.title }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fr', 'ltr']);
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('cloudmanager.lang'))).toBe('fr');
    expectNavbarOnTheLeft(await boxes(page));
    await page.screenshot({ path: join(shots, 'status-fr.png'), fullPage: true });
    await page.context().close();
  });
});
