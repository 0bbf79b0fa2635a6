/**
 * Browser test of the portal side of issue 5 against the REAL local twin with the demo customers
 * and helpdesk (startTwin({ demoData: true }), as `npm start`): the demo customer opens a ticket with an
 * attachment (upload progress shown), sees it listed as #number, downloads the file; an agent
 * (through the API) replies and adds an internal note; the customer sees the reply and never the
 * note, replies with a file, rates the resolved ticket and closes it.
 */
import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Twin } from '../../infra/local/twin';
import { ar } from '../src/i18n/locales/ar';
import { en } from '../src/i18n/locales/en';
import { assertRunnable, escape, haveChromium, mustRun, newPage, signIn as signInOn, startAppWithTwin, warnSkipped, type AppWithTwin } from './support';

warnSkipped('tickets-portal');

const CUSTOMER = 'customer@cloudmanager.example';
const AGENT = 'agent@cloudmanager.example';
const ATLAS = 'Atlas Services SARL';
/** Seeded by infra/local/seed-helpdesk.ts. */
const CATEGORY = 'General';
const SEEDED = 'Printer offline in the accounting office';
const SUBJECT = 'Website down since this morning';
const NOTE = 'Internal: the customer is on the old cluster, check the load balancer first.';
const REPLY = 'We restarted the web server; please check your site again.';

const pdf = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

describe.skipIf(!haveChromium && !mustRun)('portal tickets (issue 5) against the local twin, in Chromium', () => {
  let env: AppWithTwin | undefined;
  let twin: Twin | undefined;
  let shots = '';
  const failedCalls: string[] = [];

  beforeAll(async () => {
    assertRunnable();
    env = await startAppWithTwin('tickets-portal', { demoData: true });
    ({ twin, shots } = env);
  }, 240_000);

  afterAll(async () => {
    if (failedCalls.length) console.warn(`[web/e2e/tickets-portal] API answers >= 400:\n  ${failedCalls.join('\n  ')}`);
    await env?.stop();
  });

  /** A demo user's API token (staff answer TOTP with the twin's seeded secret). */
  async function token(email: string): Promise<string> {
    const { signInViaApi } = await import('../../infra/local/auth');
    const { demoPassword } = await import('../../infra/local/seed');
    return (await signInViaApi(twin!.state.endpoints.api, email, demoPassword, twin!.seeded?.secrets[email])).accessToken;
  }

  async function call(method: string, path: string, bearer: string, body?: unknown): Promise<{ status: number; body: Record<string, any> }> {
    const res = await fetch(`${twin!.state.endpoints.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
  }

  /** A seeded user signed in on a new page (staff answer TOTP with the twin's seeded secret). */
  const signIn = async (email: string) => signInOn(env!, await newPage(env!, failedCalls, { acceptDownloads: true }), email);

  it('customer opens a ticket with an attachment, sees it listed, sees the reply but not the note, rates and closes it', async () => {
    const customer = await signIn(CUSTOMER);
    // customer@ acts for two accounts: the demo tickets are on Atlas Services SARL.
    const switcher = customer.getByRole('combobox', { name: en.contacts.switcher.label });
    await switcher.click();
    await customer.getByRole('option', { name: ATLAS, exact: true }).click();
    await customer.getByRole('navigation').getByRole('link', { name: en.nav.portalTickets, exact: true }).click();
    await customer.getByRole('heading', { level: 1, name: en.tickets.title }).waitFor();
    await customer.getByTestId('my-tickets').getByText(SEEDED).waitFor();
    // The owner also sees the whole company's tickets.
    await customer.getByText(en.tickets.my.scopes.company.replace('{{name}}', ATLAS)).click();
    await customer.getByTestId('my-tickets').getByText(SEEDED).waitFor();
    await customer.getByRole('link', { name: en.tickets.my.newTicket }).click();
    await customer.getByRole('heading', { level: 1, name: en.tickets.create.title }).waitFor();

    const form = customer.getByTestId('new-ticket-form');
    await form.getByRole('combobox', { name: en.tickets.create.category }).selectOption({ label: CATEGORY });
    await form.getByRole('combobox', { name: en.tickets.create.priority }).selectOption('high');
    await form.getByRole('textbox', { name: en.tickets.create.subject }).fill(SUBJECT);
    await form.getByRole('textbox', { name: en.tickets.create.description }).fill('The site answers 502 Bad Gateway.\nIt worked yesterday evening.');
    // A script is refused before any upload; the PDF is kept.
    await form.locator('input[type="file"]').setInputFiles([
      { name: 'error-log.pdf', mimeType: 'application/pdf', buffer: pdf('502 log') },
      { name: 'invoice.pdf.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
    ]);
    await form.getByText(en.tickets.composer.badType.replace('{{name}}', 'invoice.pdf.exe')).waitFor();
    await form.getByTestId('picked-files').getByText('error-log.pdf').waitFor();
    await customer.screenshot({ path: join(shots, '0-new-ticket.png'), fullPage: true });

    // Hold the POST to storage until the progress line shows, whatever the machine's speed.
    const s3 = twin!.state.endpoints.s3;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const hold = async (route: Route) => {
      if (route.request().method() === 'POST') await released;
      await route.continue();
    };
    await customer.route(`${s3}/**`, hold);
    await form.getByRole('button', { name: en.tickets.create.submit }).click();
    await form.getByText(/Sending error-log\.pdf: \d+ %/).waitFor();
    release();
    await customer.getByRole('heading', { level: 1, name: new RegExp(`^#\\d{6} · ${escape(SUBJECT)}$`) }).waitFor();
    await customer.unroute(`${s3}/**`, hold);
    const ticketId = decodeURIComponent(new URL(customer.url()).pathname.split('/').pop()!);
    const heading = (await customer.getByRole('heading', { level: 1 }).textContent()) ?? '';
    const number = /^#(\d{6})/.exec(heading)![1]!;

    // The file is listed on the ticket and downloads under its name.
    const files = customer.getByTestId('ticket-attachments');
    await files.getByText('error-log.pdf').waitFor();
    const [download] = await Promise.all([
      customer.waitForEvent('download'),
      files.getByRole('button', { name: en.tickets.conversation.downloadFor.replace('{{name}}', 'error-log.pdf') }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('error-log.pdf');
    await customer.screenshot({ path: join(shots, '1-ticket-opened.png'), fullPage: true });

    // Listed in My tickets with its number, status and priority.
    await customer.getByRole('link', { name: en.tickets.view.back }).click();
    const row = customer.getByTestId('my-tickets').getByRole('row', { name: new RegExp(escape(SUBJECT)) });
    await row.getByText(`#${number}`).waitFor();
    await row.getByTestId('ticket-status').getByText(en.tickets.statuses.open).waitFor();
    await row.getByTestId('ticket-priority').getByText(en.tickets.priorities.high).waitFor();
    await row.getByRole('link', { name: en.tickets.my.openFor.replace('{{number}}', `#${number}`) }).waitFor();
    await customer.screenshot({ path: join(shots, '2-my-tickets.png'), fullPage: true });

    // The agent adds an internal note and a public reply (through the API).
    const agent = await token(AGENT);
    expect((await call('POST', `/tickets/${ticketId}/messages`, agent, { kind: 'note', body: NOTE })).status).toBe(201);
    expect((await call('POST', `/tickets/${ticketId}/messages`, agent, { kind: 'reply', body: REPLY })).status).toBe(201);

    // The customer sees the reply, never the note.
    await row.getByRole('link', { name: SUBJECT }).click();
    const conversation = customer.getByTestId('ticket-conversation');
    await conversation.getByText(REPLY).waitFor();
    expect(await customer.getByText(NOTE).count()).toBe(0);
    expect(await customer.getByTestId('ticket-note').count()).toBe(0);
    await customer.getByTestId('ticket-status').getByText(en.tickets.statuses.answered).waitFor();

    // The customer replies with a file.
    const composer = customer.getByTestId('ticket-composer');
    await composer.getByRole('textbox', { name: en.tickets.composer.message }).fill('It works again, thank you. Log attached.');
    await composer.locator('input[type="file"]').setInputFiles({ name: 'after-restart.pdf', mimeType: 'application/pdf', buffer: pdf('OK log') });
    await composer.getByRole('button', { name: en.tickets.composer.send }).click();
    const mine = conversation.getByTestId('ticket-reply').filter({ hasText: 'It works again' });
    await mine.getByText('after-restart.pdf').waitFor();
    await mine.getByText(en.tickets.conversation.you, { exact: true }).waitFor();

    // Resolved by the agent: the customer rates it 4 of 5, then closes it.
    const current = await call('GET', `/tickets/${ticketId}`, agent);
    const resolved = await call('POST', `/tickets/${ticketId}/status`, agent, { version: current.body.version, status: 'resolved' });
    expect(resolved.status).toBe(200);
    await customer.reload();
    const rating = customer.getByTestId('ticket-satisfaction');
    // Mantine's star inputs are visually hidden: click the star (the input's label).
    const star = await rating.getByRole('radio', { name: en.tickets.view.satisfaction.stars.replace('{{n}}', '4') }).getAttribute('id');
    await rating.locator(`label[for="${star}"]`).click();
    await rating.getByRole('textbox', { name: en.tickets.view.satisfaction.comment }).fill('Quick and clear.');
    await rating.getByRole('button', { name: en.tickets.view.satisfaction.submit }).click();
    await rating.getByText(en.tickets.view.satisfaction.thanks).waitFor();
    await rating.getByText(en.tickets.view.satisfaction.yours.replace('{{rating}}', '4')).waitFor();

    await customer.getByRole('button', { name: en.tickets.view.close }).click();
    await customer.getByRole('dialog').getByRole('button', { name: en.tickets.view.close }).click();
    await customer.getByTestId('ticket-status').getByText(en.tickets.statuses.closed).waitFor();
    await customer.screenshot({ path: join(shots, '3-rated-and-closed.png'), fullPage: true });

    // In Arabic the page turns right-to-left and the badges are translated.
    await customer.getByLabel(en.header.language).selectOption('ar');
    await customer.locator('html[dir="rtl"]').waitFor();
    await customer.getByTestId('ticket-status').getByText(ar.tickets.statuses.closed).waitFor();
    await customer.getByRole('heading', { level: 2, name: ar.tickets.view.conversation }).waitFor();
    await customer.screenshot({ path: join(shots, '4-arabic.png'), fullPage: true });

    // Nothing of the note reached the customer's API answers either.
    const customerToken = await token(CUSTOMER);
    const messages = await call('GET', `/tickets/${ticketId}/messages`, customerToken);
    expect(messages.status).toBe(200);
    expect(JSON.stringify(messages.body)).not.toContain('old cluster');
  }, 180_000);
});
