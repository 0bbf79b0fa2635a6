import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * The `current` pointer of the role → permission matrix: one item holding the version in force and
 * a copy of its matrix, so `permissionsFor` needs one GetItem. Moved only together with a new
 * roleMatrixVersion item, in one transaction conditioned on the version the editor read.
 * No item = nothing was ever saved: the defaults in code apply (version 0).
 */
export const RoleMatrix = lazy(() => new Entity(
  {
    model: { entity: 'roleMatrix', version: '1', service: 'cm' },
    attributes: {
      /** Constant partition shared by the matrix, its versions and the custom roles. */
      scope: { type: 'string', required: true, default: 'roles', readOnly: true },
      version: { type: 'number', required: true },
      /** Role id -> permissions granted (validated by shared/roles/schemas.ts on read). */
      matrix: { type: 'any', required: true },
      /** Every permission the code knew at save time: newer permissions fall back to their defaults. */
      catalogue: { type: 'list', items: { type: 'string' }, required: true },
      changedAt: { type: 'string', required: true },
      changedBy: { type: 'map', properties: { userId: { type: 'string', required: true }, username: { type: 'string', required: true } }, required: true },
    },
    indexes: {
      byScope: {
        pk: { field: 'pk', composite: ['scope'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type RoleMatrixItem = EntityItem<typeof RoleMatrix>;
