import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../db/client.js';
import { runInRequestContext, type RequestContext } from '../http/request-context.js';
import { auditStateOf } from './request-state.js';
import { addToClause, stampCommand, stampWrites, stampWritesOptions, type WriteStamp } from './stamp.js';

const stamp: WriteStamp = { requestId: 'req-1', operationId: 'updateThing', userId: 'u1', role: 'admin' };
const key = { pk: '$cm#thingid_t1', sk: '$thing_1' };

describe('stampCommand', () => {
  it('adds the stamp to a put, and removes a stale one outside a request', () => {
    const put = { TableName: 't', Item: { ...key, name: 'a', _audit: { requestId: 'old' } } };

    expect(stampCommand('PutItemCommand', put, stamp)).toEqual({ input: { TableName: 't', Item: { ...key, name: 'a', _audit: stamp } }, writes: 1 });
    expect(stampCommand('PutItemCommand', put, undefined).input).toEqual({ TableName: 't', Item: { ...key, name: 'a' } });
    expect(put.Item._audit).toEqual({ requestId: 'old' });
  });

  it('merges into the existing SET clause of an update (condition untouched), or REMOVEs outside a request', () => {
    const update = {
      Key: key,
      UpdateExpression: 'SET #name = :name REMOVE #old ADD #n :one',
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: { '#name': 'name', '#old': 'old', '#n': 'n', '#v': 'version' },
      ExpressionAttributeValues: { ':name': 'b', ':one': 1, ':v': 3 },
    };

    const inRequest = stampCommand('UpdateItemCommand', update, stamp).input;
    const outside = stampCommand('UpdateItemCommand', update, undefined).input;

    expect(inRequest).toMatchObject({
      UpdateExpression: 'SET #cm_audit = :cm_audit, #name = :name REMOVE #old ADD #n :one',
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: { '#cm_audit': '_audit', '#name': 'name' },
      ExpressionAttributeValues: { ':cm_audit': stamp, ':name': 'b', ':v': 3 },
    });
    expect(outside).toMatchObject({ UpdateExpression: 'SET #name = :name REMOVE #cm_audit, #old ADD #n :one', ExpressionAttributeValues: update.ExpressionAttributeValues });
  });

  it('stamps marshalled input (the low-level client) as attribute values', () => {
    const put = { Item: { pk: { S: key.pk }, sk: { S: key.sk } } };
    const update = { Key: { pk: { S: key.pk }, sk: { S: key.sk } }, UpdateExpression: 'ADD #n :one', ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':one': { N: '1' } } };

    expect((stampCommand('PutItemCommand', put, stamp).input.Item as Record<string, unknown>)._audit).toEqual({ M: { requestId: { S: 'req-1' }, operationId: { S: 'updateThing' }, userId: { S: 'u1' }, role: { S: 'admin' } } });
    expect(stampCommand('UpdateItemCommand', update, stamp).input).toMatchObject({ UpdateExpression: 'ADD #n :one SET #cm_audit = :cm_audit', ExpressionAttributeValues: { ':cm_audit': { M: expect.any(Object) } } });
  });

  it('stamps each business item of a transaction or batch and counts business writes only', () => {
    const counterKey = { pk: '$cm#scope_s', sk: '$counter_1#name_n' };
    const transact = {
      TransactItems: [
        { Put: { Item: { ...key } } },
        { Update: { Key: counterKey, UpdateExpression: 'ADD #v :one' } },
        { Delete: { Key: { pk: 'x', sk: '$thing_1' } } },
        { ConditionCheck: { Key: key, ConditionExpression: 'attribute_exists(pk)' } },
        { Put: { Item: { pk: '$cm#day_d', sk: '$auditrecord_1#seq_1' } } },
      ],
    };
    const batch = { RequestItems: { t: [{ PutRequest: { Item: { ...key } } }, { DeleteRequest: { Key: key } }, { PutRequest: { Item: { pk: 'm', sk: '$streammark_1' } } }] } };

    const stampedTransact = stampCommand('TransactWriteItemsCommand', transact, stamp);
    const stampedBatch = stampCommand('BatchWriteItemCommand', batch, stamp);

    expect(stampedTransact.writes).toBe(2);
    expect(stampedTransact.input.TransactItems).toEqual([{ Put: { Item: { ...key, _audit: stamp } } }, transact.TransactItems[1], transact.TransactItems[2], transact.TransactItems[3], transact.TransactItems[4]]);
    expect(stampedBatch.writes).toBe(2);
    expect((stampedBatch.input.RequestItems as Record<string, unknown[]>).t).toEqual([{ PutRequest: { Item: { ...key, _audit: stamp } } }, batch.RequestItems.t[1], batch.RequestItems.t[2]]);
  });

  it('leaves reads alone', () => {
    const get = { Key: key };
    expect(stampCommand('GetItemCommand', get, stamp)).toEqual({ input: get, writes: 0 });
  });
});

describe('addToClause', () => {
  it('treats only stand-alone keywords as clauses, not placeholders named like them', () => {
    expect(addToClause('SET #set = :remove', 'REMOVE', '#a')).toBe('SET #set = :remove REMOVE #a');
    expect(addToClause('set #x = :x', 'SET', '#a = :a')).toBe('set #a = :a, #x = :x');
    expect(addToClause(undefined, 'SET', '#a = :a')).toBe('SET #a = :a');
  });
});

describe('the middleware on a real client', () => {
  /** A document client whose requests stop after serialisation: their JSON bodies are recorded, each answers `{}`. */
  function recordingClient() {
    const bodies: Record<string, unknown>[] = [];
    const client = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    doc.middlewareStack.add(stampWrites(), stampWritesOptions);
    doc.middlewareStack.add(
      () => async (args) => {
        const body = (args.request as HttpRequest).body as string | Uint8Array;
        bodies.push(JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as Record<string, unknown>);
        return { output: { $metadata: {} } as never, response: {} };
      },
      { step: 'build', priority: 'low', name: 'recordBody' },
    );
    return { doc, bodies };
  }

  const context: RequestContext = { requestId: 'req-9', operationId: 'updateThing', actor: { kind: 'anonymous' }, ip: '203.0.113.9', userAgent: 'test' };

  it('is registered on the shared document client', () => {
    expect(documentClient.middlewareStack.identify().some((m) => m.startsWith('auditStamp'))).toBe(true);
  });

  it('stamps before marshalling and counts successful writes on the request', async () => {
    const { doc, bodies } = recordingClient();

    await runInRequestContext(context, async () => {
      await doc.send(new PutCommand({ TableName: 't', Item: { ...key, name: 'n' } }));
      await doc.send(new UpdateCommand({ TableName: 't', Key: key, UpdateExpression: 'SET #n = :n', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': 'm' } }));
      await doc.send(new DeleteCommand({ TableName: 't', Key: key }));
    });

    expect(bodies[0]).toMatchObject({ Item: { name: { S: 'n' }, _audit: { M: { requestId: { S: 'req-9' }, operationId: { S: 'updateThing' } } } } });
    expect(bodies[1]).toMatchObject({ UpdateExpression: 'SET #cm_audit = :cm_audit, #n = :n', ExpressionAttributeValues: { ':cm_audit': { M: { requestId: { S: 'req-9' } } } } });
    expect(bodies[2]).toEqual({ TableName: 't', Key: { pk: { S: key.pk }, sk: { S: key.sk } } });
    expect(auditStateOf(context).writes).toBe(3);
  });
});
