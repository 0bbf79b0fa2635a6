import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiGatewayEvent } from '../../../events/api-gateway.js';
import { lambdaContext } from '../../../events/lambda-context.js';
import type { AccessClaims } from '../../../shared/auth/actor.js';
import { defaultRolePermissions } from '../../../shared/auth/permissions.js';
import { answerReads } from '../../../shared/db/fake-table.js';
import { UnauthorizedError } from '../../../shared/errors.js';
import { claimsOnlyActor, createApiHandler } from '../../../shared/http/pipeline.js';
import type { Route } from '../../../shared/http/route.js';
import { defaultMatrix } from '../../../shared/roles/matrix.js';
import { routes as accessRequestRoutes } from '../access-requests/index.js';
import { routes as userRoutes } from '../users/index.js';
import { routes as roleRoutes } from './index.js';

// The three identity-admin domains through the real pipeline (claims-only actor): input parsing,
// stable error codes, and no write for a rejected request.
const ddb = mockClient(DynamoDBDocumentClient);
const raw = mockClient(DynamoDBClient);
const dataWrites = () =>
  ddb
    .calls()
    .filter((c) => [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand, BatchWriteCommand].some((C) => c.args[0] instanceof C))
    .filter((c) => !JSON.stringify(c.args[0].input).includes('"audit'));

beforeEach(() => {
  answerReads(ddb, () => []);
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(PutCommand).resolves({});
});
afterEach(() => {
  ddb.reset();
  raw.reset();
});

async function verify(token: string): Promise<AccessClaims> {
  const role = /^role-(\w+)$/.exec(token)?.[1];
  if (!role) throw new UnauthorizedError();
  return { sub: `user-${role}`, username: role, 'cognito:groups': [role], client_id: 'web', iat: 1 };
}

const handlers = new Map<readonly Route[], ReturnType<typeof createApiHandler>>();
function request(routes: readonly Route[], method: string, path: string, options: { role?: string; body?: unknown; query?: Record<string, string> } = {}) {
  let handler = handlers.get(routes);
  if (!handler) handlers.set(routes, (handler = createApiHandler(routes, { verify, resolveActor: claimsOnlyActor })));
  const event = apiGatewayEvent({
    method,
    path,
    routeKey: '$default',
    headers: { ...(options.role ? { authorization: `Bearer role-${options.role}` } : {}), 'content-type': 'application/json' },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.query ? { queryStringParameters: options.query } : {}),
  });
  return handler(event, lambdaContext('routes-test')).then((res) => ({ status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined }));
}

const codeOf = (res: { status?: number; body?: { error?: { code: string } } }) => [res.status, res.body?.error?.code];

describe('roles routes', () => {
  it('GET /roles answers the defaults (version 0) to a manager', async () => {
    const res = await request(roleRoutes, 'GET', '/roles', { role: 'manager' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 0, matrix: { agent: defaultMatrix().agent } });
  });

  it('rejects bad input with stable codes and writes nothing', async () => {
    const matrix = defaultMatrix();
    const results = [
      await request(roleRoutes, 'GET', '/roles/versions', { role: 'admin', query: { limit: '0' } }),
      await request(roleRoutes, 'GET', '/roles/versions/abc', { role: 'admin' }),
      await request(roleRoutes, 'PUT', '/roles/matrix', { role: 'admin', body: { version: 0, matrix: { ...matrix, agent: ['tickets:fly'] }, note: '' } }),
      await request(roleRoutes, 'PUT', '/roles/matrix', { role: 'admin', body: { version: 0, matrix, note: '', extra: 1 } }),
      await request(roleRoutes, 'PUT', '/roles/matrix', { role: 'admin', body: { version: 0, matrix: { ...matrix, admin: defaultRolePermissions.admin.filter((p) => p !== 'users:manage') } } }),
      await request(roleRoutes, 'POST', '/roles', { role: 'admin', body: { roleId: 'admin', name: 'Another admin' } }),
      await request(roleRoutes, 'POST', '/roles', { role: 'admin', body: { roleId: 'Bad Id!', name: 'x' } }),
      await request(roleRoutes, 'DELETE', '/roles/manager', { role: 'admin' }),
      await request(roleRoutes, 'DELETE', '/roles/ghost', { role: 'admin' }),
      await request(roleRoutes, 'POST', '/roles/versions/7/restore', { role: 'admin', body: { version: 0 } }),
      await request(roleRoutes, 'PUT', '/roles/matrix', { role: 'manager', body: { version: 0, matrix, note: '' } }),
    ];
    expect(results.map(codeOf)).toEqual([
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'admin_lockout'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'built_in_role'],
      [404, 'not_found'],
      [404, 'not_found'],
      [403, 'forbidden'],
    ]);
    expect(dataWrites()).toHaveLength(0);
  });
});

describe('users routes', () => {
  it('rejects bad input and unknown users with stable codes, writing nothing', async () => {
    const results = [
      await request(userRoutes, 'GET', '/users', { role: 'admin', query: { status: 'sleeping' } }),
      await request(userRoutes, 'GET', '/users', { role: 'admin', query: { cursor: '%%%' } }),
      await request(userRoutes, 'GET', '/users/ghost', { role: 'manager' }),
      await request(userRoutes, 'POST', '/users', { role: 'admin', body: { email: 'nope', name: 'N', role: 'agent' } }),
      await request(userRoutes, 'PUT', '/users/ghost/role', { role: 'admin', body: { role: 'agent' } }),
      await request(userRoutes, 'PUT', '/users/ghost/role', { role: 'admin', body: { role: 'agent', version: 1 } }),
      await request(userRoutes, 'POST', '/users/ghost/disable', { role: 'admin' }),
      await request(userRoutes, 'POST', '/users/ghost/mfa/reset', { role: 'admin' }),
      await request(userRoutes, 'POST', '/users/ghost/disable', { role: 'manager' }),
    ];
    expect(results.map(codeOf)).toEqual([
      [400, 'validation_failed'],
      [400, 'invalid_cursor'],
      [404, 'not_found'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [404, 'not_found'],
      [404, 'not_found'],
      [404, 'not_found'],
      [403, 'forbidden'],
    ]);
    expect(dataWrites()).toHaveLength(0);
  });

  it('lists an empty directory with a null cursor', async () => {
    const res = await request(userRoutes, 'GET', '/users', { role: 'admin', query: { q: 'a', limit: '5' } });
    expect(res).toEqual({ status: 200, body: { items: [], cursor: null } });
  });
});

describe('access-request routes', () => {
  it('POST /access-requests is public and answers 202', async () => {
    const res = await request(accessRequestRoutes, 'POST', '/access-requests', { body: { name: 'Rami', email: 'rami@x.example', requestedRole: 'agent' } });
    expect(res).toEqual({ status: 202, body: { status: 'received' } });
  });

  it('refuses the customer role, a missing reason and unknown requests with stable codes', async () => {
    const results = [
      await request(accessRequestRoutes, 'POST', '/access-requests', { body: { name: 'C', email: 'c@x.example', requestedRole: 'customer' } }),
      await request(accessRequestRoutes, 'POST', '/access-requests/r1/reject', { role: 'admin', body: {} }),
      await request(accessRequestRoutes, 'POST', '/access-requests/r1/approve', { role: 'admin', body: {} }),
      await request(accessRequestRoutes, 'GET', '/access-requests', { role: 'admin', query: { status: 'maybe' } }),
      await request(accessRequestRoutes, 'GET', '/access-requests', { role: 'customer' }),
      await request(accessRequestRoutes, 'GET', '/access-requests'),
    ];
    expect(results.map(codeOf)).toEqual([
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [404, 'not_found'],
      [400, 'validation_failed'],
      [403, 'forbidden'],
      [401, 'unauthorized'],
    ]);
    expect(dataWrites()).toHaveLength(0);
  });
});
