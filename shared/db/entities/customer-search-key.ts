import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * One search term of a customer: the partition is the searched field (`nameWord`, `companyWord`:
 * one word of the name or company, so any word is found by prefix), the sort key the normalised
 * term then the customer id, so a prefix search is a begins_with Query (never a Scan). Written and
 * rewritten in the same transaction as the customer (shared/customers/service.ts).
 */
export const CustomerSearchKey = lazy(() => new Entity(
  {
    model: { entity: 'customerSearchKey', version: '1', service: 'cm' },
    attributes: {
      field: { type: ['name', 'company', 'email', 'phone', 'regno', 'nameWord', 'companyWord'] as const, required: true, readOnly: true },
      term: { type: 'string', required: true, readOnly: true },
      customerId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byTerm: {
        pk: { field: 'pk', composite: ['field'] },
        sk: { field: 'sk', composite: ['term', 'customerId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type CustomerSearchKeyItem = EntityItem<typeof CustomerSearchKey>;
