import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { can, type UserActor } from '../auth/actor.js';
import { holds } from '../customers/access.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { documentClient } from '../db/client.js';
import { CustomerContact } from '../db/entities/customer-contact.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { TicketWatcher, type TicketWatcherItem } from '../db/entities/ticket-watcher.js';
import { User } from '../db/entities/user.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AppError, ForbiddenError, NotFoundError } from '../errors.js';
import { loadTicketFor } from './access.js';
import type { AddWatcher, MyWatchingQuery, WatcherPreferences, WatcherView } from './organisation-schemas.js';
import { eventPut, type TransactItem } from './store.js';

export type WatchedEvent = 'reply' | 'status' | 'assignment';

export function toWatcherView(item: TicketWatcherItem): WatcherView {
  return {
    ticketId: item.ticketId,
    userId: item.userId,
    kind: item.kind,
    name: item.name,
    email: item.email,
    reply: item.reply,
    status: item.status,
    assignment: item.assignment,
    version: item.version,
    createdAt: item.createdAt,
  };
}

/**
 * The ticket for a watcher route: anyone who can read it (customers: their account's tickets, else
 * 404). Acting on someone else's watch needs staff with `tickets:update` (403 otherwise).
 */
async function ticketForWatch(actor: UserActor, ticketId: string, userId: string): Promise<TicketItem> {
  const ticket = await loadTicketFor(actor, ticketId, 'read');
  if (userId !== actor.userId && !(actor.isStaff && can(actor, 'tickets:update'))) {
    throw new ForbiddenError('You may only start or stop watching for yourself');
  }
  return ticket;
}

/**
 * Who may watch a ticket: active staff, or a contact of the ticket's customer who may see it
 * (its requester, or holding `canSeeTickets`). Anyone else: 400 `watcher_not_eligible`.
 */
async function eligibleWatcher(ticket: TicketItem, userId: string): Promise<{ kind: 'staff' | 'contact'; name: string; email: string }> {
  const [{ data: user }, { data: contact }] = await Promise.all([
    User.get({ userId }).go(),
    CustomerContact.get({ customerId: ticket.customerId, userId }).go(),
  ]);
  if (user?.kind === 'staff' && user.status === 'active') return { kind: 'staff', name: user.name, email: user.email };
  if (user?.status === 'active' && contact && (ticket.requesterId === userId || holds(contact, 'canSeeTickets'))) {
    return { kind: 'contact', name: contact.name, email: contact.email };
  }
  throw new AppError(400, 'watcher_not_eligible', 'Only staff and contacts of this ticket’s customer who may see it can watch it');
}

async function readWatcher(ticketId: string, userId: string): Promise<TicketWatcherItem | null> {
  const { data } = await TicketWatcher.get({ ticketId, userId }).go();
  return data;
}

/**
 * Starts watching (idempotent: an existing watch is answered as is): the watcher and a `watchers`
 * timeline event in one transaction.
 */
export async function addWatcher(actor: UserActor, ticketId: string, userId: string, input: AddWatcher): Promise<WatcherView> {
  const ticket = await ticketForWatch(actor, ticketId, userId);
  const existing = await readWatcher(ticketId, userId);
  if (existing) return toWatcherView(existing);
  const who = await eligibleWatcher(ticket, userId);
  const now = new Date().toISOString();
  const create = TicketWatcher.create({
    ticketId,
    userId,
    ...who,
    reply: input.reply ?? true,
    status: input.status ?? true,
    assignment: input.assignment ?? true,
    addedBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  }).params<{ Item: Record<string, unknown>; TableName: string; ConditionExpression?: string }>();
  const items: TransactItem[] = [
    { Put: { TableName: create.TableName, Item: create.Item, ConditionExpression: 'attribute_not_exists(pk)' } },
    eventPut(ticketId, { kind: 'watchers', to: userId, details: { action: 'added', userId, name: who.name, kind: who.kind }, actorId: actor.userId }, now),
  ];
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (reasons?.[0]?.Code !== 'ConditionalCheckFailed') throw err;
    const raced = await readWatcher(ticketId, userId);
    if (raced) return toWatcherView(raced);
    throw err;
  }
  return toWatcherView(TicketWatcher.parse({ Item: create.Item })!.data as TicketWatcherItem);
}

/** Stops watching (404 when not watching): the watcher removed and a `watchers` event, in one transaction. */
export async function removeWatcher(actor: UserActor, ticketId: string, userId: string): Promise<void> {
  await ticketForWatch(actor, ticketId, userId);
  const existing = await readWatcher(ticketId, userId);
  if (!existing) throw new NotFoundError('Not watching this ticket');
  const del = TicketWatcher.delete({ ticketId, userId }).params<{ Key: Record<string, unknown>; TableName: string }>();
  const items: TransactItem[] = [
    { Delete: { TableName: del.TableName, Key: del.Key, ConditionExpression: 'attribute_exists(pk)' } },
    eventPut(ticketId, { kind: 'watchers', from: userId, details: { action: 'removed', userId, name: existing.name, kind: existing.kind }, actorId: actor.userId }),
  ];
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (reasons?.[0]?.Code === 'ConditionalCheckFailed') throw new NotFoundError('Not watching this ticket');
    throw err;
  }
}

/** Sets which events a watcher hears about (the watcher's own choice, or staff managing it). */
export async function setWatcherPreferences(actor: UserActor, ticketId: string, userId: string, input: WatcherPreferences): Promise<WatcherView> {
  await ticketForWatch(actor, ticketId, userId);
  const existing = await readWatcher(ticketId, userId);
  if (!existing) throw new NotFoundError('Not watching this ticket');
  try {
    const { data } = await TicketWatcher.patch({ ticketId, userId })
      .set({ reply: input.reply, status: input.status, assignment: input.assignment, version: existing.version + 1 })
      .go({ response: 'all_new' });
    return toWatcherView(data as TicketWatcherItem);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new NotFoundError('Not watching this ticket');
    throw err;
  }
}

/** A ticket's watchers. Customer users see only their own watch (never who else follows the ticket). */
export async function listWatchers(actor: UserActor, ticketId: string): Promise<WatcherView[]> {
  await loadTicketFor(actor, ticketId, 'read');
  if (!actor.isStaff) {
    const mine = await readWatcher(ticketId, actor.userId);
    return mine ? [toWatcherView(mine)] : [];
  }
  const { data } = await TicketWatcher.query.byTicket({ ticketId }).go({ pages: 'all' });
  return data.map(toWatcherView);
}

/**
 * Who to tell about `event` on a ticket (for notifications): the watchers whose preference for it
 * is on. Contacts stay eligible only while they may still see the ticket; the sender checks that
 * with `customerSeesTicket` when it matters.
 */
export async function watchersFor(ticketId: string, event: WatchedEvent): Promise<{ userId: string; kind: 'staff' | 'contact'; name: string; email: string }[]> {
  const { data } = await TicketWatcher.query.byTicket({ ticketId }).go({ pages: 'all' });
  return data.filter((w) => w[event]).map((w) => ({ userId: w.userId, kind: w.kind, name: w.name, email: w.email }));
}

/**
 * The tickets the caller watches, most recently watched first: one Query on `byUser`, one
 * BatchGet of the tickets and, for customer users, one BatchGet of their contact records (a
 * ticket of an account they no longer see is left out).
 */
export async function myWatching(actor: UserActor, query: MyWatchingQuery) {
  const cursor = checkCursor(query.cursor);
  const page = await withCursor(() => TicketWatcher.query.byUser({ userId: actor.userId }).go({ order: 'desc', count: query.limit, cursor }));
  if (page.data.length === 0) return { items: [], cursor: page.cursor };
  const { data: tickets } = await Ticket.get(page.data.map((w) => ({ ticketId: w.ticketId }))).go();
  const byId = new Map(tickets.map((t) => [t.ticketId, t]));
  let visible = (t: TicketItem) => !!t;
  if (!actor.isStaff) {
    const customerIds = [...new Set(tickets.map((t) => t.customerId))];
    const { data: contacts } = customerIds.length
      ? await CustomerContact.get(customerIds.map((customerId) => ({ customerId, userId: actor.userId }))).go()
      : { data: [] };
    const byCustomer = new Map(contacts.map((c) => [c.customerId, c]));
    visible = (t) => {
      const contact = byCustomer.get(t.customerId);
      return !!contact && (t.requesterId === actor.userId || holds(contact, 'canSeeTickets'));
    };
  }
  const items = page.data.flatMap((w) => {
    const t = byId.get(w.ticketId);
    if (!t || !visible(t)) return [];
    const status = !actor.isStaff && ['waiting_qc', 'qc_pass', 'qc_fail'].includes(t.status) ? 'in_progress' : t.status;
    return [{
      ticketId: t.ticketId,
      number: t.number,
      subject: t.subject,
      status,
      priority: t.priority,
      customerId: t.customerId,
      updatedAt: t.updatedAt,
      watchingSince: w.createdAt,
      preferences: { reply: w.reply, status: w.status, assignment: w.assignment },
    }];
  });
  return { items, cursor: page.cursor };
}
