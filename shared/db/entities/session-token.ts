import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * The registration of one issued access token (its `jti`): only registered tokens are accepted by
 * the API, so revoking a session takes effect on the next request even though the JWT is still
 * valid. Expires with the token (TTL).
 */
export const SessionToken = lazy(() => new Entity(
  {
    model: { entity: 'sessionToken', version: '1', service: 'cm' },
    attributes: {
      jti: { type: 'string', required: true, readOnly: true },
      sessionId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      /** Epoch seconds: the access token's `exp` (table TTL). */
      expiresAt: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byJti: {
        pk: { field: 'pk', composite: ['jti'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type SessionTokenItem = EntityItem<typeof SessionToken>;
