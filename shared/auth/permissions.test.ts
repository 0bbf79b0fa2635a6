import { describe, expect, it } from 'vitest';
import { adminLockoutGuard } from '../roles/policy.js';
import { defaultRolePermissions, permissions, roles } from './permissions.js';

/** The modules of issue 3 (§3): each needs at least one permission. */
const modules = [
  'customers', 'contacts', 'kyc', 'tickets', 'canned_replies', 'products', 'quotes', 'orders', 'invoices', 'payments',
  'wallet', 'attendance', 'worklogs', 'xp', 'payroll', 'reports', 'settings', 'users', 'roles', 'audit',
];

describe('permission catalogue', () => {
  it('has at least 40 `resource:action` permissions, no duplicates', () => {
    expect(permissions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(permissions).size).toBe(permissions.length);
    for (const p of permissions) expect(p).toMatch(/^[a-z_]+:[a-z_]+$/);
  });

  it('covers every module', () => {
    const covered = new Set(permissions.map((p) => p.split(':')[0]));
    expect(modules.filter((m) => !covered.has(m))).toEqual([]);
    expect([...covered].filter((m) => !modules.includes(m!))).toEqual([]);
  });

  it('defaults name only known permissions, and the admin default passes the lock-out guard', () => {
    for (const role of roles) for (const p of defaultRolePermissions[role]) expect(permissions).toContain(p);
    for (const p of adminLockoutGuard) expect(defaultRolePermissions.admin).toContain(p);
    for (const p of adminLockoutGuard) expect(defaultRolePermissions.manager).not.toContain(p);
  });
});
