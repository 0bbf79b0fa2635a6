import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiGatewayEvent } from '../../../events/api-gateway.js';
import { lambdaContext } from '../../../events/lambda-context.js';
import type { AccessClaims } from '../../../shared/auth/actor.js';
import { claimsOnlyActor, createApiHandler } from '../../../shared/http/pipeline.js';
import { routeKey, type Route } from '../../../shared/http/route.js';
import { allRoutes, apiDomains } from '../routes.js';

// DynamoDB answers "no chain head yet" and accepts every transaction; the audit records are read
// back from the transactions sent.
const ddb = mockClient(DynamoDBDocumentClient);
beforeEach(() => {
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
});
afterEach(() => ddb.reset());

const verify = async (token: string): Promise<AccessClaims> => {
  const role = token.replace(/^role-/, '');
  return { sub: `user-${role}`, username: `${role}@example.com`, 'cognito:groups': [role], client_id: 'web', iat: 1 };
};

const mutating = allRoutes.filter((r) => r.method !== 'GET');

/**
 * Each route exactly as in the table (method, path, operationId, access) but with a handler that
 * succeeds and no input schemas: this suite asks whether the pipeline audits every
 * state-changing route that succeeds, whatever its handler does or forgets.
 */
async function succeed(route: Route) {
  const stub: Route = { ...route, request: undefined, handler: async () => ({}) };
  const handler = createApiHandler([stub], { verify, resolveActor: claimsOnlyActor });
  const role = route.roles === 'everyone' ? 'admin' : route.roles[0]!;
  const pathParameters = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, `test-${m[1]}`]));
  const requestId = `req-${route.operationId}`;
  const event = apiGatewayEvent({
    method: route.method,
    path: route.path.replace(/\{(\w+)\}/g, (_, name: string) => `test-${name}`),
    routeKey: routeKey(route),
    pathParameters,
    requestId,
    headers: route.access === 'public' ? {} : { authorization: `Bearer role-${role}` },
  });
  return { response: await handler(event, lambdaContext('audit-coverage')), requestId, role };
}

function auditItems() {
  return ddb
    .commandCalls(TransactWriteCommand)
    .flatMap((c) => c.args[0].input.TransactItems ?? [])
    .map((t) => t.Put?.Item)
    .filter((item) => item?.__edb_e__ === 'auditRecord');
}

describe('every state-changing route in the route table is audited when it succeeds', () => {
  it('finds the mutating routes of every domain', () => {
    expect(mutating.map((r) => r.operationId)).toContain('updateOrganisationSettings');
    expect(new Set(mutating.map((r) => r.operationId)).size).toBe(mutating.length);
  });

  it.each(mutating.map((r) => [routeKey(r), r] as const))('%s', async (_key, route) => {
    const { response, requestId, role } = await succeed(route);

    expect(response.statusCode).toBeLessThan(300);
    const items = auditItems();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'request', action: route.operationId, outcome: 'success', requestId });
    if (route.access !== 'public') expect(items[0]).toMatchObject({ actorKind: 'user', actorId: `user-${role}`, actorRole: role });
  });

  it('appends nothing for reads', async () => {
    for (const route of allRoutes.filter((r) => r.method === 'GET')) await succeed(route);

    expect(auditItems()).toEqual([]);
  });

  it('offers no route that changes audit records: the audit domain only reads', () => {
    const audit = apiDomains.find((d) => d.name === 'audit');
    expect(audit?.routes.map((r) => r.method)).toEqual(audit?.routes.map(() => 'GET'));
  });
});
