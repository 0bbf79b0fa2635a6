import type { UserActor } from '../auth/actor.js';
import { timeSortableId } from '../customer-files/ids.js';
import { actorName } from '../customer-files/notes.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { CannedReply } from '../db/entities/canned-reply.js';
import { Ticket, type TicketItem, type TicketStatus } from '../db/entities/ticket.js';
import { TicketAttachment, type TicketAttachmentItem } from '../db/entities/ticket-attachment.js';
import { TicketMessage, type TicketMessageItem } from '../db/entities/ticket-message.js';
import type { UserItem } from '../db/entities/user.js';
import { AppError, ConflictError, ForbiddenError } from '../errors.js';
import { logger } from '../observability.js';
import { loadTicketFor, TicketNotFoundError } from './access.js';
import { attachmentsForMessage } from './attachments.js';
import type { ListMessagesQuery, MessageView, PostMessage, PostMessageResult } from './conversation-schemas.js';
import { afterCustomerReply } from './lifecycle.js';
import { currentReopenWindow } from './reopen-window.js';
import { resolveMentions } from './mentions.js';
import { createTicket } from './service.js';
import { loadDeltaItems } from './assignment.js';
import { TicketConflictError, writeTicketChange, type TicketEventInput, type TransactItem } from './store.js';

/** Staff replies move a ticket being worked to `answered`; other statuses stay. */
const answeredFrom: readonly TicketStatus[] = ['open', 'in_progress'];

/** How often a post retries after another change to the ticket, when the client pinned no version. */
const maxAttempts = 3;

export function toMessageView(item: TicketMessageItem, actor: Pick<UserActor, 'isStaff'>): MessageView {
  return {
    messageId: item.messageId,
    ticketId: item.ticketId,
    kind: item.kind,
    body: item.body,
    authorId: item.authorId,
    authorName: item.authorName,
    authorKind: item.authorKind,
    attachments: (item.attachments ?? []).map((a) => ({
      attachmentId: a.attachmentId, fileName: a.fileName, contentType: a.contentType, size: a.size, ...(a.contentId ? { contentId: a.contentId } : {}),
    })),
    ...(actor.isStaff && item.mentionedUserIds?.length ? { mentionedUserIds: item.mentionedUserIds } : {}),
    ...(actor.isStaff && item.cannedReplyId ? { cannedReplyId: item.cannedReplyId } : {}),
    ...(item.channel ? { channel: item.channel } : {}),
    ...(item.fromEmail ? { fromEmail: item.fromEmail } : {}),
    ...(item.fromName ? { fromName: item.fromName } : {}),
    ...(item.subject !== undefined ? { subject: item.subject } : {}),
    ...(item.cc?.length ? { cc: item.cc } : {}),
    ...(item.html ? { html: item.html, hasRemoteImages: item.hasRemoteImages ?? false } : {}),
    ...(item.quoteStart !== undefined ? { quoteStart: item.quoteStart } : {}),
    ...(actor.isStaff && item.verdicts ? { verdicts: item.verdicts } : {}),
    ...(actor.isStaff && item.inboundId ? { inboundId: item.inboundId } : {}),
    createdAt: item.createdAt,
  };
}

/**
 * A ticket's conversation, oldest first. Customer users get public replies only: internal notes
 * are filtered out by the query itself and again here.
 */
export async function listMessages(actor: UserActor, ticketId: string, query: ListMessagesQuery): Promise<{ items: MessageView[]; cursor: string | null }> {
  const ticket = await loadTicketFor(actor, ticketId, 'read');
  const cursor = checkCursor(query.cursor);
  const kind = actor.isStaff ? query.kind : 'reply';
  const base = TicketMessage.query.byTicket({ ticketId: ticket.ticketId });
  const page = await withCursor(() =>
    kind ? base.where(({ kind: k }, { eq }) => eq(k, kind)).go({ count: query.limit, cursor }) : base.go({ count: query.limit, cursor }),
  );
  return { items: page.data.filter((m) => actor.isStaff || m.kind === 'reply').map((m) => toMessageView(m, actor)), cursor: page.cursor };
}

export interface Prepared {
  input: PostMessage;
  actor: UserActor;
  authorName: string;
  attachments: TicketAttachmentItem[];
  mentioned: UserItem[];
  /** An emailed reply (inbound mail pipeline): sender, HTML, verdicts; its attachments are created in the same transaction, already linked. */
  mail?: MailMessageFields;
  /** Days a closed ticket can still be reopened by a customer reply (shared/tickets/reopen-window.ts). */
  reopenWindowDays?: number;
}

/** What an email message stores besides the common fields (see TicketMessage). */
export interface MailMessageFields {
  inboundId: string;
  fromEmail: string;
  fromName?: string;
  subject?: string;
  cc?: string[];
  html?: string;
  hasRemoteImages?: boolean;
  quoteStart?: number;
  verdicts?: Record<string, string>;
  attachments: { attachmentId: string; fileName: string; contentType: string; size: number; contentId?: string }[];
}

/** The ticket change, events and extra items of one post on the ticket as it is now. */
export function planPost(ticket: TicketItem, p: Prepared, messageId: string, now: string): Parameters<typeof writeTicketChange>[0] {
  const { input, actor } = p;
  const isNote = input.kind === 'note';
  const message = TicketMessage.create({
    ticketId: ticket.ticketId,
    messageId,
    createdAt: now,
    kind: input.kind,
    body: input.body,
    authorId: actor.userId,
    authorName: p.authorName,
    authorKind: actor.isStaff ? 'staff' : 'customer',
    attachments: p.mail ? p.mail.attachments : p.attachments.map((a) => ({ attachmentId: a.attachmentId, fileName: a.fileName, contentType: a.contentType, size: a.size })),
    ...(p.mail ? { ...p.mail, channel: 'email' as const } : {}),
    ...(p.mentioned.length ? { mentionedUserIds: p.mentioned.map((u) => u.userId) } : {}),
    ...(input.cannedReplyId ? { cannedReplyId: input.cannedReplyId } : {}),
  }).params<Record<string, unknown>>();
  const also: TransactItem[] = [
    { Put: message as never },
    ...p.attachments.map(
      (a): TransactItem => ({
        Update: TicketAttachment.patch({ ticketId: ticket.ticketId, attachmentId: a.attachmentId })
          .set({ messageId, visibility: isNote ? 'internal' : 'public', version: a.version + 1 })
          .where(({ messageId: m, uploadedBy, status }, { notExists, eq }) => `${notExists(m)} AND ${eq(uploadedBy, actor.userId)} AND ${eq(status, 'available')}`)
          .params() as never,
      }),
    ),
    ...(input.cannedReplyId ? [{ Update: CannedReply.patch({ cannedReplyId: input.cannedReplyId }).add({ usageCount: 1 }).params() as never }] : []),
  ];
  const events: TicketEventInput[] = [];
  const set: Parameters<typeof writeTicketChange>[0]['set'] = {};
  const details = p.mail ? { messageId, attachments: p.mail.attachments.length, channel: 'email', inboundId: p.mail.inboundId } : { messageId, attachments: p.attachments.length };
  if (isNote) {
    events.push({ kind: 'note', actorId: actor.userId, details });
    if (p.mentioned.length) events.push({ kind: 'mention', actorId: actor.userId, details: { messageId, userIds: p.mentioned.map((u) => u.userId) } });
  } else if (actor.isStaff) {
    events.push({ kind: 'reply', actorId: actor.userId, details: { ...details, authorKind: 'staff' } });
    set.lastAgentMessageAt = now;
    if (!ticket.firstResponseAt) set.firstResponseAt = now;
    if (answeredFrom.includes(ticket.status)) {
      set.status = 'answered';
      events.push({ kind: 'status', from: ticket.status, to: 'answered', reason: 'reply', actorId: actor.userId });
    }
  } else {
    events.push({ kind: 'reply', actorId: actor.userId, details: { ...details, authorKind: 'customer' } });
    set.lastCustomerMessageAt = now;
    const next = afterCustomerReply(ticket, new Date(now), p.reopenWindowDays);
    if (next.kind === 'status' && next.status !== ticket.status) {
      set.status = next.status;
      events.push({ kind: 'status', from: ticket.status, to: next.status, reason: 'customer_reply', actorId: actor.userId });
    }
  }
  // A reopened ticket counts against its assignee's load again.
  if (set.status) also.push(...loadDeltaItems(ticket, { ...ticket, ...set }));
  return { ticket, set, events, also };
}

/** A cancelled transaction that was not the ticket's own version check: an attachment or canned reply moved meanwhile. */
function itemConflict(err: unknown): never {
  if ((err as { CancellationReasons?: unknown }).CancellationReasons) {
    throw new ConflictError('conflict', 'An attachment or canned reply changed meanwhile; reload and try again');
  }
  throw err;
}

/**
 * Posts a reply or an internal note. Everything is checked before anything is written (the
 * ticket, the caller's right, attachments, canned reply, mentions); then ONE transaction writes
 * the message, links its attachments, counts the canned reply and updates the ticket with its
 * timeline events, conditioned on the ticket's version. A staff reply moves open/in_progress to
 * `answered` and sets the first response time; a customer reply follows `afterCustomerReply`
 * (reopen) or, on a ticket closed too long ago, opens a follow-up ticket linked to it.
 * Mentioned staff are emailed from the `mention` event by the notifications stream consumer.
 */
export async function postMessage(actor: UserActor, ticketId: string, input: PostMessage): Promise<PostMessageResult> {
  let ticket = await loadTicketFor(actor, ticketId, 'write');
  if (input.kind === 'note' && !actor.isStaff) throw new ForbiddenError('Internal notes are for staff');
  if (input.cannedReplyId && !actor.isStaff) throw new ForbiddenError('Canned replies are for staff');
  if (ticket.mergedInto) throw new ConflictError('ticket_merged', 'This ticket was merged into another one; write there', { mergedInto: ticket.mergedInto });
  if (input.version !== undefined && input.version !== ticket.version) throw new TicketConflictError();
  const [attachments, mentioned, authorName] = await Promise.all([
    attachmentsForMessage(actor, ticket.ticketId, input.attachmentIds),
    input.kind === 'note' ? resolveMentions(input.body) : Promise.resolve([]),
    actorName(actor),
    input.cannedReplyId ? requireCannedReply(input.cannedReplyId) : Promise.resolve(),
  ]);
  const reopenDays = actor.isStaff ? undefined : await currentReopenWindow();
  const prepared: Prepared = { input, actor, authorName, attachments, mentioned, ...(reopenDays !== undefined ? { reopenWindowDays: reopenDays } : {}) };

  if (!actor.isStaff && afterCustomerReply(ticket, new Date(), reopenDays).kind === 'follow_up') return followUp(ticket, prepared);

  const messageId = timeSortableId();
  for (let attempt = 1; ; attempt++) {
    const now = new Date().toISOString();
    try {
      const written = await writeTicketChange(planPost(ticket, prepared, messageId, now)).catch((err: unknown) => {
        if (err instanceof TicketConflictError) throw err;
        return itemConflict(err);
      });
      const { data } = await TicketMessage.get({ ticketId: written.ticketId, createdAt: now, messageId }).go();
      return { ticketId: written.ticketId, status: written.status, version: written.version, message: data ? toMessageView(data, actor) : null };
    } catch (err) {
      if (!(err instanceof TicketConflictError) || input.version !== undefined || attempt === maxAttempts) throw err;
      const { data } = await Ticket.get({ ticketId: ticket.ticketId }).go();
      if (!data) throw new TicketNotFoundError();
      ticket = data;
    }
  }
}

async function requireCannedReply(cannedReplyId: string): Promise<void> {
  const { data } = await CannedReply.get({ cannedReplyId }).go({ attributes: ['cannedReplyId'] });
  if (!data) throw new AppError(400, 'validation_failed', 'Request validation failed', [{ path: 'body.cannedReplyId', message: 'No such canned reply' }]);
}

/** Customers may choose low–high only; an urgent ticket's follow-up starts as high. */
const followUpPriority = (p: TicketItem['priority']) => (p === 'urgent' ? 'high' : p);

/**
 * A customer wrote to a ticket closed longer than the reopen window: the reply becomes a new
 * ticket (its description) linked by `followUpOf`; the reply's attachments move to it; the old
 * ticket records a `follow_up` event pointing at the new one.
 */
async function followUp(old: TicketItem, p: Prepared): Promise<PostMessageResult> {
  const subject = (old.subject.startsWith('Re: ') ? old.subject : `Re: ${old.subject}`).slice(0, 200);
  const created = await createTicket(
    { subject, description: p.input.body, customerId: old.customerId, categoryId: old.categoryId, priority: followUpPriority(old.priority), followUpOf: old.ticketId },
    p.actor,
  );
  const moves: TransactItem[] = p.attachments.flatMap((a): TransactItem[] => {
    const { ticketId: _old, messageId: _m, createdAt: _c, updatedAt: _u, ...rest } = a;
    return [
      { Put: TicketAttachment.create({ ...rest, ticketId: created.ticketId, visibility: 'public', version: 1 }).params() as never },
      { Delete: TicketAttachment.delete({ ticketId: old.ticketId, attachmentId: a.attachmentId }).where(({ messageId }, { notExists }) => notExists(messageId)).params() as never },
    ];
  });
  let ticket = old;
  for (let attempt = 1; ; attempt++) {
    try {
      await writeTicketChange({
        ticket,
        set: {},
        events: [{ kind: 'follow_up', to: created.ticketId, actorId: p.actor.userId, details: { ticketId: created.ticketId, number: created.number } }],
        also: moves,
      });
      break;
    } catch (err) {
      if (!(err instanceof TicketConflictError) || attempt === maxAttempts) {
        logger.error('follow-up link failed', { ticketId: old.ticketId, followUp: created.ticketId, error: (err as Error).message });
        break;
      }
      const { data } = await Ticket.get({ ticketId: old.ticketId }).go();
      if (!data) break;
      ticket = data;
    }
  }
  return { ticketId: created.ticketId, status: created.status, version: created.version, message: null, followUpTicketId: created.ticketId };
}
