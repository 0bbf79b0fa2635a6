import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * A custom role created by an admin (the built-in roles live in code). Its permissions are its row
 * in the role matrix; users hold it through User.role. Custom roles are staff roles.
 */
export const RoleDefinition = lazy(() => new Entity(
  {
    model: { entity: 'roleDefinition', version: '1', service: 'cm' },
    attributes: {
      scope: { type: 'string', required: true, default: 'roles', readOnly: true },
      /** Slug: lower-case letters, digits and dashes; never one of the built-in role names. */
      roleId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      description: { type: 'string', required: true, default: '' },
      createdBy: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
    },
    indexes: {
      byScope: {
        pk: { field: 'pk', composite: ['scope'] },
        sk: { field: 'sk', composite: ['roleId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type RoleDefinitionItem = EntityItem<typeof RoleDefinition>;
