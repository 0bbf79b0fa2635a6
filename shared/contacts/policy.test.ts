import { describe, expect, it } from 'vitest';
import type { CustomerAccess } from '../customers/access.js';
import type { CustomerContactItem } from '../db/entities/customer-contact.js';
import type { AppError } from '../errors.js';
import { assertMayGrant, assertMayTouch, effectiveGrant, otherOwner, type Grant } from './policy.js';

function contactAccess(role: CustomerContactItem['role'], rights: Partial<Grant> = {}): CustomerAccess {
  const contact = { customerId: 'c1', userId: 'u1', role, canSeeTickets: false, canSeeInvoices: false, canManageContacts: true, name: 'N', email: 'n@x', addedBy: 'u0', version: 1, createdAt: '', updatedAt: '', ...rights };
  return { kind: 'contact', contact: contact as CustomerContactItem };
}
const staff: CustomerAccess = { kind: 'staff' };
const technical: Grant = { role: 'technical', canSeeTickets: false, canSeeInvoices: false, canManageContacts: false };

function codeOf(fn: () => unknown): { status: number; code: string } | undefined {
  try {
    fn();
  } catch (err) {
    return { status: (err as AppError).statusCode, code: (err as AppError).code };
  }
  return undefined;
}

describe('effectiveGrant', () => {
  it('gives owners every right whatever was asked', () => {
    expect(effectiveGrant({ role: 'owner', canSeeTickets: false, canSeeInvoices: false, canManageContacts: false })).toEqual({ role: 'owner', canSeeTickets: true, canSeeInvoices: true, canManageContacts: true });
  });
  it('keeps the rights given to other roles', () => {
    expect(effectiveGrant({ ...technical, canSeeInvoices: true })).toEqual({ ...technical, canSeeInvoices: true });
  });
});

describe('assertMayGrant', () => {
  it('lets staff and owners grant the owner role', () => {
    expect(codeOf(() => assertMayGrant(staff, { ...technical, role: 'owner' }))).toBeUndefined();
    expect(codeOf(() => assertMayGrant(contactAccess('owner'), { ...technical, role: 'owner' }))).toBeUndefined();
  });
  it('refuses the owner role from a non-owner who manages contacts', () => {
    expect(codeOf(() => assertMayGrant(contactAccess('billing'), { ...technical, role: 'owner' }))).toEqual({ status: 403, code: 'forbidden' });
  });
  it('refuses a right the non-owner does not hold, allows one it holds', () => {
    expect(codeOf(() => assertMayGrant(contactAccess('technical'), { ...technical, canSeeInvoices: true }))).toEqual({ status: 403, code: 'forbidden' });
    expect(codeOf(() => assertMayGrant(contactAccess('billing', { canSeeInvoices: true }), { ...technical, canSeeInvoices: true, canManageContacts: true }))).toBeUndefined();
  });
});

describe('assertMayTouch', () => {
  it('keeps non-owners away from owners only', () => {
    expect(codeOf(() => assertMayTouch(contactAccess('billing'), { role: 'owner' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(codeOf(() => assertMayTouch(contactAccess('billing'), { role: 'technical' }))).toBeUndefined();
    expect(codeOf(() => assertMayTouch(contactAccess('owner'), { role: 'owner' }))).toBeUndefined();
    expect(codeOf(() => assertMayTouch(staff, { role: 'owner' }))).toBeUndefined();
  });
});

describe('otherOwner', () => {
  it('names another owner who keeps the account owned', () => {
    expect(otherOwner([{ userId: 'a', role: 'owner' }, { userId: 'b', role: 'technical' }, { userId: 'c', role: 'owner' }], 'a')).toBe('c');
  });
  it('refuses to lose the last owner with 409 last_owner', () => {
    expect(codeOf(() => otherOwner([{ userId: 'a', role: 'owner' }, { userId: 'b', role: 'billing' }], 'a'))).toEqual({ status: 409, code: 'last_owner' });
  });
});
