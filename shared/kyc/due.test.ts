import { describe, expect, it } from 'vitest';
import { daysLeft, dueSortKey, initialDue, nextAfter, stepAt, stepTimes } from './due.js';

describe('KYC expiry due times', () => {
  const expiresOn = '2027-03-31';

  it('falls due 30 days, 7 days and 0 days before the expiry date (00:00 UTC)', () => {
    const t = stepTimes(expiresOn);
    expect(t.reminder30.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(t.reminder7.toISOString()).toBe('2027-03-24T00:00:00.000Z');
    expect(t.expire.toISOString()).toBe('2027-03-31T00:00:00.000Z');
  });

  it('takes the latest step that has come: never a 30-day reminder within 7 days', () => {
    expect(stepAt(expiresOn, new Date('2027-02-28T23:59:59Z'))).toBeNull();
    expect(stepAt(expiresOn, new Date('2027-03-01T00:00:00Z'))).toBe('reminder30');
    expect(stepAt(expiresOn, new Date('2027-03-25T06:00:00Z'))).toBe('reminder7');
    expect(stepAt(expiresOn, new Date('2027-03-31T00:00:00Z'))).toBe('expire');
    expect(stepAt(expiresOn, new Date('2030-01-01T00:00:00Z'))).toBe('expire');
  });

  it('moves on after each step and ends after the expiry', () => {
    expect(nextAfter(expiresOn, 'reminder30')?.toISOString()).toBe('2027-03-24T00:00:00.000Z');
    expect(nextAfter(expiresOn, 'reminder7')?.toISOString()).toBe('2027-03-31T00:00:00.000Z');
    expect(nextAfter(expiresOn, 'expire')).toBeNull();
  });

  it('puts a freshly approved document at its 30-day reminder in the kycExpiry partition', () => {
    expect(initialDue(expiresOn, 'doc-1')).toEqual({ duepk: 'kycExpiry', duesk: '2027-03-01T00:00:00.000Z#doc-1' });
    expect(dueSortKey(new Date('2027-03-24T00:00:00Z'), 'doc-1') < '2027-03-24T00:00:00.000Z~').toBe(true);
  });

  it('counts whole days left, rounded up', () => {
    expect(daysLeft(expiresOn, new Date('2027-03-24T06:00:00Z'))).toBe(7);
    expect(daysLeft(expiresOn, new Date('2027-04-02T00:00:00Z'))).toBe(0);
  });
});
