import { CognitoIdentityProviderClient, InitiateAuthCommand, NotAuthorizedException, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.MFA_ENCRYPTION_KEY = 'd'.repeat(64);
});
const audit = vi.hoisted(() => ({ recordAuthEvent: vi.fn(async () => {}) }));
vi.mock('../audit/auth-events.js', () => audit);

const { MemoryTable } = await import('./testing/memory-table.js');
const { authResult, meta, userItem } = await import('./testing/fixtures.js');
const sessions = await import('./sessions.js');
const { issuedTokens } = await import('./cognito-flows.js');
const { resolveActor } = await import('./resolve-actor.js');

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
const cognito = mockClient(CognitoIdentityProviderClient);
let table: InstanceType<typeof MemoryTable>;

const now = () => Math.floor(Date.now() / 1000);

beforeEach(() => {
  table = new MemoryTable().attach(ddb);
  table.seed(userItem({ userId: 'u-1', email: 'chloe@example.com' }));
  cognito.on(RevokeTokenCommand).resolves({});
});

afterEach(() => {
  ddb.reset();
  rawDdb.reset();
  cognito.reset();
});

async function open(jti = 'jti-1') {
  const issued = issuedTokens(authResult('u-1', { jti }));
  const sessionId = await sessions.openSession('u-1', issued, meta);
  return { sessionId, issued };
}

const claimsOf = (jti: string) => ({ sub: 'u-1', jti, iat: now() - 5 });

describe('refresh', () => {
  it('registers the new access token in the same transaction that checks the session', async () => {
    // Prepare
    const { sessionId, issued } = await open();
    cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: { ...authResult('u-1', { jti: 'jti-2' }), RefreshToken: undefined } });

    // Act
    const tokens = await sessions.refreshSession(sessionId, issued.refreshToken!, meta);

    // Assess
    expect(tokens).toEqual({ accessToken: expect.any(String), idToken: 'id-token', expiresIn: 3600 });
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toMatchObject({ AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: issued.refreshToken } });
    expect(table.entities('session')[0]).toMatchObject({ version: 2, tokens: [expect.objectContaining({ jti: 'jti-1' }), expect.objectContaining({ jti: 'jti-2' })] });
    await expect(resolveActor(claimsOf('jti-2'))).resolves.toMatchObject({ sessionId });
  });

  it('refuses a refresh token that is not the session\'s, and a session Cognito no longer honours', async () => {
    // Prepare
    const { sessionId, issued } = await open();
    cognito.on(InitiateAuthCommand).rejects(new NotAuthorizedException({ message: 'Refresh Token has been revoked', $metadata: {} }));

    // Act / Assess
    await expect(sessions.refreshSession(sessionId, 'someone-elses-token', meta)).rejects.toMatchObject({ statusCode: 401, code: 'session_revoked' });
    expect(cognito.commandCalls(InitiateAuthCommand)).toHaveLength(0);
    await expect(sessions.refreshSession(sessionId, issued.refreshToken!, meta)).rejects.toMatchObject({ code: 'session_revoked' });
    expect(table.entities('session')).toEqual([]);
  });

  it("refuses a disabled user's session", async () => {
    // Prepare
    const { sessionId, issued } = await open();
    table.seed(userItem({ userId: 'u-1', email: 'chloe@example.com', status: 'disabled' }));

    // Act / Assess
    await expect(sessions.refreshSession(sessionId, issued.refreshToken!, meta)).rejects.toMatchObject({ code: 'account_disabled' });
  });
});

describe('revocation', () => {
  it('ends one session: its token registrations go in the same transaction, and Cognito revokes the refresh token', async () => {
    // Prepare
    const { sessionId, issued } = await open('jti-a');
    await open('jti-b');

    // Act
    const ended = await sessions.endOwnSession({ userId: 'u-1' }, sessionId, meta);

    // Assess
    expect(ended).toBe(true);
    await expect(resolveActor(claimsOf('jti-a'))).rejects.toMatchObject({ code: 'session_revoked' });
    await expect(resolveActor(claimsOf('jti-b'))).resolves.toMatchObject({ userId: 'u-1' });
    const transaction = ddb.commandCalls(TransactWriteCommand).at(-1)!.args[0].input.TransactItems!;
    expect(transaction.map((t) => Object.keys(t)[0])).toEqual(['Delete', 'Delete']);
    expect(cognito.commandCalls(RevokeTokenCommand)[0]!.args[0].input.Token).toBe(issued.refreshToken);
  });

  it("answers false for another user's session and leaves it alone", async () => {
    // Prepare
    const { sessionId } = await open();

    // Act / Assess
    expect(await sessions.endOwnSession({ userId: 'u-2' }, sessionId, meta)).toBe(false);
    expect(table.entities('session')).toHaveLength(1);
  });

  it('signs out everywhere: every session ends and tokens issued before now are refused', async () => {
    // Prepare
    await open('jti-a');
    await open('jti-b');

    // Act
    const ended = await sessions.revokeAllSessions('u-1', { reason: 'test', meta });

    // Assess
    expect(ended).toBe(2);
    expect(table.entities('session')).toEqual([]);
    expect(table.entities('sessionToken')).toEqual([]);
    expect(Number(table.entities('user')[0]!.sessionsRevokedBefore)).toBeGreaterThanOrEqual(now() - 1);
  });

  it('keeps the current session when asked (password change)', async () => {
    // Prepare
    const { sessionId } = await open('jti-a');
    await open('jti-b');

    // Act
    await sessions.revokeAllSessions('u-1', { keep: sessionId, reason: 'password_changed', meta });

    // Assess
    expect(table.entities('session').map((s) => s.sessionId)).toEqual([sessionId]);
    await expect(resolveActor(claimsOf('jti-a'))).resolves.toMatchObject({ sessionId });
    expect(table.entities('user')[0]!.sessionsRevokedBefore).toBe(0);
  });

  it('lists live sessions with the current one flagged', async () => {
    // Prepare
    const a = await open('jti-a');
    await open('jti-b');

    // Act
    const list = await sessions.listSessions('u-1', a.sessionId);

    // Assess
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current).map((s) => s.sessionId)).toEqual([a.sessionId]);
    expect(list[0]).toMatchObject({ ip: meta.ip, userAgent: meta.userAgent });
  });
});
