import {
  ConditionalCheckFailedException,
  IdempotentParameterMismatchException,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwin, type Twin } from './test-harness.js';

const TABLE = 'transactions';
const OTHER = 'transactions-other';
let twin: Twin;

beforeAll(async () => {
  twin = await startTwin({ tables: { [TABLE]: { stream: true } } }, [TABLE, OTHER]);
});
afterAll(async () => {
  await twin?.close();
});

const key = (pk: string, sk = 'item') => ({ pk, sk });
const put = (pk: string, attributes: Record<string, unknown> = {}) =>
  twin.doc.send(new PutCommand({ TableName: TABLE, Item: { ...key(pk), ...attributes } }));
const read = async (pk: string, table = TABLE) =>
  (await twin.doc.send(new GetCommand({ TableName: table, Key: key(pk), ConsistentRead: true }))).Item;
const failure = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error('expected the request to fail');
  },
  (err: unknown) => err,
);

describe('TransactWriteItems', () => {
  it('applies every action of a transaction across tables', async () => {
    await put('commit-update', { n: 1 });
    await put('commit-delete', { n: 1 });
    await put('commit-check', { status: 'open' });

    await twin.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { ...key('commit-new'), n: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Update: { TableName: TABLE, Key: key('commit-update'), UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': 1 } } },
          { Delete: { TableName: TABLE, Key: key('commit-delete'), ConditionExpression: 'attribute_exists(pk)' } },
          { ConditionCheck: { TableName: TABLE, Key: key('commit-check'), ConditionExpression: '#s = :open', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':open': 'open' } } },
          { Put: { TableName: OTHER, Item: { ...key('commit-other'), n: 7 } } },
        ],
      }),
    );

    expect(await read('commit-new')).toEqual({ ...key('commit-new'), n: 1 });
    expect(await read('commit-update')).toEqual({ ...key('commit-update'), n: 2 });
    expect(await read('commit-delete')).toBeUndefined();
    expect(await read('commit-check')).toEqual({ ...key('commit-check'), status: 'open' });
    expect(await read('commit-other', OTHER)).toEqual({ ...key('commit-other'), n: 7 });
  });

  it('leaves every item untouched when the 2nd of 3 conditions fails, with AWS cancellation reasons', async () => {
    await put('cancel-a', { n: 1 });
    await put('cancel-b', { n: 1 });
    await put('cancel-c', { n: 1 });

    const error = await failure(
      twin.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: TABLE, Key: key('cancel-a'), UpdateExpression: 'SET n = :two', ExpressionAttributeValues: { ':two': 2 } } },
            { Update: { TableName: TABLE, Key: key('cancel-b'), UpdateExpression: 'SET n = :two', ConditionExpression: 'n = :ninety', ExpressionAttributeValues: { ':two': 2, ':ninety': 90 } } },
            { Put: { TableName: TABLE, Item: { ...key('cancel-c'), n: 2 } } },
          ],
        }),
      ),
    );

    expect(error).toBeInstanceOf(TransactionCanceledException);
    const cancelled = error as TransactionCanceledException;
    expect(cancelled.name).toBe('TransactionCanceledException');
    expect(cancelled.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]',
    );
    expect(cancelled.CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed', 'None']);
    expect(cancelled.CancellationReasons?.[1]).toEqual({ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' });
    for (const pk of ['cancel-a', 'cancel-b', 'cancel-c']) expect(await read(pk)).toEqual({ ...key(pk), n: 1 });
  });

  it('undoes inserts and deletes already applied when a later condition fails', async () => {
    await put('undo-deleted', { n: 1 });
    await put('undo-guard', { n: 1 });

    const error = await failure(
      twin.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { ...key('undo-inserted'), n: 1 } } },
            { Delete: { TableName: TABLE, Key: key('undo-deleted') } },
            { Update: { TableName: TABLE, Key: key('undo-guard'), UpdateExpression: 'SET n = :n', ConditionExpression: 'attribute_not_exists(pk)', ExpressionAttributeValues: { ':n': 5 } } },
          ],
        }),
      ),
    );

    expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
      'None',
      'None',
      'ConditionalCheckFailed',
    ]);
    expect(await read('undo-inserted')).toBeUndefined();
    expect(await read('undo-deleted')).toEqual({ ...key('undo-deleted'), n: 1 });
    expect(await read('undo-guard')).toEqual({ ...key('undo-guard'), n: 1 });
  });

  it('reports every failed condition and returns the old item for ReturnValuesOnConditionCheckFailure=ALL_OLD', async () => {
    await put('all-old-a', { n: 1 });
    await put('all-old-b', { n: 1 });

    const error = await failure(
      twin.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { pk: { S: 'all-old-a' }, sk: { S: 'item' } }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
            { Put: { TableName: TABLE, Item: { pk: { S: 'all-old-b' }, sk: { S: 'item' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      ),
    );

    expect((error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'all-old-a' }, sk: { S: 'item' }, n: { N: '1' } } },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
    expect(await read('all-old-a')).toEqual({ ...key('all-old-a'), n: 1 });
  });

  it('cancels on a failed ConditionCheck and leaves no trace of a passed one', async () => {
    const failed = await failure(
      twin.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: TABLE, Key: key('check-missing'), ConditionExpression: 'attribute_exists(pk)' } },
            { Put: { TableName: TABLE, Item: { ...key('check-target'), n: 1 } } },
          ],
        }),
      ),
    );
    expect((failed as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    expect(await read('check-target')).toBeUndefined();

    const since = twin.gateway.feed.records().at(-1)?.dynamodb?.SequenceNumber;
    await twin.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { ConditionCheck: { TableName: TABLE, Key: key('check-missing'), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: TABLE, Item: { ...key('check-target'), n: 1 } } },
        ],
      }),
    );
    expect(await read('check-missing')).toBeUndefined();
    expect(await read('check-target')).toEqual({ ...key('check-target'), n: 1 });
    const records = twin.gateway.feed.records(since);
    expect(records.map((r) => [r.eventName, r.dynamodb?.Keys?.pk?.S])).toEqual([['INSERT', 'check-target']]);
  });

  it('rejects two actions on one item with ValidationException and applies nothing', async () => {
    await put('duplicate', { n: 1 });

    const error = await failure(
      twin.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { ...key('duplicate-other'), n: 1 } } },
            { Put: { TableName: TABLE, Item: { ...key('duplicate'), n: 2 } } },
            { Update: { TableName: TABLE, Key: key('duplicate'), UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 3 } } },
          ],
        }),
      ),
    );

    expect((error as Error).name).toBe('ValidationException');
    expect((error as Error).message).toBe('Transaction request cannot include multiple operations on one item');
    expect(await read('duplicate')).toEqual({ ...key('duplicate'), n: 1 });
    expect(await read('duplicate-other')).toBeUndefined();
  });

  it('rejects more than 100 actions and an action that is not exactly one of Put/Update/Delete/ConditionCheck', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: TABLE, Item: key(`many-${i}`) } }));
    const error = await failure(twin.doc.send(new TransactWriteCommand({ TransactItems: tooMany })));
    expect((error as Error).name).toBe('ValidationException');
    expect(await read('many-0')).toBeUndefined();

    const mixed = await failure(
      twin.doc.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: TABLE, Item: key('mixed') }, Delete: { TableName: TABLE, Key: key('mixed') } }],
        }),
      ),
    );
    expect((mixed as Error).name).toBe('ValidationException');
  });

  it('rolls back and answers the ValidationException when a later action is invalid', async () => {
    const error = await failure(
      twin.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { ...key('invalid-first'), n: 1 } } },
            { Update: { TableName: TABLE, Key: key('invalid-second'), UpdateExpression: 'SET n = :missing' } },
          ],
        }),
      ),
    );
    expect((error as Error).name).toBe('ValidationException');
    expect(await read('invalid-first')).toBeUndefined();
  });

  it('answers ResourceNotFoundException for an unknown table', async () => {
    const error = await failure(
      twin.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'no-such-table', Item: key('x') } }] })),
    );
    expect((error as Error).name).toBe('ResourceNotFoundException');
  });

  it('does not apply a transaction twice for the same ClientRequestToken', async () => {
    const transaction = {
      ClientRequestToken: 'token-1',
      TransactItems: [
        { Update: { TableName: TABLE, Key: key('idempotent'), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } },
      ],
    };
    await twin.doc.send(new TransactWriteCommand(transaction));
    await twin.doc.send(new TransactWriteCommand(transaction));
    expect(await read('idempotent')).toEqual({ ...key('idempotent'), n: 1 });

    const mismatch = await failure(
      twin.doc.send(
        new TransactWriteCommand({
          ...transaction,
          TransactItems: [{ Delete: { TableName: TABLE, Key: key('idempotent') } }],
        }),
      ),
    );
    expect(mismatch).toBeInstanceOf(IdempotentParameterMismatchException);
    expect(await read('idempotent')).toEqual({ ...key('idempotent'), n: 1 });
  });

  it('reports consumed capacity at twice the plain write cost when asked', async () => {
    const answer = await twin.doc.send(
      new TransactWriteCommand({
        ReturnConsumedCapacity: 'TOTAL',
        TransactItems: [
          { Put: { TableName: TABLE, Item: { ...key('capacity-1'), n: 1 } } },
          { Put: { TableName: TABLE, Item: { ...key('capacity-2'), n: 1 } } },
        ],
      }),
    );
    expect(answer.ConsumedCapacity).toEqual([{ TableName: TABLE, CapacityUnits: 4, WriteCapacityUnits: 4 }]);
  });

  it('concurrent optimistic increments through transactions never lose an update', async () => {
    await put('counter', { n: 0, version: 0 });
    const increment = async (): Promise<void> => {
      for (;;) {
        const current = await read('counter');
        const version = Number(current?.version);
        try {
          await twin.doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: TABLE,
                    Key: key('counter'),
                    UpdateExpression: 'SET n = n + :one, version = :next',
                    ConditionExpression: 'version = :seen',
                    ExpressionAttributeValues: { ':one': 1, ':next': version + 1, ':seen': version },
                  },
                },
              ],
            }),
          );
          return;
        } catch (err) {
          if (!(err instanceof TransactionCanceledException)) throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, increment));
    expect(await read('counter')).toEqual({ ...key('counter'), n: 8, version: 8 });
  });
});

describe('isolation', () => {
  it('never lets a reader see an action of a transaction that is then cancelled', async () => {
    await put('dirty-guard', { n: 1 });
    const cancelled = async () => {
      await failure(
        twin.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: TABLE, Item: { ...key('dirty'), n: 1 } } },
              { ConditionCheck: { TableName: TABLE, Key: key('dirty-guard'), ConditionExpression: 'n = :zero', ExpressionAttributeValues: { ':zero': 0 } } },
            ],
          }),
        ),
      );
    };
    const observed: unknown[] = [];
    const reader = async () => {
      for (let i = 0; i < 20; i += 1) observed.push(await read('dirty'));
    };

    await Promise.all([...Array.from({ length: 10 }, cancelled), reader(), reader()]);

    expect(observed).toHaveLength(40);
    expect(observed.filter((item) => item !== undefined)).toEqual([]);
  });
});

describe('TransactGetItems', () => {
  it('returns the items in request order, {} for missing ones, with projections', async () => {
    await put('get-a', { n: 1, secret: 's' });
    await put('get-b', { n: 2 });

    const answer = await twin.doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: TABLE, Key: key('get-b') } },
          { Get: { TableName: TABLE, Key: key('get-missing') } },
          { Get: { TableName: TABLE, Key: key('get-a'), ProjectionExpression: '#n, pk', ExpressionAttributeNames: { '#n': 'n' } } },
        ],
      }),
    );

    expect(answer.Responses).toEqual([{ Item: { ...key('get-b'), n: 2 } }, {}, { Item: { pk: 'get-a', n: 1 } }]);
  });

  it('rejects an empty request', async () => {
    const error = await failure(twin.doc.send(new TransactGetCommand({ TransactItems: [] })));
    expect((error as Error).name).toBe('ValidationException');
  });
});

describe('plain operations through the gateway', () => {
  it('adds the old item to ConditionalCheckFailedException when asked (ALL_OLD)', async () => {
    await put('plain-old', { n: 1 });
    const error = await failure(
      twin.doc.send(
        new PutCommand({
          TableName: TABLE,
          Item: { ...key('plain-old'), n: 2 },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect((error as ConditionalCheckFailedException).Item).toEqual({ pk: { S: 'plain-old' }, sk: { S: 'item' }, n: { N: '1' } });
  });
});
