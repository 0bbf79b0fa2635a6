import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
  SignUpCommand,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.MFA_ENCRYPTION_KEY = 'e'.repeat(64);
});
const audit = vi.hoisted(() => ({ recordAuthEvent: vi.fn(async () => {}) }));
vi.mock('../../../shared/audit/auth-events.js', () => audit);
vi.mock('../../../shared/audit/chain.js', () => ({ appendAuditRecord: vi.fn(async () => {}) }));

const { apiGatewayEvent } = await import('../../../events/api-gateway.js');
const { lambdaContext } = await import('../../../events/lambda-context.js');
const { MemoryTable } = await import('../../../shared/identity/testing/memory-table.js');
const { userItem } = await import('../../../shared/identity/testing/fixtures.js');
const { handler } = await import('./index.js');

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
const cognito = mockClient(CognitoIdentityProviderClient);
const ses = mockClient(SESv2Client);
let table: InstanceType<typeof MemoryTable>;

beforeEach(() => {
  table = new MemoryTable().attach(ddb);
  ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
});

afterEach(() => {
  ddb.reset();
  rawDdb.reset();
  cognito.reset();
  ses.reset();
});

function post(path: string, body: unknown) {
  return handler(
    apiGatewayEvent({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    lambdaContext('test-auth'),
  ) as Promise<APIGatewayProxyStructuredResultV2>;
}

/** What a client can observe, minus the per-request id. */
function observable(response: APIGatewayProxyStructuredResultV2) {
  const { 'x-request-id': _, ...headers } = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { status: response.statusCode, headers, body: response.body };
}

const mailedTo = () => ses.commandCalls(SendEmailCommand).flatMap((c) => c.args[0].input.Destination?.ToAddresses ?? []);
const poolUser = (email: string) => ({ Username: 'sub-1', UserStatus: 'CONFIRMED' as const, Enabled: true, UserAttributes: [{ Name: 'sub', Value: 'sub-1' }, { Name: 'email', Value: email }], $metadata: {} });

describe('POST /auth/password/forgot', () => {
  it('answers identically whether or not the address exists; only the known one gets a code', async () => {
    // Prepare
    cognito.on(AdminGetUserCommand, { Username: 'known@example.com' }).resolves(poolUser('known@example.com'));
    cognito.on(AdminGetUserCommand, { Username: 'unknown@example.com' }).rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));

    // Act
    const known = await post('/auth/password/forgot', { email: 'known@example.com' });
    const unknown = await post('/auth/password/forgot', { email: 'unknown@example.com' });

    // Assess
    expect(observable(known)).toEqual(observable(unknown));
    expect(known.statusCode).toBe(202);
    expect(JSON.parse(known.body ?? '')).toEqual({ status: 'reset_code_sent' });
    expect(mailedTo()).toEqual(['known@example.com']);
    expect(table.entities('verificationCode').map((c) => c.subject)).toEqual(['known@example.com']);
    expect(JSON.stringify(table.entities('verificationCode'))).not.toMatch(/"\d{6}"/);
  });

  it('stops sending after 5 codes in 15 minutes, still answering the same', async () => {
    // Prepare
    cognito.on(AdminGetUserCommand).resolves(poolUser('known@example.com'));

    // Act
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push((await post('/auth/password/forgot', { email: 'known@example.com' })).statusCode);

    // Assess
    expect(answers).toEqual(Array(7).fill(202));
    expect(mailedTo()).toHaveLength(5);
  });
});

describe('POST /auth/password/reset', () => {
  it('refuses a weak password before looking at the code, and a wrong code 5 times before the code expires', async () => {
    // Prepare
    cognito.on(AdminGetUserCommand).resolves(poolUser('known@example.com'));
    await post('/auth/password/forgot', { email: 'known@example.com' });
    const code = /^(\d{6})$/m.exec(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Content!.Simple!.Body!.Text!.Data!)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';

    // Act
    const weak = await post('/auth/password/reset', { email: 'known@example.com', code, newPassword: 'password' });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(JSON.parse((await post('/auth/password/reset', { email: 'known@example.com', code: wrong, newPassword: 'Str0ng-Passw0rd!' })).body ?? '').error.code);
    const right = await post('/auth/password/reset', { email: 'known@example.com', code, newPassword: 'Str0ng-Passw0rd!' });

    // Assess
    expect(JSON.parse(weak.body ?? '').error).toMatchObject({ code: 'weak_password', details: { rules: ['length', 'upper', 'digit', 'symbol'] } });
    expect(answers).toEqual(['code_invalid', 'code_invalid', 'code_invalid', 'code_invalid', 'code_invalid']);
    expect(JSON.parse(right.body ?? '').error.code).toBe('code_expired');
  });
});

describe('POST /auth/sign-in', () => {
  it('answers an unknown address and a wrong password identically', async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-1', email: 'known@example.com' }));
    cognito.on(InitiateAuthCommand).rejects(new NotAuthorizedException({ message: 'Incorrect username or password.', $metadata: {} }));

    // Act
    const known = await post('/auth/sign-in', { email: 'known@example.com', password: 'nope' });
    const unknown = await post('/auth/sign-in', { email: 'stranger@example.com', password: 'nope' });

    // Assess
    expect(observable(known)).toEqual(observable(unknown));
    expect(known.statusCode).toBe(401);
    expect(JSON.parse(known.body ?? '').error.code).toBe('invalid_credentials');
  });
});

describe('POST /auth/register', () => {
  it('answers a taken address like a new one, and tells the owner instead of sending a code', async () => {
    // Prepare
    cognito.on(SignUpCommand, { Username: 'new@example.com' }).resolves({ UserSub: 'sub-new', UserConfirmed: false });
    cognito.on(SignUpCommand, { Username: 'taken@example.com' }).rejects(new UsernameExistsException({ message: 'User already exists', $metadata: {} }));
    cognito.on(AdminGetUserCommand, { Username: 'taken@example.com' }).resolves(poolUser('taken@example.com'));
    const body = (email: string) => ({ email, password: 'Str0ng-Passw0rd!', name: 'Someone' });

    // Act
    const fresh = await post('/auth/register', body('new@example.com'));
    const taken = await post('/auth/register', body('taken@example.com'));

    // Assess
    expect(observable(fresh)).toEqual(observable(taken));
    expect(fresh.statusCode).toBe(202);
    const mails = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(mails.map((m) => m.Destination?.ToAddresses?.[0])).toEqual(['new@example.com', 'taken@example.com']);
    expect(mails[0]!.Content!.Simple!.Body!.Text!.Data).toMatch(/^\d{6}$/m);
    expect(mails[1]!.Content!.Simple!.Body!.Text!.Data).not.toMatch(/^\d{6}$/m);
    expect(table.entities('verificationCode').map((c) => c.subject)).toEqual(['new@example.com']);
  });

  it('refuses a weak password with weak_password and writes nothing', async () => {
    // Act
    const response = await post('/auth/register', { email: 'new@example.com', password: 'alllowercase', name: 'X' });

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '').error.code).toBe('weak_password');
    expect(cognito.calls()).toHaveLength(0);
    expect(table.items.size).toBe(0);
  });
});
