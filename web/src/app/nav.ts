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
  customerGroups: '/admin/customer-groups',
  kycRequirements: '/admin/kyc-requirements',
  portalAccount: '/portal/account',
  portalContacts: '/portal/contacts',
  portalInvitations: '/portal/invitations',
  portalKyc: '/portal/kyc',
  portalDocuments: '/portal/documents',
  customers: '/desk/customers',
  customer: '/desk/customers/:customerId',
  kycReview: '/desk/kyc-review',
  slaDashboard: '/desk/sla',
  portalTickets: '/portal/tickets',
  portalNewTicket: '/portal/tickets/new',
  portalTicket: '/portal/tickets/:ticketId',
  tickets: '/desk/tickets',
  ticket: '/desk/tickets/:ticketId',
  ticketCategories: '/admin/ticket-categories',
  supportGroups: '/admin/support-groups',
  cannedReplies: '/admin/canned-replies',
  ticketTags: '/admin/ticket-tags',
  mailboxes: '/admin/mail/mailboxes',
  mailSuppressions: '/admin/mail/suppressions',
  mailReview: '/admin/mail/review',
  mailTemplates: '/admin/mail/templates',
  slaAdmin: '/admin/sla',
} as const;

/** `/desk/tickets/<id>` or `/portal/tickets/<id>`. */
export const ticketPath = (ticketId: string, area: 'desk' | 'portal' = 'desk') => `/${area}/tickets/${encodeURIComponent(ticketId)}`;

/** `/desk/customers/<id>`, optionally on one tab (`?tab=`). */
export const customerPath = (customerId: string, tab?: string) =>
  `/desk/customers/${encodeURIComponent(customerId)}${tab ? `?tab=${encodeURIComponent(tab)}` : ''}`;

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
  customers: { permission: 'customers:read', staff: true },
  kycReview: { permission: 'kyc:verify', staff: true },
  slaDashboard: { permission: 'reports:read', staff: true },
  tickets: { permission: 'tickets:read', staff: true },
  ticketCategories: { permission: 'settings:update' },
  supportGroups: { permission: 'settings:update' },
  cannedReplies: { permission: 'canned_replies:manage' },
  ticketTags: { permission: 'settings:update' },
  customerGroups: { permission: 'settings:update' },
  kycRequirements: { permission: 'settings:update' },
  mailboxes: { permission: 'settings:update' },
  mailSuppressions: { permission: 'settings:update' },
  mailReview: { permission: 'settings:update' },
  mailTemplates: { permission: 'settings:update' },
  slaAdmin: { permission: 'settings:update' },
} as const satisfies Record<string, Guard>;

export type NavKey =
  | 'portal' | 'desk' | 'admin' | 'users' | 'roles' | 'accessRequests' | 'audit'
  | 'portalAccount' | 'portalContacts' | 'portalInvitations' | 'portalKyc' | 'portalTickets' | 'tickets'
  | 'ticketCategories' | 'supportGroups' | 'cannedReplies' | 'ticketTags' | 'portalDocuments' | 'customers' | 'kycReview' | 'customerGroups' | 'kycRequirements'
  | 'mailboxes' | 'mailSuppressions' | 'mailReview' | 'mailTemplates' | 'slaDashboard' | 'slaAdmin'
  | 'mfaSetup' | 'security' | 'activity' | 'signIn' | 'register' | 'requestAccess' | 'status';

/** Navigation entries by group; each shows only when its guard allows (see Navigation). */
export const navGroups: { id: 'areas' | 'portal' | 'desk' | 'administration' | 'account' | 'system'; items: { key: NavKey; to: string; guard: Guard; when?: 'mfaSetupRequired' }[] }[] = [
  {
    id: 'areas',
    items: [
      { key: 'portal', to: paths.portal, guard: guards.portal },
      { key: 'desk', to: paths.desk, guard: guards.desk },
      { key: 'admin', to: paths.admin, guard: guards.admin },
    ],
  },
  {
    id: 'portal',
    items: [
      { key: 'portalTickets', to: paths.portalTickets, guard: guards.portal },
      { key: 'portalAccount', to: paths.portalAccount, guard: guards.portal },
      { key: 'portalContacts', to: paths.portalContacts, guard: guards.portal },
      { key: 'portalInvitations', to: paths.portalInvitations, guard: guards.portal },
      { key: 'portalKyc', to: paths.portalKyc, guard: guards.portal },
      { key: 'portalDocuments', to: paths.portalDocuments, guard: guards.portal },
    ],
  },
  {
    id: 'desk',
    items: [
      { key: 'tickets', to: paths.tickets, guard: guards.tickets },
      { key: 'customers', to: paths.customers, guard: guards.customers },
      { key: 'kycReview', to: paths.kycReview, guard: guards.kycReview },
      { key: 'slaDashboard', to: paths.slaDashboard, guard: guards.slaDashboard },
    ],
  },
  {
    id: 'administration',
    items: [
      { key: 'users', to: paths.users, guard: guards.users },
      { key: 'roles', to: paths.roles, guard: guards.roles },
      { key: 'accessRequests', to: paths.accessRequests, guard: guards.accessRequests },
      { key: 'audit', to: paths.audit, guard: guards.audit },
      { key: 'customerGroups', to: paths.customerGroups, guard: guards.customerGroups },
      { key: 'kycRequirements', to: paths.kycRequirements, guard: guards.kycRequirements },
      { key: 'ticketCategories', to: paths.ticketCategories, guard: guards.ticketCategories },
      { key: 'supportGroups', to: paths.supportGroups, guard: guards.supportGroups },
      { key: 'cannedReplies', to: paths.cannedReplies, guard: guards.cannedReplies },
      { key: 'ticketTags', to: paths.ticketTags, guard: guards.ticketTags },
      { key: 'mailboxes', to: paths.mailboxes, guard: guards.mailboxes },
      { key: 'mailSuppressions', to: paths.mailSuppressions, guard: guards.mailSuppressions },
      { key: 'mailReview', to: paths.mailReview, guard: guards.mailReview },
      { key: 'mailTemplates', to: paths.mailTemplates, guard: guards.mailTemplates },
      { key: 'slaAdmin', to: paths.slaAdmin, guard: guards.slaAdmin },
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
