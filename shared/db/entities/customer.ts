import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';

/**
 * A customer account: a person (`individual`) or a company (`corporate`) the business serves.
 * Status moves pending → active → suspended/inactive (and back where allowed) with a reason each
 * time (shared/customers). Search terms live in separate `customerSearchKey` items and
 * registration numbers are locked unique by `registrationNumberLock` items, written in the same
 * transaction as the customer.
 */
export const Customer = lazy(() => new Entity(
  {
    model: { entity: 'customer', version: '1', service: 'cm' },
    attributes: {
      customerId: { type: 'string', required: true, readOnly: true },
      type: { type: ['individual', 'corporate'] as const, required: true },
      /** Display name: the person's full name, or the company's name. */
      name: { type: 'string', required: true },
      companyName: { type: 'string' },
      legalForm: { type: 'string' },
      /** e.g. NIF, NIS, RC, AI, VAT; values stored as entered, locked unique normalised. */
      registrationNumbers: {
        type: 'list',
        items: { type: 'map', properties: { type: { type: 'string', required: true }, value: { type: 'string', required: true } } },
      },
      addresses: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            kind: { type: ['registered', 'billing', 'shipping', 'other'] as const, required: true },
            line1: { type: 'string', required: true },
            line2: { type: 'string' },
            city: { type: 'string', required: true },
            region: { type: 'string' },
            postalCode: { type: 'string' },
            country: { type: 'string', required: true },
          },
        },
      },
      email: { type: 'string' },
      phone: { type: 'string' },
      preferredLanguage: { type: 'string', required: true, default: 'en' },
      currency: { type: 'string', required: true },
      /** Customer group id, or `none`. */
      groupId: { type: 'string', required: true, default: 'none' },
      status: { type: ['pending', 'active', 'suspended', 'inactive'] as const, required: true, default: 'pending' },
      statusReason: { type: 'string' },
      statusChangedAt: { type: 'string' },
      statusChangedBy: { type: 'string' },
      /** Set by the KYC expiry schedule when a verified document expired; cleared when KYC is complete again. */
      kycFlag: { type: ['expired'] as const },
      /** Set when an admin activated the account without complete verified KYC. */
      kycOverride: {
        type: 'map',
        properties: { by: { type: 'string', required: true }, at: { type: 'string', required: true }, reason: { type: 'string', required: true } },
      },
      /** `email`: a lead the inbound mail pipeline opened for an unknown sender. */
      origin: { type: ['email'] as const, readOnly: true },
      /** The user who created the account (staff, or the customer in self-service). */
      createdBy: { type: 'string', required: true, readOnly: true },
      /** Constant partition of the customer directory. */
      directory: { type: 'string', required: true, default: 'customers', readOnly: true },
      ...versioned(),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['customerId'] },
        sk: { field: 'sk', composite: [] },
      },
      /** Every customer by creation time (list, created range). */
      byCreated: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['directory'] },
        sk: { field: 'gsi1sk', composite: ['createdAt', 'customerId'] },
      },
      /** Customers in one status by creation time (status filter). */
      byStatus: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['status'] },
        sk: { field: 'gsi2sk', composite: ['createdAt', 'customerId'] },
      },
      /** Customers of one group by creation time (group filter; `none` = no group). */
      byGroup: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['groupId'] },
        sk: { field: 'gsi3sk', composite: ['createdAt', 'customerId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type CustomerItem = EntityItem<typeof Customer>;
