import { CustomerContact } from '../db/entities/customer-contact.js';
import { MailThreadKey, normaliseMessageId } from '../db/entities/mail-thread-key.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { User } from '../db/entities/user.js';
import { ticketIdForNumber } from '../tickets/numbers.js';
import type { ParsedMail } from './parsed.js';
import { mailDomain } from './settings.js';

/** How an inbound mail found its ticket. */
export type ThreadMatch = { ticket: TicketItem; via: 'header' | 'token' | 'subject' };

/** In-Reply-To first, then References newest first (the last id is the mail answered), deduplicated, at most 100 (one BatchGet). */
export function headerIds(parsed: Pick<ParsedMail, 'inReplyTo' | 'references'>): string[] {
  const ids = [...parsed.inReplyTo, ...[...parsed.references].reverse()].map(normaliseMessageId).filter(Boolean);
  return [...new Set(ids)].slice(0, 100);
}

/** Reply tokens in recipient addresses of our domain: `support+<token>@domain` → token. */
export function replyTokens(addresses: readonly string[], domain = mailDomain): string[] {
  const tokens = addresses.flatMap((a) => {
    const m = /^[^+@\s]+\+([a-z2-7]{20})@(.+)$/i.exec(a.trim());
    return m && m[2]!.toLowerCase() === domain.toLowerCase() ? [m[1]!.toLowerCase()] : [];
  });
  return [...new Set(tokens)];
}

/** The ticket number of a `[#482913]` subject marker, if any. */
export function subjectNumber(subject: string): string | undefined {
  return /\[#(\d{4,12})\]/.exec(subject)?.[1];
}

/** Follows merges (at most a few hops) so a reply lands on the ticket that is still worked. */
async function live(ticketId: string): Promise<TicketItem | undefined> {
  let id: string | undefined = ticketId;
  for (let hop = 0; id && hop < 5; hop++) {
    const { data }: { data: TicketItem | null } = await Ticket.get({ ticketId: id }).go({ consistent: true });
    if (!data) return undefined;
    if (!data.mergedInto) return data;
    id = data.mergedInto;
  }
  return undefined;
}

async function byHeaders(ids: string[]): Promise<TicketItem | undefined> {
  if (!ids.length) return undefined;
  const { data } = await MailThreadKey.get(ids.map((value) => ({ kind: 'msgid' as const, value }))).go();
  const found = new Map(data.map((k) => [k.value, k.ticketId]));
  const ticketId = ids.map((id) => found.get(id)).find(Boolean);
  return ticketId ? live(ticketId) : undefined;
}

async function byToken(tokens: string[]): Promise<TicketItem | undefined> {
  for (const value of tokens) {
    const { data } = await MailThreadKey.get({ kind: 'token', value }).go();
    if (data) return live(data.ticketId);
  }
  return undefined;
}

/** Whether `email` belongs to a ticket: its requester, a CC'd participant, or a contact of its customer. */
export async function belongsTo(ticket: TicketItem, email: string): Promise<boolean> {
  const address = email.toLowerCase();
  if (ticket.requesterEmail.toLowerCase() === address) return true;
  if ((ticket.participants ?? []).some((p) => p.toLowerCase() === address)) return true;
  const { data: users } = await User.query.byEmail({ directory: 'users', emailLower: address }).go({ attributes: ['userId'] });
  if (!users.length) return false;
  const contacts = await CustomerContact.get(users.map((u) => ({ customerId: ticket.customerId, userId: u.userId }))).go();
  return contacts.data.length > 0;
}

/**
 * The ticket an inbound mail answers: In-Reply-To, then each References id (against every
 * stored inbound and outbound Message-ID), then a reply token in any recipient address, then a
 * `[#number]` subject marker only when the sender belongs to that ticket. Undefined: a new ticket.
 */
export async function findThread(parsed: ParsedMail, recipients: readonly string[]): Promise<ThreadMatch | undefined> {
  const header = await byHeaders(headerIds(parsed));
  if (header) return { ticket: header, via: 'header' };
  const addresses = [...recipients, ...parsed.to.map((a) => a.email), ...parsed.cc.map((a) => a.email)];
  const token = await byToken(replyTokens(addresses));
  if (token) return { ticket: token, via: 'token' };
  const number = subjectNumber(parsed.subject);
  if (!number) return undefined;
  const ticketId = await ticketIdForNumber(number).catch(() => undefined);
  const ticket = ticketId ? await live(ticketId) : undefined;
  if (ticket && (await belongsTo(ticket, parsed.from.email))) return { ticket, via: 'subject' };
  return undefined;
}
