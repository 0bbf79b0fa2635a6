/** Every permission is `resource:action`. Defaults per role live here; admins may edit them later. */
export const permissions = [
  'customers:read', 'customers:create', 'customers:update', 'customers:delete', 'customers:export',
  'contacts:read', 'contacts:manage',
  'kyc:read', 'kyc:upload', 'kyc:verify',
  'tickets:read', 'tickets:create', 'tickets:update', 'tickets:assign', 'tickets:delete', 'tickets:qc', 'tickets:export',
  'canned_replies:read', 'canned_replies:manage',
  'products:read', 'products:manage',
  'quotes:read', 'quotes:manage', 'quotes:approve',
  'orders:read', 'orders:manage',
  'invoices:read', 'invoices:manage', 'invoices:void',
  'payments:read', 'payments:record', 'payments:refund',
  'wallet:read', 'wallet:adjust',
  'attendance:read', 'attendance:record', 'attendance:manage',
  'worklogs:read', 'worklogs:record', 'worklogs:manage',
  'xp:read', 'xp:manage',
  'payroll:read', 'payroll:run', 'payroll:approve',
  'reports:read', 'reports:export',
  'settings:read', 'settings:update',
  'users:read', 'users:manage',
  'roles:read', 'roles:manage',
  'audit:read',
] as const;

export type Permission = (typeof permissions)[number];

export const roles = ['admin', 'manager', 'agent', 'technician', 'customer'] as const;
export type Role = (typeof roles)[number];

/** Staff roles must enrol TOTP (enforced by the identity module). */
export const staffRoles: readonly Role[] = ['admin', 'manager', 'agent', 'technician'];

const manager: Permission[] = permissions.filter(
  (p) => !p.startsWith('roles:manage') && p !== 'users:manage' && p !== 'settings:update',
);

const agent: Permission[] = [
  'customers:read', 'customers:update', 'contacts:read', 'contacts:manage', 'kyc:read', 'kyc:verify',
  'tickets:read', 'tickets:create', 'tickets:update', 'tickets:assign', 'tickets:export',
  'canned_replies:read', 'products:read', 'quotes:read', 'quotes:manage', 'orders:read',
  'invoices:read', 'payments:read', 'wallet:read', 'attendance:read', 'attendance:record',
  'worklogs:read', 'worklogs:record', 'xp:read', 'settings:read',
];

const technician: Permission[] = [
  'customers:read', 'tickets:read', 'tickets:update', 'canned_replies:read', 'products:read',
  'attendance:read', 'attendance:record', 'worklogs:read', 'worklogs:record', 'xp:read', 'payroll:read',
  'settings:read',
];

/** Customer permissions are always narrowed to their own records by each domain's policy. */
const customer: Permission[] = [
  'customers:read', 'customers:update', 'contacts:read', 'contacts:manage', 'kyc:read', 'kyc:upload',
  'tickets:read', 'tickets:create', 'tickets:update', 'products:read', 'quotes:read', 'orders:read',
  'invoices:read', 'payments:read', 'wallet:read',
];

export const defaultRolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  manager,
  agent,
  technician,
  customer,
};

/** Highest-ranked role first: a user in several groups acts with the first one found here. */
export function roleFromGroups(groups: readonly string[]): Role {
  return roles.find((r) => groups.includes(r)) ?? 'customer';
}
