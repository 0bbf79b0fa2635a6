import type { Route } from '../../shared/http/route.js';
import { routes as accessRequests } from './access-requests/index.js';
import { routes as account } from './account/index.js';
import { routes as audit } from './audit/index.js';
import { routes as auth } from './auth/index.js';
import { routes as contacts } from './contacts/index.js';
import { routes as customerFiles } from './customer-files/index.js';
import { routes as customers } from './customers/index.js';
import { routes as kyc } from './kyc/index.js';
import { routes as roles } from './roles/index.js';
import { routes as settings } from './settings/index.js';
import { routes as system } from './system/index.js';
import { routes as users } from './users/index.js';
import { routes as tickets } from './tickets/index.js';
import { routes as ticketMessages } from './ticket-messages/index.js';
import { routes as cannedReplies } from './canned-replies/index.js';
import { routes as supportGroups } from './support-groups/index.js';
import { routes as ticketCategories } from './ticket-categories/index.js';
import { routes as ticketAssignment } from './ticket-assignment/index.js';
import { routes as ticketOrganisation } from './ticket-organisation/index.js';
import { routes as ticketExports } from './ticket-exports/index.js';
import { routes as mailSettings } from './mail-settings/index.js';
import { routes as mailTemplates } from './mail-templates/index.js';
import { routes as slaCalendars } from './sla-calendars/index.js';
import { routes as slaPolicies } from './sla-policies/index.js';
import { routes as slaMetrics } from './sla-metrics/index.js';

/** One API domain = one Lambda (functions/api/<name>/index.ts) serving its route files. */
export interface ApiDomain {
  name: string;
  entry: string;
  routes: readonly Route[];
}

const entry = (name: string) => `functions/api/${name}/index.ts`;

/**
 * The route table: the single source for API Gateway routes (CDK), the local API server,
 * the OpenAPI document and the permission tests.
 */
export const apiDomains: readonly ApiDomain[] = [
  { name: 'system', entry: entry('system'), routes: system },
  { name: 'account', entry: entry('account'), routes: account },
  { name: 'auth', entry: entry('auth'), routes: auth },
  { name: 'settings', entry: entry('settings'), routes: settings },
  { name: 'roles', entry: entry('roles'), routes: roles },
  { name: 'users', entry: entry('users'), routes: users },
  { name: 'access-requests', entry: entry('access-requests'), routes: accessRequests },
  { name: 'audit', entry: entry('audit'), routes: audit },
  { name: 'customers', entry: entry('customers'), routes: customers },
  { name: 'contacts', entry: entry('contacts'), routes: contacts },
  { name: 'kyc', entry: entry('kyc'), routes: kyc },
  { name: 'customer-files', entry: entry('customer-files'), routes: customerFiles },
  { name: 'tickets', entry: entry('tickets'), routes: tickets },
  { name: 'ticket-messages', entry: entry('ticket-messages'), routes: ticketMessages },
  { name: 'canned-replies', entry: entry('canned-replies'), routes: cannedReplies },
  { name: 'support-groups', entry: entry('support-groups'), routes: supportGroups },
  { name: 'ticket-categories', entry: entry('ticket-categories'), routes: ticketCategories },
  { name: 'ticket-assignment', entry: entry('ticket-assignment'), routes: ticketAssignment },
  { name: 'ticket-organisation', entry: entry('ticket-organisation'), routes: ticketOrganisation },
  { name: 'ticket-exports', entry: entry('ticket-exports'), routes: ticketExports },
  { name: 'mail-settings', entry: entry('mail-settings'), routes: mailSettings },
  { name: 'mail-templates', entry: entry('mail-templates'), routes: mailTemplates },
  { name: 'sla-calendars', entry: entry('sla-calendars'), routes: slaCalendars },
  { name: 'sla-policies', entry: entry('sla-policies'), routes: slaPolicies },
  { name: 'sla-metrics', entry: entry('sla-metrics'), routes: slaMetrics },
];

export const allRoutes: readonly Route[] = apiDomains.flatMap((d) => d.routes);

/**
 * Method and path of every route, in route-table order: all the fallback Lambda needs to tell 404
 * from 405. Written to functions/api/route-manifest.json by `npm run openapi`, so the fallback
 * bundle never imports the route modules (route-manifest.test.ts fails when the file is stale).
 */
export function routeManifest(routes: readonly Route[] = allRoutes): { method: Route['method']; path: Route['path'] }[] {
  return routes.map(({ method, path }) => ({ method, path }));
}

export const routeManifestFile = 'functions/api/route-manifest.json';

/** Unmatched requests (API Gateway `$default`) go here and get a 404 or 405 in our error shape. */
export const fallbackDomain = { name: 'fallback', entry: entry('fallback') } as const;
