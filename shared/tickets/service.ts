import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { can, type UserActor } from '../auth/actor.js';
import { customerAccess } from '../customers/access.js';
import { documentClient } from '../db/client.js';
import { Customer } from '../db/entities/customer.js';
import { CustomerContact } from '../db/entities/customer-contact.js';
import { Ticket, type TicketItem, type TicketStatus } from '../db/entities/ticket.js';
import { User } from '../db/entities/user.js';
import { AppError, ForbiddenError, ValidationError } from '../errors.js';
import { logger } from '../observability.js';
import { autoAssign, loadDeltaItems } from './assignment.js';
import { defaultsForCategory } from './categories.js';
import { checkMove, transitions } from './lifecycle.js';
import { numberLockPut, randomTicketNumber } from './numbers.js';
import { mailDomain } from '../mail/settings.js';
import { randomReplyToken, threadKeyPut } from './thread-keys.js';
import { loadTicketFor } from './access.js';
import {
  customerPriorities, type ChangeTicketStatusInput, type CreateTicketInput, type RateTicketInput, type TicketView, type UpdateTicketInput,
} from './schemas.js';
import { searchKeyItems, subjectTermChanges, ticketTerms } from './search.js';
import { eventPut, TicketConflictError, writeTicketChange, type TicketEventInput, type TransactItem } from './store.js';
import { slaChangeFor, slaClock } from '../sla/wiring.js';

/** Statuses customers see as `in_progress`: the QC step is internal. */
const internalStatuses: ReadonlySet<TicketStatus> = new Set(['waiting_qc', 'qc_pass', 'qc_fail']);

/** The moves staff `actor` may make now (what the desk offers), ignoring the reason a move may need. */
export function allowedTransitions(ticket: Pick<TicketItem, 'status' | 'qcRequired'>, actor: UserActor): TicketStatus[] {
  const canQc = can(actor, 'tickets:qc');
  return transitions[ticket.status].filter((to) => checkMove(ticket, to, { canQc, reason: 'x' }).ok);
}

/**
 * A ticket as `actor` may see it. Customers get the public fields only (no group, assignee, QC
 * details, tags, links or creator) and QC statuses as `in_progress`; staff get everything plus
 * `allowedTransitions`.
 */
export function toTicketView(item: TicketItem, actor: UserActor): TicketView {
  const common = {
    ticketId: item.ticketId,
    number: item.number,
    subject: item.subject,
    description: item.description,
    customerId: item.customerId,
    requesterId: item.requesterId,
    requesterEmail: item.requesterEmail,
    requesterName: item.requesterName,
    channel: item.channel,
    categoryId: item.categoryId,
    priority: item.priority,
    firstResponseAt: item.firstResponseAt,
    resolvedAt: item.resolvedAt,
    closedAt: item.closedAt,
    lastCustomerMessageAt: item.lastCustomerMessageAt,
    lastAgentMessageAt: item.lastAgentMessageAt,
    followUpOf: item.followUpOf,
    mergedInto: item.mergedInto,
    satisfactionRating: item.satisfactionRating,
    satisfactionComment: item.satisfactionComment,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
  if (!actor.isStaff) {
    return compact({ ...common, status: internalStatuses.has(item.status) ? 'in_progress' : item.status });
  }
  return compact({
    ...common,
    status: item.status,
    groupId: item.groupId,
    assigneeId: item.assigneeId,
    qcRequired: item.qcRequired,
    qcOutcome: item.qcOutcome,
    qcReason: item.qcReason,
    qcBy: item.qcBy,
    qcAt: item.qcAt,
    tags: item.tags ?? [],
    linkedTicketIds: item.linkedTicketIds ?? [],
    createdBy: item.createdBy,
    allowedTransitions: allowedTransitions(item, actor),
    sla: item.sla && typeof item.sla === 'object' ? (item.sla as TicketView['sla']) : undefined,
  });
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** What `createTicket` takes: the POST /tickets body, plus the ticket a follow-up continues. */
export interface NewTicket extends CreateTicketInput {
  followUpOf?: string | undefined;
  /** Set by the inbound mail pipeline only (the requester is the sender, not the caller). */
  mail?: MailOrigin;
}

/** A ticket opened by an email: who sent it, where to, and the id that makes redelivery harmless. */
export interface MailOrigin {
  /** Derived from the SES message id: creating the same ticket twice writes nothing the second time. */
  ticketId: string;
  /** The mailbox's group; absent: the category's. */
  groupId?: string | undefined;
  requester: Requester;
  mailbox: string;
  participants: string[];
  rootMessageId?: string;
}

export interface Requester {
  requesterId?: string;
  requesterEmail: string;
  requesterName?: string;
}

const invalid = (path: string, message: string) => new ValidationError([{ path, message }]);

/** Who asked: the customer user themself; for staff, the named contact or the account's own email. */
async function resolveRequester(input: NewTicket, actor: UserActor): Promise<Requester> {
  if (input.mail) return input.mail.requester;
  if (!actor.isStaff) {
    const access = await customerAccess(actor, input.customerId, 'canSeeTickets');
    const contact = access.kind === 'contact' ? access.contact : undefined;
    if (input.requesterId && input.requesterId !== actor.userId) throw invalid('body.requesterId', 'Customers open tickets as themselves');
    if (input.channel) throw invalid('body.channel', 'Only staff record a channel');
    if (!(customerPriorities as readonly string[]).includes(input.priority)) throw invalid('body.priority', 'Choose low, medium or high');
    const { data: user } = await User.get({ userId: actor.userId }).go();
    const name = user?.name ?? contact?.name;
    return { requesterId: actor.userId, requesterEmail: user?.email ?? contact?.email ?? actor.username, ...(name ? { requesterName: name } : {}) };
  }
  const { data: customer } = await Customer.get({ customerId: input.customerId }).go();
  if (!customer) throw invalid('body.customerId', 'No such customer');
  if (input.requesterId) {
    const [{ data: contact }, { data: user }] = await Promise.all([
      CustomerContact.get({ customerId: input.customerId, userId: input.requesterId }).go(),
      User.get({ userId: input.requesterId }).go(),
    ]);
    if (!contact || !user) throw invalid('body.requesterId', 'Not a contact of this customer');
    return { requesterId: user.userId, requesterEmail: user.email, requesterName: user.name };
  }
  if (!customer.email) throw invalid('body.requesterId', 'This customer has no email: name the requesting contact');
  return { requesterEmail: customer.email, requesterName: customer.name };
}

const maxNumberAttempts = 5;

/**
 * Opens a ticket: checks the caller may open it for that account, takes group and QC flag from
 * the category, then writes the ticket, its number lock, the `created` event and its search keys
 * in ONE transaction (a number collision retries with another random number), then hands it to
 * auto-assignment. Returns the ticket as finally written.
 */
export async function createTicket(input: NewTicket, actor: UserActor): Promise<TicketItem> {
  const requester = await resolveRequester(input, actor);
  const category = await defaultsForCategory(input.categoryId);
  const { qcRequired } = category;
  const groupId = input.mail?.groupId ?? category.groupId;
  const ticketId = input.mail?.ticketId ?? randomUUID();
  const replyToken = randomReplyToken();
  const now = new Date().toISOString();
  const base = {
    ticketId,
    subject: input.subject,
    description: input.description,
    customerId: input.customerId,
    ...requester,
    channel: input.mail ? ('email' as const) : actor.isStaff ? (input.channel ?? 'staff') : ('web' as const),
    categoryId: input.categoryId,
    priority: input.priority,
    status: 'open' as const,
    groupId,
    assigneeKey: `unassigned#${groupId}`,
    qcRequired,
    tags: [] as string[],
    ...(input.followUpOf ? { followUpOf: input.followUpOf } : {}),
    replyToken,
    rootMessageId: input.mail?.rootMessageId ?? `ticket.${ticketId}@${mailDomain}`,
    ...(input.mail ? { mailbox: input.mail.mailbox, participants: input.mail.participants } : {}),
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  // The first SLA clocks start with the ticket, in the same transaction.
  const sla = await slaChangeFor(undefined, { ...base, number: '', version: 1, directory: 'tickets' } as TicketItem, slaClock.now());
  for (let attempt = 1; ; attempt++) {
    const number = randomTicketNumber();
    const { Item, TableName } = Ticket.create({ ...base, ...sla.set, number }).params<{ Item: Record<string, unknown>; TableName: string }>();
    const items: TransactItem[] = [
      { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } },
      numberLockPut(number, ticketId),
      eventPut(ticketId, { kind: 'created', to: 'open', actorId: actor.userId, details: { number, channel: base.channel } }, now),
      ...searchKeyItems({ ticketId, createdAt: now }, ticketTerms(base), 'put'),
      threadKeyPut('token', replyToken, ticketId, 'ticket'),
      ...sla.also,
    ];
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if (input.mail && reasons?.[0]?.Code === 'ConditionalCheckFailed') return existingTicket(ticketId);
      if (reasons?.[1]?.Code === 'ConditionalCheckFailed' && attempt < maxNumberAttempts) continue;
      throw err;
    }
    const ticket = { ...base, ...sla.set, number, version: 1, directory: 'tickets' } as TicketItem;
    return assignNew(ticket, actor.userId);
  }
}

/** A mail redelivered after its ticket was written: the ticket as it is now. */
async function existingTicket(ticketId: string): Promise<TicketItem> {
  const { data } = await Ticket.get({ ticketId }).go();
  if (!data) throw new Error(`ticket ${ticketId} was reported as existing but cannot be read`);
  return data;
}

/** Auto-assignment after creation; a failure leaves the ticket unassigned in its group's queue. */
async function assignNew(ticket: TicketItem, actorId: string): Promise<TicketItem> {
  try {
    return await autoAssign(ticket, actorId);
  } catch (err) {
    logger.error('auto-assignment failed', { ticketId: ticket.ticketId, error: (err as Error).message });
    return ticket;
  }
}

export class InvalidStatusTransitionError extends AppError {
  constructor(from: TicketStatus, to: TicketStatus, refusal: string) {
    super(409, 'invalid_status_transition', `A ticket cannot move from ${from} to ${to} (${refusal})`, { from, to, refusal });
  }
}

export class TicketNotResolvedError extends AppError {
  constructor() {
    super(409, 'ticket_not_resolved', 'A ticket can be rated once it is resolved');
  }
}

/** Loads a ticket for a change and refuses a stale `version` before anything is written. */
async function loadForChange(actor: UserActor, ticketId: string, version: number): Promise<TicketItem> {
  const ticket = await loadTicketFor(actor, ticketId, 'write');
  if (ticket.version !== version) throw new TicketConflictError();
  return ticket;
}

/** PATCH /tickets/{ticketId} (staff): priority, category (and with it the QC flag), subject. */
export async function updateTicket(ticketId: string, input: UpdateTicketInput, actor: UserActor): Promise<TicketItem> {
  const ticket = await loadForChange(actor, ticketId, input.version);
  const set: Partial<TicketItem> = {};
  const events: TicketEventInput[] = [];
  const also: TransactItem[] = [];
  if (input.priority && input.priority !== ticket.priority) {
    set.priority = input.priority;
    events.push({ kind: 'priority', from: ticket.priority, to: input.priority, actorId: actor.userId });
  }
  if (input.categoryId && input.categoryId !== ticket.categoryId) {
    const { qcRequired } = await defaultsForCategory(input.categoryId);
    set.categoryId = input.categoryId;
    // A ticket already in its QC step keeps the flag it entered with.
    if (!['waiting_qc', 'qc_pass', 'qc_fail'].includes(ticket.status)) set.qcRequired = qcRequired;
    events.push({ kind: 'category', from: ticket.categoryId, to: input.categoryId, actorId: actor.userId });
  }
  if (input.subject && input.subject !== ticket.subject) {
    const { add, remove } = subjectTermChanges(ticket.subject, input.subject);
    set.subject = input.subject;
    also.push(...searchKeyItems(ticket, remove, 'delete'), ...searchKeyItems(ticket, add, 'put'));
    events.push({ kind: 'subject', from: ticket.subject, to: input.subject, actorId: actor.userId });
  }
  if (!events.length) return ticket;
  if (set.priority) also.push(...loadDeltaItems(ticket, { ...ticket, ...set }));
  return writeTicketChange({ ticket, set, events, also });
}

/**
 * POST /tickets/{ticketId}/status (staff): one move of the transition table. QC outcomes need
 * `tickets:qc` (403) and are recorded on the ticket (`qcOutcome`, `qcBy`, `qcAt`, `qcReason`)
 * with a `qc` event; resolving and closing stamp `resolvedAt` / `closedAt`; reopening clears them.
 */
export async function changeTicketStatus(ticketId: string, input: ChangeTicketStatusInput, actor: UserActor): Promise<TicketItem> {
  const ticket = await loadForChange(actor, ticketId, input.version);
  const to = input.status;
  const move = checkMove(ticket, to, { canQc: can(actor, 'tickets:qc'), reason: input.reason });
  if (!move.ok) {
    if (move.refusal === 'qc_permission') throw new ForbiddenError('Only quality checkers (tickets:qc) record QC outcomes');
    if (move.refusal === 'reason_required') throw new ValidationError([{ path: 'body.reason', message: 'Say why the QC failed' }]);
    throw new InvalidStatusTransitionError(ticket.status, to, move.refusal);
  }
  const now = new Date().toISOString();
  const set: Partial<TicketItem> = { status: to };
  const remove: (keyof TicketItem)[] = [];
  const events: TicketEventInput[] = [{ kind: 'status', from: ticket.status, to, reason: input.reason, actorId: actor.userId }];
  if (to === 'resolved') set.resolvedAt = now;
  if (to === 'closed') set.closedAt = now;
  if (to === 'open') remove.push('resolvedAt', 'closedAt');
  if (to === 'qc_pass' || to === 'qc_fail') {
    const outcome = to === 'qc_pass' ? 'pass' : 'fail';
    Object.assign(set, { qcOutcome: outcome, qcBy: actor.userId, qcAt: now });
    if (input.reason) set.qcReason = input.reason;
    else remove.push('qcReason');
    events.push({ kind: 'qc', to: outcome, reason: input.reason, actorId: actor.userId });
  }
  // Resolving or closing takes the ticket off its assignee's load; reopening puts it back.
  return writeTicketChange({ ticket, set, remove: remove as never, events, also: loadDeltaItems(ticket, { ...ticket, ...set }) });
}

/** Statuses from which a customer may close their ticket themselves. */
export const customerClosable: readonly TicketStatus[] = ['open', 'answered', 'waiting_on_customer', 'resolved'];

/** POST /tickets/{ticketId}/close (customer): they consider it done. */
export async function closeTicketAsCustomer(ticketId: string, version: number, actor: UserActor): Promise<TicketItem> {
  const ticket = await loadForChange(actor, ticketId, version);
  if (!customerClosable.includes(ticket.status)) throw new InvalidStatusTransitionError(ticket.status, 'closed', 'not_in_table');
  return writeTicketChange({
    ticket,
    set: { status: 'closed', closedAt: new Date().toISOString() },
    events: [{ kind: 'status', from: ticket.status, to: 'closed', actorId: actor.userId, details: { by: 'customer' } }],
    also: loadDeltaItems(ticket, { ...ticket, status: 'closed' }),
  });
}

/** POST /tickets/{ticketId}/satisfaction (customer): a 1–5 rating once resolved (may be revised). */
export async function rateTicket(ticketId: string, input: RateTicketInput, actor: UserActor): Promise<TicketItem> {
  const ticket = await loadForChange(actor, ticketId, input.version);
  if (!ticket.resolvedAt || (ticket.status !== 'resolved' && ticket.status !== 'closed')) throw new TicketNotResolvedError();
  return writeTicketChange({
    ticket,
    set: { satisfactionRating: input.rating, ...(input.comment ? { satisfactionComment: input.comment } : {}) },
    remove: input.comment ? [] : ['satisfactionComment'],
    events: [{ kind: 'satisfaction', to: String(input.rating), actorId: actor.userId }],
  });
}
