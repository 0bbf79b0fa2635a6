import type { CustomerAccess } from '../customers/access.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import type { ContactRole } from './schemas.js';

export interface Grant {
  role: ContactRole;
  canSeeTickets: boolean;
  canSeeInvoices: boolean;
  canManageContacts: boolean;
}

/** Owners always hold every right; other roles hold what they were given. */
export function effectiveGrant(grant: Grant): Grant {
  const owner = grant.role === 'owner';
  return {
    role: grant.role,
    canSeeTickets: owner || grant.canSeeTickets,
    canSeeInvoices: owner || grant.canSeeInvoices,
    canManageContacts: owner || grant.canManageContacts,
  };
}

const isOwner = (access: CustomerAccess) => access.kind === 'staff' || access.contact.role === 'owner';

/**
 * Whether `access` (staff, or a contact already admitted with canManageContacts) may give `grant`:
 * only owners (and staff) give the owner role, and a contact gives no right it does not hold.
 */
export function assertMayGrant(access: CustomerAccess, grant: Grant): void {
  if (access.kind === 'staff' || access.contact.role === 'owner') return;
  if (grant.role === 'owner') throw new ForbiddenError('Only an owner may make someone an owner');
  for (const right of ['canSeeTickets', 'canSeeInvoices', 'canManageContacts'] as const) {
    if (grant[right] && !access.contact[right]) throw new ForbiddenError('You may not give a right you do not hold');
  }
}

/** Only owners (and staff) change, remove or revoke an owner. */
export function assertMayTouch(access: CustomerAccess, target: { role: ContactRole }): void {
  if (target.role === 'owner' && !isOwner(access)) throw new ForbiddenError('Only an owner may change or remove an owner');
}

/**
 * An account always keeps at least one owner: refuses a change that takes the owner role from
 * `userId` (demotion or removal) when no other owner remains. Returns another owner's id, whose
 * role the write then checks in the same transaction (two owners cannot demote each other at once).
 */
export function otherOwner(contacts: readonly { userId: string; role: ContactRole }[], userId: string): string {
  const other = contacts.find((c) => c.role === 'owner' && c.userId !== userId);
  if (!other) throw new ConflictError('last_owner', 'An account must keep at least one owner');
  return other.userId;
}
