import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * One saved version of the role → permission matrix: immutable (created with a not-exists
 * condition, never updated or deleted), with who saved it, when, why, and what changed.
 */
export const RoleMatrixVersion = lazy(() => new Entity(
  {
    model: { entity: 'roleMatrixVersion', version: '1', service: 'cm' },
    attributes: {
      scope: { type: 'string', required: true, default: 'roles', readOnly: true },
      /** 1, 2, ...; zero-padded in the sort key so versions sort numerically. */
      version: { type: 'number', required: true, readOnly: true, padding: { length: 10, char: '0' } },
      matrix: { type: 'any', required: true, readOnly: true },
      catalogue: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
      changedAt: { type: 'string', required: true, readOnly: true },
      changedBy: { type: 'map', properties: { userId: { type: 'string', required: true }, username: { type: 'string', required: true } }, required: true, readOnly: true },
      note: { type: 'string', required: true, readOnly: true },
      /** Per role whose permissions changed: what was added and removed against the previous version. */
      diff: {
        type: 'list',
        required: true,
        readOnly: true,
        items: {
          type: 'map',
          properties: {
            roleId: { type: 'string', required: true },
            added: { type: 'list', items: { type: 'string' }, required: true },
            removed: { type: 'list', items: { type: 'string' }, required: true },
          },
        },
      },
      /** Set when this version restores an earlier one. */
      restoredFrom: { type: 'number', readOnly: true },
    },
    indexes: {
      byScope: {
        pk: { field: 'pk', composite: ['scope'] },
        sk: { field: 'sk', composite: ['version'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type RoleMatrixVersionItem = EntityItem<typeof RoleMatrixVersion>;
