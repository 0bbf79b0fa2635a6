import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { apiGatewayEvent } from '../../events/api-gateway.js';
import { lambdaContext } from '../../events/lambda-context.js';
import { routes as accountRoutes } from '../../functions/api/account/index.js';
import { routes as settingsRoutes } from '../../functions/api/settings/index.js';
import type { AccessClaims } from '../auth/actor.js';
import { SessionToken } from '../db/entities/session-token.js';
import { createApiHandler } from '../http/pipeline.js';
import { resetPermissionsCache } from '../roles/matrix.js';
import { resolveActor } from './resolve-actor.js';
import { userItem } from './testing/fixtures.js';
import { MemoryTable } from './testing/memory-table.js';

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
let table: MemoryTable;

const now = () => Math.floor(Date.now() / 1000);

function tokenItem(jti: string, userId: string, sessionId = 'sess-1') {
  return SessionToken.create({ jti, userId, sessionId, expiresAt: now() + 3600 }).params<{ Item: Record<string, unknown> }>().Item;
}

/** Claims of a valid token: it says customer, whatever the record says. */
function claims(overrides: Partial<AccessClaims> = {}): AccessClaims {
  return { sub: 'u-1', jti: 'jti-1', username: 'u-1', 'cognito:groups': ['customer'], client_id: 'web', iat: now() - 60, auth_time: now() - 60, ...overrides };
}

beforeEach(() => {
  resetPermissionsCache();
  table = new MemoryTable().attach(ddb);
});

afterEach(() => {
  ddb.reset();
  rawDdb.reset();
});

describe('resolveActor: the user record and the token registration decide, not the token', () => {
  it('takes role, permissions, staff flag and TOTP enrolment from the record, in one consistent BatchGet', async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-1', email: 'malik@example.com', role: 'manager', kind: 'staff', mfaEnrolled: true }), tokenItem('jti-1', 'u-1'));

    // Act
    const actor = await resolveActor(claims());

    // Assess
    expect(actor).toMatchObject({ userId: 'u-1', role: 'manager', isStaff: true, mfaEnrolled: true, sessionId: 'sess-1' });
    expect(actor.permissions.has('reports:read')).toBe(true);
    expect(actor.permissions.has('roles:manage')).toBe(false);
    const batch = ddb.commandCalls(BatchGetCommand);
    expect(batch).toHaveLength(1);
    expect(Object.values(batch[0]!.args[0].input.RequestItems!)[0]).toMatchObject({ ConsistentRead: true, Keys: [expect.anything(), expect.anything()] });
  });

  it("refuses a disabled user's unexpired token: 401 account_disabled", async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-1', email: 'x@example.com', status: 'disabled' }), tokenItem('jti-1', 'u-1'));

    // Act / Assess
    await expect(resolveActor(claims())).rejects.toMatchObject({ statusCode: 401, code: 'account_disabled' });
  });

  it('refuses a token whose session was revoked (no registration): 401 session_revoked', async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-1', email: 'x@example.com' }));

    // Act / Assess
    await expect(resolveActor(claims())).rejects.toMatchObject({ statusCode: 401, code: 'session_revoked' });
  });

  it('refuses a token issued before "sign out everywhere" (sessionsRevokedBefore), even if still registered', async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-1', email: 'x@example.com', sessionsRevokedBefore: now() }), tokenItem('jti-1', 'u-1'));

    // Act / Assess
    await expect(resolveActor(claims({ iat: now() - 10 }))).rejects.toMatchObject({ code: 'session_revoked' });
    await expect(resolveActor(claims({ iat: now() + 1 }))).resolves.toMatchObject({ userId: 'u-1' });
  });

  it("refuses a token without jti, one registered to someone else, and a user without a record", async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-1', email: 'x@example.com' }), tokenItem('jti-2', 'u-2'));

    // Act / Assess
    await expect(resolveActor(claims({ jti: undefined }))).rejects.toMatchObject({ code: 'session_revoked' });
    await expect(resolveActor(claims({ jti: 'jti-2' }))).rejects.toMatchObject({ code: 'session_revoked' });
    await expect(resolveActor(claims({ sub: 'u-9' }))).rejects.toMatchObject({ code: 'session_revoked' });
  });
});

describe('the pipeline resolves the actor by default', () => {
  const verify = async (token: string): Promise<AccessClaims> => JSON.parse(Buffer.from(token, 'base64url').toString()) as AccessClaims;
  const bearer = (c: AccessClaims) => `Bearer ${Buffer.from(JSON.stringify(c)).toString('base64url')}`;
  const errorCode = (body: string | undefined) => z.object({ error: z.object({ code: z.string() }) }).parse(JSON.parse(body ?? '')).error.code;

  it('GET /me: a disabled user is refused on the very next request; a role change shows at once', async () => {
    // Prepare
    const handler = createApiHandler(accountRoutes, { verify });
    table.seed(userItem({ userId: 'u-1', email: 'x@example.com', role: 'technician', kind: 'staff', mfaEnrolled: true }), tokenItem('jti-1', 'u-1'));
    const event = () => apiGatewayEvent({ method: 'GET', path: '/me', headers: { authorization: bearer(claims()) } });

    // Act
    const before = await handler(event(), lambdaContext('test-account'));
    table.seed(userItem({ userId: 'u-1', email: 'x@example.com', role: 'technician', kind: 'staff', mfaEnrolled: true, status: 'disabled' }));
    const after = await handler(event(), lambdaContext('test-account'));

    // Assess
    expect(before.statusCode).toBe(200);
    expect(JSON.parse(before.body ?? '')).toMatchObject({ role: 'technician', isStaff: true });
    expect({ status: after.statusCode, code: errorCode(after.body) }).toEqual({ status: 401, code: 'account_disabled' });
  });

  it('staff without TOTP get mfa_setup_required on a normal route, from the record', async () => {
    // Prepare
    const handler = createApiHandler(settingsRoutes, { verify });
    table.seed(userItem({ userId: 'u-1', email: 'x@example.com', role: 'agent', kind: 'staff', mfaEnrolled: false }), tokenItem('jti-1', 'u-1'));

    // Act
    const response = await handler(apiGatewayEvent({ method: 'GET', path: '/settings/organisation', headers: { authorization: bearer(claims({ 'cognito:groups': ['agent'] })) } }), lambdaContext('test-settings'));

    // Assess
    expect({ status: response.statusCode, code: errorCode(response.body) }).toEqual({ status: 403, code: 'mfa_setup_required' });
    expect(ddb.commandCalls(GetCommand).filter((c) => JSON.stringify(c.args[0].input.Key).includes('organisation'))).toHaveLength(0);
  });
});
