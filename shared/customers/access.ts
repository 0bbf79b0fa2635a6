import type { UserActor } from '../auth/actor.js';
import { CustomerContact, type CustomerContactItem } from '../db/entities/customer-contact.js';
import { ForbiddenError, NotFoundError } from '../errors.js';

/** A right a contact may hold on its account (owners hold all). */
export type ContactRight = 'canSeeTickets' | 'canSeeInvoices' | 'canManageContacts';

export type CustomerAccess =
  /** Staff: the route's permission already admitted them; they see every account. */
  | { kind: 'staff' }
  /** A customer user acting as a contact of this account. */
  | { kind: 'contact'; contact: CustomerContactItem };

/**
 * Who may touch customer `customerId`, and as what. Staff pass (the route checked its
 * permission); a customer user must be a contact of that account, else the account does not
 * exist for them (404, same as an unknown id). A contact lacking `right` gets 403: they know the
 * account, but may not do this on it.
 */
export async function customerAccess(actor: UserActor, customerId: string, right?: ContactRight): Promise<CustomerAccess> {
  if (actor.isStaff) return { kind: 'staff' };
  const { data: contact } = await CustomerContact.get({ customerId, userId: actor.userId }).go();
  if (!contact) throw new NotFoundError('No such customer');
  if (right && !holds(contact, right)) throw new ForbiddenError('Your contact role on this account does not allow this');
  return { kind: 'contact', contact };
}

export function holds(contact: Pick<CustomerContactItem, 'role' | ContactRight>, right: ContactRight): boolean {
  return contact.role === 'owner' || contact[right];
}

