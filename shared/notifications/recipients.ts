import type { UserActor } from '../auth/actor.js';
import { SupportGroup } from '../db/entities/support-group.js';
import type { TicketItem } from '../db/entities/ticket.js';
import { User, type UserItem } from '../db/entities/user.js';
import { customerSeesTicket } from '../tickets/access.js';
import { watchersFor, type WatchedEvent } from '../tickets/watchers.js';
import type { TemplateLanguage } from './events.js';

/** One person to mail; `staff` picks the desk link (else the portal's) and excludes customer-only mails. */
export interface Recipient {
  email: string;
  name?: string | undefined;
  userId?: string | undefined;
  staff: boolean;
}

/** `fr…` → fr, `ar…` → ar, anything else (or nothing) → en. */
export function languageOf(locale: string | undefined): TemplateLanguage {
  const l = (locale ?? '').toLowerCase();
  return l.startsWith('fr') ? 'fr' : l.startsWith('ar') ? 'ar' : 'en';
}

/** The users behind some recipients, by id (one BatchGet). */
export async function usersById(ids: string[]): Promise<Map<string, UserItem>> {
  const unique = [...new Set(ids.filter((id) => id && !id.includes(':')))];
  if (!unique.length) return new Map();
  const { data } = await User.get(unique.map((userId) => ({ userId }))).go();
  return new Map(data.map((u) => [u.userId, u]));
}

const isActiveStaff = (u: UserItem | undefined): u is UserItem => !!u && u.kind === 'staff' && u.status === 'active';

export async function activeStaff(userId: string | undefined): Promise<Recipient | undefined> {
  if (!userId) return undefined;
  const { data } = await User.get({ userId }).go();
  return isActiveStaff(data ?? undefined) ? { email: data!.email, name: data!.name, userId, staff: true } : undefined;
}

/** The requester and the addresses CC'd on the ticket's mails: who a public reply or outcome goes to. */
export function requesterSide(ticket: TicketItem): Recipient[] {
  return [
    { email: ticket.requesterEmail, name: ticket.requesterName, userId: ticket.requesterId, staff: false },
    ...(ticket.participants ?? []).map((email) => ({ email, staff: false })),
  ];
}

/**
 * Watchers whose preference for `event` is on. Contacts only while they may still see the ticket
 * and only when `withContacts` (internal events never reach customers).
 */
export async function watchers(ticket: TicketItem, event: WatchedEvent, withContacts: boolean): Promise<Recipient[]> {
  const all = await watchersFor(ticket.ticketId, event);
  const out: Recipient[] = [];
  for (const w of all) {
    if (w.kind === 'staff') out.push({ email: w.email, name: w.name, userId: w.userId, staff: true });
    else if (withContacts && (await customerSeesTicket({ userId: w.userId } as UserActor, ticket))) {
      out.push({ email: w.email, name: w.name, userId: w.userId, staff: false });
    }
  }
  return out;
}

/** Who handles a customer's reply: the assignee, else the lead of the ticket's group. */
export async function handler(ticket: TicketItem): Promise<Recipient | undefined> {
  if (ticket.assigneeId) return activeStaff(ticket.assigneeId);
  const { data } = await SupportGroup.get({ groupId: ticket.groupId }).go({ attributes: ['leadId'] });
  return activeStaff(data?.leadId);
}

/**
 * Distinct by address (first wins), without whoever caused the event (`actorId` is a user id or
 * `email:<address>`) and any `excluded` address (the mail's own sender).
 */
export function distinct(list: (Recipient | undefined)[], actorId: string, excluded: string[] = []): Recipient[] {
  const seen = new Set(excluded.map((e) => e.toLowerCase()));
  const out: Recipient[] = [];
  for (const r of list) {
    if (!r?.email) continue;
    const email = r.email.trim().toLowerCase();
    if (seen.has(email) || r.userId === actorId || actorId === `email:${email}`) continue;
    seen.add(email);
    out.push({ ...r, email });
  }
  return out;
}
