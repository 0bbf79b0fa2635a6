import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/** A user's 10 single-use TOTP backup codes, each stored as a salted scrypt hash. */
export const BackupCodes = lazy(() => new Entity(
  {
    model: { entity: 'backupCodes', version: '1', service: 'cm' },
    attributes: {
      userId: { type: 'string', required: true, readOnly: true },
      codes: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            salt: { type: 'string', required: true },
            hash: { type: 'string', required: true },
            usedAt: { type: 'string' },
          },
        },
      },
      version: { type: 'number', required: true, default: 1 },
      createdAt: { type: 'string', required: true },
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

export type BackupCodesItem = EntityItem<typeof BackupCodes>;
