import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * A signed-in device: opened by a sign-in, kept alive by refreshes, gone when revoked (sign-out,
 * "sign out everywhere", password reset) or when its refresh token expires (TTL). `tokens` lists the
 * access tokens it issued that may still be alive, so revoking the session can delete their
 * registrations (sessionToken) in the same transaction.
 */
export const Session = lazy(() => new Entity(
  {
    model: { entity: 'session', version: '1', service: 'cm' },
    attributes: {
      sessionId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** Last sign-in or token refresh (not every request: that would be a write per request). */
      lastSeenAt: { type: 'string', required: true },
      ip: { type: 'string' },
      userAgent: { type: 'string' },
      /** SHA-256 of the refresh token: what a refresh request must present. */
      refreshTokenHash: { type: 'string', required: true },
      /** The refresh token, AES-256-GCM sealed: lets revocation call Cognito RevokeToken. */
      refreshTokenSealed: { type: 'string', required: true },
      tokens: {
        type: 'list',
        required: true,
        items: { type: 'map', properties: { jti: { type: 'string', required: true }, exp: { type: 'number', required: true } } },
      },
      version: { type: 'number', required: true, default: 1 },
      /** Epoch seconds: the refresh token's expiry (table TTL). */
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['sessionId'] },
        sk: { field: 'sk', composite: [] },
      },
      byUser: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['userId'] },
        sk: { field: 'gsi1sk', composite: ['createdAt'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type SessionItem = EntityItem<typeof Session>;
