import type { UserActor } from '../auth/actor.js';
import { findAuditRecords, toAuditEntry } from '../audit/query.js';
import type { AuditEntryView } from '../audit/schemas.js';
import { ForbiddenError } from '../errors.js';
import { readCustomer } from './service.js';

/**
 * A customer's audit trail, newest first, in one A6 query by target `customer#<id>`: changes to the
 * customer record and to its contacts, invitations, KYC documents, notes and documents (filed under
 * the customer, the object in `details.object`: shared/audit/changes.ts), and every request on a
 * `/customers/{customerId}/...` route (shared/audit/request-audit.ts).
 */
export async function customerActivity(customerId: string, page: { cursor?: string | undefined; limit: number }, actor: UserActor): Promise<{ items: AuditEntryView[]; cursor: string | null }> {
  if (!actor.isStaff) throw new ForbiddenError('Only staff see a customer activity');
  await readCustomer(customerId);
  const result = await findAuditRecords({ targetType: 'customer', targetId: customerId }, { limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
  return { items: result.items.map(toAuditEntry), cursor: result.cursor };
}
