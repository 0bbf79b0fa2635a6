import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserMFAPreferenceCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { RoleDefinition } from '../db/entities/role-definition.js';
import { User } from '../db/entities/user.js';
import { answerReads } from '../db/fake-table.js';
import type { AppError } from '../errors.js';
import { meetsPasswordPolicy } from './password.js';
import { changeUserRole, createStaffUser, listUsers, resetUserMfa, setUserStatus } from './service.js';

// ---------------------------------------------------------------------------------------------
// AWS boundary: DynamoDB reads from `items`, Cognito and SES recorded.
// ---------------------------------------------------------------------------------------------
const ddb = mockClient(DynamoDBDocumentClient);
const cognito = mockClient(CognitoIdentityProviderClient);
const ses = mockClient(SESv2Client);
let items: Record<string, unknown>[] = [];

const dbWrites = () => ddb.calls().filter((c) => [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand, BatchWriteCommand].some((C) => c.args[0] instanceof C));
/** Everything that changes state anywhere: DynamoDB writes, Cognito admin calls, emails. */
const allWrites = () => [...dbWrites(), ...cognito.calls(), ...ses.calls()];

function storedUser(userId: string, over: Partial<{ role: string; kind: 'staff' | 'customer'; status: 'active' | 'disabled'; version: number; email: string }> = {}) {
  return User.create({
    userId,
    email: over.email ?? `${userId}@cloudmanager.example`,
    name: `Name ${userId}`,
    role: over.role ?? 'agent',
    kind: over.kind ?? 'staff',
    status: over.status ?? 'active',
    mfaEnrolled: true,
    version: over.version ?? 1,
  }).params<{ Item: Record<string, unknown> }>().Item;
}

const admin = actorFromClaims({ sub: 'admin-1', username: 'amina', 'cognito:groups': ['admin'] });
const manager = actorFromClaims({ sub: 'manager-1', username: 'malik', 'cognito:groups': ['manager'] });

beforeEach(() => {
  items = [];
  answerReads(ddb, () => items);
  ddb.on(PutCommand).resolves({});
  ddb.on(DeleteCommand).resolves({});
  ddb.on(UpdateCommand).callsFake((input) => ({ Attributes: { ...items.find((i) => i.pk === input.Key.pk), ...Object.fromEntries(Object.entries(input.ExpressionAttributeValues ?? {}).filter(([k]) => k.endsWith('_u0')).map(([k, v]) => [k.slice(1, -3), v])) } }));
  cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'new-sub', Attributes: [{ Name: 'sub', Value: 'new-sub' }] } });
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-20T12:00:00Z'));
});
afterEach(() => {
  ddb.reset();
  cognito.reset();
  ses.reset();
  vi.useRealTimers();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('createStaffUser', () => {
  it('creates the Cognito user (SUPPRESS, policy-conform temporary password), its group, its record, and mails the password', async () => {
    const view = await createStaffUser({ email: 'Nadia@CloudManager.example', name: 'Nadia', role: 'agent' }, admin);

    const create = cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input;
    expect(create).toMatchObject({ Username: 'Nadia@CloudManager.example', MessageAction: 'SUPPRESS' });
    expect(create.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email_verified', Value: 'true' }]));
    expect(meetsPasswordPolicy(create.TemporaryPassword!)).toBe(true);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toMatchObject({ Username: 'new-sub', GroupName: 'agent' });

    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.Item).toMatchObject({ userId: 'new-sub', role: 'agent', kind: 'staff', status: 'active', mfaEnrolled: false, emailLower: 'nadia@cloudmanager.example' });
    expect(put.ConditionExpression).toMatch(/attribute_not_exists/);

    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual(['Nadia@CloudManager.example']);
    expect(mail.Content?.Simple?.Body?.Text?.Data).toContain(create.TemporaryPassword!);
    expect(view).toMatchObject({ userId: 'new-sub', role: 'agent', mfaEnrolled: false });
  });

  it('gives a custom role no Cognito group, but checks the role exists', async () => {
    items = [RoleDefinition.create({ scope: 'roles', roleId: 'night-shift', name: 'Night', createdBy: 'a' }).params<{ Item: Record<string, unknown> }>().Item];
    await createStaffUser({ email: 'n@x.example', name: 'N', role: 'night-shift' }, admin);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    const err = await rejection(createStaffUser({ email: 'm@x.example', name: 'M', role: 'ghost-role' }, admin));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 400, code: 'invalid_role' });
  });

  it.each([
    ['a taken email', { email: 'agent-1@cloudmanager.example', name: 'A', role: 'agent' }, admin, 409, 'email_taken'],
    ['the customer role', { email: 'c@x.example', name: 'C', role: 'customer' }, admin, 400, 'invalid_role'],
    ['admin granted by a manager', { email: 'boss@x.example', name: 'B', role: 'admin' }, manager, 403, 'forbidden'],
  ] as const)('refuses %s and writes nothing anywhere', async (_case, input, actor, status, code) => {
    items = [storedUser('agent-1')];
    const err = await rejection(createStaffUser(input, actor));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status, code });
    expect(allWrites()).toHaveLength(0);
  });

  it('maps a Cognito UsernameExists to 409 email_taken', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    const err = await rejection(createStaffUser({ email: 'x@x.example', name: 'X', role: 'agent' }, admin));
    expect(err.code).toBe('email_taken');
    expect(dbWrites()).toHaveLength(0);
  });

  it('undoes the account when the invitation cannot be sent (503 mail_unavailable)', async () => {
    ses.on(SendEmailCommand).rejects(new Error('SES down'));
    const err = await rejection(createStaffUser({ email: 'x@x.example', name: 'X', role: 'agent' }, admin));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 503, code: 'mail_unavailable' });
    expect(ddb.commandCalls(DeleteCommand)[0]!.args[0].input.Key).toEqual({ pk: '$cm#userid_new-sub', sk: '$user_1' });
    expect(cognito.commandCalls(AdminDeleteUserCommand)[0]!.args[0].input.Username).toBe('new-sub');
  });
});

describe('changeUserRole', () => {
  it('moves the Cognito group, updates the role with a version condition and revokes earlier sessions', async () => {
    items = [storedUser('u-1', { role: 'agent', version: 3 })];
    await changeUserRole('u-1', { role: 'technician', version: 3 }, admin);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toMatchObject({ Username: 'u-1', GroupName: 'technician' });
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand)[0]!.args[0].input).toMatchObject({ Username: 'u-1', GroupName: 'agent' });
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ExpressionAttributeValues).toMatchObject({ ':role_u0': 'technician', ':sessionsRevokedBefore_u0': Date.parse('2026-11-20T12:00:00Z') / 1000, ':version_u0': 4 });
    expect(update.ConditionExpression).toMatch(/#version = :version\d/);
  });

  it.each([
    ['a stale version', 'u-1', { role: 'technician', version: 2 }, admin, 409, 'version_conflict'],
    ['their own role', 'admin-1', { role: 'manager', version: 1 }, admin, 403, 'forbidden'],
    ["an admin's role, by a manager", 'admin-2', { role: 'agent', version: 1 }, manager, 403, 'forbidden'],
    ['a customer account', 'c-1', { role: 'agent', version: 1 }, admin, 400, 'not_staff'],
    ['an unknown user', 'ghost', { role: 'agent', version: 1 }, admin, 404, 'not_found'],
  ] as const)('refuses %s and writes nothing anywhere', async (_case, userId, input, actor, status, code) => {
    items = [storedUser('u-1', { version: 3 }), storedUser('admin-1', { role: 'admin' }), storedUser('admin-2', { role: 'admin' }), storedUser('c-1', { role: 'customer', kind: 'customer' })];
    const err = await rejection(changeUserRole(userId, input, actor));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status, code });
    expect(allWrites()).toHaveLength(0);
  });

  it('puts the groups back when the record changed meanwhile (409)', async () => {
    items = [storedUser('u-1', { role: 'agent', version: 3 })];
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('cond'), { name: 'ConditionalCheckFailedException' }));
    const err = await rejection(changeUserRole('u-1', { role: 'manager', version: 3 }, admin));
    expect(err.code).toBe('version_conflict');
    const groups = cognito.calls().map((c) => [c.args[0].constructor.name, (c.args[0].input as { GroupName: string }).GroupName]);
    expect(groups).toEqual([
      ['AdminAddUserToGroupCommand', 'manager'],
      ['AdminRemoveUserFromGroupCommand', 'agent'],
      ['AdminAddUserToGroupCommand', 'agent'],
      ['AdminRemoveUserFromGroupCommand', 'manager'],
    ]);
  });
});

describe('setUserStatus and resetUserMfa', () => {
  it('disables in Cognito and in the record, revoking sessions', async () => {
    items = [storedUser('u-1')];
    const view = await setUserStatus('u-1', 'disabled', admin);
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]!.args[0].input.Username).toBe('u-1');
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ExpressionAttributeValues).toMatchObject({ ':status_u0': 'disabled', ':sessionsRevokedBefore_u0': Date.parse('2026-11-20T12:00:00Z') / 1000 });
    expect(update.UpdateExpression).toMatch(/ADD #version/);
    expect(view.status).toBe('disabled');
  });

  it('enables again; an account already in that state is left alone', async () => {
    items = [storedUser('u-1', { status: 'disabled' }), storedUser('u-2')];
    await setUserStatus('u-1', 'active', admin);
    expect(cognito.commandCalls(AdminEnableUserCommand)).toHaveLength(1);
    cognito.resetHistory();
    ddb.resetHistory();
    await setUserStatus('u-2', 'active', admin);
    expect(allWrites()).toHaveLength(0);
  });

  it('nobody disables themselves (403), and nothing is written', async () => {
    items = [storedUser('admin-1', { role: 'admin' })];
    const err = await rejection(setUserStatus('admin-1', 'disabled', admin));
    expect({ status: err.statusCode, code: err.code, details: err.details }).toEqual({ status: 403, code: 'forbidden', details: { reason: 'self' } });
    expect(allWrites()).toHaveLength(0);
  });

  it('resets 2FA: Cognito TOTP off, mfaEnrolled false, sessions revoked, the user notified', async () => {
    items = [storedUser('u-1')];
    await resetUserMfa('u-1', admin);
    expect(cognito.commandCalls(AdminSetUserMFAPreferenceCommand)[0]!.args[0].input).toMatchObject({
      Username: 'u-1',
      SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
    });
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues).toMatchObject({ ':mfaEnrolled_u0': false });
    // The stored TOTP secret and the backup codes go with it.
    const deleted = ddb.commandCalls(DeleteCommand).map((c) => c.args[0].input.Key?.pk);
    expect(deleted).toHaveLength(2);
    expect(deleted.every((pk) => String(pk).includes('u-1'))).toBe(true);
    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual(['u-1@cloudmanager.example']);
    expect(mail.Content?.Simple?.Subject?.Data).toMatch(/two-factor/i);
  });

  it('keeps the reset when only the notice fails', async () => {
    items = [storedUser('u-1')];
    ses.on(SendEmailCommand).rejects(new Error('SES down'));
    await expect(resetUserMfa('u-1', admin)).resolves.toMatchObject({ mfaEnrolled: false });
  });
});

describe('listUsers', () => {
  it('searches the directory by email prefix (never a Scan), filters status and kind', async () => {
    items = [storedUser('a', { email: 'ana@x.example' }), storedUser('b', { email: 'bob@x.example' })];
    const page = await listUsers({ q: 'AN', status: 'active', kind: 'staff', limit: 10 });
    expect(page.items.map((u) => u.userId)).toEqual(['a']);
    const query = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(query).toMatchObject({ IndexName: 'gsi1', ExpressionAttributeValues: expect.objectContaining({ ':pk': '$cm#directory_users', ':sk1': '$user_1#emaillower_an' }) });
    expect(query.FilterExpression).toMatch(/#status = .* AND .*#kind = /);
  });

  it('lists one role through its own index', async () => {
    items = [storedUser('a', { role: 'technician' }), storedUser('b', { role: 'agent' })];
    const page = await listUsers({ role: 'technician', limit: 10 });
    expect(page.items.map((u) => u.userId)).toEqual(['a']);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ IndexName: 'gsi2', ExpressionAttributeValues: expect.objectContaining({ ':pk': '$cm#role_technician' }) });
  });
});
