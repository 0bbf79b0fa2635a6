import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';

/**
 * An invitation to become a contact of a customer account, addressed to an email. Lives in the
 * customer's partition; `byEmail` finds the invitations addressed to a user (and one of them by id,
 * so a foreign id is simply not found). `expiresAt` (epoch seconds) is both the validity limit,
 * checked in code, and the TTL that clears old invitations whatever their status.
 */
export const ContactInvitation = lazy(() => new Entity(
  {
    model: { entity: 'contactInvitation', version: '1', service: 'cm' },
    attributes: {
      invitationId: { type: 'string', required: true, readOnly: true },
      customerId: { type: 'string', required: true, readOnly: true },
      /** Copied from the customer, for the invitee's list without a second read. */
      customerName: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      emailLower: { type: 'string', required: true, readOnly: true },
      name: { type: 'string' },
      role: { type: ['owner', 'billing', 'technical'] as const, required: true, readOnly: true },
      canSeeTickets: { type: 'boolean', required: true, readOnly: true },
      canSeeInvoices: { type: 'boolean', required: true, readOnly: true },
      canManageContacts: { type: 'boolean', required: true, readOnly: true },
      status: { type: ['pending', 'accepted', 'declined', 'revoked'] as const, required: true, default: 'pending' },
      invitedBy: { type: 'string', required: true, readOnly: true },
      invitedByName: { type: 'string', required: true, readOnly: true },
      /** Epoch seconds: no longer valid after this; the table's TTL removes it some time later. */
      expiresAt: { type: 'number', required: true, readOnly: true },
      decidedAt: { type: 'string' },
      decidedBy: { type: 'string' },
      ...versioned(),
    },
    indexes: {
      byCustomer: {
        pk: { field: 'pk', composite: ['customerId'] },
        sk: { field: 'sk', composite: ['invitationId'] },
      },
      /** Invitations addressed to one email (lower-case). */
      byEmail: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['emailLower'] },
        sk: { field: 'gsi1sk', composite: ['invitationId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type ContactInvitationItem = EntityItem<typeof ContactInvitation>;
