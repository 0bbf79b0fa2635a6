import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, signInEach, startTestTwin, type Reply, type TestTwin } from '../../infra/local/testing/api.js';

// The ticket backfill against the local twin: tickets written while no SLA configuration existed
// (and whose timers and queue counters are then taken away, as for tickets older than them) get,
// once the demo SLA seed is in, exactly what a fresh creation gives; a second run writes nothing.

let test: TestTwin;
type Who = 'alice' | 'agent' | 'admin';
const token: Record<Who, string> = { alice: '', agent: '', admin: '' };
const id: Record<Who, string> = { alice: '', agent: '', admin: '' };
const corp = 'backfill-corp';
const category = 'backfill-general';
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const raw = (r: Reply) => JSON.stringify(r.body);
const legacy: Record<'open' | 'waiting' | 'resolved' | 'closed', string> = { open: '', waiting: '', resolved: '', closed: '' };
let fresh: string;
let truth: Record<string, number>;
const original: Record<string, { at: string; duesk?: string | undefined }> = {};

const mod = async () => ({
  backfill: await import('./backfill.js'),
  ...(await import('../db/entities/ticket.js')),
  ...(await import('../db/entities/ticket-timer.js')),
  ...(await import('../db/entities/counter.js')),
  ...(await import('../streams/counters.js')),
});
const drain = () => test.twin.gateway.feed.drain();
const nonZero = (values: Record<string, number>) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== 0));

async function openTicket(priority: string): Promise<string> {
  const res = await call('POST', '/tickets', 'agent', { subject: `Backfill ${priority}`, description: 'Older than the SLA engine.', customerId: corp, categoryId: category, priority, requesterId: id.alice });
  expect(res.status, raw(res)).toBe(201);
  return res.body!.ticketId as string;
}

async function move(ticketId: string, status: string) {
  const { Ticket } = await mod();
  const { data } = await Ticket.get({ ticketId }).go();
  const res = await call('POST', `/tickets/${ticketId}/status`, 'agent', { version: data!.version, status });
  expect(res.status, raw(res)).toBe(200);
}

beforeAll(async () => {
  test = await startTestTwin('backfill');
  await signInEach(test, { alice: 'customer@cloudmanager.example', agent: 'agent@cloudmanager.example', admin: 'admin@cloudmanager.example' }, token, id);
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Backfill Trading SARL', currency: 'DZD' }, { userId: id.alice, name: 'Chloé', email: 'customer@cloudmanager.example' });
  const group = await call('POST', '/support-groups', 'admin', { name: 'Backfill desk', description: 'Backfill team', leadId: id.admin });
  expect(group.status, raw(group)).toBe(201);
  expect((await call('POST', `/support-groups/${group.body!.groupId}/members/${id.agent}`, 'admin')).status).toBe(200);
  const { TicketCategory } = await import('../db/entities/ticket-category.js');
  await TicketCategory.create({ categoryId: category, parentKey: 'root', name: 'Backfill general', nameLower: 'backfill general', defaultGroupId: group.body!.groupId }).go();

  // Written with no SLA configuration at all.
  legacy.open = await openTicket('high');
  legacy.waiting = await openTicket('medium');
  legacy.resolved = await openTicket('low');
  legacy.closed = await openTicket('urgent');
  await move(legacy.waiting, 'waiting_on_customer');
  await move(legacy.resolved, 'resolved');
  await move(legacy.closed, 'resolved');
  await move(legacy.closed, 'closed');

  // Then the SLA configuration arrives; a ticket created now is the reference.
  await (await import('../../infra/local/seed-sla.js')).seedSla();
  (await import('../sla/config.js')).resetSlaConfigCache();
  fresh = await openTicket('high');
  await drain();

  // Take away what tickets older than the engine and the counters would lack.
  const { Ticket, TicketTimer, Counter, readCounters, ticketQueueScope } = await mod();
  for (const ticketId of Object.values(legacy)) expect((await Ticket.get({ ticketId }).go()).data!.sla).toBeUndefined();
  for (const [ticketId, kind] of [[legacy.resolved, 'auto-close'], [legacy.waiting, 'waiting-remind']] as const) {
    const { data } = await TicketTimer.get({ ticketId, kind }).go();
    original[kind] = { at: data!.at, duesk: data!.duesk };
    await TicketTimer.delete({ ticketId, kind }).go();
  }
  truth = nonZero(await readCounters(ticketQueueScope));
  expect(truth.all).toBe(3);
  await Counter.delete({ scope: ticketQueueScope, name: 'all' }).go();
  await Counter.put({ scope: ticketQueueScope, name: `group#${group.body!.groupId}`, value: -7 }).go();
  await Counter.put({ scope: ticketQueueScope, name: 'group#gone', value: 4 }).go();
  await drain();
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('ticket backfill', () => {
  it('is needed on start, runs resumably and gives the SLA clocks, timers and queue counts of a fresh creation', async () => {
    const { backfill, Ticket, TicketTimer, readCounters, ticketQueueScope } = await mod();
    expect(await backfill.backfillNeeded()).toBe(true);

    // Stop after the first page, then continue from the cursor.
    let pages = 0;
    const first = await backfill.runBackfill(null, { pageSize: 2, settle: drain, onProgress: () => pages++, shouldStop: () => pages >= 1 });
    expect(first).toMatchObject({ done: false, phase: 'tickets', ticketsDone: 2 });
    expect(first.cursor).toEqual(expect.any(String));
    const report = await backfill.runBackfill(first.cursor, { pageSize: 2, settle: drain });
    expect(report).toMatchObject({ done: true, cursor: null, ticketsDone: 5, slaWritten: 4, timersCreated: 2, failed: 0, counters: { status: 'rebuilt', corrected: 3 } });

    const { computeSla, dueKeys } = await import('../sla/engine.js');
    const { policyFor } = await import('../sla/wiring.js');
    const reference = (await Ticket.get({ ticketId: fresh }).go()).data!;
    for (const ticketId of Object.values(legacy)) {
      const t = (await Ticket.get({ ticketId }).go()).data!;
      const { policy, calendar } = await policyFor(t);
      const { sla: _s, duepk: _p, duesk: _k, ...bare } = t;
      // The engine's from-scratch result at the instant the backfill computed, with the `due` keys it implies.
      const at = t.sla.clocks.resolution.countedTo as string;
      expect(t.sla, ticketId).toEqual(computeSla({ ticket: bare as never, policy, calendar, now: at }).sla);
      expect({ duepk: t.duepk, duesk: t.duesk }).toEqual({ duepk: undefined, duesk: undefined, ...dueKeys(t.sla, ticketId) });
      expect(Object.keys(t.sla.clocks).sort(), ticketId).toEqual(Object.keys(reference.sla.clocks).sort());
    }
    // The open ticket is due when it would have been, had the policy existed at its creation.
    const open = (await Ticket.get({ ticketId: legacy.open }).go()).data!;
    const { policy, calendar } = await policyFor(open);
    const { sla: _s, ...bare } = open;
    const atCreation = computeSla({ ticket: bare as never, policy, calendar, now: open.createdAt }).sla!;
    expect(open.sla.policyId).toBe(reference.sla.policyId);
    expect(open.sla.clocks.firstResponse.dueAt).toBe(atCreation.clocks.firstResponse!.dueAt);
    expect(open.sla.clocks.resolution.dueAt).toBe(atCreation.clocks.resolution!.dueAt);
    expect(open.duepk).toBe('sla');
    expect((await Ticket.get({ ticketId: legacy.waiting }).go()).data!.sla.clocks.resolution.state).toBe('paused');
    expect((await Ticket.get({ ticketId: legacy.closed }).go()).data!.sla.clocks.resolution.state).toBe('met');

    // Timers: the auto-close one exactly as the status change wrote it; the reminder from the status event (same request).
    const autoClose = (await TicketTimer.get({ ticketId: legacy.resolved, kind: 'auto-close' }).go()).data!;
    expect({ at: autoClose.at, duesk: autoClose.duesk }).toEqual(original['auto-close']);
    const remind = (await TicketTimer.get({ ticketId: legacy.waiting, kind: 'waiting-remind' }).go()).data!;
    expect(Math.abs(Date.parse(remind.at) - Date.parse(original['waiting-remind']!.at))).toBeLessThan(1_000);
    expect(remind.duesk).toBe(`${remind.at}#${legacy.waiting}`);

    await drain();
    expect(nonZero(await readCounters(ticketQueueScope))).toEqual(truth);
    expect(await backfill.backfillNeeded()).toBe(false);
  });

  it('counts the queues again when a ticket changes while they are counted, and stays exact', async () => {
    const { backfill, Counter, Ticket, readCounters, ticketQueueScope } = await mod();
    await Counter.put({ scope: ticketQueueScope, name: 'all', value: 1 }).go();
    let settles = 0;
    let created = '';
    const report = await backfill.runBackfill(null, {
      settle: async () => {
        settles += 1;
        // Between the count and the second read of the counters: a new ticket moves them.
        if (settles === 2) created = await openTicket('medium');
        await drain();
      },
    });
    expect(created).not.toBe('');
    expect(settles).toBe(4);
    expect(report).toMatchObject({ done: true, counters: { status: 'rebuilt', corrected: 1 } });
    await drain();
    // Exact: what the tickets now count, the new one included.
    const { data: tickets } = await Ticket.query.byAll({ directory: 'tickets' }).go({ pages: 'all' });
    const counted = Object.fromEntries(backfill.queueTotals(tickets));
    expect(counted.all).toBe(truth.all! + 1);
    expect(nonZero(await readCounters(ticketQueueScope))).toEqual(counted);
  });

  it('a second run writes nothing', async () => {
    const { backfill } = await mod();
    await drain();
    const before = test.twin.gateway.feed.records().length;
    const report = await backfill.runBackfill(null, { settle: drain });
    expect(report).toMatchObject({ done: true, slaWritten: 0, timersCreated: 0, failed: 0, counters: { status: 'rebuilt', corrected: 0 } });
    await drain();
    expect(test.twin.gateway.feed.records().length).toBe(before);
  });
});
