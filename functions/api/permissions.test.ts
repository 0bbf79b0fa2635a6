import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { apiGatewayEvent } from '../../events/api-gateway.js';
import { lambdaContext } from '../../events/lambda-context.js';
import type { AccessClaims } from '../../shared/auth/actor.js';
import { roles, type Role } from '../../shared/auth/permissions.js';
import { UnauthorizedError } from '../../shared/errors.js';
import { claimsOnlyActor, createApiHandler } from '../../shared/http/pipeline.js';
import { routeKey, type Route } from '../../shared/http/route.js';
import { apiDomains } from './routes.js';

// Every DynamoDB call answers empty: allowed calls may then fail further on (404, 500), which is
// fine here — this suite only asks whether the gate let the caller through.
const ddb = mockClient(DynamoDBDocumentClient);
const raw = mockClient(DynamoDBClient);
afterEach(() => {
  ddb.reset();
  raw.reset();
});

async function verify(token: string): Promise<AccessClaims> {
  const role = /^role-(\w+)$/.exec(token)?.[1];
  if (!role) throw new UnauthorizedError();
  return { sub: `user-${role}`, username: role, 'cognito:groups': [role], client_id: 'web', iat: 1 };
}

const cases = apiDomains.flatMap((domain) => {
  // The role from the token's groups with the default matrix: the gate under test, without the identity reads.
  const handler = createApiHandler(domain.routes, { verify, resolveActor: claimsOnlyActor });
  return domain.routes.map((route) => ({ route, handler }));
});

function call(route: Route, handler: ReturnType<typeof createApiHandler>, token?: string) {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => `test-${name}`);
  const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, `test-${m[1]}`]));
  const event = apiGatewayEvent({
    method: route.method,
    path,
    routeKey: routeKey(route),
    pathParameters: params,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    ...(route.request?.body ? { body: '{}' } : {}),
  });
  return handler(event, lambdaContext('permissions-test'));
}

describe('permission matrix: every route × every role, as declared next to the route', () => {
  it('covers the whole route table', () => {
    expect(cases.length).toBe(apiDomains.flatMap((d) => d.routes).length);
    for (const { route } of cases) expect(route.roles, routeKey(route)).toBeDefined();
  });

  describe.each(cases.map((c) => [routeKey(c.route), c] as const))('%s', (_key, { route, handler }) => {
    it.each(roles.map((r) => [r] as const))('%s', async (role: Role) => {
      const allowed = route.roles === 'everyone' || route.roles.includes(role);
      const response = await call(route, handler, `role-${role}`);
      if (allowed) expect([401, 403]).not.toContain(response.statusCode);
      else expect({ status: response.statusCode, code: JSON.parse(response.body ?? '{}').error?.code }).toEqual({ status: 403, code: 'forbidden' });
    });

    it('signed out', async () => {
      const response = await call(route, handler);
      if (route.roles === 'everyone') expect([401, 403]).not.toContain(response.statusCode);
      else expect(response.statusCode).toBe(401);
    });
  });
});
