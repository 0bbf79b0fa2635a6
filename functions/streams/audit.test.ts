import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { processStream } from './index.js';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const before = { pk: '$cm#orgid_main', sk: '$organisation_1', orgId: 'main', name: 'Old', __edb_e__: 'organisation', __edb_v__: '1' };
const after = { ...before, name: 'New', _audit: { requestId: 'req-1', operationId: 'updateOrganisationSettings', userId: 'admin-1', role: 'admin' } };

function modify(seq: string): DynamoDBRecord {
  return {
    eventID: `evt-${seq}`,
    eventName: 'MODIFY',
    eventSource: 'aws:dynamodb',
    dynamodb: { SequenceNumber: seq, StreamViewType: 'NEW_AND_OLD_IMAGES', OldImage: marshall(before) as never, NewImage: marshall(after) as never },
  };
}

function auditPuts() {
  return ddb
    .commandCalls(TransactWriteCommand)
    .map((c) => c.args[0].input.TransactItems!)
    .filter((items) => items[0]?.Put?.Item?.__edb_e__ === 'auditRecord');
}

describe('stream consumer: audit trail', () => {
  it('appends an attributed change record with a dedup mark for each business change', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});

    const result = await processStream({ Records: [modify('1')] });

    expect(result.batchItemFailures).toEqual([]);
    const [items] = auditPuts();
    expect(items![0]!.Put!.Item).toMatchObject({ kind: 'change', action: 'updateOrganisationSettings', actorId: 'admin-1', targetType: 'organisation', targetId: 'main', requestId: 'req-1' });
    expect(JSON.parse(items![0]!.Put!.Item!.changes as string)).toEqual([{ field: 'name', before: 'Old', after: 'New' }]);
    expect(items![2]!.Put!.Item).toMatchObject({ consumer: 'audit', eventId: 'evt-1' });
  });

  it('stops at a failed audit append and reports that record and the rest', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolvesOnce({}).rejects(new Error('throttled'));

    const result = await processStream({ Records: [modify('1'), modify('2'), modify('3')] });

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }, { itemIdentifier: '3' }]);
  });
});
