import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';
import { isCurrency, isLocale, isTimeZone } from '../../settings/validators.js';

/** Organisation settings: one item per organisation (the business running CloudManager). */
export const Organisation = lazy(() => new Entity(
  {
    model: { entity: 'organisation', version: '1', service: 'cm' },
    attributes: {
      orgId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      timezone: { type: 'string', required: true, validate: (v: string) => isTimeZone(v) },
      currency: { type: 'string', required: true, validate: (v: string) => isCurrency(v) },
      locale: { type: 'string', required: true, validate: (v: string) => isLocale(v) },
      version: { type: 'number', required: true, default: 1 },
      createdAt: {
        type: 'string',
        readOnly: true,
        required: true,
        default: () => new Date().toISOString(),
        set: () => new Date().toISOString(),
      },
      updatedAt: {
        type: 'string',
        required: true,
        watch: '*',
        default: () => new Date().toISOString(),
        set: () => new Date().toISOString(),
      },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['orgId'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type OrganisationItem = EntityItem<typeof Organisation>;
