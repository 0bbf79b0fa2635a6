import { roles, staffRoles, type Permission, type Role } from '../auth/permissions.js';
import { AppError } from '../errors.js';

/** Names and descriptions of the built-in roles (custom roles carry their own). */
export const builtInRoles: Record<Role, { name: string; description: string }> = {
  admin: { name: 'Administrator', description: 'Everything, including users, roles, settings and the audit trail' },
  manager: { name: 'Manager', description: 'Runs the desk, the catalogue, billing, payroll and reports' },
  agent: { name: 'Agent', description: 'Answers customers: tickets, quotes, orders' },
  technician: { name: 'Technician', description: 'Works tickets, logs attendance and work time' },
  customer: { name: 'Customer', description: 'A customer account: only its own records' },
};

export function isBuiltInRole(roleId: string): roleId is Role {
  return (roles as readonly string[]).includes(roleId);
}

/** Built-in staff roles and every custom role are staff roles (TOTP mandatory); only `customer` is not. */
export function isStaffRoleId(roleId: string): boolean {
  return isBuiltInRole(roleId) ? staffRoles.includes(roleId) : true;
}

/** The admin role must keep these, or nobody could repair the matrix or the user list again. */
export const adminLockoutGuard: readonly Permission[] = ['roles:manage', 'users:manage'];

export class AdminLockoutError extends AppError {
  constructor(missing: readonly Permission[]) {
    super(400, 'admin_lockout', `The admin role must keep ${missing.join(' and ')}`, { missing: [...missing] });
  }
}

/** Lock-out guard: refuses a matrix whose admin row lacks `roles:manage` or `users:manage`. */
export function assertAdminKeepsControl(matrix: Record<string, readonly string[]>): void {
  const admin = new Set(matrix.admin ?? []);
  const missing = adminLockoutGuard.filter((p) => !admin.has(p));
  if (missing.length) throw new AdminLockoutError(missing);
}
