import { describe, expect, it } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { defaultRolePermissions, type Permission } from '../auth/permissions.js';
import { assertMayGrantRole, assertMayManage, type UserAction } from './policy.js';

const admin = actorFromClaims({ sub: 'admin-1', 'cognito:groups': ['admin'] });
const manager = actorFromClaims({ sub: 'manager-1', 'cognito:groups': ['manager'] });
const grants = (role: keyof typeof defaultRolePermissions) => new Set(defaultRolePermissions[role]);
const superRole = new Set<Permission>(['roles:manage', 'users:manage']);

const reasonOf = (fn: () => void) => {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    const e = err as { statusCode: number; code: string; details: { reason: string } };
    expect([e.statusCode, e.code]).toEqual([403, 'forbidden']);
    return e.details.reason;
  }
};

describe('users policy', () => {
  it.each<UserAction>(['changeRole', 'disable', 'resetMfa'])('nobody may %s their own account', (action) => {
    expect(reasonOf(() => assertMayManage(admin, { userId: 'admin-1', role: 'admin' }, action, grants('admin')))).toBe('self');
    expect(reasonOf(() => assertMayManage(manager, { userId: 'manager-1', role: 'manager' }, action, grants('manager')))).toBe('self');
  });

  it('only an admin acts on an admin account', () => {
    const target = { userId: 'admin-2', role: 'admin' };
    expect(reasonOf(() => assertMayManage(manager, target, 'disable', grants('admin')))).toBe('admin_target');
    expect(reasonOf(() => assertMayManage(manager, target, 'changeRole', grants('admin')))).toBe('admin_target');
    expect(reasonOf(() => assertMayManage(admin, target, 'disable', grants('admin')))).toBe('allowed');
  });

  it('a manager (given users:manage) may act on staff and customers within their own permissions', () => {
    expect(reasonOf(() => assertMayManage(manager, { userId: 'agent-1', role: 'agent' }, 'disable', grants('agent')))).toBe('allowed');
    expect(reasonOf(() => assertMayManage(manager, { userId: 'c-1', role: 'customer' }, 'resetMfa', grants('customer')))).toBe('allowed');
    expect(reasonOf(() => assertMayManage(manager, { userId: 'x-1', role: 'keymaster' }, 'disable', superRole))).toBe('escalation');
  });

  it('only an admin grants the admin role; nobody else grants more than they hold', () => {
    expect(reasonOf(() => assertMayGrantRole(manager, 'admin', grants('admin')))).toBe('admin_role');
    expect(reasonOf(() => assertMayGrantRole(manager, 'agent', grants('agent')))).toBe('allowed');
    expect(reasonOf(() => assertMayGrantRole(manager, 'keymaster', superRole))).toBe('escalation');
    expect(reasonOf(() => assertMayGrantRole(admin, 'admin', grants('admin')))).toBe('allowed');
    expect(reasonOf(() => assertMayGrantRole(admin, 'keymaster', superRole))).toBe('allowed');
  });
});
