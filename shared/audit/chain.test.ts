import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditRecord } from '../db/entities/audit-record.js';
import { genesisHash, recordHash } from './canonical.js';
import { AuditChainBusyError, appendAuditRecord } from './chain.js';
import type { AuditEntry } from './entry.js';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const clock = () => new Date('2026-11-05T10:00:00.000Z');
const entry: AuditEntry = {
  kind: 'auth',
  action: 'auth.sign_in',
  outcome: 'failure',
  actor: { kind: 'anonymous', email: 'who@example.com' },
  details: { reason: 'wrong_password', password: 'hunter2' },
  requestId: 'req-1',
  ip: '203.0.113.5',
  userAgent: 'x'.repeat(600),
};
const headItem = (seq: number, hash: string) => ({ Item: { pk: '$cm#day_2026-11-05', sk: '$audithead_1', day: '2026-11-05', seq, hash, feed: 'auditDays', __edb_e__: 'auditHead', __edb_v__: '1' } });
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

function written(call = 0) {
  return ddb.commandCalls(TransactWriteCommand)[call]!.args[0].input.TransactItems!;
}

describe('appendAuditRecord', () => {
  it('starts the day: first record after the genesis hash, head created only if absent', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});

    const result = await appendAuditRecord(entry, { clock });

    const [record, head] = written();
    expect(record!.Put?.ConditionExpression).toMatch(/attribute_not_exists/);
    expect(head!.Put?.ConditionExpression).toMatch(/attribute_not_exists/);
    const item = record!.Put!.Item!;
    expect(item).toMatchObject({ day: '2026-11-05', seq: 1, at: '2026-11-05T10:00:00.000Z', prevHash: genesisHash('2026-11-05'), actorKind: 'anonymous', actorEmail: 'who@example.com', sk: '$auditrecord_1#seq_0000000001' });
    expect(JSON.parse(item.details as string)).toEqual({ password: '[redacted]', reason: 'wrong_password' });
    expect((item.userAgent as string).length).toBe(512);
    expect(item).toMatchObject({ actorKey: "anonymous", targetKey: "-", gsi1pk: "$cm#actorKey_anonymous", gsi2pk: "$cm#targetKey_-" });
    expect(item.gsi3pk).toBe('$cm#action_auth.sign_in');
    const parsed = AuditRecord.parse({ Item: item }).data!;
    expect(recordHash(parsed)).toBe(item.hash);
    expect(result).toEqual({ status: 'appended', day: '2026-11-05', seq: 1, hash: item.hash });
    expect(head!.Put!.Item).toMatchObject({ seq: 1, hash: item.hash });
  });

  it('appends after the head, moving it on the condition that it did not move', async () => {
    ddb.on(GetCommand).resolves(headItem(7, 'a'.repeat(64)));
    ddb.on(TransactWriteCommand).resolves({});

    await appendAuditRecord(entry, { clock });

    const [record, head] = written();
    expect(record!.Put!.Item).toMatchObject({ seq: 8, prevHash: 'a'.repeat(64) });
    expect(head!.Update?.ConditionExpression).toContain('#seq = :seq0');
    expect(head!.Update?.ExpressionAttributeValues).toMatchObject({ ':seq0': 7, ':seq_u0': 8 });
  });

  it('reads the head again and retries when another writer got there first', async () => {
    ddb.on(GetCommand).resolvesOnce(headItem(7, 'a'.repeat(64))).resolves(headItem(8, 'b'.repeat(64)));
    ddb.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'ConditionalCheckFailed')).resolves({});

    const result = await appendAuditRecord(entry, { clock });

    expect(result).toMatchObject({ status: 'appended', seq: 9 });
    expect(written(1)[0]!.Put!.Item).toMatchObject({ seq: 9, prevHash: 'b'.repeat(64) });
    expect(ddb.commandCalls(GetCommand).every((c) => c.args[0].input.ConsistentRead === true)).toBe(true);
  });

  it('writes a stream mark in the same transaction and reports a redelivery as a duplicate', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));

    const result = await appendAuditRecord(entry, { clock, streamEventId: 'evt-9' });

    expect(result).toEqual({ status: 'duplicate' });
    expect(written()[2]!.Put!.Item).toMatchObject({ consumer: 'audit', eventId: 'evt-9' });
  });

  it('gives up after the attempts, and fails on anything but a lost race', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    await expect(appendAuditRecord(entry, { clock, maxAttempts: 3 })).rejects.toBeInstanceOf(AuditChainBusyError);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(3);

    ddb.reset();
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).rejects(cancelled('ThrottlingError', 'None'));
    await expect(appendAuditRecord(entry, { clock })).rejects.toThrow(/ThrottlingError/);
  });
});
