import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

export const verificationPurposes = ['register', 'reset', 'email_change'] as const;
export type VerificationPurpose = (typeof verificationPurposes)[number];

/**
 * A 6-digit code we emailed (registration, password reset, email change), stored as an HMAC only.
 * Valid 15 minutes and 5 attempts; a new code for the same purpose and subject replaces it.
 */
export const VerificationCode = lazy(() => new Entity(
  {
    model: { entity: 'verificationCode', version: '1', service: 'cm' },
    attributes: {
      purpose: { type: verificationPurposes, required: true, readOnly: true },
      /** Lower-case email (register, reset) or userId (email change). */
      subject: { type: 'string', required: true, readOnly: true },
      codeHash: { type: 'string', required: true },
      attempts: { type: 'number', required: true, default: 0 },
      /** Codes sent in the current series (a resend inside the validity keeps counting). */
      sends: { type: 'number', required: true, default: 1 },
      /** Epoch milliseconds. */
      validUntil: { type: 'number', required: true },
      /** Registration: the name and locale given at sign-up. */
      name: { type: 'string' },
      locale: { type: 'string' },
      /** Email change: the address being verified. */
      newEmail: { type: 'string' },
      /** Epoch seconds (table TTL), a day after issue so an expired code still answers `code_expired`. */
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byPurpose: {
        pk: { field: 'pk', composite: ['purpose', 'subject'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type VerificationCodeItem = EntityItem<typeof VerificationCode>;
