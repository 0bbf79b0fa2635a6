import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * Failed sign-in attempts per email address (also for addresses no user has, so they behave the
 * same): 5 failures inside the window lock sign-in for that address for 15 minutes. Cleared by a
 * successful sign-in; expires by TTL.
 */
export const SignInGuard = lazy(() => new Entity(
  {
    model: { entity: 'signInGuard', version: '1', service: 'cm' },
    attributes: {
      /** Lower-case email address. */
      email: { type: 'string', required: true, readOnly: true },
      failures: { type: 'number', required: true },
      /** Epoch milliseconds of the first failure counted in the current window. */
      windowStartedAt: { type: 'number', required: true },
      /** Epoch milliseconds; sign-in is refused until then. */
      lockedUntil: { type: 'number' },
      /** Epoch seconds (table TTL). */
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byEmail: {
        pk: { field: 'pk', composite: ['email'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type SignInGuardItem = EntityItem<typeof SignInGuard>;
