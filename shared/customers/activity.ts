import type { UserActor } from '../auth/actor.js';
import { findAuditRecords, toAuditEntry } from '../audit/query.js';
import type { AuditEntryView } from '../audit/schemas.js';
import { ForbiddenError } from '../errors.js';
import { readCustomer } from './service.js';

/**
 * A customer's audit trail, newest first (A6 by target `customer#<id>`): changes to the customer
 * record and every request whose route ends on the customer (its status, profile, and the
 * customer's sub-object routes addressed by `/customers/{customerId}/...`).
 */
export async function customerActivity(customerId: string, page: { cursor?: string | undefined; limit: number }, actor: UserActor): Promise<{ items: AuditEntryView[]; cursor: string | null }> {
  if (!actor.isStaff) throw new ForbiddenError('Only staff see a customer activity');
  await readCustomer(customerId);
  const result = await findAuditRecords({ targetType: 'customer', targetId: customerId }, { limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
  return { items: result.items.map(toAuditEntry), cursor: result.cursor };
}
