import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';

/** The KYC document types each customer type must have verified: one item per organisation. */
export const KycRequirements = new Entity(
  {
    model: { entity: 'kycRequirements', version: '1', service: 'cm' },
    attributes: {
      orgId: { type: 'string', required: true, readOnly: true },
      /** Lists, not sets: a customer type may require nothing, and DynamoDB sets cannot be empty. */
      individual: { type: 'list', items: { type: 'string' }, required: true },
      corporate: { type: 'list', items: { type: 'string' }, required: true },
      version: { type: 'number', required: true, default: 1 },
      updatedBy: { type: 'string' },
      createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
      updatedAt: { type: 'string', required: true, watch: '*', default: () => new Date().toISOString(), set: () => new Date().toISOString() },
    },
    indexes: {
      byOrg: {
        pk: { field: 'pk', composite: ['orgId'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
);

export type KycRequirementsItem = EntityItem<typeof KycRequirements>;
