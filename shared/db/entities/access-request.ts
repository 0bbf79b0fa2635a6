import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * A person asking for a staff account. Moves once, from `pending` to `approved` (the account is
 * created) or `rejected` (with a reason); both are conditioned on `status = pending`.
 */
export const AccessRequest = lazy(() => new Entity(
  {
    model: { entity: 'accessRequest', version: '1', service: 'cm' },
    attributes: {
      requestId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      emailLower: { type: 'string', required: true, readOnly: true },
      requestedRole: { type: 'string', required: true, readOnly: true },
      note: { type: 'string', required: true, default: '', readOnly: true },
      status: { type: ['pending', 'approved', 'rejected'] as const, required: true, default: 'pending' },
      decidedBy: { type: 'string' },
      decidedAt: { type: 'string' },
      /** Approved: the role the account got (the requested one or the approver's override) and its user id. */
      grantedRole: { type: 'string' },
      userId: { type: 'string' },
      /** Rejected: the reason sent to the requester. */
      reason: { type: 'string' },
      /** Constant partition for the review queue (not readOnly: a status change re-states it to rebuild the index key). */
      queue: { type: 'string', required: true, default: 'accessRequests' },
      createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
      updatedAt: { type: 'string', required: true, watch: '*', default: () => new Date().toISOString(), set: () => new Date().toISOString() },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['requestId'] },
        sk: { field: 'sk', composite: [] },
      },
      byStatus: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['queue', 'status'] },
        sk: { field: 'gsi1sk', composite: ['createdAt', 'requestId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type AccessRequestItem = EntityItem<typeof AccessRequest>;
