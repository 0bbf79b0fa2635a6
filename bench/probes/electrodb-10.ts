/** Import-time probe: electrodb with ten entities shaped like shared/db/entities/organisation.ts (model validation runs per entity). */
import { Entity } from 'electrodb';

const entity = (name: string) =>
  new Entity({
    model: { entity: name, version: '1', service: 'cm' },
    attributes: {
      id: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      timezone: { type: 'string', required: true },
      currency: { type: 'string', required: true },
      locale: { type: 'string', required: true },
      version: { type: 'number', required: true, default: 1 },
      createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
      updatedAt: { type: 'string', required: true, watch: '*', default: () => new Date().toISOString() },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } },
      byName: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['name'] }, sk: { field: 'gsi1sk', composite: ['id'] } },
    },
  });

export const probe = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9'].map(entity);
