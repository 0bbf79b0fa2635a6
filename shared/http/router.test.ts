import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { allRoutes } from '../../functions/api/routes.js';
import { defineRoute, routeKey, type HttpMethod, type Route } from './route.js';
import { Router } from './router.js';

function route(method: HttpMethod, path: `/${string}`, operationId = `${method.toLowerCase()}${path}`): Route {
  return defineRoute({
    operationId,
    method,
    path,
    summary: operationId,
    tags: ['test'],
    access: 'public',
    roles: 'everyone',
    response: z.object({}),
    handler: async () => ({}),
  });
}

const health = route('GET', '/health');
const getSettings = route('GET', '/settings/organisation');
const putSettings = route('PUT', '/settings/organisation');
const getCustomer = route('GET', '/customers/{customerId}');
const deleteCustomer = route('DELETE', '/customers/{customerId}');
const getContact = route('GET', '/customers/{customerId}/contacts/{contactId}');
const exportCustomers = route('GET', '/customers/export');

describe('Router.match', () => {
  it('matches a static path and returns no params', () => {
    // Prepare
    const router = new Router([health, getSettings, putSettings]);

    // Act
    const match = router.match('GET', '/health');

    // Assess
    expect(match).toEqual({ kind: 'route', route: health, params: {} });
  });

  it('extracts path params, one segment each, percent-decoded', () => {
    // Prepare
    const router = new Router([getCustomer, getContact]);

    // Act
    const one = router.match('GET', '/customers/c-42');
    const two = router.match('GET', '/customers/c-42/contacts/Caf%C3%A9%20Noir');

    // Assess
    expect(one).toEqual({ kind: 'route', route: getCustomer, params: { customerId: 'c-42' } });
    expect(two).toEqual({ kind: 'route', route: getContact, params: { customerId: 'c-42', contactId: 'Café Noir' } });
  });

  it('does not let a {param} span several segments or be empty', () => {
    // Prepare
    const router = new Router([getCustomer]);

    // Act
    const tooDeep = router.match('GET', '/customers/c-42/extra');
    const empty = router.match('GET', '/customers/');

    // Assess
    expect(tooDeep).toEqual({ kind: 'not_found' });
    expect(empty).toEqual({ kind: 'not_found' });
  });

  it('matches paths exactly, like API Gateway: a trailing slash is another path', () => {
    // Prepare
    const router = new Router([health, getCustomer]);

    // Act
    const staticSlash = router.match('GET', '/health/');
    const paramSlash = router.match('GET', '/customers/c-7/');

    // Assess
    expect(staticSlash).toEqual({ kind: 'not_found' });
    expect(paramSlash).toEqual({ kind: 'not_found' });
  });

  it('treats the method case-insensitively and the path case-sensitively (as API Gateway does)', () => {
    // Prepare
    const router = new Router([health]);

    // Act
    const lowerMethod = router.match('get', '/health');
    const upperPath = router.match('GET', '/HEALTH');

    // Assess
    expect(lowerMethod.kind).toBe('route');
    expect(upperPath).toEqual({ kind: 'not_found' });
  });

  it('answers not_found when no route has the path', () => {
    // Prepare
    const router = new Router([health, getSettings, putSettings]);

    // Act
    const match = router.match('GET', '/nothing-here');

    // Assess
    expect(match).toEqual({ kind: 'not_found' });
  });

  it('answers method_not_allowed with every method the path does allow', () => {
    // Prepare
    const router = new Router([health, getSettings, putSettings]);

    // Act
    const match = router.match('DELETE', '/settings/organisation');

    // Assess
    expect(match).toEqual({ kind: 'method_not_allowed', allowed: ['GET', 'PUT'] });
  });

  it('lists each allowed method once when several routes match the path', () => {
    // Prepare
    const router = new Router([getCustomer, exportCustomers, deleteCustomer]);

    // Act
    const match = router.match('PATCH', '/customers/export');

    // Assess
    expect(match).toEqual({ kind: 'method_not_allowed', allowed: ['GET', 'DELETE'] });
  });

  it('prefers a literal segment over a {param}, whatever the table order', () => {
    // Prepare
    const paramFirst = new Router([getCustomer, exportCustomers, deleteCustomer]);

    // Act
    const literal = paramFirst.match('GET', '/customers/export');
    const param = paramFirst.match('GET', '/customers/c-1');
    const deleteNamedExport = paramFirst.match('DELETE', '/customers/export');

    // Assess
    expect(literal).toEqual({ kind: 'route', route: exportCustomers, params: {} });
    expect(param).toEqual({ kind: 'route', route: getCustomer, params: { customerId: 'c-1' } });
    expect(deleteNamedExport).toEqual({ kind: 'route', route: deleteCustomer, params: { customerId: 'export' } });
  });

  it('answers not_found (not a URIError) for a malformed percent-encoding', () => {
    // Prepare
    const router = new Router([getCustomer]);

    // Act
    const match = router.match('GET', '/customers/%E0%A4%A');

    // Assess
    expect(match).toEqual({ kind: 'not_found' });
  });

  it('escapes regex characters in literal segments', () => {
    // Prepare
    const router = new Router([route('GET', '/files/report.pdf')]);

    // Act
    const dotAsAnyChar = router.match('GET', '/files/reportXpdf');
    const exact = router.match('GET', '/files/report.pdf');

    // Assess
    expect(dotAsAnyChar).toEqual({ kind: 'not_found' });
    expect(exact.kind).toBe('route');
  });
});

describe('Router construction and route keys', () => {
  it('rejects two routes with the same method and path', () => {
    // Prepare
    const duplicate = route('GET', '/health', 'getHealthAgain');

    // Act
    const build = () => new Router([health, getSettings, duplicate]);

    // Assess
    expect(build).toThrow('Duplicate route GET /health');
  });

  it('accepts the same path under different methods', () => {
    // Act
    const build = () => new Router([getSettings, putSettings]);

    // Assess
    expect(build).not.toThrow();
  });

  it('finds a route by its API Gateway route key', () => {
    // Prepare
    const router = new Router([getCustomer, deleteCustomer]);

    // Act
    const found = router.byRouteKey('DELETE /customers/{customerId}');
    const missing = router.byRouteKey('$default');

    // Assess
    expect(found).toBe(deleteCustomer);
    expect(missing).toBeUndefined();
  });

  it('routes every entry of the real route table to itself', () => {
    // Prepare
    const router = new Router(allRoutes);
    const concrete = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => `sample-${name}`);

    // Act
    const results = allRoutes.map((r) => ({ key: routeKey(r), match: router.match(r.method, concrete(r.path)) }));

    // Assess
    expect(results.length).toBeGreaterThan(0);
    for (const { key, match } of results) {
      expect(match.kind, key).toBe('route');
      if (match.kind === 'route') expect(routeKey(match.route)).toBe(key);
    }
  });
});
