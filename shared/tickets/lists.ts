import type { UserActor } from '../auth/actor.js';
import { customerAccess, holds } from '../customers/access.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { TicketEvent, type TicketEventItem } from '../db/entities/ticket-event.js';
import { TicketSearchKey } from '../db/entities/ticket-search-key.js';
import { User } from '../db/entities/user.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { loadTicketFor } from './access.js';
import {
  publicEventKinds, type ListTicketsQuery, type MyTicketsQuery, type TicketEventView, type TicketView, type TimelineQuery,
} from './schemas.js';
import { emailTerm, subjectWords, tagTerm, wordTerm } from './search.js';
import { overdueTicketIds } from '../sla/overdue.js';
import { toTicketView } from './service.js';

/**
 * DynamoDB commands one list request may send from its handler (the API server resolves the
 * caller before, with its own reads). Index lists loop over at most this many Query pages to
 * fill a filtered page; search lists send one Query and one BatchGetItem.
 */
export const maxListCommands = 3;

type Page = { items: TicketView[]; cursor: string | null };
type TicketQuery = ReturnType<typeof Ticket.query.byAll>;

/** Which index answers a staff list: an assignee or group partition when the query names one. */
function indexFor(query: ListTicketsQuery, actor: UserActor): { query: TicketQuery; uses: 'assignee' | 'group' | 'all' } {
  const as = (q: unknown) => q as TicketQuery;
  if (query.queue === 'mine') return { query: as(Ticket.query.byAssignee({ assigneeKey: actor.userId })), uses: 'assignee' };
  if (query.queue === 'unassigned') return { query: as(Ticket.query.byAssignee({ assigneeKey: `unassigned#${query.groupId!}` })), uses: 'assignee' };
  if (query.queue === 'group' || query.groupId) return { query: as(Ticket.query.byGroup({ groupId: query.groupId! })), uses: 'group' };
  if (query.assigneeId) return { query: as(Ticket.query.byAssignee({ assigneeKey: query.assigneeId })), uses: 'assignee' };
  return { query: Ticket.query.byAll({ directory: 'tickets' }), uses: 'all' };
}

/** Reads up to `limit` tickets from an index, newest (or oldest) first, at most `pages` Query commands. */
async function readIndex(q: TicketQuery, limit: number, cursor: string | null, order: 'asc' | 'desc', pages: number) {
  const items: TicketItem[] = [];
  let next = cursor;
  for (let i = 0; i < pages && items.length < limit; i++) {
    const start = next;
    const page = await withCursor(() => q.go({ order, limit: limit - items.length, cursor: start, pages: 1 }));
    items.push(...page.data);
    next = page.cursor;
    if (!next) break;
  }
  return { items, cursor: next };
}

function ranged(q: TicketQuery, from?: string, to?: string): TicketQuery {
  if (from && to) return q.between({ createdAt: from }, { createdAt: `${to}~` }) as unknown as TicketQuery;
  if (from) return q.gte({ createdAt: from }) as unknown as TicketQuery;
  if (to) return q.lte({ createdAt: `${to}~` }) as unknown as TicketQuery;
  return q;
}

/** Every filter of a staff list, checked on a ticket read through a search key. */
function matches(t: TicketItem, query: ListTicketsQuery, actor: UserActor, words: string[]): boolean {
  if (query.queue === 'mine' && t.assigneeId !== actor.userId) return false;
  if (query.queue === 'unassigned' && t.assigneeKey !== `unassigned#${query.groupId}`) return false;
  if (query.groupId && t.groupId !== query.groupId) return false;
  if (query.assigneeId && t.assigneeId !== query.assigneeId) return false;
  if (query.status && t.status !== query.status) return false;
  if (query.priority && t.priority !== query.priority) return false;
  if (query.categoryId && t.categoryId !== query.categoryId) return false;
  if (query.channel && t.channel !== query.channel) return false;
  if (query.createdFrom && t.createdAt < query.createdFrom) return false;
  if (query.createdTo && t.createdAt > query.createdTo) return false;
  if (query.requester && t.requesterEmail.toLowerCase() !== query.requester.trim().toLowerCase()) return false;
  if (query.tag && !(t.tags ?? []).some((tag) => tagTerm(tag) === tagTerm(query.tag!))) return false;
  if (words.length) {
    const have = new Set(subjectWords(t.subject, Number.MAX_SAFE_INTEGER));
    if (!words.every((w) => have.has(w))) return false;
  }
  return true;
}

/**
 * Search lists (requester email, tag or subject words): one Query on the most selective search
 * key (email, then tag, then the longest word), one BatchGet of those tickets, the other filters
 * applied to what was read. A page may hold fewer than `limit` tickets; `cursor` goes on.
 */
async function searchPage(query: ListTicketsQuery, actor: UserActor, words: string[], start: string | null): Promise<Page> {
  const term = query.requester
    ? emailTerm(query.requester)
    : query.tag
      ? tagTerm(query.tag)
      : wordTerm([...words].sort((a, b) => b.length - a.length)[0]!);
  const keys = ranged(TicketSearchKey.query.byTerm({ term }) as unknown as TicketQuery, query.createdFrom, query.createdTo);
  const order = query.sort === 'createdAt:asc' ? 'asc' : 'desc';
  const page = await withCursor(() => keys.go({ order, limit: query.limit, cursor: start, pages: 1 }));
  const ids = page.data.map((k) => k.ticketId);
  if (!ids.length) return { items: [], cursor: page.cursor };
  const { data } = await Ticket.get(ids.map((ticketId) => ({ ticketId }))).go({ preserveBatchOrder: true });
  const items = data.filter((t): t is TicketItem => !!t && matches(t, query, actor, words));
  return { items: items.map((t) => toTicketView(t, actor)), cursor: page.cursor };
}

/**
 * The overdue queue (`overdue=true`): one Query of the `overdue` markers in the `due` index (oldest
 * breach first, whatever `sort` says), one BatchGet of those tickets, the queue and
 * other filters applied to what was read. A page may hold fewer than `limit` tickets; `cursor` goes on.
 */
async function overduePage(query: ListTicketsQuery, actor: UserActor, words: string[], start: string | null): Promise<Page> {
  const page = await withCursor(() => overdueTicketIds(query.limit, start, 'asc'));
  if (!page.ids.length) return { items: [], cursor: page.cursor };
  const { data } = await Ticket.get(page.ids.map((ticketId) => ({ ticketId }))).go({ preserveBatchOrder: true });
  const items = data.filter((t): t is TicketItem => !!t && matches(t, query, actor, words) && t.status !== 'resolved' && t.status !== 'closed');
  return { items: items.map((t) => toTicketView(t, actor)), cursor: page.cursor };
}

/** GET /tickets: staff queues (mine, unassigned in a group, a group, all) with filters, or a search. */
export async function listTickets(query: ListTicketsQuery, actor: UserActor): Promise<Page> {
  if (!actor.isStaff) throw new ForbiddenError('Customers list their tickets with /me/tickets');
  const start = checkCursor(query.cursor);
  const words = query.q ? subjectWords(query.q, 20) : [];
  if (query.q && !words.length) throw new ValidationError([{ path: 'query.q', message: 'Search with at least one meaningful word of two letters or more' }]);
  if (query.overdue) return overduePage(query, actor, words, start);
  if (query.requester || query.tag || words.length) return searchPage(query, actor, words, start);

  const index = indexFor(query, actor);
  const filtered = ranged(index.query, query.createdFrom, query.createdTo).where((a, { eq }) => {
    const parts: string[] = [];
    if (query.status) parts.push(eq(a.status, query.status));
    if (query.priority) parts.push(eq(a.priority, query.priority));
    if (query.categoryId) parts.push(eq(a.categoryId, query.categoryId));
    if (query.channel) parts.push(eq(a.channel, query.channel));
    if (query.groupId && index.uses !== 'group') parts.push(eq(a.groupId, query.groupId));
    // The assignee index only stands for `assigneeId` when it was picked for it (queue all).
    if (query.assigneeId && !(index.uses === 'assignee' && query.queue === 'all')) parts.push(eq(a.assigneeId, query.assigneeId));
    return parts.join(' AND ');
  }) as TicketQuery;
  const order = query.sort === 'createdAt:asc' ? 'asc' : 'desc';
  const page = await readIndex(filtered, query.limit, start, order, maxListCommands);
  return { items: page.items.map((t) => toTicketView(t, actor)), cursor: page.cursor };
}

/**
 * GET /me/tickets: a customer user's tickets on one account (`mine`: those they asked), or all
 * the account's tickets (`company`, needs `canSeeTickets`). One GetItem for the contact, then at
 * most two Query pages of the customer index.
 */
export async function listMyTickets(query: MyTicketsQuery, actor: UserActor): Promise<Page> {
  const start = checkCursor(query.cursor);
  const access = await customerAccess(actor, query.customerId);
  if (query.scope === 'company' && access.kind === 'contact' && !holds(access.contact, 'canSeeTickets')) {
    throw new ForbiddenError('Your contact role on this account does not show its tickets');
  }
  const filtered = Ticket.query.byCustomer({ customerId: query.customerId }).where((a, { eq }) => {
    const parts: string[] = [];
    if (query.scope === 'mine') parts.push(eq(a.requesterId, actor.userId));
    if (query.status) parts.push(eq(a.status, query.status));
    return parts.join(' AND ');
  }) as unknown as TicketQuery;
  const page = await readIndex(filtered, query.limit, start, 'desc', maxListCommands - 1);
  return { items: page.items.map((t) => toTicketView(t, actor)), cursor: page.cursor };
}

const qcStatuses: ReadonlySet<string> = new Set(['waiting_qc', 'qc_pass', 'qc_fail']);
const publicStatus = (s: string | undefined) => (s && qcStatuses.has(s) ? 'in_progress' : s);

/**
 * What a customer may see of one event, or nothing: only `publicEventKinds`, QC steps shown as
 * `in_progress` (a move inside the QC step disappears), never a reason or details.
 */
export function publicEvent(e: TicketEventItem): TicketEventView | undefined {
  if (!(publicEventKinds as readonly string[]).includes(e.kind)) return undefined;
  const from = e.kind === 'status' ? publicStatus(e.from) : e.from;
  const to = e.kind === 'status' ? publicStatus(e.to) : e.to;
  if (e.kind === 'status' && from === to) return undefined;
  return { eventId: e.eventId, at: e.at, kind: e.kind, actorId: e.actorId, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function staffEvent(e: TicketEventItem): TicketEventView {
  const { eventId, at, kind, actorId, from, to, reason, details } = e;
  return {
    eventId, at, kind, actorId,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(reason !== undefined ? { reason } : {}),
    ...(details && typeof details === 'object' ? { details: details as Record<string, unknown> } : {}),
  };
}

/** GET /tickets/{ticketId}/timeline: newest first; customers see the public events only. */
export async function ticketTimeline(ticketId: string, query: TimelineQuery, actor: UserActor): Promise<{ items: TicketEventView[]; cursor: string | null }> {
  const start = checkCursor(query.cursor);
  await loadTicketFor(actor, ticketId, 'read');
  const page = await withCursor(() => TicketEvent.query.byTicket({ ticketId }).go({ order: 'desc', limit: query.limit, cursor: start, pages: 1 }));
  if (!actor.isStaff) return { items: page.data.map(publicEvent).filter((e): e is TicketEventView => !!e), cursor: page.cursor };
  const names = await userNames(page.data.flatMap(userIdsOf));
  const items = page.data.map((e) => {
    const view = staffEvent(e);
    const named = userEventKinds.has(e.kind);
    const actorName = names.get(e.actorId);
    const fromName = named && e.from ? names.get(e.from) : undefined;
    const toName = named && e.to ? names.get(e.to) : undefined;
    return { ...view, ...(actorName ? { actorName } : {}), ...(fromName ? { fromName } : {}), ...(toName ? { toName } : {}) };
  });
  return { items, cursor: page.cursor };
}

/** Event kinds whose `from`/`to` are user ids. */
const userEventKinds: ReadonlySet<string> = new Set(['assignee', 'watchers']);
/** Users one timeline page names at most: one BatchGetItem. */
const maxNamedUsers = 100;

const userIdsOf = (e: TicketEventItem): string[] => [e.actorId, ...(userEventKinds.has(e.kind) ? [e.from, e.to] : [])].filter((id): id is string => !!id);

/** Names of users by id, current ones (also for events older than any name stored on them): one BatchGetItem. */
async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].slice(0, maxNamedUsers);
  if (!unique.length) return new Map();
  const { data } = await User.get(unique.map((userId) => ({ userId }))).go();
  return new Map(data.map((u) => [u.userId, u.name]));
}
