import { webUrl } from '../contacts/emails.js';
import { Customer } from '../db/entities/customer.js';
import { InboundMessage } from '../db/entities/inbound-message.js';
import { normaliseMessageId } from '../db/entities/mail-thread-key.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import type { TicketEventItem } from '../db/entities/ticket-event.js';
import { TicketMessage, type TicketMessageItem } from '../db/entities/ticket-message.js';
import { mailDomain } from '../mail/settings.js';
import { logger } from '../observability.js';
import type { Change } from '../streams/changes.js';
import { statusLabels } from './defaults.js';
import type { TemplateEvent } from './events.js';
import { activeStaff, distinct, handler, languageOf, requesterSide, usersById, watchers, type Recipient } from './recipients.js';
import { sendNotification, type Notification, type SendOutcome } from './send.js';

/** Statuses the requester is told about. */
const requesterStatuses = new Set(['resolved', 'closed', 'waiting_on_customer']);
/** QC steps are `in_progress` for customers (as in the timeline). */
const publicStatus = (s: string | undefined) => (s && ['waiting_qc', 'qc_pass', 'qc_fail'].includes(s) ? 'in_progress' : s);
const maxBody = 10_000;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

interface Planned {
  to: Recipient;
  template: TemplateEvent;
  variables: Record<string, string>;
  automatic: boolean;
}

/** The message an event names (`details.messageId`); it was written just before the event. */
async function messageOf(ticketId: string, event: TicketEventItem): Promise<TicketMessageItem | undefined> {
  const messageId = (event.details as { messageId?: unknown } | undefined)?.messageId;
  if (typeof messageId !== 'string') return undefined;
  const { data } = await TicketMessage.query
    .byTicket({ ticketId })
    .where(({ messageId: m }, { eq }) => eq(m, messageId))
    .go({ order: 'desc', pages: 'all' });
  return data[0];
}

/** The text of a message for a mail: without the quoted history of an email. */
const replyText = (m: TicketMessageItem) => cut((m.quoteStart !== undefined ? m.body.slice(0, m.quoteStart) : m.body).trim(), maxBody);

/** The Message-ID of the customer's latest mail on the ticket (so their client threads), else the root. */
async function threadParent(ticket: TicketItem): Promise<string> {
  const root = ticket.rootMessageId ?? `ticket.${ticket.ticketId}@${mailDomain}`;
  const { data } = await TicketMessage.query
    .byTicket({ ticketId: ticket.ticketId })
    .where(({ channel, inboundId }, { eq, exists }) => `${eq(channel, 'email')} AND ${exists(inboundId)}`)
    .go({ order: 'desc', count: 1 });
  const inboundId = data[0]?.inboundId;
  if (!inboundId) return root;
  const { data: inbound } = await InboundMessage.get({ messageId: inboundId }).go({ attributes: ['headerMessageId'] });
  return inbound?.headerMessageId ? normaliseMessageId(inbound.headerMessageId) : root;
}

async function nameOf(actorId: string, message?: TicketMessageItem): Promise<string> {
  if (message?.authorName) return message.authorName;
  if (actorId.startsWith('email:')) return actorId.slice(6);
  const users = await usersById([actorId]);
  return users.get(actorId)?.name ?? 'Support';
}

/** What one timeline event should mail, and to whom. Notes never produce a mail (only their mentions, to staff). */
export async function planEvent(event: TicketEventItem, ticket: TicketItem): Promise<Planned[]> {
  const actor = event.actorId;
  switch (event.kind) {
    case 'created':
      // The receipt goes to the requester even when they opened it themselves (web or mail).
      return [{ to: requesterSide(ticket)[0]!, template: 'ticket_received', variables: {}, automatic: true }];
    case 'reply': {
      const message = await messageOf(ticket.ticketId, event);
      if (!message || message.kind !== 'reply') return [];
      const excluded = message.fromEmail ? [message.fromEmail] : [];
      const variables = { reply_body: replyText(message), agent_name: message.authorName };
      if (message.authorKind === 'staff') {
        const list = distinct([...requesterSide(ticket), ...(await watchers(ticket, 'reply', true)).filter((w) => !w.staff)], actor, excluded);
        return list.map((to) => ({ to, template: 'agent_reply', variables, automatic: false }));
      }
      const list = distinct([await handler(ticket), ...(await watchers(ticket, 'reply', false))], actor, excluded);
      return list.map((to) => ({ to, template: 'customer_reply', variables, automatic: false }));
    }
    case 'status': {
      // An automatic close tells the customer itself, with the reopen window (shared/sla/automation.ts).
      if ((event.details as { automation?: unknown } | undefined)?.automation === 'auto-close') return [];
      const agent = await nameOf(actor);
      const variables = { status: event.to ?? '', old_status: event.from ?? '', agent_name: agent };
      const customerSide = requesterStatuses.has(event.to ?? '') ? requesterSide(ticket) : [];
      const changedForCustomers = publicStatus(event.from) !== publicStatus(event.to);
      const watching = (await watchers(ticket, 'status', changedForCustomers)).filter((w) => w.staff || changedForCustomers);
      return distinct([...customerSide, ...watching], actor).map((to) => ({ to, template: 'status_changed', variables, automatic: false }));
    }
    case 'assignee': {
      const assignee = await activeStaff(event.to);
      const variables = { assignee_name: assignee?.name ?? '', agent_name: await nameOf(actor) };
      if (!assignee) return [];
      const staffWatchers = await watchers(ticket, 'assignment', false);
      return distinct([assignee, ...staffWatchers], actor).map((to) => ({ to, template: 'assigned', variables, automatic: false }));
    }
    case 'mention': {
      const userIds = (event.details as { userIds?: unknown } | undefined)?.userIds;
      if (!Array.isArray(userIds)) return [];
      const [message, users] = await Promise.all([messageOf(ticket.ticketId, event), usersById(userIds.filter((u): u is string => typeof u === 'string'))]);
      if (!message) return [];
      const staff = [...users.values()].filter((u) => u.kind === 'staff' && u.status === 'active');
      const variables = { agent_name: message.authorName, mention_excerpt: cut(message.body, 1000) };
      return distinct(staff.map((u) => ({ email: u.email, name: u.name, userId: u.userId, staff: true })), actor).map((to) => ({ to, template: 'mention', variables, automatic: false }));
    }
    default:
      return [];
  }
}

async function customerName(customerId: string): Promise<string> {
  const { data } = await Customer.get({ customerId }).go({ attributes: ['name'] });
  return data?.name ?? '';
}

/**
 * Mails everyone a new ticket event concerns (see `planEvent`). Each mail's dedupe key is
 * `<eventId>#<address>`, so a stream retry never mails twice. Returns the outcomes.
 */
export async function notifyForEvent(event: TicketEventItem): Promise<SendOutcome[]> {
  const { data: ticket } = await Ticket.get({ ticketId: event.ticketId }).go();
  if (!ticket) return [];
  const planned = await planEvent(event, ticket);
  if (!planned.length) return [];
  const [company, users, parent] = await Promise.all([
    customerName(ticket.customerId),
    usersById(planned.map((p) => p.to.userId ?? '')),
    planned.some((p) => !p.to.staff) ? threadParent(ticket) : Promise.resolve(undefined),
  ]);
  const outcomes: SendOutcome[] = [];
  for (const p of planned) {
    const user = p.to.userId ? users.get(p.to.userId) : undefined;
    const language = languageOf(user?.locale);
    const labels = statusLabels[language];
    const variables: Record<string, string> = {
      ticket_number: ticket.number,
      ticket_subject: ticket.subject,
      ticket_url: `${webUrl}/${p.to.staff ? 'desk' : 'portal'}/tickets/${encodeURIComponent(ticket.ticketId)}`,
      customer_name: company,
      contact_name: ticket.requesterName ?? company,
      recipient_name: p.to.name ?? user?.name ?? p.to.email,
      ...p.variables,
      ...(p.variables.status !== undefined ? { status: labels[p.variables.status] ?? p.variables.status } : {}),
      ...(p.variables.old_status !== undefined ? { old_status: labels[p.variables.old_status] ?? p.variables.old_status } : {}),
    };
    const n: Notification = {
      dedupeKey: `${event.eventId}#${p.to.email}`,
      to: { email: p.to.email, ...(p.to.name ? { name: p.to.name } : {}), ...(p.to.userId ? { userId: p.to.userId } : {}), language },
      template: p.template,
      variables,
      // Staff answer in the desk: their mails carry no reply token.
      ticket: {
        ticketId: ticket.ticketId,
        number: ticket.number,
        ...(ticket.replyToken && !p.to.staff ? { replyToken: ticket.replyToken } : {}),
        ...(ticket.rootMessageId ? { rootMessageId: ticket.rootMessageId } : {}),
        ...(ticket.mailbox ? { mailbox: ticket.mailbox } : {}),
      },
      ...(!p.to.staff && parent ? { inReplyTo: parent } : {}),
      automatic: p.automatic,
    };
    outcomes.push(await sendNotification(n));
  }
  logger.info('ticket event notified', { ticketId: ticket.ticketId, kind: event.kind, outcomes });
  return outcomes;
}

/** Stream entry: inserted ticket events only. */
export async function applyToNotifications(change: Change): Promise<SendOutcome[]> {
  if (change.kind !== 'insert' || change.entity !== 'ticketEvent' || !change.newImage) return [];
  return notifyForEvent(change.newImage as TicketEventItem);
}
