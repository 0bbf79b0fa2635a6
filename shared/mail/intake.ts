import { createHash } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { can, type UserActor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { documentClient } from '../db/client.js';
import { InboundMessage, type InboundMessageItem } from '../db/entities/inbound-message.js';
import { normaliseMessageId } from '../db/entities/mail-thread-key.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import type { UserItem } from '../db/entities/user.js';
import { TicketMessage } from '../db/entities/ticket-message.js';
import { sendNotification } from '../notifications/send.js';
import { logger } from '../observability.js';
import type { PostMessage } from '../tickets/conversation-schemas.js';
import { afterCustomerReply } from '../tickets/lifecycle.js';
import { currentReopenWindow } from '../tickets/reopen-window.js';
import { planPost } from '../tickets/messages.js';
import { createTicket } from '../tickets/service.js';
import { TicketConflictError, writeTicketChange, type TransactItem } from '../tickets/store.js';
import { threadKeyKeep } from '../tickets/thread-keys.js';
import { mailSystemActor, senderActor } from './actor.js';
import { recordBounce } from './bounces.js';
import { claimInboundMail, openRawMessage, type RawMessage } from './inbound.js';
import { storeMailParts, type MailPart } from './inbound-attachments.js';
import { parseMail } from './parse.js';
import type { ParsedMail } from './parsed.js';
import { resolveMailbox, resolveSender, userByEmail, withoutToken } from './senders.js';
import { senderAuthenticated, staffActor, staffByEmail } from './staff-sender.js';
import { currentMailSettings, mailDomain, type MailSettingsView } from './settings.js';
import type { SesInboundRecord } from './ses-event.js';
import { belongsTo, findThread } from './threading.js';

/**
 * What processing one inbound mail did: `created` a ticket (also a follow-up of a long-closed
 * one), `replied` on an existing ticket, `duplicate` (already handled: redelivery), `ignored`
 * (auto-reply, mailing list, our own mail), `bounced` (a bounce report: recorded, suppressed),
 * `rejected` (unknown sender under `reject`, or over the size limit: answered once),
 * `spam` / `quarantined` (verdicts: review list, no ticket), `failed` (review list; kept for a retry or mail:replay).
 */
export type InboundOutcome = 'created' | 'replied' | 'duplicate' | 'ignored' | 'bounced' | 'rejected' | 'spam' | 'quarantined' | 'failed';

export interface ProcessOptions {
  /** Admin release / `npm run mail:replay`: re-run whatever the status, skipping the spam and virus verdicts. */
  release?: boolean;
}

/** The ticket description keeps this much of the text; the message keeps all of it. */
export const maxDescriptionChars = 20_000;
const cutNote = '\n\n[… the message continues: see the first message of this ticket]';

type Final = Pick<InboundMessageItem, 'status'> & Partial<Pick<InboundMessageItem, 'reason' | 'classification' | 'ticketId' | 'ticketMessageId' | 'review'>>;

/** A UUID derived from the SES message id (and a purpose): re-running the same mail yields the same id. */
export function derivedId(inboundId: string, purpose = 'ticket'): string {
  const h = createHash('sha256').update(`${purpose}#${inboundId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The first message's id: time-sortable from the arrival time, deterministic per mail. */
const mailMessageId = (receivedAt: string, inboundId: string) =>
  `${receivedAt.replace(/[-:.TZ]/g, '')}-${createHash('sha256').update(`message#${inboundId}`).digest('hex').slice(0, 12)}`;

/** The description: the plain text, cut with a note past 20,000 characters. */
export function descriptionOf(text: string): string {
  const trimmed = text.trim() || '(no text)';
  return trimmed.length <= maxDescriptionChars ? trimmed : `${trimmed.slice(0, maxDescriptionChars - cutNote.length)}${cutNote}`;
}

/** Senders that must never get an automatic answer (bounces come from them). */
export const automatedSender = (email: string | undefined) => !email || !email.includes('@') || /^(mailer-daemon|postmaster|no-?reply|bounces?)[@+-]/i.test(email);

/**
 * How long a run owns a record: the inbound function's timeout (1 min, infra/stacks/app-stack.ts)
 * plus a margin. A run that died without finishing (killed, out of memory) leaves the record
 * `processing`; the next delivery of the same event after this takes it over.
 */
export const claimLeaseMs = 90_000;

/** What an admin reads about a failed run: the message, with a domain error's details (e.g. `Unknown category`). */
function failureReason(err: unknown): string {
  const message = (err as Error).message;
  const details = err instanceof AppError && Array.isArray(err.details) ? err.details.map((d) => d.message) : [];
  return details.length ? `${message}: ${details.join('; ')}` : message;
}

/** The final status as a transaction item, conditioned on this run still owning the record. */
function finalItem(messageId: string, final: Final): TransactItem {
  let patch = InboundMessage.patch({ messageId }).set({ ...final, processedAt: new Date().toISOString() });
  if (final.review !== 'review') patch = patch.remove(['review']) as typeof patch;
  const params = patch.where(({ status, ticketMessageId }, { eq, notExists }) => `${eq(status, 'processing')} AND ${notExists(ticketMessageId)}`).params();
  return { Update: params as never };
}

async function finish(messageId: string, final: Final): Promise<void> {
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: [finalItem(messageId, final)] }));
  } catch (err) {
    if (!(err as { CancellationReasons?: unknown }).CancellationReasons) throw err;
    logger.warn('inbound record changed while processing', { messageId, status: final.status });
  }
}

/** What to use when even the parser gave up: headers SES parsed, the raw message attached. */
function fallbackParse(item: InboundMessageItem): ParsedMail {
  return {
    inReplyTo: [],
    references: [],
    from: { email: item.from ?? '', name: '' },
    replyTo: [],
    to: (item.to ?? []).map((email) => ({ email, name: '' })),
    cc: [],
    subject: item.subject ?? '',
    contentType: 'text/plain',
    text: '',
    hasRemoteImages: false,
    attachments: [],
    headers: {},
    classification: 'human',
    broken: true,
  };
}

/** One automatic answer (never to automated senders); failures are logged, not retried. */
async function answer(to: string, template: 'sender_rejected' | 'message_too_large', dedupeKey: string, variables: Record<string, string>, inReplyTo?: string): Promise<void> {
  if (automatedSender(to)) return;
  try {
    const result = await sendNotification({ dedupeKey, to: { email: to }, template, variables, automatic: true, ...(inReplyTo ? { inReplyTo } : {}) });
    logger.info('automatic answer', { template, result });
  } catch (err) {
    logger.error('automatic answer failed', { template, error: (err as Error).message });
  }
}

/** Our own addresses: mailboxes and anything at the mail domain with a `+token`. */
function ours(address: string, settings: MailSettingsView): boolean {
  const a = address.toLowerCase();
  return settings.mailboxes.some((m) => m.address.toLowerCase() === withoutToken(a)) || (a.endsWith(`@${mailDomain}`) && a.includes('+'));
}

interface Context {
  item: InboundMessageItem;
  parsed: ParsedMail;
  raw: Uint8Array;
  recipients: string[];
  settings: MailSettingsView;
}

/**
 * Handles one SES receipt record end to end (see the design's inbound order): record → claim →
 * verdicts → size → read and parse → classification → thread → sender → ticket or reply → final
 * status. Safe to run twice for the same message id: the second run answers `duplicate`.
 */
export async function processInboundMail(record: SesInboundRecord, options: ProcessOptions = {}): Promise<InboundOutcome> {
  const messageId = record.ses.mail.messageId;
  const raw = await openRawMessage(messageId);
  try {
    const now = Date.now();
    const item = await claimInboundMail(record, raw.sizeBytes, {
      release: options.release === true,
      now: new Date(now).toISOString(),
      leaseStart: new Date(now - claimLeaseMs).toISOString(),
    });
    if (!item) return 'duplicate';
    return await handleClaimed(item, record, raw, options);
  } finally {
    raw.discard();
  }
}

/** The claimed mail end to end; a failure is recorded on it (status failed) for mail:replay. */
async function handleClaimed(item: InboundMessageItem, record: SesInboundRecord, raw: RawMessage, options: ProcessOptions): Promise<InboundOutcome> {
  const messageId = item.messageId;
  try {
    return await handle(item, record, raw, options);
  } catch (err) {
    logger.error('inbound mail failed', { messageId, error: (err as Error).message, stack: (err as Error).stack });
    // Listed with held mail (admin: process again or delete) until a run files it.
    await InboundMessage.patch({ messageId })
      .set({ status: 'failed', reason: failureReason(err).slice(0, 500), review: 'review' })
      .where(({ status }, { eq }) => eq(status, 'processing'))
      .go()
      .catch((e: unknown) => logger.error('marking inbound mail failed did not work', { messageId, error: (e as Error).message }));
    return 'failed';
  }
}

async function handle(item: InboundMessageItem, record: SesInboundRecord, rawMessage: RawMessage, options: ProcessOptions): Promise<InboundOutcome> {
  const id = item.messageId;
  if (!options.release) {
    if (item.verdicts?.virus === 'FAIL') return finish(id, { status: 'quarantined', reason: 'virus', review: 'review' }).then(() => 'quarantined');
    if (item.verdicts?.spam === 'FAIL') return finish(id, { status: 'spam', reason: 'spam', review: 'review' }).then(() => 'spam');
  }
  const settings = await currentMailSettings();
  if (item.sizeBytes > settings.maxMessageBytes) {
    await answer(item.from ?? '', 'message_too_large', `message_too_large#${id}`, {
      contact_name: item.from ?? '',
      original_subject: item.subject ?? '',
      max_size: `${Math.floor(settings.maxMessageBytes / (1024 * 1024))} MB`,
    }, item.headerMessageId ? normaliseMessageId(item.headerMessageId) : undefined);
    await finish(id, { status: 'rejected', reason: 'too_large' });
    return 'rejected';
  }
  const raw = await rawMessage.read();
  const parsed = await parseMail(raw).catch((err: unknown) => {
    logger.warn('unparseable mail, keeping it raw', { messageId: id, error: (err as Error).message });
    return fallbackParse(item);
  });
  if (!parsed.from.email) parsed.from = { email: item.from ?? '', name: parsed.from.name };
  const recipients = [...new Set([...record.ses.receipt.recipients, ...record.ses.mail.destination].map((a) => a.toLowerCase()))];
  const ctx: Context = { item, parsed, raw, recipients, settings };

  if (parsed.classification === 'bounce') {
    const suppressed = parsed.bounce ? await recordBounce(parsed.bounce, id) : [];
    await finish(id, { status: 'ignored', classification: 'bounce', reason: suppressed.length ? `suppressed ${suppressed.join(', ')}` : 'bounce' });
    return 'bounced';
  }
  if (parsed.classification !== 'human') {
    await finish(id, { status: 'ignored', classification: parsed.classification });
    return 'ignored';
  }
  if (ours(parsed.from.email, settings)) {
    await finish(id, { status: 'ignored', classification: 'loop', reason: 'sent by one of our own addresses' });
    return 'ignored';
  }

  const thread = await findThread(parsed, recipients);
  const staff = thread && !parsed.from.verbatim ? await staffByEmail(parsed.from.email) : undefined;
  if (thread && staff) return staffReply(ctx, thread.ticket, staff);
  if (thread) {
    const reopenDays = await currentReopenWindow();
    if (afterCustomerReply(thread.ticket, new Date(), reopenDays).kind === 'follow_up') return newTicket(ctx, thread.ticket);
    return reply(ctx, thread.ticket, reopenDays);
  }
  return newTicket(ctx);
}

/** This mail's Message-ID as a key of its ticket, in the filing transaction (first ticket wins: an existing key is kept). */
const messageIdKeys = (parsed: ParsedMail, ticketId: string): TransactItem[] =>
  parsed.messageId ? [threadKeyKeep('msgid', parsed.messageId, ticketId, 'inbound')] : [];

/** The mail's parts as stored files: attachments and inline images, or the raw message when the MIME was broken. */
function partsOf(ctx: Context): MailPart[] {
  const parts: MailPart[] = ctx.parsed.attachments.map((a) => ({ ...a }));
  if (ctx.parsed.broken) parts.push({ fileName: 'original-message.eml', contentType: 'message/rfc822', disposition: 'attachment', content: ctx.raw, trusted: true });
  return parts;
}

function mailFields(ctx: Context) {
  const { parsed, item } = ctx;
  return {
    inboundId: item.messageId,
    fromEmail: parsed.from.email,
    ...(parsed.from.name ? { fromName: parsed.from.name } : {}),
    subject: parsed.subject.slice(0, 2000),
    ...(parsed.cc.length ? { cc: parsed.cc.map((a) => a.email) } : {}),
    ...(parsed.html ? { html: parsed.html, hasRemoteImages: parsed.hasRemoteImages } : {}),
    ...(parsed.quoteStart !== undefined ? { quoteStart: parsed.quoteStart } : {}),
    ...(item.verdicts ? { verdicts: item.verdicts as Record<string, string> } : {}),
  };
}

/** Addresses copied on the mail that are people, not us and not the sender. */
function participantsOf(ctx: Context, except: string): string[] {
  const all = [...ctx.parsed.to, ...ctx.parsed.cc].map((a) => a.email.toLowerCase());
  return [...new Set(all)].filter((a) => a.includes('@') && a !== except && !ours(a, ctx.settings) && !ctx.recipients.includes(a) && !a.endsWith(`@${mailDomain}`) );
}

/** A new ticket for this mail (or the follow-up of `followUpOf`), then its first message. */
async function newTicket(ctx: Context, followUpOf?: TicketItem): Promise<InboundOutcome> {
  const { parsed, item, settings } = ctx;
  const from = parsed.from;
  let customerId: string;
  let userId: string | undefined;
  if (followUpOf) {
    customerId = followUpOf.customerId;
    const user = await userByEmail(from.email);
    userId = user && (await belongsTo(followUpOf, from.email)) ? user.userId : undefined;
  } else {
    const sender = await resolveSender(from, settings);
    if (sender.kind === 'reject') {
      if (!from.verbatim) await answer(from.email, 'sender_rejected', `sender_rejected#${from.email}#${new Date().toISOString().slice(0, 10)}`, {
        contact_name: from.name || from.email,
        original_subject: parsed.subject,
      }, parsed.messageId);
      await finish(item.messageId, { status: 'rejected', reason: 'unknown_sender' });
      return 'rejected';
    }
    customerId = sender.customerId;
    userId = sender.kind === 'contact' ? sender.user.userId : undefined;
  }
  const mailbox = followUpOf?.mailbox
    ? { address: followUpOf.mailbox, groupId: followUpOf.groupId, categoryId: followUpOf.categoryId }
    : await resolveMailbox([...ctx.recipients, ...parsed.to.map((a) => a.email), ...parsed.cc.map((a) => a.email)], settings, `support@${mailDomain}`);
  // Kept as sent (only capped at the ticket's 200 characters); a blank one gets a placeholder.
  const subject = parsed.subject.trim() ? parsed.subject.slice(0, 200) : '(no subject)';
  const ticket = await createTicket(
    {
      subject,
      description: descriptionOf(parsed.text),
      customerId,
      categoryId: followUpOf?.categoryId ?? mailbox.categoryId,
      priority: followUpOf ? (followUpOf.priority === 'urgent' ? 'high' : followUpOf.priority) : 'medium',
      ...(followUpOf ? { followUpOf: followUpOf.ticketId } : {}),
      mail: {
        ticketId: derivedId(item.messageId),
        groupId: followUpOf?.groupId ?? mailbox.groupId,
        requester: { requesterEmail: from.email, ...(from.name ? { requesterName: from.name.slice(0, 200) } : {}), ...(userId ? { requesterId: userId } : {}) },
        mailbox: mailbox.address,
        participants: participantsOf(ctx, from.email),
        ...(parsed.messageId ? { rootMessageId: parsed.messageId } : {}),
      },
    },
    mailSystemActor,
  );
  const actor = senderActor(from.email, userId);
  const messageId = mailMessageId(item.receivedAt, item.messageId);
  const stored = await storeMailParts({ ticketId: ticket.ticketId, messageId, inboundId: item.messageId, receivedAt: item.receivedAt, uploadedBy: actor.userId, parts: partsOf(ctx) });
  const fields = mailFields(ctx);
  const message = TicketMessage.create({
    ticketId: ticket.ticketId,
    messageId,
    createdAt: ticket.createdAt,
    kind: 'reply',
    body: parsed.text,
    authorId: actor.userId,
    authorName: (from.name || from.email).slice(0, 200),
    authorKind: 'customer',
    attachments: stored.linked,
    channel: 'email',
    ...fields,
  }).params<Record<string, unknown>>();
  const items: TransactItem[] = [
    { Put: message as never },
    ...stored.items,
    ...messageIdKeys(parsed, ticket.ticketId),
    finalItem(item.messageId, { status: 'processed', ticketId: ticket.ticketId, ticketMessageId: messageId, classification: 'human' }),
  ];
  if ((await commitFiling(item.messageId, items)) === 'duplicate') return 'duplicate';
  if (followUpOf) await linkFollowUp(followUpOf, ticket);
  return 'created';
}

/**
 * Sends a new ticket's filing transaction (first message, parts, Message-ID key, final status).
 * A clash with a concurrent writer of a shared item (the Message-ID key of a copy of the same
 * mail) is retried; any other cancellation is a duplicate only when the record says this mail was
 * filed or is no longer ours, else it fails (status failed, kept for mail:replay).
 */
async function commitFiling(inboundId: string, items: TransactItem[]): Promise<'filed' | 'duplicate'> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
      return 'filed';
    } catch (err) {
      const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if (!reasons) throw err;
      if (reasons.some((r) => r.Code === 'TransactionConflict') && attempt < 3) continue;
      const { data: now } = await InboundMessage.get({ messageId: inboundId }).go({ consistent: true });
      if (now?.ticketMessageId || now?.status !== 'processing') return 'duplicate';
      throw err;
    }
  }
}

/** The old ticket's timeline points at its follow-up (retried on a concurrent change; a failure only loses the link event). */
async function linkFollowUp(old: TicketItem, created: TicketItem): Promise<void> {
  let ticket: TicketItem | undefined = old;
  for (let attempt = 1; ticket && attempt <= 3; attempt++) {
    try {
      await writeTicketChange({ ticket, set: {}, events: [{ kind: 'follow_up', to: created.ticketId, actorId: mailSystemActor.userId, details: { ticketId: created.ticketId, number: created.number } }] });
      return;
    } catch (err) {
      if (!(err instanceof TicketConflictError)) throw err;
      ticket = (await Ticket.get({ ticketId: old.ticketId }).go({ consistent: true })).data ?? undefined;
    }
  }
}

/** Who a staff member's mail posts as (see staff-sender.ts): a public reply or an internal note. */
interface StaffPost {
  actor: UserActor;
  authorName: string;
  kind: 'reply' | 'note';
}

/** A staff member's mail on a ticket: a public reply when SES vouches for the sender and the role may answer, else an internal note. */
async function staffReply(ctx: Context, ticket: TicketItem, user: UserItem): Promise<InboundOutcome> {
  const actor = await staffActor(user);
  const answers = senderAuthenticated(ctx.item.verdicts as Record<string, string> | undefined) && can(actor, 'tickets:update') && !ticket.mergedInto;
  return reply(ctx, ticket, 0, { actor, authorName: user.name.slice(0, 200), kind: answers ? 'reply' : 'note' });
}

/** The mail as a reply on `ticket`, its final status in the same transaction (what makes redelivery harmless). */
async function reply(ctx: Context, start: TicketItem, reopenWindowDays: number, staff?: StaffPost): Promise<InboundOutcome> {
  const { parsed, item } = ctx;
  const from = parsed.from;
  const user = staff ? undefined : await userByEmail(from.email);
  const actor: UserActor = staff?.actor ?? senderActor(from.email, user && (await belongsTo(start, from.email)) ? user.userId : undefined);
  const messageId = mailMessageId(item.receivedAt, item.messageId);
  const stored = await storeMailParts({
    ticketId: start.ticketId,
    messageId,
    inboundId: item.messageId,
    receivedAt: item.receivedAt,
    uploadedBy: actor.userId,
    parts: partsOf(ctx),
    ...(staff ? { staff: { visibility: staff.kind === 'note' ? ('internal' as const) : ('public' as const) } } : {}),
  });
  const input = { kind: staff?.kind ?? 'reply', body: parsed.text, attachmentIds: [] } as unknown as PostMessage;
  const authorName = staff?.authorName ?? (from.name || from.email).slice(0, 200);
  const prepared = { input, actor, authorName, attachments: [], mentioned: [], reopenWindowDays, mail: { ...mailFields(ctx), attachments: stored.linked } };
  const reason = staff ? (staff.kind === 'reply' ? 'staff reply' : 'staff mail without SES authentication (or the role may not answer): internal note') : undefined;
  let ticket = start;
  for (let attempt = 1; ; attempt++) {
    const plan = planPost(ticket, prepared, messageId, new Date().toISOString());
    // People a customer copies become participants; a staff member's copies do not.
    const added = staff ? [] : participantsOf(ctx, from.email).filter((p) => p !== ticket.requesterEmail.toLowerCase() && !(ticket.participants ?? []).includes(p));
    if (added.length) plan.set.participants = [...(ticket.participants ?? []), ...added];
    plan.also = [
      ...(plan.also ?? []),
      ...stored.items,
      ...messageIdKeys(parsed, ticket.ticketId),
      finalItem(item.messageId, { status: 'processed', ticketId: ticket.ticketId, ticketMessageId: messageId, classification: 'human', ...(reason ? { reason } : {}) }),
    ];
    try {
      await writeTicketChange(plan);
      return 'replied';
    } catch (err) {
      const { data: now } = await InboundMessage.get({ messageId: item.messageId }).go({ consistent: true });
      if (now?.ticketMessageId || now?.status !== 'processing') return 'duplicate';
      if (!(err instanceof TicketConflictError) || attempt === 5) throw err;
      const { data } = await Ticket.get({ ticketId: ticket.ticketId }).go({ consistent: true });
      if (!data) throw err;
      ticket = data;
    }
  }
}
