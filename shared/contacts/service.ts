import { randomUUID } from 'node:crypto';
import { Service } from 'electrodb';
import type { UserActor } from '../auth/actor.js';
import { customerAccess } from '../customers/access.js';
import { documentClient, tableName } from '../db/client.js';
import { ContactInvitation, type ContactInvitationItem } from '../db/entities/contact-invitation.js';
import { CustomerContact, type CustomerContactItem } from '../db/entities/customer-contact.js';
import { Customer, type CustomerItem } from '../db/entities/customer.js';
import { User, type UserItem } from '../db/entities/user.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AppError, ConflictError, NotFoundError } from '../errors.js';
import { sendEmail } from '../mail/send.js';
import { logger } from '../observability.js';
import { findUserByEmail } from '../users/service.js';
import { contactInvitationEmail } from './emails.js';
import type { MyAccount } from './my-accounts.js';
import { assertMayGrant, assertMayTouch, effectiveGrant, otherOwner } from './policy.js';
import { invitationValidityDays, type ContactView, type InvitationView, type InviteContact, type UpdateContact } from './schemas.js';

/** Only the two entities the contact transactions write. */
const makeStore = () => new Service({ customerContact: CustomerContact, contactInvitation: ContactInvitation }, { client: documentClient, table: tableName });
/** Built on first use, not at import (cold start). */
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

/** Whether the transaction's `i`-th action failed its condition. */
const rejectedAt = (data: readonly { rejected: boolean }[], i: number) => data[i]?.rejected === true;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const versionConflict = () => new ConflictError('version_conflict', 'The contact was changed by someone else; reload and try again');
const notPending = (status: string) => new ConflictError('invitation_not_pending', `This invitation was already ${status}`, { status });
const lastOwner = () => new ConflictError('last_owner', 'An account must keep at least one owner');

type ContactWrites = Parameters<Parameters<ReturnType<typeof makeStore>['transaction']['write']>[0]>[0]['customerContact'];

/** When `keeper` is given: the transaction's check that this other contact still is an owner (an account keeps one). */
const ownerStays = (customerContact: ContactWrites, customerId: string, keeper: string | undefined) =>
  keeper ? [customerContact.check({ customerId, userId: keeper }).where(({ role }, { eq }) => eq(role, 'owner')).commit()] : [];

/** Why a change to a contact (action 0, then {@link ownerStays}) was cancelled. */
function changeCancelled(data: readonly { rejected: boolean; code?: string }[], what: string): Error {
  if (rejectedAt(data, 0)) return versionConflict();
  if (rejectedAt(data, 1)) return lastOwner();
  return new Error(`${what} cancelled: ${data.map((d) => d.code).join(', ')}`);
}

export function toContactView(item: CustomerContactItem): ContactView {
  return {
    customerId: item.customerId,
    userId: item.userId,
    name: item.name,
    email: item.email,
    ...effectiveGrant(item),
    addedBy: item.addedBy,
    ...(item.emailBouncedAt ? { emailBouncedAt: item.emailBouncedAt } : {}),
    ...(item.emailBounceDetail ? { emailBounceDetail: item.emailBounceDetail } : {}),
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function toInvitationView(item: ContactInvitationItem): InvitationView {
  return {
    invitationId: item.invitationId,
    customerId: item.customerId,
    customerName: item.customerName,
    email: item.email,
    ...(item.name ? { name: item.name } : {}),
    ...effectiveGrant(item),
    status: item.status,
    invitedByName: item.invitedByName,
    expiresAt: new Date(item.expiresAt * 1000).toISOString(),
    createdAt: item.createdAt,
  };
}

function toMyAccount(contact: CustomerContactItem, customer: CustomerItem): MyAccount {
  return { customerId: customer.customerId, name: customer.name, type: customer.type, status: customer.status, ...effectiveGrant(contact) };
}

async function readCustomer(customerId: string): Promise<CustomerItem> {
  const { data } = await Customer.get({ customerId }).go();
  if (!data) throw new NotFoundError('No such customer');
  return data;
}

async function readContact(customerId: string, userId: string): Promise<CustomerContactItem> {
  const { data } = await CustomerContact.get({ customerId, userId }).go();
  if (!data) throw new NotFoundError('No such contact');
  return data;
}

async function readContacts(customerId: string): Promise<CustomerContactItem[]> {
  const { data } = await CustomerContact.query.byCustomer({ customerId }).go({ pages: 'all' });
  return data;
}

const isOpen = (inv: ContactInvitationItem, now = nowSeconds()) => inv.status === 'pending' && inv.expiresAt > now;

/** The accounts the caller acts for, with their role and rights there (staff: none). */
export async function listMyAccounts(actor: UserActor): Promise<{ items: MyAccount[] }> {
  if (actor.isStaff) return { items: [] };
  const { data: contacts } = await CustomerContact.query.byUser({ userId: actor.userId }).go({ pages: 'all' });
  if (contacts.length === 0) return { items: [] };
  const keys = contacts.map((c) => ({ customerId: c.customerId }));
  const first = await Customer.get(keys).go();
  let customers = first.data;
  if (first.unprocessed.length > 0) customers = customers.concat((await Customer.get(first.unprocessed).go()).data);
  const byId = new Map(customers.map((c) => [c.customerId, c]));
  const items = contacts.flatMap((c) => {
    const customer = byId.get(c.customerId);
    return customer ? [toMyAccount(c, customer)] : [];
  });
  return { items: items.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The contacts of an account, owners first: staff, or any contact of that account. */
export async function listContacts(actor: UserActor, customerId: string): Promise<{ items: ContactView[] }> {
  const access = await customerAccess(actor, customerId);
  if (access.kind === 'staff') await readCustomer(customerId);
  const rank = { owner: 0, billing: 1, technical: 2 } as const;
  const items = (await readContacts(customerId)).sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name));
  return { items: items.map(toContactView) };
}

/**
 * Changes a contact's role and rights (staff, or a contact holding canManageContacts; only owners
 * touch owners or make owners), if its version is the one read. Taking the owner role away checks,
 * in the same transaction, that another owner still is one.
 */
export async function updateContact(actor: UserActor, customerId: string, userId: string, input: UpdateContact): Promise<ContactView> {
  const access = await customerAccess(actor, customerId, 'canManageContacts');
  const target = await readContact(customerId, userId);
  assertMayTouch(access, target);
  const grant = effectiveGrant(input);
  assertMayGrant(access, grant);
  if (target.version !== input.version) throw versionConflict();
  const keeper = target.role === 'owner' && grant.role !== 'owner' ? otherOwner(await readContacts(customerId), userId) : undefined;

  const version = input.version + 1;
  const result = await getStore()
    .transaction.write(({ customerContact }) => [
      customerContact
        .patch({ customerId, userId })
        .set({ ...grant, version })
        .where(({ version: v }, { eq }) => eq(v, input.version))
        .commit(),
      ...ownerStays(customerContact, customerId, keeper),
    ])
    .go();
  if (result.canceled) throw changeCancelled(result.data, 'Contact update');
  return toContactView({ ...target, ...grant, version, updatedAt: new Date().toISOString() });
}

/**
 * Removes a contact from an account: staff, a contact holding canManageContacts (only owners
 * remove owners), or the contact themself (leaving). The last owner cannot go.
 */
export async function removeContact(actor: UserActor, customerId: string, userId: string): Promise<void> {
  const leaving = !actor.isStaff && actor.userId === userId;
  const access = await customerAccess(actor, customerId, leaving ? undefined : 'canManageContacts');
  const target = await readContact(customerId, userId);
  if (!leaving) assertMayTouch(access, target);
  const keeper = target.role === 'owner' ? otherOwner(await readContacts(customerId), userId) : undefined;

  const result = await getStore()
    .transaction.write(({ customerContact }) => [
      customerContact
        .delete({ customerId, userId })
        .where(({ version }, { eq }) => eq(version, target.version))
        .commit(),
      ...ownerStays(customerContact, customerId, keeper),
    ])
    .go();
  if (result.canceled) throw changeCancelled(result.data, 'Contact removal');
}

async function inviterName(actor: UserActor, contact: CustomerContactItem | undefined): Promise<string> {
  if (contact) return contact.name;
  const { data } = await User.get({ userId: actor.userId }).go();
  return data?.name ?? 'CloudManager';
}

/**
 * Invites an email to become a contact with a role and rights (staff, or a contact holding
 * canManageContacts; only owners invite owners), valid 14 days, and emails the invitee.
 */
export async function inviteContact(actor: UserActor, customerId: string, input: InviteContact): Promise<InvitationView> {
  const access = await customerAccess(actor, customerId, 'canManageContacts');
  const grant = effectiveGrant(input);
  assertMayGrant(access, grant);
  const customer = await readCustomer(customerId);
  const email = input.email.trim();
  const emailLower = email.toLowerCase();

  const user = await findUserByEmail(emailLower);
  if (user?.kind === 'staff') throw new ConflictError('staff_account', 'This email belongs to a staff account, which cannot be a customer contact');
  if (user && (await CustomerContact.get({ customerId, userId: user.userId }).go()).data) {
    throw new ConflictError('already_contact', 'This person is already a contact of the account');
  }
  const { data: sameEmail } = await ContactInvitation.query
    .byCustomer({ customerId })
    .where((a, { eq }) => `${eq(a.emailLower, emailLower)} AND ${eq(a.status, 'pending')}`)
    .go({ pages: 'all' });
  if (sameEmail.some((inv) => inv.emailLower === emailLower && isOpen(inv))) throw new ConflictError('invitation_pending', 'An invitation to this email is already pending');

  const invitedByName = await inviterName(actor, access.kind === 'contact' ? access.contact : undefined);
  const { data: created } = await ContactInvitation.create({
    invitationId: randomUUID(),
    customerId,
    customerName: customer.name,
    email,
    emailLower,
    ...(input.name ? { name: input.name } : {}),
    ...grant,
    status: 'pending',
    invitedBy: actor.userId,
    invitedByName,
    expiresAt: nowSeconds() + invitationValidityDays * 86_400,
  }).go();
  const view = toInvitationView(created);
  await sendEmail(contactInvitationEmail({ ...view, invitedByName })).catch((err: Error) =>
    logger.error('contact invitation email failed', { invitationId: view.invitationId, error: err.message }),
  );
  return view;
}

/** The pending, unexpired invitations of an account (staff, or a contact holding canManageContacts). */
export async function listInvitations(actor: UserActor, customerId: string): Promise<{ items: InvitationView[] }> {
  const access = await customerAccess(actor, customerId, 'canManageContacts');
  if (access.kind === 'staff') await readCustomer(customerId);
  const { data } = await ContactInvitation.query
    .byCustomer({ customerId })
    .where(({ status }, { eq }) => eq(status, 'pending'))
    .go({ pages: 'all' });
  const now = nowSeconds();
  const open = data.filter((inv) => isOpen(inv, now)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { items: open.map(toInvitationView) };
}

/** Revokes a pending invitation (same rights as inviting; only owners revoke an owner invitation). */
export async function revokeInvitation(actor: UserActor, customerId: string, invitationId: string): Promise<void> {
  const access = await customerAccess(actor, customerId, 'canManageContacts');
  const { data: invitation } = await ContactInvitation.get({ customerId, invitationId }).go();
  if (!invitation) throw new NotFoundError('No such invitation');
  assertMayTouch(access, invitation);
  await decide(invitation, 'revoked', actor);
}

/** Moves a pending invitation to its outcome, conditioned on it still being pending. */
async function decide(invitation: ContactInvitationItem, status: 'declined' | 'revoked', actor: UserActor): Promise<void> {
  if (invitation.status !== 'pending') throw notPending(invitation.status);
  try {
    await ContactInvitation.patch({ customerId: invitation.customerId, invitationId: invitation.invitationId })
      .set({ status, decidedAt: new Date().toISOString(), decidedBy: actor.userId, version: invitation.version + 1 })
      .where((a, { eq }) => `${eq(a.status, 'pending')} AND ${eq(a.version, invitation.version)}`)
      .go();
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    const { data } = await ContactInvitation.get({ customerId: invitation.customerId, invitationId: invitation.invitationId }).go();
    throw notPending(data?.status ?? 'removed');
  }
}

async function readSelf(actor: UserActor): Promise<UserItem | null> {
  if (actor.isStaff) return null;
  const { data } = await User.get({ userId: actor.userId }).go();
  return data?.emailLower ? data : null;
}

/** Invitations addressed to the caller's (verified) email, pending and unexpired. */
export async function listMyInvitations(actor: UserActor): Promise<{ items: InvitationView[] }> {
  const self = await readSelf(actor);
  if (!self) return { items: [] };
  const { data } = await ContactInvitation.query
    .byEmail({ emailLower: self.emailLower! })
    .where(({ status }, { eq }) => eq(status, 'pending'))
    .go({ pages: 'all' });
  const now = nowSeconds();
  return { items: data.filter((inv) => isOpen(inv, now)).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(toInvitationView) };
}

/** One invitation addressed to the caller, still open; anyone else's is not found. */
async function readMyOpenInvitation(actor: UserActor, invitationId: string): Promise<{ self: UserItem; invitation: ContactInvitationItem }> {
  const self = await readSelf(actor);
  const found = self ? (await ContactInvitation.query.byEmail({ emailLower: self.emailLower!, invitationId }).go()).data[0] : undefined;
  if (!self || !found) throw new NotFoundError('No such invitation');
  if (found.status !== 'pending') throw notPending(found.status);
  if (found.expiresAt <= nowSeconds()) throw new AppError(410, 'invitation_expired', 'This invitation has expired; ask for a new one');
  return { self, invitation: found };
}

/**
 * Accepts an invitation addressed to the caller: the contact (invited role and rights) is created
 * and the invitation marked accepted in one transaction. Answers the new account.
 */
export async function acceptInvitation(actor: UserActor, invitationId: string): Promise<MyAccount> {
  const { self, invitation } = await readMyOpenInvitation(actor, invitationId);
  const { customerId } = invitation;
  const customer = await readCustomer(customerId);
  const alreadyContact = () => new ConflictError('already_contact', 'You are already a contact of this account');
  if ((await CustomerContact.get({ customerId, userId: self.userId }).go()).data) throw alreadyContact();

  const grant = effectiveGrant(invitation);
  const contact = { customerId, userId: self.userId, ...grant, name: self.name, email: self.email, addedBy: invitation.invitedBy };
  const result = await getStore()
    .transaction.write(({ customerContact, contactInvitation }) => [
      customerContact.create(contact).commit(),
      contactInvitation
        .patch({ customerId, invitationId })
        .set({ status: 'accepted', decidedAt: new Date().toISOString(), decidedBy: self.userId, version: invitation.version + 1 })
        .where((a, { eq }) => `${eq(a.status, 'pending')} AND ${eq(a.version, invitation.version)}`)
        .commit(),
    ])
    .go();
  if (result.canceled) {
    if (rejectedAt(result.data, 0)) throw alreadyContact();
    if (rejectedAt(result.data, 1)) throw notPending('decided');
    throw new Error(`Invitation acceptance cancelled: ${result.data.map((d) => d.code).join(', ')}`);
  }
  return { customerId, name: customer.name, type: customer.type, status: customer.status, ...grant };
}

/** Declines an invitation addressed to the caller. */
export async function declineInvitation(actor: UserActor, invitationId: string): Promise<void> {
  const { invitation } = await readMyOpenInvitation(actor, invitationId);
  await decide(invitation, 'declined', actor);
}
