import { createHash } from 'node:crypto';
import { Customer } from '../db/entities/customer.js';
import { CustomerContact, type CustomerContactItem } from '../db/entities/customer-contact.js';
import { TicketCategory } from '../db/entities/ticket-category.js';
import { User, type UserItem } from '../db/entities/user.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { ensureHelpdeskDefaults } from '../tickets/categories.js';
import type { MailAddress } from './parsed.js';
import type { MailSettingsView } from './settings.js';

/** The shared account of accepted email senders without an account (`unknownSender: guest`). */
export const guestCustomerId = 'email-guests';
/** New accounts from mail need a currency; admins change it when the lead converts. */
const leadCurrency = 'DZD';
const systemUser = 'system:mail';

export type Sender =
  | { kind: 'contact'; customerId: string; user: Pick<UserItem, 'userId' | 'name' | 'email'> }
  | { kind: 'lead' | 'guest'; customerId: string }
  | { kind: 'reject' };

/** The user of that kind (a customer unless asked for staff) with this address, if any. */
export async function userByEmail(email: string, kind: UserItem['kind'] = 'customer'): Promise<UserItem | undefined> {
  const { data } = await User.query.byEmail({ directory: 'users', emailLower: email.toLowerCase() }).go();
  return data.find((u) => u.kind === kind) ?? undefined;
}

const roleRank: Record<CustomerContactItem['role'], number> = { owner: 0, billing: 1, technical: 2 };

/** A contact's first account: owner role first, then by account id (stable). */
export function firstAccount(contacts: readonly Pick<CustomerContactItem, 'customerId' | 'role'>[]): string | undefined {
  return [...contacts].sort((a, b) => roleRank[a.role] - roleRank[b.role] || a.customerId.localeCompare(b.customerId))[0]?.customerId;
}

/** Deterministic lead id for an address: a second mail from the same stranger reuses the lead. */
export function leadCustomerId(email: string): string {
  return `email-${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32)}`;
}

async function ensureCustomer(customerId: string, item: { name: string; email?: string; type: 'individual' | 'corporate' }): Promise<void> {
  try {
    await Customer.create({ customerId, ...item, currency: leadCurrency, status: 'pending', origin: 'email', createdBy: systemUser }).go();
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
  }
}

/**
 * Who a new ticket's sender is: a customer user who is a contact → their first account (owner role
 * first); anyone else per `unknownSender`: a lead account (pending, origin email) for that address,
 * the shared guest account, or a rejection.
 */
export async function resolveSender(from: MailAddress, settings: Pick<MailSettingsView, 'unknownSender'>): Promise<Sender> {
  if (from.verbatim) {
    // No mailbox to match, to answer or to open a lead for.
    if (settings.unknownSender === 'reject') return { kind: 'reject' };
    await ensureCustomer(guestCustomerId, { name: 'Email guests', type: 'individual' });
    return { kind: 'guest', customerId: guestCustomerId };
  }
  const user = await userByEmail(from.email);
  if (user) {
    const { data: contacts } = await CustomerContact.query.byUser({ userId: user.userId }).go();
    const customerId = firstAccount(contacts);
    if (customerId) return { kind: 'contact', customerId, user: { userId: user.userId, name: user.name, email: user.email } };
  }
  switch (settings.unknownSender) {
    case 'reject':
      return { kind: 'reject' };
    case 'guest':
      await ensureCustomer(guestCustomerId, { name: 'Email guests', type: 'individual' });
      return { kind: 'guest', customerId: guestCustomerId };
    case 'lead': {
      const customerId = leadCustomerId(from.email);
      await ensureCustomer(customerId, { name: (from.name || from.email).slice(0, 200), email: from.email, type: 'individual' });
      return { kind: 'lead', customerId };
    }
  }
}

export interface Mailbox {
  address: string;
  /** Absent for the General fallback: the ticket takes its category's group. */
  groupId?: string;
  categoryId: string;
}

/** `Support+Token@Example.com` → `support@example.com`. */
export const withoutToken = (address: string) => address.toLowerCase().replace(/\+[^@]*@/, '@');

/** The `General` category (or the first active one), created with the defaults when there is none. */
async function generalCategory(): Promise<string> {
  for (let round = 0; round < 2; round++) {
    const { data } = await TicketCategory.query.byTree({ directory: 'ticketCategories' }).go({ pages: 'all' });
    const active = data.filter((c) => c.active);
    const general = active.find((c) => c.name.toLowerCase() === 'general') ?? active[0];
    if (general) return general.categoryId;
    await ensureHelpdeskDefaults({ memberIds: [], addedBy: systemUser });
  }
  throw new Error('No ticket category to file email under');
}

/**
 * The mailbox a mail was sent to: the first recipient (without `+token`) that is a configured
 * mailbox; none → the first configured mailbox; none configured → the General category (and its group).
 */
export async function resolveMailbox(recipients: readonly string[], settings: Pick<MailSettingsView, 'mailboxes'>, fallbackAddress: string): Promise<Mailbox> {
  const addresses = recipients.map(withoutToken);
  const boxes = settings.mailboxes.map((m) => ({ ...m, address: m.address.toLowerCase() }));
  const box = addresses.map((a) => boxes.find((b) => b.address === a)).find(Boolean) ?? boxes[0];
  if (box) return { address: box.address, groupId: box.groupId, categoryId: box.categoryId };
  return { address: fallbackAddress, categoryId: await generalCategory() };
}
