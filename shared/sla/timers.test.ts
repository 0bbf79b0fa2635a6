import { describe, expect, it } from 'vitest';
import type { TicketItem } from '../db/entities/ticket.js';
import { automationTimerItems } from './automation-timers.js';
import { overdueItems, overdueSince } from './overdue.js';
import type { TicketSla } from './types.js';

const now = '2030-03-04T10:00:00.000Z';
const ticket = (status: TicketItem['status'], extra: Partial<TicketItem> = {}) => ({ ticketId: 't1', status, ...extra }) as TicketItem;
/** Each item as `<Put|Delete> <pk> [duepk duesk]`. */
const describeItems = (items: ReturnType<typeof automationTimerItems>) =>
  items.map((i) => (i.Put ? `Put ${i.Put.Item!.pk} ${i.Put.Item!.duepk} ${i.Put.Item!.duesk}` : `Delete ${i.Delete!.Key!.pk}`));

const breached = (state: 'breached' | 'paused' | 'met'): TicketSla => ({
  policyId: 'p', calendarId: 'c', nextResponseCycle: 0,
  clocks: {
    firstResponse: { targetMinutes: 60, startedAt: now, consumedMinutes: 70, countedTo: now, pausedMinutes: 0, state, breachedAt: '2030-03-04T09:00:00.000Z' },
  },
});

describe('automation timers', () => {
  it('starts the auto-close timer when a ticket is resolved and drops it when it leaves resolved', () => {
    expect(describeItems(automationTimerItems(ticket('in_progress'), ticket('resolved', { resolvedAt: now }), now))).toEqual([
      `Put timer#t1#auto-close auto-close ${now}#t1`,
    ]);
    expect(describeItems(automationTimerItems(ticket('resolved'), ticket('open'), now))).toEqual(['Delete timer#t1#auto-close']);
  });

  it('starts the reminder timer when waiting on the customer and drops both waiting timers on leaving', () => {
    expect(describeItems(automationTimerItems(ticket('open'), ticket('waiting_on_customer'), now))).toEqual([
      `Put timer#t1#waiting-remind waiting-remind ${now}#t1`,
    ]);
    expect(describeItems(automationTimerItems(ticket('waiting_on_customer'), ticket('in_progress'), now))).toEqual([
      'Delete timer#t1#waiting-remind',
      'Delete timer#t1#waiting-resolve',
    ]);
  });

  it('writes nothing when the status stays, and nothing for a new open ticket', () => {
    expect(automationTimerItems(ticket('resolved'), ticket('resolved', { priority: 'high' }), now)).toEqual([]);
    expect(automationTimerItems(undefined, ticket('open'), now)).toEqual([]);
  });
});

describe('overdue marker', () => {
  it('is the earliest breach of a clock still owed, on an unresolved ticket', () => {
    expect(overdueSince(ticket('open', { sla: breached('breached') }))).toBe('2030-03-04T09:00:00.000Z');
    // Paused after the breach: still owed.
    expect(overdueSince(ticket('waiting_on_customer', { sla: breached('paused') }))).toBe('2030-03-04T09:00:00.000Z');
    expect(overdueSince(ticket('open', { sla: breached('met') }))).toBeUndefined();
    expect(overdueSince(ticket('resolved', { sla: breached('breached') }))).toBeUndefined();
  });

  it('is put when a ticket becomes overdue, deleted when it stops, untouched otherwise', () => {
    const late = ticket('open', { sla: breached('breached') });
    expect(describeItems(overdueItems(ticket('open'), late))).toEqual(['Put timer#t1#overdue overdue 2030-03-04T09:00:00.000Z#t1']);
    expect(overdueItems(late, { ...late, priority: 'urgent' })).toEqual([]);
    expect(describeItems(overdueItems(late, ticket('resolved', { sla: breached('breached') })))).toEqual(['Delete timer#t1#overdue']);
  });
});
