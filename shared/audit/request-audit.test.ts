import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { apiGatewayEvent } from '../../events/api-gateway.js';
import { lambdaContext } from '../../events/lambda-context.js';
import { actorFromClaims, type AccessClaims } from '../auth/actor.js';
import { ConflictError } from '../errors.js';
import { createApiHandler } from '../http/pipeline.js';
import { defineRoute } from '../http/route.js';
import { recordAuthEvent } from './auth-events.js';
import { requestTarget, routeTarget } from './request-audit.js';
import { stampWrites, stampWritesOptions } from './stamp.js';

const ddb = mockClient(DynamoDBDocumentClient);
beforeEach(() => {
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
});
afterEach(() => ddb.reset());

/** A low-level client whose writes go through the stamp middleware and stop before the network. */
const raw = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
raw.middlewareStack.add(stampWrites(), stampWritesOptions);
raw.middlewareStack.add(() => async () => ({ output: { $metadata: {} } as never, response: {} }), { step: 'build', priority: 'low', name: 'noNetwork' });

const ok = z.object({ ok: z.boolean() });
const routes = [
  defineRoute({ operationId: 'renameThing', method: 'PUT', path: '/things/{thingId}/name', summary: 's', tags: ['t'], access: 'authenticated', roles: ['admin'], request: { path: z.object({ thingId: z.string() }) }, response: ok, handler: async () => ({ ok: true }) }),
  defineRoute({ operationId: 'listThings', method: 'GET', path: '/things', summary: 's', tags: ['t'], access: 'authenticated', roles: ['admin'], response: ok, handler: async () => ({ ok: true }) }),
  defineRoute({
    operationId: 'breakThing',
    method: 'POST',
    path: '/things/{thingId}/break',
    summary: 's',
    tags: ['t'],
    access: 'authenticated',
    roles: ['admin'],
    request: { path: z.object({ thingId: z.string() }) },
    response: ok,
    handler: async ({ path }) => {
      const id = path.thingId;
      if (id === 'writes-first') await raw.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: '$cm#thingid_1' }, sk: { S: '$thing_1' } } }));
      throw new ConflictError();
    },
  }),
  defineRoute({
    operationId: 'signIn',
    method: 'POST',
    path: '/auth/sign-in',
    summary: 's',
    tags: ['auth'],
    access: 'public',
    roles: 'everyone',
    response: ok,
    handler: async () => {
      await recordAuthEvent({ name: 'auth.sign_in', outcome: 'success', userId: 'u-7', email: 'c@example.com', role: 'customer', details: { method: 'password' } });
      return { ok: true };
    },
  }),
  defineRoute({ operationId: 'requestAccess', method: 'POST', path: '/access-requests', summary: 's', tags: ['t'], access: 'public', roles: 'everyone', status: 202, response: ok, handler: async () => ({ ok: true }) }),
];

const verify = async (): Promise<AccessClaims> => ({ sub: 'admin-1', username: 'admin@example.com', 'cognito:groups': ['admin'], client_id: 'web' });
const handler = createApiHandler(routes, { verify, resolveActor: async (c) => actorFromClaims(c) });

function call(method: string, path: string, routeKey: string) {
  const thingId = /^\/things\/([^/]+)\//.exec(path)?.[1];
  const event = apiGatewayEvent({
    method,
    path,
    routeKey,
    requestId: `req-${method}-${path}`,
    headers: { authorization: 'Bearer t', 'user-agent': 'vitest-agent', 'x-forwarded-for': '198.51.100.7' },
    ...(thingId ? { pathParameters: { thingId } } : {}),
  });
  return handler(event, lambdaContext('audit-test'));
}

function auditItems() {
  return ddb
    .commandCalls(TransactWriteCommand)
    .flatMap((c) => c.args[0].input.TransactItems ?? [])
    .map((t) => t.Put?.Item)
    .filter((item) => item?.__edb_e__ === 'auditRecord');
}

describe('recordAuthEvent outside a request', () => {
  it('records the attempt as given (e.g. from a Cognito trigger)', async () => {
    await recordAuthEvent({ name: 'auth.locked', outcome: 'failure', email: 'x@example.com', reason: 'too_many_failures', ip: '192.0.2.1' });

    expect(auditItems()[0]).toMatchObject({ kind: 'auth', action: 'auth.locked', actorKind: 'anonymous', actorEmail: 'x@example.com', ip: '192.0.2.1', targetKey: '-' });
  });
});

describe('request audit middleware', () => {
  it('appends a request record after a successful state-changing route, with who, what and where', async () => {
    const response = await call('PUT', '/things/t-1/name', 'PUT /things/{thingId}/name');

    expect(response.statusCode).toBe(200);
    const [item, ...more] = auditItems();
    expect(more).toEqual([]);
    expect(item).toMatchObject({
      kind: 'request',
      action: 'renameThing',
      outcome: 'success',
      actorKind: 'user',
      actorId: 'admin-1',
      actorRole: 'admin',
      actorEmail: 'admin@example.com',
      targetType: 'thing',
      targetId: 't-1',
      requestId: 'req-PUT-/things/t-1/name',
      ip: '198.51.100.7',
      userAgent: 'vitest-agent',
    });
    expect(JSON.parse(item!.details as string)).toEqual({ route: 'PUT /things/{thingId}/name', status: 200 });
  });

  it('appends nothing for reads and for rejected requests that wrote nothing', async () => {
    expect((await call('GET', '/things', 'GET /things')).statusCode).toBe(200);
    expect((await call('POST', '/things/t-1/break', 'POST /things/{thingId}/break')).statusCode).toBe(409);

    expect(auditItems()).toEqual([]);
  });

  it('records a failed request that wrote before failing', async () => {
    const response = await call('POST', '/things/writes-first/break', 'POST /things/{thingId}/break');

    expect(response.statusCode).toBe(409);
    const [item] = auditItems();
    expect(item).toMatchObject({ kind: 'request', action: 'breakThing', outcome: 'failure', targetId: 'writes-first' });
    expect(JSON.parse(item!.details as string)).toMatchObject({ status: 409, code: 'conflict' });
  });

  it('lets an auth event stand for its request, and audits anonymous public routes', async () => {
    expect((await call('POST', '/auth/sign-in', 'POST /auth/sign-in')).statusCode).toBe(200);
    expect((await call('POST', '/access-requests', 'POST /access-requests')).statusCode).toBe(202);

    const [signIn, accessRequest, ...more] = auditItems();
    expect(more).toEqual([]);
    expect(signIn).toMatchObject({ kind: 'auth', action: 'auth.sign_in', outcome: 'success', actorId: 'u-7', actorRole: 'customer', targetType: 'user', targetId: 'u-7', requestId: 'req-POST-/auth/sign-in', ip: '198.51.100.7' });
    expect(JSON.parse(signIn!.details as string)).toEqual({ method: 'password' });
    expect(accessRequest).toMatchObject({ kind: 'request', action: 'requestAccess', actorKind: 'anonymous', actorKey: 'anonymous' });
  });

  it('fails the request when the audit record cannot be written', async () => {
    ddb.on(TransactWriteCommand).rejects(new Error('table unavailable'));

    const response = await call('PUT', '/things/t-1/name', 'PUT /things/{thingId}/name');

    expect(response.statusCode).toBe(500);
  });
});

describe('routeTarget', () => {
  it('takes the last path parameter as the target', () => {
    expect(routeTarget({ path: '/users/{userId}/role' }, { userId: 'u1' })).toEqual({ type: 'user', id: 'u1' });
    expect(routeTarget({ path: '/roles/versions/{version}/restore' }, { version: '3' })).toEqual({ type: 'version', id: '3' });
    expect(routeTarget({ path: '/settings/organisation' }, {})).toBeUndefined();
  });
});

describe('requestTarget', () => {
  it('files routes under a customer by the customer, keeping the object the route acts on', () => {
    expect(requestTarget({ path: '/customers/{customerId}/notes/{noteId}' }, { customerId: 'c1', noteId: 'n1' })).toEqual({
      target: { type: 'customer', id: 'c1' },
      object: { type: 'note', id: 'n1' },
    });
    expect(requestTarget({ path: '/customers/{customerId}/kyc/documents/{documentId}/approve' }, { customerId: 'c1', documentId: 'd1' })).toEqual({
      target: { type: 'customer', id: 'c1' },
      object: { type: 'document', id: 'd1' },
    });
    expect(requestTarget({ path: '/customers/{customerId}/invitations' }, { customerId: 'c1' })).toEqual({ target: { type: 'customer', id: 'c1' } });
    expect(requestTarget({ path: '/customers/{customerId}/status' }, { customerId: 'c1' })).toEqual({ target: { type: 'customer', id: 'c1' } });
  });

  it('keeps the last path parameter for other routes', () => {
    expect(requestTarget({ path: '/me/invitations/{invitationId}/accept' }, { invitationId: 'i1' })).toEqual({ target: { type: 'invitation', id: 'i1' } });
    expect(requestTarget({ path: '/customer-groups/{groupId}' }, { groupId: 'g1' })).toEqual({ target: { type: 'group', id: 'g1' } });
    expect(requestTarget({ path: '/customers' }, {})).toEqual({ target: undefined });
  });
});
