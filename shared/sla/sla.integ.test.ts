import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, startTestTwin, signInEach, type Reply, type TestTwin } from '../../infra/local/testing/api.js';

// The SLA engine against the local twin: due times kept on every ticket change, the `sla` sweep
// (breach, escalation, mail, idempotency), the overdue queue and the ticket automation. The sweep's
// cost over 10,000 tickets is measured in sweep-cost.integ.test.ts.
//
// Clock: ticket changes take the SLA's "now" from `slaClock` (shared/sla/wiring.ts), which the
// test sets (the API handlers run in this process). The ticket is created through the API, then
// its `createdAt` is moved to Friday 17:55 in Algiers and its SLA recomputed from scratch with
// `recomputeSla` at that instant; later changes go through the API with the clock moved forward.
// Sweeps are fired like `npm run schedule -- <name>` with a chosen scheduled time.

let test: TestTwin;
type Who = 'alice' | 'agent' | 'manager' | 'admin';
const token: Record<Who, string> = { alice: '', agent: '', manager: '', admin: '' };
const id: Record<Who, string> = { alice: '', agent: '', manager: '', admin: '' };
const corp = 'sla-test-corp';
const category = 'sla-test-general';
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const raw = (r: Reply) => JSON.stringify(r.body);
let desk: string;
let escalations: string;
let wiring: typeof import('./wiring.js');

// Friday 1 March 2030, 17:55 in Algiers (UTC+1 all year) = 16:55Z; Monday 4 March 09:55 local = 08:55Z.
const friday1755 = '2030-03-01T16:55:00.000Z';
const localTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Algiers', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

async function ticketItem(ticketId: string) {
  const { Ticket } = await import('../db/entities/ticket.js');
  return (await Ticket.get({ ticketId }).go()).data!;
}

async function fire(schedule: 'sla' | 'ticket-automation', at: string) {
  const [{ invokeEntry }, { schedulePayload }, { scheduleByName }] = await Promise.all([
    import('../../infra/local/lambda.js'),
    import('../../infra/local/scheduler.js'),
    import('../../events/schedules.js'),
  ]);
  const def = scheduleByName(schedule)!;
  const payload = { ...schedulePayload(def, new Date(at)), scheduledTime: at };
  return (await invokeEntry(def.target, payload)) as { status: string; detail?: Record<string, number> };
}

async function openTicket(priority: string, subject = 'Mail server down'): Promise<Record<string, any>> {
  const res = await call('POST', '/tickets', 'agent', { subject, description: 'Nobody receives mail.', customerId: corp, categoryId: category, priority, requesterId: id.alice });
  expect(res.status, raw(res)).toBe(201);
  return res.body!;
}

async function move(ticketId: string, status: string) {
  const current = await ticketItem(ticketId);
  const res = await call('POST', `/tickets/${ticketId}/status`, 'agent', { version: current.version, status });
  expect(res.status, raw(res)).toBe(200);
}

const subjects = async (to: string, contains: string) => (await test.sentMail(to)).filter((m) => m.subject.includes(contains));

beforeAll(async () => {
  test = await startTestTwin('sla');
  await signInEach(test, { alice: 'customer@cloudmanager.example', agent: 'agent@cloudmanager.example', manager: 'manager@cloudmanager.example', admin: 'admin@cloudmanager.example' }, token, id);
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: id.alice, name: 'Chloé', email: 'customer@cloudmanager.example' });
  const group = async (name: string, leadId: string, members: Who[]) => {
    const res = await call('POST', '/support-groups', 'admin', { name, description: `${name} team`, leadId });
    expect(res.status, raw(res)).toBe(201);
    for (const who of members) expect((await call('POST', `/support-groups/${res.body!.groupId}/members/${id[who]}`, 'admin')).status).toBe(200);
    return res.body!.groupId as string;
  };
  desk = await group('SLA desk', id.manager, ['agent']);
  escalations = await group('SLA escalations', id.admin, []);
  const { TicketCategory } = await import('../db/entities/ticket-category.js');
  await TicketCategory.create({ categoryId: category, parentKey: 'root', name: 'SLA general', nameLower: 'sla general', defaultGroupId: desk }).go();
  const { SlaCalendar } = await import('../db/entities/sla-calendar.js');
  const { SlaPolicy } = await import('../db/entities/sla-policy.js');
  const weekday = [{ start: '09:00', end: '18:00' }];
  await SlaCalendar.create({ calendarId: 'sla-test-office', name: 'Office hours', timezone: 'Africa/Algiers', mode: 'business', week: [weekday, weekday, weekday, weekday, weekday, [], []], holidays: [] }).go();
  const policy = { pauseStatuses: ['waiting_on_customer', 'on_hold'], warningPercent: 80, active: true };
  // Customer-specific: more specific than any demo policy.
  await SlaPolicy.create({
    ...policy, policyId: 'sla-test-urgent', name: 'Urgent (test)', priority: 'urgent', customerId: corp, matchKey: `urgent#*#*#${corp}`, calendarId: 'sla-test-office',
    targets: { firstResponse: 60 }, escalation: { raisePriority: true, moveToGroupId: escalations, assignToLead: true, notifyManagers: true },
  }).go();
  wiring = await import('./wiring.js');
  (await import('./config.js')).resetSlaConfigCache();
}, 180_000);

afterAll(async () => {
  if (wiring) wiring.slaClock.now = () => new Date().toISOString();
  await test?.stop();
});

describe('the must-show: Friday 17:55, 60 business minutes, Mon–Fri 09:00–18:00 Africa/Algiers', () => {
  let ticketId: string;

  it('an urgent ticket created Friday 17:55 local is due Monday 09:55 local', async () => {
    wiring.slaClock.now = () => friday1755;
    ticketId = (await openTicket('urgent')).ticketId;
    await test.twin.gateway.feed.drain();
    const { documentClient, tableName } = await import('../db/client.js');
    await documentClient.send(new UpdateCommand({
      TableName: tableName, Key: { pk: `$cm#ticketid_${ticketId}`, sk: '$ticket_1' },
      UpdateExpression: 'SET createdAt = :c REMOVE sla, duepk, duesk', ExpressionAttributeValues: { ':c': friday1755 },
    }));
    await wiring.recomputeSla(ticketId, friday1755);

    const ticket = await ticketItem(ticketId);
    const clock = ticket.sla.clocks.firstResponse;
    expect(clock).toMatchObject({ state: 'running', targetMinutes: 60, consumedMinutes: 0, dueAt: '2030-03-04T08:55:00.000Z' });
    expect(localTime(clock.dueAt)).toBe('Monday 09:55');
    // Warned at 80 %: 48 business minutes, Monday 09:43 local; that is its next check in the due index.
    expect(localTime(clock.warnAt)).toBe('Monday 09:43');
    expect(ticket).toMatchObject({ duepk: 'sla', duesk: `2030-03-04T08:43:00.000Z#${ticketId}`, assigneeId: id.agent, groupId: desk });
  });

  it('waiting_on_customer pauses it (no due time, out of the due index); back in progress it resumes with its minutes kept', async () => {
    wiring.slaClock.now = () => '2030-03-01T16:57:00.000Z';
    await move(ticketId, 'waiting_on_customer');
    let ticket = await ticketItem(ticketId);
    expect(ticket.sla.clocks.firstResponse).toMatchObject({ state: 'paused', consumedMinutes: 2 });
    expect(ticket.sla.clocks.firstResponse.dueAt).toBeUndefined();
    expect(ticket.duepk).toBeUndefined();

    // Monday 09:00 local: 58 minutes left → due 09:58.
    wiring.slaClock.now = () => '2030-03-04T08:00:00.000Z';
    await move(ticketId, 'in_progress');
    ticket = await ticketItem(ticketId);
    expect(ticket.sla.clocks.firstResponse).toMatchObject({ state: 'running', consumedMinutes: 2 });
    expect(localTime(ticket.sla.clocks.firstResponse.dueAt)).toBe('Monday 09:58');
  });

  it('a forced sweep after the due time records one breach, mails once, escalates as configured; repeats do nothing more', async () => {
    const before = await ticketItem(ticketId);
    // Monday 12:00 local: 2 + 180 business minutes used, 122 late.
    const first = await fire('sla', '2030-03-04T11:00:00Z');
    expect(first).toMatchObject({ status: 'succeeded', detail: { breached: 1, escalated: 1, warned: 0 } });

    const { SlaBreach } = await import('../db/entities/sla-breach.js');
    const breaches = (await SlaBreach.query.byTicket({ ticketId }).go()).data;
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({ target: 'firstResponse', cycle: 1, policyId: 'sla-test-urgent', lateMinutes: 122, priority: 'urgent', groupId: desk, assigneeId: id.agent, dueAt: '2030-03-04T08:58:00.000Z' });
    const after = await ticketItem(ticketId);
    // Escalation: urgent stays urgent, moved to the escalation group and assigned to its lead.
    expect(after).toMatchObject({ priority: 'urgent', groupId: escalations, assigneeId: id.admin, assigneeKey: id.admin });
    expect(after.sla.clocks.firstResponse).toMatchObject({ state: 'breached', breachedAt: '2030-03-04T11:00:00.000Z' });
    expect(after.duepk).toBeUndefined();

    // A double fire of the same run, a later run, and a late retry holding the ticket as it was read before.
    expect(await fire('sla', '2030-03-04T11:00:00Z')).toMatchObject({ status: 'skipped' });
    expect(await fire('sla', '2030-03-04T11:01:00Z')).toMatchObject({ status: 'succeeded', detail: { breached: 0, checked: 0 } });
    const { checkTicket } = await import('./sweep.js');
    expect(await checkTicket(before, '2030-03-04T11:00:00.000Z')).toBe('nothing');

    expect((await SlaBreach.query.byTicket({ ticketId }).go()).data).toHaveLength(1);
    const final = await ticketItem(ticketId);
    expect(final.version).toBe(after.version);
    // One breach mail each: the assignee at the breach, the new group's lead (new assignee), the managers.
    expect(await subjects('agent@cloudmanager.example', 'SLA breached')).toHaveLength(1);
    expect(await subjects('admin@cloudmanager.example', 'SLA breached')).toHaveLength(1);
    expect(await subjects('manager@cloudmanager.example', 'SLA breached')).toHaveLength(1);
    const { TicketEvent } = await import('../db/entities/ticket-event.js');
    const kinds = (await TicketEvent.query.byTicket({ ticketId }).go({ pages: 'all' })).data.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'sla_breach')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'group')).toHaveLength(1);
  });

  it('the overdue queue lists it while breached and open, through the API, and drops it once resolved', async () => {
    const listed = await call('GET', '/tickets?overdue=true', 'manager');
    expect(listed.status, raw(listed)).toBe(200);
    expect(listed.body!.items.map((t: { ticketId: string }) => t.ticketId)).toContain(ticketId);
    const inGroup = await call('GET', `/tickets?overdue=true&queue=group&groupId=${desk}`, 'manager');
    expect(inGroup.body!.items.map((t: { ticketId: string }) => t.ticketId)).not.toContain(ticketId);
    const mine = await call('GET', '/tickets?overdue=true&queue=mine', 'admin');
    expect(mine.body!.items.map((t: { ticketId: string }) => t.ticketId)).toContain(ticketId);

    wiring.slaClock.now = () => '2030-03-04T12:00:00.000Z';
    const current = await ticketItem(ticketId);
    const res = await call('POST', `/tickets/${ticketId}/status`, 'admin', { version: current.version, status: 'resolved' });
    expect(res.status, raw(res)).toBe(200);
    const after = await call('GET', '/tickets?overdue=true', 'manager');
    expect(after.body!.items.map((t: { ticketId: string }) => t.ticketId)).not.toContain(ticketId);
    expect((await call('GET', '/tickets?overdue=maybe', 'manager')).status).toBe(400);
  });
});

describe('ticket automation', () => {
  it('reminds a waiting customer once, resolves once, then auto-closes once with the reopen window', async () => {
    const { SlaSettings } = await import('../db/entities/sla-settings.js');
    await SlaSettings.put({ settingsId: 'sla', autoClose: { enabled: true, afterDays: 2, reopenDays: 14 }, waitingReminder: { enabled: true, afterDays: 3, resolveAfterDays: 4 } }).go();
    const waitingSince = '2030-04-01T10:00:00.000Z';
    wiring.slaClock.now = () => waitingSince;
    const { ticketId, number } = await openTicket('low', 'Printer toner');
    await move(ticketId, 'waiting_on_customer');
    const day = 86_400_000;
    const at = (days: number, minutes = 0) => new Date(Date.parse(waitingSince) + days * day + minutes * 60_000).toISOString().replace('.000Z', 'Z');

    // (The must-show's ticket, resolved in March, may be auto-closed by this first run.)
    expect(await fire('ticket-automation', at(2))).toMatchObject({ detail: { reminded: 0, resolved: 0 } });
    expect(await fire('ticket-automation', at(3, 1))).toMatchObject({ detail: { reminded: 1 } });
    expect(await fire('ticket-automation', at(3, 2))).toMatchObject({ detail: { reminded: 0 } });
    expect((await ticketItem(ticketId)).status).toBe('waiting_on_customer');
    expect(await subjects('customer@cloudmanager.example', 'We are waiting for your reply: Printer toner')).toHaveLength(1);

    // Four days after the reminder (sent at day 3 + 1 min).
    expect(await fire('ticket-automation', at(7, 0))).toMatchObject({ detail: { resolved: 0 } });
    expect(await fire('ticket-automation', at(7, 2))).toMatchObject({ detail: { resolved: 1 } });
    expect(await fire('ticket-automation', at(7, 3))).toMatchObject({ detail: { resolved: 0 } });
    const resolved = await ticketItem(ticketId);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: new Date(at(7, 2)).toISOString() });

    expect(await fire('ticket-automation', at(9, 1))).toMatchObject({ detail: { closed: 0 } });
    expect(await fire('ticket-automation', at(9, 3))).toMatchObject({ detail: { closed: 1 } });
    expect(await fire('ticket-automation', at(9, 4))).toMatchObject({ detail: { closed: 0 } });
    expect((await ticketItem(ticketId)).status).toBe('closed');
    const closedMail = await subjects('customer@cloudmanager.example', 'Your ticket was closed: Printer toner');
    expect(closedMail).toHaveLength(1);
    expect(closedMail[0]!.body.text).toContain('within 14 days');
    // The automatic close sends its own mail, not the generic status mail.
    // (Status mails read "Ticket #<number> is now closed"; every ticket mail's subject carries the number.)
    const aboutIt = await subjects('customer@cloudmanager.example', number);
    expect(aboutIt.filter((m) => /closed/i.test(m.subject)).map((m) => m.subject)).toEqual([`Your ticket was closed: Printer toner [#${number}]`]);
    const { TicketTimer } = await import('../db/entities/ticket-timer.js');
    for (const kind of ['auto-close', 'waiting-remind', 'waiting-resolve'] as const) expect((await TicketTimer.get({ ticketId, kind }).go()).data).toBeNull();
  });
});
