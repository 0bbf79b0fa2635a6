import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';
import { loginOutcomes, successfulOutcomes, type LoginOutcome } from '../../identity/outcomes.js';

export { loginOutcomes, successfulOutcomes, type LoginOutcome } from '../../identity/outcomes.js';

/**
 * One sign-in attempt (append-only: never updated). Attached to the user when the address belongs
 * to one, else to the address itself (`email#…`), so unknown addresses leave the same trace. Failures
 * and lockouts also carry the sparse `failures` index (per UTC day) for the admins' view.
 */
export const LoginEvent = lazy(() => new Entity(
  {
    model: { entity: 'loginEvent', version: '1', service: 'cm' },
    attributes: {
      eventId: { type: 'string', required: true, readOnly: true },
      /** `userId`, or `email#<address>` when no user has that address. */
      subject: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      at: { type: 'string', required: true, readOnly: true },
      /** `YYYY-MM-DD` of `at`: the failures index partition. */
      day: { type: 'string', required: true, readOnly: true },
      outcome: { type: loginOutcomes, required: true, readOnly: true },
      ip: { type: 'string', readOnly: true },
      userAgent: { type: 'string', readOnly: true },
      sessionId: { type: 'string', readOnly: true },
      /** Epoch seconds (table TTL): login history is kept 400 days; the audit trail keeps the rest. */
      expiresAt: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byUser: {
        pk: { field: 'pk', composite: ['subject'] },
        sk: { field: 'sk', composite: ['at', 'eventId'] },
      },
      failures: {
        index: 'gsi1',
        condition: (attr) => !successfulOutcomes.includes(attr.outcome as LoginOutcome),
        pk: { field: 'gsi1pk', composite: ['day'] },
        sk: { field: 'gsi1sk', composite: ['at', 'eventId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type LoginEventItem = EntityItem<typeof LoginEvent>;
