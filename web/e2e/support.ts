/**
 * Shared by the browser tests: Debian's Chromium (and the CI rule), a tiny HTTP server, the
 * built web app (web/dist) served with SPA fallback and a /config.json of the test's choosing, and
 * page helpers (a logged page, sign-in of a seeded user, form fields by label).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OTPAuth from 'otpauth';
import type { Locator, Page } from 'playwright-core';
import { en } from '../src/i18n/locales/en';

export const CHROMIUM = '/usr/bin/chromium';
/** How long a browser step may wait (Playwright's default is 30 s). */
export const actionTimeoutMs = 60_000;
export const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
export const haveChromium = existsSync(CHROMIUM);
/** Under CI=true a missing browser fails the test instead of skipping it. */
export const mustRun = process.env.CI === 'true';

export function warnSkipped(name: string): void {
  if (!haveChromium && !mustRun) {
    console.warn(
      `[web/e2e/${name}] SKIPPED: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\`. ` +
        '(With CI=true a missing browser fails this test instead.)',
    );
  }
}

/** Throws when the test must run but cannot (CI without a browser, or no build). */
export function assertRunnable(): void {
  if (!haveChromium) throw new Error(`CI=true and ${CHROMIUM} is missing: install it with \`apt-get install -y chromium\`.`);
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run web:build` before the browser test.');
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.map': 'application/json', '.woff2': 'font/woff2',
};

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export const close = (server: Server | undefined) =>
  new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

/**
 * Static files from web/dist, `/config.json` as the deployment writes it (asked for on each request,
 * so a test can start the app server before it knows the API address), and index.html for client routes.
 */
export function staticApp(config: () => unknown) {
  return listen(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/config.json') {
      return void res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(config()));
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

/** The web app served beside a local twin on free ports, and Chromium; `stop()` ends all three. */
export interface AppWithTwin {
  appUrl: string;
  twin: import('../../infra/local/twin').Twin;
  browser: import('playwright-core').Browser;
  /** Where the test may put screenshots. */
  shots: string;
  stop: () => Promise<void>;
}

/**
 * Starts the built web app with a /config.json pointing at a fresh twin (the twin allows the app's
 * origin for CORS), and Chromium. `demoData`: seed the demo customers as `npm start` does.
 */
export async function startAppWithTwin(name: string, options: { demoData?: boolean; webConfig?: () => Record<string, unknown> } = {}): Promise<AppWithTwin> {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { chromium } = await import('playwright-core');
  let twin: AppWithTwin['twin'] | undefined;
  const { server, url: appUrl } = await staticApp(() => ({
    apiUrl: twin!.state.endpoints.api,
    cognito: {
      region: twin!.state.region,
      userPoolId: twin!.state.cognito.userPoolId,
      userPoolClientId: twin!.state.cognito.clientId,
      endpoint: twin!.state.endpoints.cognito,
    },
    ...options.webConfig?.(),
  }));
  const dir = await mkdtemp(join(tmpdir(), `cm-e2e-${name}-`));
  const { startTwin } = await import('../../infra/local/twin');
  twin = await startTwin({
    dir,
    ports: { api: 0, dynamodb: 0, s3: 0, cognito: 0, ses: 0, smtp: 0 },
    scheduler: false,
    ttlIntervalMs: 0,
    webOrigins: [appUrl],
    ...(options.demoData ? { demoData: true } : {}),
  });
  const shots = await mkdtemp(join(tmpdir(), `cloudmanager-${name}-`));
  console.info(`[web/e2e/${name}] screenshots in ${shots}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const started = twin;
  return {
    appUrl,
    twin: started,
    browser,
    shots,
    stop: async () => {
      await browser.close();
      await close(server);
      await started.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `s` matched literally inside a RegExp. */
export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A form field by its whole label (Mantine appends " *" to required ones). */
export const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${escape(label)}\\s*\\*?$`));

/**
 * A page in a fresh browser context (en-US) that logs page errors and records the twin API's
 * answers >= 400 in `failedCalls`.
 */
export async function newPage(
  env: AppWithTwin,
  failedCalls: string[],
  options: { width?: number; acceptDownloads?: boolean } = {},
): Promise<Page> {
  const context = await env.browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'en-US',
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  // A loaded CI machine (every suite at once on two cores) can be slow to answer; wait longer than Playwright's 30 s.
  context.setDefaultTimeout(actionTimeoutMs);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[browser]', error));
  page.on('response', (response) => {
    if (response.url().startsWith(env.twin.state.endpoints.api) && response.status() >= 400) {
      failedCalls.push(`${response.request().method()} ${new URL(response.url()).pathname} → ${response.status()}`);
    }
  });
  return page;
}

/**
 * Signs a seeded user in on `page` (staff answer the TOTP step with the twin's seeded secret) and
 * waits for the signed-in shell.
 */
export async function signIn(env: AppWithTwin, page: Page, email: string): Promise<Page> {
  const { demoPassword } = await import('../../infra/local/seed');
  await page.goto(`${env.appUrl}/sign-in`);
  await field(page, en.fields.email).fill(email);
  await field(page, en.fields.password).fill(demoPassword);
  await page.getByRole('button', { name: en.auth.signIn.submit, exact: true }).click();
  const secret = env.twin.seeded?.secrets[email];
  if (secret) {
    await page.getByRole('heading', { level: 1, name: en.auth.mfa.title }).waitFor();
    await field(page, en.fields.totpCode).fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate());
    await page.getByRole('button', { name: en.auth.mfa.submit }).click();
  }
  await page.getByRole('navigation').waitFor();
  await page.getByRole('button', { name: en.auth.signOut, exact: true }).waitFor();
  return page;
}

/** Sends one mail through the twin's SMTP listener, as any mail client would; answers the SES message id it was queued as. */
export async function sendToTwin(env: AppWithTwin, mail: import('nodemailer/lib/mailer').Options): Promise<string> {
  const nodemailer = (await import('nodemailer')).default;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: env.twin.state.smtpPort, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail(mail);
    const id = /queued as (\S+)/.exec(String(info.response))?.[1];
    if (!id) throw new Error(`no SES message id in the SMTP answer: ${info.response}`);
    return id;
  } finally {
    transport.close();
  }
}
