import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { AdminCreateUserCommand, AdminDeleteUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { AccessRequest } from '../db/entities/access-request.js';
import { User } from '../db/entities/user.js';
import { answerReads } from '../db/fake-table.js';
import type { AppError } from '../errors.js';
import { approveAccessRequest, listAccessRequests, rejectAccessRequest, submitAccessRequest } from './service.js';

const ddb = mockClient(DynamoDBDocumentClient);
const cognito = mockClient(CognitoIdentityProviderClient);
const ses = mockClient(SESv2Client);
let items: Record<string, unknown>[] = [];

const dbWrites = () => ddb.calls().filter((c) => [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand, BatchWriteCommand].some((C) => c.args[0] instanceof C));
const allWrites = () => [...dbWrites(), ...cognito.calls(), ...ses.calls()];
const transactions = () => ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems!);
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

const admin = actorFromClaims({ sub: 'admin-1', username: 'amina', 'cognito:groups': ['admin'] });
const manager = actorFromClaims({ sub: 'manager-1', username: 'malik', 'cognito:groups': ['manager'] });

function storedRequest(requestId: string, status: 'pending' | 'approved' | 'rejected' = 'pending', requestedRole = 'technician') {
  return AccessRequest.create({ requestId, name: 'Rami', email: 'Rami@Example.com', emailLower: 'rami@example.com', requestedRole, note: 'new hire', status }).params<{ Item: Record<string, unknown> }>().Item;
}

beforeEach(() => {
  items = [];
  answerReads(ddb, () => items);
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  ddb.on(DeleteCommand).resolves({});
  cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'sub-rami', Attributes: [{ Name: 'sub', Value: 'sub-rami' }] } });
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => {
  ddb.reset();
  cognito.reset();
  ses.reset();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

const form = { name: 'Rami', email: 'Rami@Example.com', requestedRole: 'technician' as const, note: 'new hire' };

describe('submitAccessRequest', () => {
  it('records the request and the per-email lock in one transaction', async () => {
    expect(await submitAccessRequest(form)).toEqual({ status: 'received' });
    const [lock, request] = transactions()[0]!;
    expect(lock!.Put).toMatchObject({ Item: { emailLower: 'rami@example.com' }, ConditionExpression: expect.stringMatching(/attribute_not_exists/) });
    expect(request!.Put?.Item).toMatchObject({ email: 'Rami@Example.com', requestedRole: 'technician', status: 'pending', gsi1pk: '$cm#queue_accessrequests#status_pending' });
    expect(request!.Put?.Item?.requestId).toBe(lock!.Put?.Item?.requestId);
  });

  it('answers the same 202 for a second open request of the email, without a duplicate', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    expect(await submitAccessRequest(form)).toEqual({ status: 'received' });
  });

  it('answers the same for an email that already has an account, and records nothing', async () => {
    items = [User.create({ userId: 'u', email: 'rami@example.com', name: 'R', role: 'agent', kind: 'staff' }).params<{ Item: Record<string, unknown> }>().Item];
    expect(await submitAccessRequest(form)).toEqual({ status: 'received' });
    expect(allWrites()).toHaveLength(0);
  });
});

describe('listAccessRequests', () => {
  it('reads one status from the queue index, newest first', async () => {
    items = [storedRequest('r1'), storedRequest('r2', 'rejected')];
    const page = await listAccessRequests({ status: 'pending', limit: 10 });
    expect(page.items.map((r) => r.requestId)).toEqual(['r1']);
  });
});

describe('approveAccessRequest', () => {
  it('creates the staff account with the requested role, invites by email, then moves pending → approved and frees the email', async () => {
    items = [storedRequest('r1')];
    const { request, user } = await approveAccessRequest('r1', {}, admin);
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toMatchObject({ Username: 'Rami@Example.com', MessageAction: 'SUPPRESS' });
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Content?.Simple?.Body?.Text?.Data).toContain('Temporary password:');
    expect(user).toMatchObject({ userId: 'sub-rami', role: 'technician' });
    expect(request).toMatchObject({ status: 'approved', grantedRole: 'technician', userId: 'sub-rami', decidedBy: 'admin-1' });
    const [decision, unlock] = transactions()[0]!;
    expect(decision!.Update?.ConditionExpression).toMatch(/#status = :status\d/);
    expect(decision!.Update?.ExpressionAttributeValues).toMatchObject({ ':status_u0': 'approved', ':gsi1pk_u0': '$cm#queue_accessrequests#status_approved' });
    expect(unlock!.Delete?.Key).toEqual({ pk: '$cm#emaillower_rami@example.com', sk: '$openaccessrequest_1' });
  });

  it("grants the approver's choice of role instead", async () => {
    items = [storedRequest('r1')];
    const { user } = await approveAccessRequest('r1', { role: 'agent' }, admin);
    expect(user.role).toBe('agent');
  });

  it.each([
    ['an approved request', storedRequest('r1', 'approved'), 'r1', admin, {}, 409, 'invalid_status_transition'],
    ['a rejected request', storedRequest('r1', 'rejected'), 'r1', admin, {}, 409, 'invalid_status_transition'],
    ['an unknown request', storedRequest('r1'), 'nope', admin, {}, 404, 'not_found'],
    ['admin, by a manager', storedRequest('r1', 'pending', 'admin'), 'r1', manager, {}, 403, 'forbidden'],
    ['a customer role', storedRequest('r1'), 'r1', admin, { role: 'customer' }, 400, 'invalid_role'],
  ] as const)('refuses %s and writes nothing anywhere', async (_case, item, requestId, actor, input, status, code) => {
    items = [item];
    const err = await rejection(approveAccessRequest(requestId, input, actor));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status, code });
    expect(allWrites()).toHaveLength(0);
  });

  it('undoes the account when another admin decided first (409)', async () => {
    items = [storedRequest('r1')];
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    const err = await rejection(approveAccessRequest('r1', {}, admin));
    expect(err.code).toBe('invalid_status_transition');
    expect(cognito.commandCalls(AdminDeleteUserCommand)[0]!.args[0].input.Username).toBe('sub-rami');
    expect(ddb.commandCalls(DeleteCommand)[0]!.args[0].input.Key).toEqual({ pk: '$cm#userid_sub-rami', sk: '$user_1' });
  });
});

describe('rejectAccessRequest', () => {
  it('moves pending → rejected with the reason, frees the email and tells the requester why', async () => {
    items = [storedRequest('r1')];
    const request = await rejectAccessRequest('r1', { reason: 'Not an employee' }, admin);
    expect(request).toMatchObject({ status: 'rejected', reason: 'Not an employee' });
    const [decision, unlock] = transactions()[0]!;
    expect(decision!.Update?.ExpressionAttributeValues).toMatchObject({ ':status_u0': 'rejected', ':reason_u0': 'Not an employee' });
    expect(unlock!.Delete).toBeDefined();
    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual(['Rami@Example.com']);
    expect(mail.Content?.Simple?.Body?.Text?.Data).toContain('Not an employee');
    expect(cognito.calls()).toHaveLength(0);
  });

  it('only a pending request can be rejected (409 invalid_status_transition), nothing written', async () => {
    items = [storedRequest('r1', 'approved')];
    const err = await rejection(rejectAccessRequest('r1', { reason: 'x' }, admin));
    expect({ status: err.statusCode, code: err.code, details: err.details }).toEqual({
      status: 409,
      code: 'invalid_status_transition',
      details: { from: 'approved', to: 'rejected' },
    });
    expect(allWrites()).toHaveLength(0);
  });

  it('a decision lost to a concurrent one is a 409 and sends no email', async () => {
    items = [storedRequest('r1')];
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    const err = await rejection(rejectAccessRequest('r1', { reason: 'x' }, admin));
    expect(err.code).toBe('invalid_status_transition');
    expect(ses.calls()).toHaveLength(0);
  });
});
