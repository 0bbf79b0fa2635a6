import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';

/**
 * A person (a customer user) acting for a customer account, with a contact role and rights.
 * One user may be a contact of several accounts (the portal's account switcher lists them).
 * Lives in the customer's partition; `byUser` finds a user's accounts.
 */
export const CustomerContact = lazy(() => new Entity(
  {
    model: { entity: 'customerContact', version: '1', service: 'cm' },
    attributes: {
      customerId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      role: { type: ['owner', 'billing', 'technical'] as const, required: true },
      /** Per-contact rights; owners always hold all three. */
      canSeeTickets: { type: 'boolean', required: true, default: true },
      canSeeInvoices: { type: 'boolean', required: true, default: false },
      canManageContacts: { type: 'boolean', required: true, default: false },
      /** Copied from the user when added, for lists without a second read. */
      name: { type: 'string', required: true },
      email: { type: 'string', required: true },
      addedBy: { type: 'string', required: true, readOnly: true },
      /** Set by the inbound mail pipeline when a bounce report for this contact's address arrived. */
      emailBouncedAt: { type: 'string' },
      emailBounceDetail: { type: 'string' },
      ...versioned(),
    },
    indexes: {
      byCustomer: {
        pk: { field: 'pk', composite: ['customerId'] },
        sk: { field: 'sk', composite: ['userId'] },
      },
      /** The accounts a user acts for. */
      byUser: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['userId'] },
        sk: { field: 'gsi1sk', composite: ['customerId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type CustomerContactItem = EntityItem<typeof CustomerContact>;
