import { describe, expect, it } from 'vitest';
import type { Me } from '../api/schemas';
import { decide, homeFor, mayOpen, safeNext, signInPath, type Guard, type GuardContext } from './guards';

const customer: Me = { userId: 'c', username: 'c@x.test', role: 'customer', groups: ['customer'], isStaff: false, permissions: ['tickets:read'] };
const agent: Me = { userId: 'a', username: 'a@x.test', role: 'agent', groups: ['agent'], isStaff: true, permissions: ['tickets:read', 'customers:read'] };
const manager: Me = { userId: 'm', username: 'm@x.test', role: 'manager', groups: ['manager'], isStaff: true, permissions: ['users:read', 'audit:read'] };
const admin: Me = { userId: 'd', username: 'd@x.test', role: 'admin', groups: ['admin'], isStaff: true, permissions: ['users:read', 'users:manage', 'roles:read', 'roles:manage', 'audit:read'] };

const signedIn = (me: Me | undefined, mfaSetupRequired = false, location = '/x'): GuardContext => ({
  session: { status: 'signed_in', mfaSetupRequired },
  me,
  location,
});
const signedOut = (location = '/desk'): GuardContext => ({ session: { status: 'signed_out', mfaSetupRequired: false }, me: undefined, location });

describe('route guards', () => {
  it('lets anyone see public pages, even while the session is restoring', () => {
    expect(decide('public', { session: { status: 'restoring', mfaSetupRequired: false }, me: undefined, location: '/' })).toEqual({ kind: 'allow' });
    expect(decide('public', signedOut())).toEqual({ kind: 'allow' });
  });

  it('waits while the session is being restored', () => {
    for (const guard of ['guest', 'signed_in', 'portal', 'desk', 'admin'] as Guard[]) {
      expect(decide(guard, { session: { status: 'restoring', mfaSetupRequired: false }, me: undefined, location: '/' })).toEqual({ kind: 'wait' });
    }
  });

  it('sends signed-out users to sign in, keeping where they were going', () => {
    expect(decide('desk', signedOut('/desk?tab=1'))).toEqual({ kind: 'redirect', to: '/sign-in?next=%2Fdesk%3Ftab%3D1' });
    expect(decide({ permission: 'users:read' }, signedOut('/admin/users'))).toEqual({ kind: 'redirect', to: '/sign-in?next=%2Fadmin%2Fusers' });
    expect(decide('mfa_setup', signedOut('/security/2fa/setup'))).toMatchObject({ kind: 'redirect' });
  });

  it('sends signed-in users away from the sign-in pages, to their own area', () => {
    expect(decide('guest', signedOut('/sign-in'))).toEqual({ kind: 'allow' });
    expect(decide('guest', signedIn(undefined))).toEqual({ kind: 'wait' });
    expect(decide('guest', signedIn(customer))).toEqual({ kind: 'redirect', to: '/portal' });
    expect(decide('guest', signedIn(agent))).toEqual({ kind: 'redirect', to: '/desk' });
    expect(decide('guest', signedIn(admin))).toEqual({ kind: 'redirect', to: '/admin' });
  });

  it('sends a user who just signed in to ?next= (the same target the sign-in page navigates to)', () => {
    expect(decide('guest', signedIn(customer, false, '/sign-in?next=%2Fsecurity'))).toEqual({ kind: 'redirect', to: '/security' });
    expect(decide('guest', signedIn(undefined, false, '/sign-in?next=%2Fsecurity'))).toEqual({ kind: 'redirect', to: '/security' });
    expect(decide('guest', signedIn(customer, false, '/sign-in?next=https%3A%2F%2Fevil.example'))).toEqual({ kind: 'redirect', to: '/portal' });
  });

  it('staff without TOTP reach only the 2FA setup page', () => {
    const context = signedIn(agent, true);
    expect(decide('mfa_setup', context)).toEqual({ kind: 'allow' });
    for (const guard of ['guest', 'signed_in', 'desk', 'admin', 'portal', { permission: 'tickets:read' }] as Guard[]) {
      expect(decide(guard, context)).toEqual({ kind: 'redirect', to: '/security/2fa/setup' });
    }
    expect(decide('public', context)).toEqual({ kind: 'allow' });
  });

  it('portal is for customers, desk for staff', () => {
    expect(decide('portal', signedIn(customer))).toEqual({ kind: 'allow' });
    expect(decide('portal', signedIn(agent))).toEqual({ kind: 'forbidden' });
    expect(decide('desk', signedIn(agent))).toEqual({ kind: 'allow' });
    expect(decide('desk', signedIn(manager))).toEqual({ kind: 'allow' });
    expect(decide('desk', signedIn(customer))).toEqual({ kind: 'forbidden' });
  });

  it('opens the admin area by permission, each admin page by its own permission', () => {
    expect(decide('admin', signedIn(admin))).toEqual({ kind: 'allow' });
    expect(decide('admin', signedIn(manager))).toEqual({ kind: 'allow' });
    expect(decide('admin', signedIn(agent))).toEqual({ kind: 'forbidden' });
    expect(decide({ permission: 'roles:read' }, signedIn(manager))).toEqual({ kind: 'forbidden' });
    expect(decide({ permission: 'audit:read' }, signedIn(manager))).toEqual({ kind: 'allow' });
    expect(decide({ permission: 'users:manage' }, signedIn(admin))).toEqual({ kind: 'allow' });
  });

  it('waits for /me before deciding on a role', () => {
    expect(decide('desk', signedIn(undefined))).toEqual({ kind: 'wait' });
    expect(decide('signed_in', signedIn(undefined))).toEqual({ kind: 'allow' });
  });

  it('feeds the navigation: only entries whose page would open', () => {
    expect(mayOpen('desk', signedIn(customer))).toBe(false);
    expect(mayOpen('portal', signedIn(customer))).toBe(true);
    expect(mayOpen('guest', signedIn(customer))).toBe(false);
    expect(mayOpen('guest', signedOut())).toBe(true);
    expect(mayOpen('signed_in', signedOut())).toBe(false);
  });

  it('homeFor and safe next locations', () => {
    expect([customer, agent, manager, admin].map(homeFor)).toEqual(['/portal', '/desk', '/desk', '/admin']);
    expect(safeNext('/admin/users?x=1')).toBe('/admin/users?x=1');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '', null]) {
      expect(safeNext(bad)).toBeUndefined();
    }
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('/sign-in?next=%2Fdesk')).toBe('/sign-in');
  });
});
