/**
 * Hostile mail in the browser, against the REAL local twin with the demo data: mails whose HTML
 * tries to run script (script tag, onerror, javascript: link, SVG script, iframe, form, meta
 * refresh) and a PDF whose file name is markup are sent from the demo customer's address through
 * the twin's SMTP listener. Each ticket is opened in the desk (agent) and in the portal (the
 * customer is a contact): no dialog, no console marker, `window.__pwned` unset in every frame, the
 * mail frame sandboxed without scripts, the file name shown as literal text, a click on the link
 * does nothing.
 */
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Mail from 'nodemailer/lib/mailer';
import { actionTimeoutMs, assertRunnable, haveChromium, mustRun, newPage, signIn, startAppWithTwin, warnSkipped, type AppWithTwin } from './support';

warnSkipped('mail-hostile');

const CUSTOMER = 'customer@cloudmanager.example';
const AGENT = 'agent@cloudmanager.example';
const SUPPORT = 'support@cloudmanager.example';
const MARKER = 'PWNED';
/** What every payload runs if it ever runs: a global in its frame and the app's, a console line, a dialog. */
const js = `window.__pwned=1;try{parent.__pwned=1;top.__pwned=1}catch(e){};console.log('${MARKER}');alert('${MARKER}')`;
const ATTACHMENT_NAME = '<img src=x onerror=alert(1)>.pdf';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

interface Hostile {
  key: string;
  subject: string;
  html: string;
  /** Text that must still be shown (the harmless part of the mail). */
  visible: string;
  attachments?: Mail.Attachment[];
  /** A link text to click inside the mail frame (the link survives as inert text). */
  click?: string;
}

const hostile: Hostile[] = [
  { key: 'script', subject: 'Hostile: script tag', visible: 'Hello from a script mail', html: `<p>Hello from a script mail</p><script>${js}</script>` },
  { key: 'onerror', subject: 'Hostile: img onerror', visible: 'Hello from an onerror mail', html: `<body onload="${js}"><p>Hello from an onerror mail</p><img src=x onerror="${js}"><video src=x onerror="${js}"></video>` },
  {
    key: 'javascript-link',
    subject: 'Hostile: javascript link',
    visible: 'Hello from a link mail',
    click: 'Open the invoice',
    html: `<p>Hello from a link mail</p><p><a href="javascript:${js}">Open the invoice</a> <a href=" JaVaScRiPt:${js}">second</a> <a href="vbscript:msgbox(1)">third</a></p>`,
  },
  {
    key: 'svg',
    subject: 'Hostile: inline SVG',
    visible: 'Hello from an SVG mail',
    html: `<p>Hello from an SVG mail</p><svg xmlns="http://www.w3.org/2000/svg" onload="${js}"><script>${js}</script><a href="javascript:${js}"><circle r="40"/></a></svg><math><mtext><script>${js}</script></mtext></math>`,
  },
  {
    key: 'iframe',
    subject: 'Hostile: iframe',
    visible: 'Hello from an iframe mail',
    html: `<p>Hello from an iframe mail</p><iframe srcdoc="<script>${js.replace(/'/g, '&#39;')}</script>"></iframe><iframe src="javascript:${js}"></iframe><object data="javascript:${js}"></object><embed src="javascript:${js}">`,
  },
  {
    key: 'form',
    subject: 'Hostile: form',
    visible: 'Hello from a form mail',
    html: `<p>Hello from a form mail</p><form action="javascript:${js}"><input name="password" type="password" autofocus onfocus="${js}"><button type="submit" formaction="javascript:${js}">Confirm your password</button></form>`,
  },
  {
    key: 'meta-refresh',
    subject: 'Hostile: meta refresh',
    visible: 'Hello from a meta mail',
    html: `<meta http-equiv="refresh" content="0;url=javascript:${js}"><meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="javascript:alert(1)//"><p>Hello from a meta mail</p><style>@import url(javascript:alert(1));</style>`,
  },
  {
    key: 'file-name',
    subject: `Hostile: file name <img src=x onerror="${js}">`,
    visible: 'Hello with a hostile file name',
    html: '<p>Hello with a hostile file name</p>',
    attachments: [{ filename: ATTACHMENT_NAME, content: pdf, contentType: 'application/pdf' }],
  },
];

describe.skipIf(!haveChromium && !mustRun)('hostile mail (issue 6) in the desk and the portal, in Chromium', () => {
  let env: AppWithTwin | undefined;
  const failedCalls: string[] = [];
  /** Ticket id per payload key. */
  const tickets = new Map<string, string>();

  beforeAll(async () => {
    assertRunnable();
    env = await startAppWithTwin('mail-hostile', { demoData: true });
    const nodemailer = (await import('nodemailer')).default;
    const { InboundMessage } = await import('../../shared/db/entities/inbound-message');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: env.twin.state.smtpPort, secure: false, ignoreTLS: true });
    const sent = new Map<string, string>();
    for (const mail of hostile) {
      const info = await transport.sendMail({
        from: `"Alex <script>${js}</script>" <${CUSTOMER}>`,
        to: SUPPORT,
        subject: mail.subject,
        html: mail.html,
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
      });
      const id = /queued as (\S+)/.exec(String(info.response))?.[1];
      if (!id) throw new Error(`no SES message id in the SMTP answer: ${info.response}`);
      sent.set(mail.key, id);
    }
    transport.close();
    // Every mail must become a ticket; poll its inbound record with a deadline.
    const deadline = Date.now() + actionTimeoutMs;
    for (const [key, id] of sent) {
      for (;;) {
        const { data } = await InboundMessage.get({ messageId: id }).go({ consistent: true });
        if (data?.status === 'processed' && data.ticketId) {
          tickets.set(key, data.ticketId);
          break;
        }
        if (data && !['received', 'processing'].includes(data.status)) throw new Error(`${key}: inbound mail ${id} ended ${data.status} (${data.reason ?? ''})`);
        if (Date.now() > deadline) throw new Error(`${key}: inbound mail ${id} not processed in time (${data?.status ?? 'no record'})`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }, 300_000);

  afterAll(async () => {
    if (failedCalls.length) console.warn(`[web/e2e/mail-hostile] API answers >= 400:\n  ${failedCalls.join('\n  ')}`);
    await env?.stop();
  });

  /** A signed-in page that records dialogs, console lines with the marker and pages it opens. */
  async function watchedPage(email: string) {
    const page = await signIn(env!, await newPage(env!, failedCalls, { width: 1366 }), email);
    const seen = { dialogs: [] as string[], console: [] as string[], popups: 0 };
    page.on('dialog', (dialog) => {
      seen.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.text().includes(MARKER)) seen.console.push(message.text());
    });
    page.context().on('page', () => {
      seen.popups += 1;
    });
    return { page, seen };
  }

  /** `window.__pwned` in a frame; a frame without script access answers undefined too. */
  async function pwnedIn(frame: Frame): Promise<unknown> {
    return frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch((err: Error) => `evaluate failed: ${err.message}`);
  }

  async function assertClean(page: Page, seen: { dialogs: string[]; console: string[]; popups: number }, where: string) {
    expect(seen.dialogs, `${where}: dialogs`).toEqual([]);
    expect(seen.console, `${where}: console`).toEqual([]);
    expect(seen.popups, `${where}: opened pages`).toBe(0);
    for (const frame of page.frames()) expect(await pwnedIn(frame), `${where}: window.__pwned in ${frame.url()}`).toBeUndefined();
  }

  it('every mail became a ticket whose first message keeps the harmless text', async () => {
    const { TicketMessage } = await import('../../shared/db/entities/ticket-message');
    for (const mail of hostile) {
      const { data } = await TicketMessage.query.byTicket({ ticketId: tickets.get(mail.key)! }).go();
      expect(data[0]?.channel, mail.key).toBe('email');
      expect(data[0]?.body, mail.key).toContain(mail.visible);
      expect(data[0]?.html ?? '', mail.key).toContain(mail.visible);
    }
  });

  it('no payload runs in the desk: sandboxed mail frame without scripts, literal file name, inert links', async () => {
    const { page, seen } = await watchedPage(AGENT);
    for (const mail of hostile) {
      const ticketId = tickets.get(mail.key)!;
      await page.goto(`${env!.appUrl}/desk/tickets/${ticketId}`);
      const message = page.getByTestId('email-message').first();
      await message.waitFor();
      const frameElement = message.getByTestId('mail-frame');
      await frameElement.waitFor();
      // Sandboxed: no allow-scripts and no allow-same-origin (an opaque origin), and a CSP without script sources.
      const sandbox = (await frameElement.getAttribute('sandbox')) ?? '';
      expect(sandbox.split(/\s+/)).not.toContain('allow-scripts');
      expect(sandbox.split(/\s+/)).not.toContain('allow-same-origin');
      expect(await frameElement.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
      const srcdoc = (await frameElement.getAttribute('srcdoc')) ?? '';
      expect(srcdoc).toContain("default-src 'none'");
      expect(srcdoc).not.toMatch(/<script|onerror=|onload=|onfocus=|javascript:|vbscript:|<iframe|<object|<embed|<form|<svg|http-equiv="refresh"/i);
      const frame = page.frameLocator(`[data-testid="mail-frame"]`).first();
      await frame.getByText(mail.visible).waitFor();
      if (mail.click) {
        const before = page.url();
        const framesBefore = page.frames().map((f) => f.url());
        await frame.getByText(mail.click).first().click();
        // Two animation frames: a navigation, dialog or popup the click started would have begun by then.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        expect(page.url()).toBe(before);
        expect(page.frames().map((f) => f.url())).toEqual(framesBefore);
      }
      if (mail.attachments) {
        const { displayFileName } = await import('../../shared/uploads/file-types');
        const shown = displayFileName(ATTACHMENT_NAME);
        await page.getByTestId('ticket-attachments').getByText(shown, { exact: true }).waitFor();
        await page.getByRole('heading', { level: 1 }).getByText(mail.subject, { exact: false }).waitFor();
        expect(await page.locator('img[src="x"]').count()).toBe(0);
      }
      await page.screenshot({ path: join(env!.shots, `desk-${mail.key}.png`), fullPage: true });
      await assertClean(page, seen, `desk ${mail.key}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    }
    await page.context().close();
  }, 300_000);

  it('no payload runs in the portal for the customer who sent them; the file name is literal text', async () => {
    const { page, seen } = await watchedPage(CUSTOMER);
    for (const mail of hostile) {
      await page.goto(`${env!.appUrl}/portal/tickets/${tickets.get(mail.key)!}`);
      await page.getByTestId('mail-text').filter({ hasText: mail.visible }).waitFor();
      expect(await page.getByTestId('mail-frame').count()).toBe(0);
      if (mail.attachments) {
        const { displayFileName } = await import('../../shared/uploads/file-types');
        await page.getByTestId('ticket-attachments').getByText(displayFileName(ATTACHMENT_NAME), { exact: true }).waitFor();
      }
      expect(await page.locator('img[src="x"], iframe, svg script').count()).toBe(0);
      await assertClean(page, seen, `portal ${mail.key}`);
      // A long unbroken subject wraps: the page never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    }
    await page.screenshot({ path: join(env!.shots, 'portal-last.png'), fullPage: true });
    await page.context().close();
  }, 300_000);
});
