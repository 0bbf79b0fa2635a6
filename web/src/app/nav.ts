import type { Guard } from '../auth/guards';

/** The app's top-level destinations, shared by the navbar, the landing page and the router. */
export const areas = ['portal', 'desk', 'admin'] as const;
export type Area = (typeof areas)[number];

export const paths = {
  home: '/',
  portal: '/portal',
  desk: '/desk',
  admin: '/admin',
  status: '/status',
  signIn: '/sign-in',
  register: '/register',
  verifyEmail: '/verify-email',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  requestAccess: '/request-access',
  security: '/security',
  mfaSetup: '/security/2fa/setup',
  activity: '/activity',
  users: '/admin/users',
  roles: '/admin/roles',
  accessRequests: '/admin/access-requests',
  audit: '/admin/audit',
} as const;

/** Who may open each guarded page: the router and the navigation read the same table. */
export const guards = {
  portal: 'portal',
  desk: 'desk',
  admin: 'admin',
  security: 'signed_in',
  activity: 'signed_in',
  mfaSetup: 'mfa_setup',
  users: { permission: 'users:read' },
  roles: { permission: 'roles:read' },
  accessRequests: { permission: 'users:manage' },
  audit: { permission: 'audit:read' },
} as const satisfies Record<string, Guard>;

export type NavKey =
  | 'portal' | 'desk' | 'admin' | 'users' | 'roles' | 'accessRequests' | 'audit'
  | 'mfaSetup' | 'security' | 'activity' | 'signIn' | 'register' | 'requestAccess' | 'status';

/** Navigation entries by group; each shows only when its guard allows (see Navigation). */
export const navGroups: { id: 'areas' | 'administration' | 'account' | 'system'; items: { key: NavKey; to: string; guard: Guard; when?: 'mfaSetupRequired' }[] }[] = [
  {
    id: 'areas',
    items: [
      { key: 'portal', to: paths.portal, guard: guards.portal },
      { key: 'desk', to: paths.desk, guard: guards.desk },
      { key: 'admin', to: paths.admin, guard: guards.admin },
    ],
  },
  {
    id: 'administration',
    items: [
      { key: 'users', to: paths.users, guard: guards.users },
      { key: 'roles', to: paths.roles, guard: guards.roles },
      { key: 'accessRequests', to: paths.accessRequests, guard: guards.accessRequests },
      { key: 'audit', to: paths.audit, guard: guards.audit },
    ],
  },
  {
    id: 'account',
    items: [
      { key: 'mfaSetup', to: paths.mfaSetup, guard: guards.mfaSetup, when: 'mfaSetupRequired' },
      { key: 'security', to: paths.security, guard: guards.security },
      { key: 'activity', to: paths.activity, guard: guards.activity },
      { key: 'signIn', to: paths.signIn, guard: 'guest' },
      { key: 'register', to: paths.register, guard: 'guest' },
      { key: 'requestAccess', to: paths.requestAccess, guard: 'guest' },
    ],
  },
  { id: 'system', items: [{ key: 'status', to: paths.status, guard: 'public' }] },
];
