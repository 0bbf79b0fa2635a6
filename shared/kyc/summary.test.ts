import { describe, expect, it } from 'vitest';
import { normaliseTypes } from './requirements.js';
import type { KycStatus } from './schemas.js';
import { isPastExpiry, summarise } from './summary.js';

const now = new Date('2027-01-15T10:00:00Z');
let seq = 0;
const doc = (docType: string, status: KycStatus, expiresOn?: string) => ({
  docType: docType as 'identity',
  status,
  statusAt: now.toISOString(),
  createdAt: `2027-01-01T00:00:${String(seq++).padStart(2, '0')}.000Z`,
  ...(expiresOn ? { expiresOn } : {}),
});

describe('KYC summary', () => {
  it('is complete when every required type has an approved, unexpired latest decision', () => {
    const s = summarise(['identity', 'proof_of_address'], [doc('identity', 'approved'), doc('proof_of_address', 'approved', '2028-01-01')], now);
    expect(s).toEqual({ required: ['identity', 'proof_of_address'], missing: [], pending: [], rejected: [], expired: [], complete: true });
  });

  it('lists what is missing, and why: pending review, rejected, expired', () => {
    const s = summarise(
      ['identity', 'business_registration', 'tax_certificate', 'proof_of_address'],
      [
        doc('identity', 'pending_review'),
        doc('business_registration', 'rejected'),
        doc('tax_certificate', 'approved', '2027-01-15'),
        doc('other', 'approved'),
      ],
      now,
    );
    expect(s).toEqual({
      required: ['identity', 'business_registration', 'tax_certificate', 'proof_of_address'],
      missing: ['identity', 'business_registration', 'tax_certificate', 'proof_of_address'],
      pending: ['identity'],
      rejected: ['business_registration'],
      expired: ['tax_certificate'],
      complete: false,
    });
  });

  it('lets the latest decision count: a rejection after an approval unverifies, a replacement in review does not', () => {
    expect(summarise(['identity'], [doc('identity', 'approved'), doc('identity', 'rejected')], now).rejected).toEqual(['identity']);
    const replaced = summarise(['identity'], [doc('identity', 'approved'), doc('identity', 'pending_review')], now);
    expect(replaced.complete).toBe(true);
  });

  it('ignores unfinished, quarantined and superseded uploads', () => {
    const s = summarise(['identity'], [doc('identity', 'awaiting_upload'), doc('identity', 'quarantined'), doc('identity', 'superseded')], now);
    expect(s).toMatchObject({ missing: ['identity'], pending: [], rejected: [], expired: [], complete: false });
  });

  it('is complete when nothing is required', () => {
    expect(summarise([], [], now).complete).toBe(true);
  });

  it('treats a document as expired from its expiry date on', () => {
    expect(isPastExpiry({ expiresOn: '2027-01-16' }, now)).toBe(false);
    expect(isPastExpiry({ expiresOn: '2027-01-15' }, now)).toBe(true);
    expect(isPastExpiry({}, now)).toBe(false);
  });
});

describe('KYC requirements', () => {
  it('keeps known types once each, in canonical order', () => {
    expect(normaliseTypes(['proof_of_address', 'identity', 'identity', 'passport'])).toEqual(['identity', 'proof_of_address']);
  });
});
