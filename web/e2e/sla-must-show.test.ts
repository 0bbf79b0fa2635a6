/**
 * The SLA must-show (issue 7) in the browser against the REAL local twin with the demo data (the
 * "Office hours" calendar Mon–Fri 09:00–18:00 Africa/Algiers, urgent first response 60 min, the
 * Support group led by manager@). The twin runs in this process, so the SLA clock is set here
 * (`slaClock` in shared/sla/wiring.ts), as `npm start -- --sla-clock` does for the demo:
 * the customer opens a ticket on Friday 6 March 2026 at 17:55 in Algiers, the manager makes it
 * urgent (due Monday 09:55 local), parks it waiting on the customer (paused) and takes it back; a
 * sweep as of Monday 10:30 records one breach, mails each recipient once and escalates to the
 * group's lead; a second sweep does nothing; the late answer and the breach show on the dashboard.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/i18n/locales/en';
import { dueFormat } from '../src/pages/desk/sla/clock';
import { assertRunnable, field, haveChromium, mustRun, newPage, signIn, startAppWithTwin, warnSkipped, type AppWithTwin } from './support';

warnSkipped('sla-must-show');

const CUSTOMER = 'customer@cloudmanager.example';
const MANAGER = 'manager@cloudmanager.example';
const AGENT = 'agent@cloudmanager.example';
const ATLAS = 'Atlas Services SARL';
const SUBJECT = 'Mail server down (SLA must-show)';
// Algiers is UTC+1 all year: Friday 17:55 local = 16:55Z; Monday 09:55 local = 08:55Z.
const friday1755 = '2026-03-06T16:55:00.000Z';
const monday1030 = '2026-03-09T09:30:00Z';
const monday1040 = '2026-03-09T09:40:00.000Z';
/** How the panel writes a due time (en, short date and time, in the calendar's zone). */
const dueText = new Intl.DateTimeFormat('en', { ...dueFormat, timeZone: 'Africa/Algiers' }).format(new Date('2026-03-09T08:55:00Z'));

/** The panel's "Due …" line (any white space: ICU puts a narrow no-break space before AM). */
const due = new RegExp(`${en.slaDesk.panel.due}\\s+${dueText.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '\\s+')}`);

type Sweep = { status: string; detail?: Record<string, number> };

describe.skipIf(!haveChromium && !mustRun)('SLA must-show (issue 7) against the local twin, in Chromium', () => {
  let env: AppWithTwin | undefined;
  let wiring: typeof import('../../shared/sla/wiring');
  const failedCalls: string[] = [];

  const fire = async (at: string): Promise<Sweep> => {
    const [{ invokeEntry }, { schedulePayload }, { scheduleByName }] = await Promise.all([
      import('../../infra/local/lambda'),
      import('../../infra/local/scheduler'),
      import('../../events/schedules'),
    ]);
    const def = scheduleByName('sla')!;
    return (await invokeEntry(def.target, schedulePayload(def, new Date(at)))) as Sweep;
  };
  const ticketItem = async (ticketId: string) => (await (await import('../../shared/db/entities/ticket')).Ticket.get({ ticketId }).go()).data!;
  const userId = async (email: string) => (await (await import('../../infra/local/seed-customers')).actorFor(email)).userId;
  const breachMails = async (number: string) => {
    const { emails } = (await (await fetch(`${env!.twin.state.endpoints.ses}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] };
    return emails.filter((m) => m.subject.startsWith('SLA breached') && m.subject.includes(number)).flatMap((m) => m.destination.to);
  };

  beforeAll(async () => {
    assertRunnable();
    // The desk reads SLA times against the same clock (as /config.json tells it under npm start -- --sla-clock).
    env = await startAppWithTwin('sla-must-show', { demoData: true, webConfig: () => ({ slaClockOffsetMs: Date.parse(friday1755) - Date.now() }) });
    wiring = await import('../../shared/sla/wiring');
    wiring.slaClock.now = () => friday1755;
  }, 240_000);

  afterAll(async () => {
    if (wiring) wiring.slaClock.now = () => new Date().toISOString();
    if (failedCalls.length) console.warn(`[web/e2e/sla-must-show] API answers >= 400:\n  ${failedCalls.join('\n  ')}`);
    await env?.stop();
  });

  it('Friday 17:55 → due Monday 09:55, paused while waiting, one breach and escalation on Monday, on the dashboard', async () => {
    // The customer opens a ticket on Atlas (customers choose up to High).
    const customer = await signIn(env!, await newPage(env!, failedCalls), CUSTOMER);
    await customer.getByRole('combobox', { name: en.contacts.switcher.label }).click();
    await customer.getByRole('option', { name: ATLAS, exact: true }).click();
    await customer.getByRole('navigation').getByRole('link', { name: en.nav.portalTickets, exact: true }).click();
    await customer.getByRole('link', { name: en.tickets.my.newTicket }).click();
    const form = customer.getByTestId('new-ticket-form');
    await form.getByRole('combobox', { name: en.tickets.create.category }).selectOption({ label: 'General' });
    await form.getByRole('combobox', { name: en.tickets.create.priority }).selectOption('high');
    await form.getByRole('textbox', { name: en.tickets.create.subject }).fill(SUBJECT);
    await form.getByRole('textbox', { name: en.tickets.create.description }).fill('Nobody receives mail since 17:50.');
    await form.getByRole('button', { name: en.tickets.create.submit }).click();
    const heading = customer.getByRole('heading', { level: 1, name: new RegExp(`^#\\d{6} · `) });
    await heading.waitFor();
    const number = /#(\d{6})/.exec((await heading.textContent()) ?? '')![1]!;
    const ticketId = decodeURIComponent(new URL(customer.url()).pathname.split('/').pop()!);
    const [agentId, managerId] = await Promise.all([userId(AGENT), userId(MANAGER)]);
    expect(await ticketItem(ticketId)).toMatchObject({ groupId: 'support' });

    // The manager (the Support group's lead) has the agent take it, if auto-assignment picked the
    // manager, then makes it urgent: the first response is due Monday 09:55 in Algiers.
    const desk = await signIn(env!, await newPage(env!, failedCalls, { width: 1440 }), MANAGER);
    await desk.goto(`${env!.appUrl}/desk/tickets/${encodeURIComponent(ticketId)}`);
    const assignment = desk.getByTestId('ticket-assignment');
    if ((await ticketItem(ticketId)).assigneeId !== agentId) {
      await assignment.getByRole('combobox', { name: en.tickets.desk.panel.assignTo }).selectOption(agentId);
      await assignment.getByRole('button', { name: en.tickets.desk.panel.assign, exact: true }).click();
    }
    await assignment.locator(`option[value="${agentId}"][disabled]`).waitFor({ state: 'attached' });
    expect((await ticketItem(ticketId)).assigneeId).toBe(agentId);
    await desk.getByRole('combobox', { name: en.tickets.fields.priority }).selectOption('urgent');
    const first = desk.getByTestId('sla-firstResponse');
    await first.getByText(due).waitFor();
    await desk.screenshot({ path: join(env!.shots, '01-due-monday.png'), fullPage: true });

    // Waiting on the customer pauses it (no due time while paused); back in progress it runs again.
    const move = async (status: 'waiting_on_customer' | 'in_progress') => {
      await desk.getByRole('combobox', { name: en.tickets.desk.panel.moveTo }).selectOption(status);
      await desk.getByRole('button', { name: en.tickets.desk.panel.apply, exact: true }).click();
      await desk.getByTestId('ticket-status-panel').getByText(en.tickets.statuses[status], { exact: true }).first().waitFor();
    };
    await move('waiting_on_customer');
    await first.getByText(en.slaDesk.states.paused, { exact: true }).waitFor();
    expect(await first.getByText(due).count()).toBe(0);
    expect((await ticketItem(ticketId)).sla.clocks.firstResponse).toMatchObject({ state: 'paused' });
    await desk.screenshot({ path: join(env!.shots, '02-paused.png'), fullPage: true });
    await move('in_progress');
    await first.getByText(en.slaDesk.states.running, { exact: true }).waitFor();
    await first.getByText(due).waitFor();

    // The sweep as of Monday 10:30 local: one breach, escalated to the lead, each recipient mailed once.
    expect(await fire(monday1030)).toMatchObject({ status: 'succeeded', detail: { breached: 1, escalated: 1 } });
    expect(await fire('2026-03-09T09:31:00Z')).toMatchObject({ status: 'succeeded', detail: { checked: 0, breached: 0, escalated: 0, notified: 0 } });
    const { SlaBreach } = await import('../../shared/db/entities/sla-breach');
    const breaches = (await SlaBreach.query.byTicket({ ticketId }).go()).data;
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({ target: 'firstResponse', dueAt: '2026-03-09T08:55:00.000Z', lateMinutes: 35, priority: 'urgent', assigneeId: agentId });
    expect(await ticketItem(ticketId)).toMatchObject({ priority: 'urgent', groupId: 'support', assigneeId: managerId });
    const recipients = await breachMails(number);
    expect(recipients).toHaveLength(2);
    expect(recipients.some((to) => to.includes(AGENT))).toBe(true);
    expect(recipients.some((to) => to.includes(MANAGER))).toBe(true);

    // The manager answers at 10:40 (first response met, late); the breach and the answer reach the metrics.
    wiring.slaClock.now = () => monday1040;
    await desk.reload();
    await first.getByText(en.slaDesk.states.breached, { exact: true }).waitFor();
    const composer = desk.getByTestId('ticket-composer');
    await composer.locator('textarea').fill('We are on it: the mail relay is restarting.');
    await composer.getByRole('button', { name: en.tickets.composer.send, exact: true }).click();
    await first.getByText(en.slaDesk.states.met, { exact: true }).waitFor();
    await env!.twin.gateway.feed.drain();

    await desk.getByRole('navigation').getByRole('link', { name: en.nav.slaDashboard, exact: true }).click();
    await desk.getByRole('heading', { level: 1, name: en.slaDesk.dashboard.title }).waitFor();
    await field(desk, en.slaDesk.dashboard.from).fill('2026-03-06');
    await field(desk, en.slaDesk.dashboard.to).fill('2026-03-10');
    await desk.getByTestId('kpi-attainment').getByText('0 %').waitFor();
    expect(await desk.getByTestId('kpi-breaches').textContent()).toContain('1');
    await desk.getByTestId('chart-attainment').locator('.recharts-line-dot, .recharts-dot').first().waitFor();
    expect(await desk.getByTestId('chart-breaches-group').locator('.recharts-bar-rectangle').count()).toBe(1);
    await desk.screenshot({ path: join(env!.shots, '03-dashboard.png'), fullPage: true });
    expect(failedCalls).toEqual([]);
  }, 180_000);
});
