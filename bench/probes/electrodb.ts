/** Import-time probe: electrodb with one entity (it `require`s @aws-sdk/lib-dynamodb, so the SDK loads too). */
import { Entity } from 'electrodb';

export const probe = new Entity({
  model: { entity: 'probe', version: '1', service: 'cm' },
  attributes: { id: { type: 'string', required: true } },
  indexes: { byId: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
});
