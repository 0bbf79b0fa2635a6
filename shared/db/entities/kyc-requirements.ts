import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';

/** The KYC document types each customer type must have verified: one item per organisation. */
export const KycRequirements = lazy(() => new Entity(
  {
    model: { entity: 'kycRequirements', version: '1', service: 'cm' },
    attributes: {
      orgId: { type: 'string', required: true, readOnly: true },
      /** Lists, not sets: a customer type may require nothing, and DynamoDB sets cannot be empty. */
      individual: { type: 'list', items: { type: 'string' }, required: true },
      corporate: { type: 'list', items: { type: 'string' }, required: true },
      updatedBy: { type: 'string' },
      ...versioned(),
    },
    indexes: {
      byOrg: {
        pk: { field: 'pk', composite: ['orgId'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type KycRequirementsItem = EntityItem<typeof KycRequirements>;
