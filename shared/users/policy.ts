import type { UserActor } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import { AppError } from '../errors.js';

/** What users admin does to an account. */
export type UserAction = 'changeRole' | 'disable' | 'enable' | 'resetMfa';

export type PolicyReason = 'self' | 'admin_target' | 'admin_role' | 'escalation';

export class UserPolicyError extends AppError {
  constructor(reason: PolicyReason, message: string) {
    super(403, 'forbidden', message, { reason });
  }
}

/** Permissions the role grants that the actor lacks (empty for admins: they may grant anything). */
function beyond(actor: UserActor, rolePermissions: ReadonlySet<Permission>): Permission[] {
  if (actor.role === 'admin') return [];
  return [...rolePermissions].filter((p) => !actor.permissions.has(p));
}

/**
 * Object check for users admin (the route already required `users:manage`): nobody changes their
 * own role, disables themselves or resets their own 2FA here (that is the security page); only an
 * admin acts on an admin's account; and a non-admin acts only on accounts whose role grants
 * nothing beyond their own permissions.
 */
export function assertMayManage(
  actor: UserActor,
  target: { userId: string; role: string },
  action: UserAction,
  targetPermissions: ReadonlySet<Permission>,
): void {
  if (target.userId === actor.userId && action !== 'enable') {
    throw new UserPolicyError('self', 'You cannot do this to your own account');
  }
  if (target.role === 'admin' && actor.role !== 'admin') {
    throw new UserPolicyError('admin_target', "Only an admin may change an admin's account");
  }
  if (beyond(actor, targetPermissions).length) {
    throw new UserPolicyError('escalation', 'This account holds permissions you do not have');
  }
}

/**
 * Who may give a role (creating, approving or changing a role): only an admin grants `admin`, and a
 * non-admin only grants roles within their own permissions, so `users:manage` never escalates.
 */
export function assertMayGrantRole(actor: UserActor, roleId: string, rolePermissions: ReadonlySet<Permission>): void {
  if (roleId === 'admin' && actor.role !== 'admin') {
    throw new UserPolicyError('admin_role', 'Only an admin may grant the admin role');
  }
  if (beyond(actor, rolePermissions).length) {
    throw new UserPolicyError('escalation', 'This role grants permissions you do not have');
  }
}
