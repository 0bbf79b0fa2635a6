import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * A TOTP code that was accepted (user + time step + code): claimed with a condition so the same
 * code can never be used twice. Expires once the code could no longer be valid (TTL).
 */
export const TotpUse = lazy(() => new Entity(
  {
    model: { entity: 'totpUse', version: '1', service: 'cm' },
    attributes: {
      userId: { type: 'string', required: true, readOnly: true },
      /** `<time step>#<code>`. */
      slot: { type: 'string', required: true, readOnly: true },
      usedAt: { type: 'string', required: true },
      /** Epoch seconds (table TTL); a claim over an expired item is allowed (TTL deletes lazily). */
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byUserSlot: {
        pk: { field: 'pk', composite: ['userId'] },
        sk: { field: 'sk', composite: ['slot'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TotpUseItem = EntityItem<typeof TotpUse>;
