import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { apiGatewayEvent } from '../../events/api-gateway.js';
import { lambdaContext } from '../../events/lambda-context.js';
import { SessionToken } from '../db/entities/session-token.js';
import { User } from '../db/entities/user.js';

/**
 * The real verifier (aws-jwt-verify JwtVerifier, JWKS fetched with `fetch`) against a JWKS served
 * from a local HTTP server, with RS256 tokens shaped like Cognito's, signed here.
 */

// ---------------------------------------------------------------------------------------------
// Keys, JWKS server, token factory
// ---------------------------------------------------------------------------------------------
const poolId = 'eu-west-1_CmTest01';
const webClientId = '5t1ohr6dgq6k3s9vexample';
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = 'cm-test-key-1';

let server: Server;
let issuer: string;
let jwksRequests = 0;

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function signJwt(payload: Record<string, unknown>, options: { key?: KeyObject; keyId?: string } = {}): string {
  const header = { kid: options.keyId ?? kid, alg: 'RS256' };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(options.key ?? signingKey.privateKey);
  return `${signingInput}.${b64url(signature)}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A Cognito user-pool access token's claims. */
function accessClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = nowSeconds() - 60;
  return {
    sub: 'f3a1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
    'cognito:groups': ['admin'],
    iss: issuer,
    client_id: webClientId,
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: iat,
    exp: iat + 3600,
    iat,
    jti: randomUUID(),
    username: 'amina.admin',
    ...overrides,
  };
}

/** A Cognito user-pool ID token's claims (audience = the app client, no client_id). */
function idClaims(): Record<string, unknown> {
  const iat = nowSeconds() - 60;
  return {
    sub: 'f3a1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
    'cognito:groups': ['admin'],
    email_verified: true,
    iss: issuer,
    'cognito:username': 'amina.admin',
    origin_jti: randomUUID(),
    aud: webClientId,
    event_id: randomUUID(),
    token_use: 'id',
    auth_time: iat,
    exp: iat + 3600,
    iat,
    jti: randomUUID(),
    email: 'amina@atlas-services.example',
  };
}

// ---------------------------------------------------------------------------------------------
// Modules under test: imported only after the environment is set (they read env at load).
// ---------------------------------------------------------------------------------------------
type Verifier = typeof import('./verifier.js');
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let verifier: Verifier;
let settingsHandler: Handler;
let accountHandler: Handler;

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
const writeCommands = [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand, BatchWriteCommand] as const;
const writesSent = () => ddb.calls().filter((call) => writeCommands.some((command) => call.args[0] instanceof command));

beforeAll(async () => {
  const jwk = { ...signingKey.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === `/${poolId}/.well-known/jwks.json`) {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  issuer = `http://127.0.0.1:${port}/${poolId}`;

  vi.stubEnv('JWT_ISSUER', issuer);
  vi.stubEnv('JWT_JWKS_URI', `${issuer}/.well-known/jwks.json`);
  vi.stubEnv('JWT_CLIENT_IDS', `${webClientId},2ab3cd4ef5gh6ij7klexample`);
  vi.resetModules();
  verifier = await import('./verifier.js');
  // The domain Lambdas as deployed: no injected verifier, so the pipeline loads ./verifier.js itself.
  settingsHandler = (await import('../../functions/api/settings/index.js')).handler;
  accountHandler = (await import('../../functions/api/account/index.js')).handler;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

afterEach(() => {
  ddb.reset();
  rawDdb.reset();
});

/**
 * The deployed Lambdas resolve the caller from their user record and the token's registration
 * (shared/identity/resolve-actor.ts, one BatchGetItem): answer them for the token's `sub` and `jti`.
 */
function registerCaller(role: string, kind: 'staff' | 'customer') {
  ddb.on(BatchGetCommand).callsFake(async (input: { RequestItems: Record<string, { Keys: Record<string, string>[] }> }) => {
    const [table, { Keys }] = Object.entries(input.RequestItems)[0]!;
    const items = Keys.map((key) => {
      const userId = /^\$cm#userid_(.+)$/.exec(key.pk!)?.[1];
      if (userId) return User.create({ userId, email: 'caller@example.com', name: 'Caller', role, kind, mfaEnrolled: true }).params<{ Item: object }>().Item;
      const jti = /^\$cm#jti_(.+)$/.exec(key.pk!)?.[1];
      return jti && SessionToken.create({ jti, sessionId: 's-1', userId: 'f3a1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b', expiresAt: nowSeconds() + 3600 }).params<{ Item: object }>().Item;
    });
    return { Responses: { [table]: items.filter(Boolean) } };
  });
  // The role matrix was never saved: the defaults in code apply.
  ddb.on(GetCommand).resolves({});
}

const errorCode = (response: APIGatewayProxyStructuredResultV2) =>
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }).parse(JSON.parse(response.body ?? '')).error;

// ---------------------------------------------------------------------------------------------

describe('verifyAccessToken (aws-jwt-verify against a JWKS served over http)', () => {
  it('accepts a valid Cognito access token and returns its claims', async () => {
    // Prepare
    const token = signJwt(accessClaims({ 'cognito:groups': ['agent'] }));

    // Act
    const claims = await verifier.verifyAccessToken(token);

    // Assess
    expect(claims.sub).toBe('f3a1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b');
    expect(claims['cognito:groups']).toEqual(['agent']);
    expect(claims.client_id).toBe(webClientId);
    expect(jwksRequests).toBeGreaterThanOrEqual(1);
  });

  const invalid: { name: string; token: () => string; code: 'unauthorized' | 'token_expired' }[] = [
    { name: 'garbage', token: () => 'not-a-jwt', code: 'unauthorized' },
    { name: 'three garbage segments', token: () => 'eyJhbGciOi.bm9wZQ.c2ln', code: 'unauthorized' },
    {
      name: 'wrong issuer',
      token: () => signJwt(accessClaims({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' })),
      code: 'unauthorized',
    },
    { name: 'expired', token: () => signJwt(accessClaims({ iat: nowSeconds() - 7200, auth_time: nowSeconds() - 7200, exp: nowSeconds() - 3600 })), code: 'token_expired' },
    { name: 'ID token instead of access token', token: () => signJwt(idClaims()), code: 'unauthorized' },
    { name: 'unknown app client', token: () => signJwt(accessClaims({ client_id: '7zz9yy8xx7ww6vv5uuexample' })), code: 'unauthorized' },
    { name: 'signed by another key with our kid', token: () => signJwt(accessClaims(), { key: strangerKey.privateKey }), code: 'unauthorized' },
    { name: 'signed by a key the JWKS does not hold', token: () => signJwt(accessClaims(), { key: strangerKey.privateKey, keyId: 'other-kid' }), code: 'unauthorized' },
    {
      name: 'payload tampered after signing',
      token: () => {
        const [h, , s] = signJwt(accessClaims({ 'cognito:groups': ['customer'] })).split('.');
        return `${h}.${b64url(JSON.stringify(accessClaims({ 'cognito:groups': ['admin'] })))}.${s}`;
      },
      code: 'unauthorized',
    },
  ];

  it.each(invalid)('rejects a $name token with 401 $code', async ({ token, code }) => {
    // Act
    const result = verifier.verifyAccessToken(token());

    // Assess
    await expect(result).rejects.toMatchObject({ statusCode: 401, code, expose: true });
  });
});

describe('domain Lambdas with the real verifier', () => {
  it('GET /me answers the role and permissions from the user record (not the token\'s groups)', async () => {
    // Prepare
    registerCaller('technician', 'staff');
    const token = signJwt(accessClaims({ 'cognito:groups': ['technician'], username: 'omar.tech' }));
    const event = apiGatewayEvent({ method: 'GET', path: '/me', headers: { authorization: `Bearer ${token}` } });

    // Act
    const response = await accountHandler(event, lambdaContext('cloudmanager-test-api-account'));

    // Assess
    expect(response.statusCode).toBe(200);
    const me = z
      .object({ username: z.string(), role: z.string(), isStaff: z.boolean(), permissions: z.array(z.string()) })
      .parse(JSON.parse(response.body ?? ''));
    expect(me.username).toBe('omar.tech');
    expect(me.role).toBe('technician');
    expect(me.isStaff).toBe(true);
    expect(me.permissions).toContain('worklogs:record');
    expect(me.permissions).not.toContain('settings:update');
  });

  const body = JSON.stringify({ name: 'Atlas Services', timezone: 'Europe/Kyiv', currency: 'EUR', locale: 'fr', version: 3 });

  const rejected: { name: string; authorization: () => string | undefined; status: number; code: string; caller?: string }[] = [
    { name: 'missing token', authorization: () => undefined, status: 401, code: 'unauthorized' },
    { name: 'garbage token', authorization: () => 'Bearer garbage.garbage.garbage', status: 401, code: 'unauthorized' },
    {
      name: 'wrong issuer',
      authorization: () => `Bearer ${signJwt(accessClaims({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' }))}`,
      status: 401,
      code: 'unauthorized',
    },
    {
      name: 'expired token',
      authorization: () => `Bearer ${signJwt(accessClaims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }))}`,
      status: 401,
      code: 'token_expired',
    },
    { name: 'ID token', authorization: () => `Bearer ${signJwt(idClaims())}`, status: 401, code: 'unauthorized' },
    {
      name: 'wrong client id',
      authorization: () => `Bearer ${signJwt(accessClaims({ client_id: '7zz9yy8xx7ww6vv5uuexample' }))}`,
      status: 401,
      code: 'unauthorized',
    },
    {
      name: 'valid customer token',
      authorization: () => `Bearer ${signJwt(accessClaims({ 'cognito:groups': ['customer'] }))}`,
      status: 403,
      code: 'forbidden',
      caller: 'customer',
    },
  ];

  it.each(rejected)('PUT /settings/organisation with $name → $status $code, nothing written', async ({ authorization, status, code, caller }) => {
    // Prepare
    if (caller) registerCaller(caller, 'customer');
    ddb.on(UpdateCommand).resolves({});
    const auth = authorization();
    const event = apiGatewayEvent({
      method: 'PUT',
      path: '/settings/organisation',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body,
    });

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api-settings'));

    // Assess
    expect(response.statusCode).toBe(status);
    expect(errorCode(response).code).toBe(code);
    expect(writesSent()).toHaveLength(0);
    // At most the caller's identity reads (a valid token); nothing else reaches DynamoDB.
    expect(ddb.calls().filter((c) => !(c.args[0] instanceof BatchGetCommand) && !(c.args[0] instanceof GetCommand))).toHaveLength(0);
    expect(rawDdb.calls()).toHaveLength(0);
  });

  it('PUT /settings/organisation with a valid admin token reaches DynamoDB with a version condition', async () => {
    // Prepare
    registerCaller('admin', 'staff');
    ddb.on(UpdateCommand).resolves({
      Attributes: {
        pk: '$cm#orgid_main',
        sk: '$organisation_1',
        orgId: 'main',
        name: 'Atlas Services',
        timezone: 'Europe/Kyiv',
        currency: 'EUR',
        locale: 'fr',
        version: 4,
        createdAt: '2025-01-10T08:00:00.000Z',
        updatedAt: '2025-03-12T19:03:58.000Z',
        __edb_e__: 'organisation',
        __edb_v__: '1',
      },
    });
    // The request's audit record (shared/audit): no chain head yet, then the append.
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    const event = apiGatewayEvent({
      method: 'PUT',
      path: '/settings/organisation',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signJwt(accessClaims())}` },
      body,
    });

    // Act
    const response = await settingsHandler(event, lambdaContext('cloudmanager-test-api-settings'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(z.object({ version: z.number(), timezone: z.string() }).parse(JSON.parse(response.body ?? ''))).toMatchObject({
      version: 4,
      timezone: 'Europe/Kyiv',
    });
    const updates = ddb.commandCalls(UpdateCommand);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.args[0].input.ConditionExpression).toMatch(/#version = :\w+/);
    expect(Object.values(updates[0]!.args[0].input.ExpressionAttributeValues ?? {})).toContain(3);
  });
});
