import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { apiGatewayEvent } from '../../events/api-gateway.js';
import { lambdaContext } from '../../events/lambda-context.js';
import { routes as accountRoutes } from '../../functions/api/account/index.js';
import { handler as fallbackHandler } from '../../functions/api/fallback/index.js';
import { routes as settingsRoutes } from '../../functions/api/settings/index.js';
import { handler as systemHandler } from '../../functions/api/system/index.js';
import type { AccessClaims } from '../auth/actor.js';
import { defaultRolePermissions } from '../auth/permissions.js';
import { AppError, UnauthorizedError } from '../errors.js';
import { errorBody } from './error-body.js';
import { claimsOnlyActor, createApiHandler } from './pipeline.js';
import { defineRoute } from './route.js';

// ---------------------------------------------------------------------------------------------
// AWS boundary: ElectroDB sends lib-dynamodb commands through the document client.
// ---------------------------------------------------------------------------------------------
const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);

const writeCommands = [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand, BatchWriteCommand] as const;
const writesSent = () => ddb.calls().filter((call) => writeCommands.some((command) => call.args[0] instanceof command));

afterEach(() => {
  ddb.reset();
  rawDdb.reset();
});

// ---------------------------------------------------------------------------------------------
// Browser origin the API's CORS default allows. Events and contexts: events/api-gateway.ts, events/lambda-context.ts.
// ---------------------------------------------------------------------------------------------
const allowedOrigin = 'http://localhost:5173';

// ---------------------------------------------------------------------------------------------
// Tokens: an injected verifier maps opaque test tokens to Cognito access-token claims.
// ---------------------------------------------------------------------------------------------
function claims(sub: string, username: string, groups: string[]): AccessClaims {
  return { sub, username, 'cognito:groups': groups, client_id: '5t1ohr6dgq6k3s9vexample', auth_time: 1741806000, iat: 1741806000 };
}

const tokens: Record<string, AccessClaims> = {
  'admin-token': claims('0a8c1f1e-5c2b-4d8e-9a6f-2b7d3e4f5a60', 'amina.admin', ['admin']),
  'agent-token': claims('1b9d2a2f-6d3c-4e9f-8b7a-3c8e4f5a6b71', 'yacine.agent', ['agent']),
  'customer-token': claims('2cae3b3a-7e4d-4fa0-9c8b-4d9f5a6b7c82', 'karim.customer', ['customer']),
  'multi-token': claims('3dbf4c4b-8f5e-4ab1-8d9c-5eaf6b7c8d93', 'lina.multi', ['customer', 'technician', 'manager']),
  'no-groups-token': { sub: '4ec05d5c-9a6f-4bc2-9eaf-6fb07c8d9ea4', client_id: '5t1ohr6dgq6k3s9vexample', iat: 1741806000 },
};

async function verify(token: string): Promise<AccessClaims> {
  if (token === 'expired-token') throw new UnauthorizedError('token_expired', 'Access token expired');
  const found = tokens[token];
  if (!found) throw new UnauthorizedError('unauthorized', 'Invalid access token');
  return found;
}

// The actor from the token's groups (claims only): this suite tests the pipeline, not shared/identity.
const settingsHandler = createApiHandler(settingsRoutes, { verify, resolveActor: claimsOnlyActor });
const accountHandler = createApiHandler(accountRoutes, { verify, resolveActor: claimsOnlyActor });

const detailList = z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }));

function errorOf(response: APIGatewayProxyStructuredResultV2) {
  return errorBody.parse(JSON.parse(response.body ?? '')).error;
}

/** Header lookup that ignores case (middy adds `Strict-Transport-Security`, the app adds lower-case). */
function header(response: APIGatewayProxyStructuredResultV2, name: string): string | undefined {
  const entry = Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry === undefined ? undefined : String(entry[1]);
}

// ---------------------------------------------------------------------------------------------
// Organisation item as ElectroDB stores it.
// ---------------------------------------------------------------------------------------------
function organisationItem(overrides: Record<string, unknown> = {}) {
  return {
    pk: '$cm#orgid_main',
    sk: '$organisation_1',
    orgId: 'main',
    name: 'Atlas Services',
    timezone: 'Africa/Algiers',
    currency: 'DZD',
    locale: 'fr',
    version: 7,
    createdAt: '2025-01-10T08:00:00.000Z',
    updatedAt: '2025-03-01T09:30:00.000Z',
    __edb_e__: 'organisation',
    __edb_v__: '1',
    ...overrides,
  };
}

const validUpdate = { name: 'Atlas Services Tashkent', timezone: 'Asia/Tashkent', currency: 'UZS', locale: 'ar-DZ', version: 7 };

function putSettingsEvent(options: { token?: string; body?: string; headers?: Record<string, string>; isBase64Encoded?: boolean } = {}) {
  const { token = 'admin-token', body = JSON.stringify(validUpdate), headers = {}, isBase64Encoded } = options;
  return apiGatewayEvent({
    method: 'PUT',
    path: '/settings/organisation',
    headers: {
      'content-type': 'application/json',
      origin: allowedOrigin,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body,
    ...(isBase64Encoded !== undefined ? { isBase64Encoded } : {}),
  });
}

// ---------------------------------------------------------------------------------------------

describe('GET /health (system Lambda, public)', () => {
  it('answers 200 without a token, with security headers and CORS for an allowed origin', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'GET', path: '/health', headers: { origin: allowedOrigin } });

    // Act
    const response = await systemHandler(event, lambdaContext('cloudmanager-test-api-system'));

    // Assess
    expect(response.statusCode).toBe(200);
    const body = z
      .object({ status: z.literal('ok'), service: z.string(), stage: z.string(), version: z.string(), time: z.iso.datetime() })
      .parse(JSON.parse(response.body ?? ''));
    expect(body.service).toBe('cloudmanager-api');
    expect(header(response, 'content-type')).toBe('application/json');
    expect(header(response, 'x-request-id')).toBe(event.requestContext.requestId);
    expect(header(response, 'strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(header(response, 'x-content-type-options')).toBe('nosniff');
    expect(header(response, 'referrer-policy')).toBe('no-referrer');
    expect(header(response, 'access-control-allow-origin')).toBe(allowedOrigin);
    expect(header(response, 'access-control-expose-headers')).toContain('x-request-id');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('sends no CORS allow-origin to an origin that is not configured', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'GET', path: '/health', headers: { origin: 'https://evil.example' } });

    // Act
    const response = await systemHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(header(response, 'access-control-allow-origin')).toBeUndefined();
  });
});

describe('unmatched requests (fallback Lambda on the $default route)', () => {
  it('answers 404 not_found for an unknown path, in the API error shape with security headers', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'GET', path: '/invoices/does-not-exist', routeKey: '$default', headers: { origin: allowedOrigin } });

    // Act
    const response = await fallbackHandler(event, lambdaContext('cloudmanager-test-api-fallback'));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('not_found');
    expect(header(response, 'x-request-id')).toBe(event.requestContext.requestId);
    expect(header(response, 'x-content-type-options')).toBe('nosniff');
    expect(header(response, 'access-control-allow-origin')).toBe(allowedOrigin);
  });

  it('answers 405 method_not_allowed with an Allow header listing the path\'s methods', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'DELETE', path: '/settings/organisation', routeKey: '$default' });

    // Act
    const response = await fallbackHandler(event, lambdaContext('cloudmanager-test-api-fallback'));

    // Assess
    expect(response.statusCode).toBe(405);
    const error = errorOf(response);
    expect(error.code).toBe('method_not_allowed');
    expect(error.details).toEqual({ allowed: ['GET', 'PUT'] });
    expect(header(response, 'allow')).toBe('GET, PUT');
    expect(writesSent()).toHaveLength(0);
  });

  it('never runs a route handler: a path API Gateway did not match (trailing slash) is a 404', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'GET', path: '/health/', routeKey: '$default' });

    // Act
    const response = await fallbackHandler(event, lambdaContext('cloudmanager-test-api-fallback'));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body ?? '').error.code).toBe('not_found');
  });
});

describe('GET /me (account Lambda)', () => {
  it('returns the role and its permissions from cognito:groups', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'GET', path: '/me', headers: { authorization: 'Bearer agent-token' } });

    // Act
    const response = await accountHandler(event, lambdaContext('cloudmanager-test-api-account'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({
      userId: '1b9d2a2f-6d3c-4e9f-8b7a-3c8e4f5a6b71',
      username: 'yacine.agent',
      role: 'agent',
      groups: ['agent'],
      isStaff: true,
      permissions: [...defaultRolePermissions.agent].sort(),
    });
  });

  it('acts with the highest-ranked group when the user is in several', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'GET', path: '/me', headers: { authorization: 'Bearer multi-token' } });

    // Act
    const response = await accountHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(200);
    const me = z.object({ role: z.string(), groups: z.array(z.string()), permissions: z.array(z.string()) }).parse(JSON.parse(response.body ?? ''));
    expect(me.role).toBe('manager');
    expect(me.groups).toEqual(['customer', 'technician', 'manager']);
    expect(me.permissions).toEqual([...defaultRolePermissions.manager].sort());
    expect(me.permissions).not.toContain('settings:update');
  });

  it('treats a user without groups as a customer', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'GET', path: '/me', headers: { authorization: 'Bearer no-groups-token' } });

    // Act
    const response = await accountHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(200);
    const me = z.object({ role: z.string(), isStaff: z.boolean(), username: z.string() }).parse(JSON.parse(response.body ?? ''));
    expect(me).toEqual({ role: 'customer', isStaff: false, username: '4ec05d5c-9a6f-4bc2-9eaf-6fb07c8d9ea4' });
  });

  it('answers 401 unauthorized with WWW-Authenticate when the token is missing', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'GET', path: '/me', headers: { origin: allowedOrigin } });

    // Act
    const response = await accountHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('unauthorized');
    expect(header(response, 'www-authenticate')).toBe('Bearer');
    expect(header(response, 'access-control-allow-origin')).toBe(allowedOrigin);
  });

  it('answers 401 token_expired when the verifier says the token expired', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'GET', path: '/me', headers: { authorization: 'Bearer expired-token' } });

    // Act
    const response = await accountHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('token_expired');
  });
});

describe('GET /settings/organisation (settings Lambda)', () => {
  it('reads the organisation item and returns the settings', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: organisationItem() });
    const event = apiGatewayEvent({ method: 'GET', path: '/settings/organisation', headers: { authorization: 'Bearer agent-token' } });

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api-settings'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({
      name: 'Atlas Services',
      timezone: 'Africa/Algiers',
      currency: 'DZD',
      locale: 'fr',
      version: 7,
      updatedAt: '2025-03-01T09:30:00.000Z',
    });
    const gets = ddb.commandCalls(GetCommand);
    expect(gets).toHaveLength(1);
    expect(gets[0]!.args[0].input.Key).toEqual({ pk: '$cm#orgid_main', sk: '$organisation_1' });
  });

  it('answers 500 internal_error with the request id and no internals when DynamoDB fails', async () => {
    // Prepare
    ddb.on(GetCommand).rejects(new Error('connect ECONNREFUSED 10.0.3.7:443 (dynamodb.eu-west-1.amazonaws.com)'));
    const event = apiGatewayEvent({ method: 'GET', path: '/settings/organisation', headers: { authorization: 'Bearer agent-token', origin: allowedOrigin } });

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api-settings'));

    // Assess
    expect(response.statusCode).toBe(500);
    const requestId = event.requestContext.requestId;
    expect(JSON.parse(response.body ?? '')).toEqual({ error: { code: 'internal_error', message: 'Internal error', requestId } });
    expect(header(response, 'x-request-id')).toBe(requestId);
    expect(header(response, 'x-content-type-options')).toBe('nosniff');
    expect(response.body).not.toMatch(/ECONNREFUSED|10\.0\.3\.7|stack|ElectroError|dynamodb|at \w+ \(/i);
  });
});

describe('PUT /settings/organisation (settings Lambda)', () => {
  it('updates the settings with a version condition and returns the new version', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({
      Attributes: organisationItem({ ...validUpdate, version: 8, updatedAt: '2025-03-12T19:03:58.000Z' }),
    });
    // The request's audit record (shared/audit): no chain head yet, then the append.
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    const event = putSettingsEvent();

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api-settings'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({
      name: 'Atlas Services Tashkent',
      timezone: 'Asia/Tashkent',
      currency: 'UZS',
      locale: 'ar-DZ',
      version: 8,
      updatedAt: '2025-03-12T19:03:58.000Z',
    });
    const updates = ddb.commandCalls(UpdateCommand);
    expect(updates).toHaveLength(1);
    const input = updates[0]!.args[0].input;
    expect(input.TableName).toBe('cloudmanager-local');
    expect(input.Key).toEqual({ pk: '$cm#orgid_main', sk: '$organisation_1' });
    expect(input.ConditionExpression).toContain('attribute_exists(#pk)');
    expect(input.ConditionExpression).toMatch(/#version = (:\w+)/);
    const conditionValue = /#version = (:\w+)/.exec(input.ConditionExpression ?? '')![1]!;
    expect(input.ExpressionAttributeNames?.['#version']).toBe('version');
    expect(input.ExpressionAttributeValues?.[conditionValue]).toBe(7);
    expect(Object.values(input.ExpressionAttributeValues ?? {})).toEqual(
      expect.arrayContaining(['Atlas Services Tashkent', 'Asia/Tashkent', 'UZS', 'ar-DZ', 8]),
    );
    expect(input.ReturnValues).toBe('ALL_NEW');
    // The settings update, then the request's audit record.
    expect(writesSent().map((call) => call.args[0] instanceof TransactWriteCommand)).toEqual([false, true]);
  });

  it('answers 409 version_conflict when someone else saved first', async () => {
    // Prepare
    ddb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } }));
    ddb.on(GetCommand).resolves({ Item: organisationItem({ version: 8 }) });
    const event = putSettingsEvent();

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api-settings'));

    // Assess
    expect(response.statusCode).toBe(409);
    const error = errorOf(response);
    expect(error.code).toBe('version_conflict');
    expect(error.details).toEqual({ version: 7 });
    // The only write is the conditional update DynamoDB refused; nothing else was attempted.
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
    expect(writesSent()).toHaveLength(1);
  });

  it('answers 404 when the organisation was never set up (the update condition failed on a missing item)', async () => {
    // Prepare
    ddb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } }));
    ddb.on(GetCommand).resolves({});
    const event = putSettingsEvent();

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('not_found');
  });

  it('answers 400 validation_failed with field paths for a body that breaks the schema', async () => {
    // Prepare
    const event = putSettingsEvent({
      body: JSON.stringify({ name: '  ', timezone: 'Mars/Olympus', currency: 'usd', locale: 'en_US', version: 0, role: 'admin' }),
    });

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    const paths = detailList.parse(error.details).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.name', 'body.timezone', 'body.currency', 'body.locale', 'body.version', 'body']),
    );
    expect(writesSent()).toHaveLength(0);
  });

  it('answers 400 validation_failed at path "body" when the body is missing', async () => {
    // Prepare
    const event = putSettingsEvent({ body: '' });

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(detailList.parse(error.details).map((d) => d.path)).toEqual(['body']);
  });
});

describe('nothing is written for any rejected PUT /settings/organisation', () => {
  const oversized = JSON.stringify({ ...validUpdate, name: 'x'.repeat(1024 * 1024) });

  const rejections: { name: string; event: () => APIGatewayProxyEventV2; status: number; code: string }[] = [
    { name: 'missing token', event: () => putSettingsEvent({ token: '' }), status: 401, code: 'unauthorized' },
    { name: 'non-bearer authorization', event: () => putSettingsEvent({ token: '', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }), status: 401, code: 'unauthorized' },
    { name: 'garbage token', event: () => putSettingsEvent({ token: 'garbage' }), status: 401, code: 'unauthorized' },
    { name: 'expired token', event: () => putSettingsEvent({ token: 'expired-token' }), status: 401, code: 'token_expired' },
    { name: 'customer without settings:update', event: () => putSettingsEvent({ token: 'customer-token' }), status: 403, code: 'forbidden' },
    { name: 'agent without settings:update', event: () => putSettingsEvent({ token: 'agent-token' }), status: 403, code: 'forbidden' },
    { name: 'malformed JSON', event: () => putSettingsEvent({ body: '{"name": "Atlas", "timezone": ' }), status: 400, code: 'invalid_json' },
    {
      name: 'schema failure',
      event: () => putSettingsEvent({ body: JSON.stringify({ ...validUpdate, timezone: 'Mars/Olympus' }) }),
      status: 400,
      code: 'validation_failed',
    },
    { name: 'body over 1 MB', event: () => putSettingsEvent({ body: oversized }), status: 413, code: 'payload_too_large' },
    {
      name: 'base64 body over 1 MB',
      event: () => putSettingsEvent({ body: Buffer.from(oversized).toString('base64'), isBase64Encoded: true }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'non-JSON content type',
      event: () => putSettingsEvent({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Atlas' }),
      status: 415,
      code: 'unsupported_media_type',
    },
  ];

  it.each(rejections)('$name → $status $code, and no write reaches DynamoDB', async ({ event, status, code }) => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: organisationItem({ version: 8 }) });
    ddb.on(PutCommand).resolves({});
    const request = event();

    // Act
    const response = await settingsHandler(request, lambdaContext('cloudmanager-test-api-settings'));

    // Assess
    expect(response.statusCode).toBe(status);
    expect(errorOf(response).code).toBe(code);
    expect(header(response, 'x-request-id')).toBe(request.requestContext.requestId);
    expect(writesSent()).toHaveLength(0);
    expect(ddb.calls()).toHaveLength(0);
    expect(rawDdb.calls()).toHaveLength(0);
  });

  it('the schema failure names the failing field', async () => {
    // Prepare
    const event = putSettingsEvent({ body: JSON.stringify({ ...validUpdate, timezone: 'Mars/Olympus' }) });

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    const details = detailList.parse(errorOf(response).details);
    expect(details).toEqual([expect.objectContaining({ path: 'body.timezone', message: 'Unknown IANA time zone' })]);
    expect(writesSent()).toHaveLength(0);
  });
});

describe('error mapping of the pipeline', () => {
  const boom = defineRoute({
    operationId: 'boom',
    method: 'POST',
    path: '/boom/{kind}',
    summary: 'Throws what it is asked to',
    tags: ['test'],
    access: 'public',
    roles: 'everyone',
    request: { path: z.object({ kind: z.enum(['type', 'upstream']) }) },
    response: z.object({}),
    handler: async ({ path }) => {
      if (path.kind === 'type') throw new TypeError("Cannot read properties of undefined (reading 'secretKey')");
      throw new AppError(502, 'upstream_failed', 'Payment provider at 10.1.2.3 refused: key sk_live_123');
    },
  });
  const boomHandler = createApiHandler([boom], { verify, resolveActor: claimsOnlyActor });

  it.each(['type', 'upstream'])('turns a %s error into a bare 500 that leaks nothing', async (kind) => {
    // Prepare
    const event = apiGatewayEvent({ method: 'POST', path: `/boom/${kind}`, routeKey: 'POST /boom/{kind}', pathParameters: { kind } });

    // Act
    const response = await boomHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(500);
    const requestId = event.requestContext.requestId;
    expect(JSON.parse(response.body ?? '')).toEqual({ error: { code: 'internal_error', message: 'Internal error', requestId } });
    expect(response.body).not.toMatch(/secretKey|sk_live|10\.1\.2\.3|TypeError|upstream_failed|stack/);
  });

  it('validates path parameters that API Gateway passes with the route key', async () => {
    // Prepare
    const event = apiGatewayEvent({ method: 'POST', path: '/boom/other', routeKey: 'POST /boom/{kind}', pathParameters: { kind: 'other' } });

    // Act
    const response = await boomHandler(event, lambdaContext('cloudmanager-test-api'));

    // Assess
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(detailList.parse(error.details).map((d) => d.path)).toEqual(['path.kind']);
  });
});
