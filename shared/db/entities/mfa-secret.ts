import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * The user's TOTP secret, AES-256-GCM sealed (key MFA_ENCRYPTION_KEY): lets the API check codes
 * outside Cognito's sign-in (disable, regenerate backup codes, replay protection). `pending` between
 * setup and the first valid code, then `active`.
 */
export const MfaSecret = lazy(() => new Entity(
  {
    model: { entity: 'mfaSecret', version: '1', service: 'cm' },
    attributes: {
      userId: { type: 'string', required: true, readOnly: true },
      secretSealed: { type: 'string', required: true },
      status: { type: ['pending', 'active'] as const, required: true },
      createdAt: { type: 'string', required: true },
      activatedAt: { type: 'string' },
    },
    indexes: {
      byUser: {
        pk: { field: 'pk', composite: ['userId'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type MfaSecretItem = EntityItem<typeof MfaSecret>;
