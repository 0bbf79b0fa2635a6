import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * An address CloudManager never mails again: a hard bounce, a complaint (from SES events or a
 * bounce report received by mail) or an admin's manual entry. Every send checks it first.
 */
export const MailSuppression = lazy(() => new Entity(
  {
    model: { entity: 'mailSuppression', version: '1', service: 'cm' },
    attributes: {
      /** Lowercased address. */
      email: { type: 'string', required: true, readOnly: true },
      reason: { type: ['bounce', 'complaint', 'manual'] as const, required: true },
      /** Diagnostic text (bounce status / SMTP response), or the admin's note. */
      detail: { type: 'string' },
      /** SES message id or inbound mail id the suppression came from. */
      sourceId: { type: 'string' },
      createdBy: { type: 'string' },
      /** Constant partition for the admin list. */
      list: { type: 'string', required: true, default: 'suppressed', readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true, default: () => new Date().toISOString() },
    },
    indexes: {
      byEmail: {
        pk: { field: 'pk', composite: ['email'] },
        sk: { field: 'sk', composite: [] },
      },
      byCreated: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['list'] },
        sk: { field: 'gsi1sk', composite: ['createdAt', 'email'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type MailSuppressionItem = EntityItem<typeof MailSuppression>;
