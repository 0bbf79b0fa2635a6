import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableShape } from '../../shared/db/table.js';
import { startDynalite, type RunningDynalite } from './gateway/dynalite.js';
import { ensureTable, upgradeTable } from './table.js';

let dynalite: RunningDynalite;
let client: DynamoDBClient;

beforeAll(async () => {
  dynalite = await startDynalite();
  client = new DynamoDBClient({ endpoint: dynalite.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
});

afterAll(async () => {
  await dynalite?.close();
});

describe('local table upgrade', () => {
  it('re-creates a table from an earlier version with every index, keeping its items', async () => {
    // The table as an earlier version created it: only the first index.
    const old = tableShape.indexes[0]!;
    await client.send(
      new CreateTableCommand({
        TableName: 'old',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', old.partitionKey, old.sortKey].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [{ IndexName: old.name, KeySchema: [{ AttributeName: old.partitionKey, KeyType: 'HASH' }, { AttributeName: old.sortKey, KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
      }),
    );
    for (let i = 0; i < 30; i++) {
      await client.send(new PutItemCommand({ TableName: 'old', Item: { pk: { S: `p${i}` }, sk: { S: '-' }, gsi4pk: { S: 'all' }, gsi4sk: { S: String(i).padStart(2, '0') } } }));
    }

    expect(await upgradeTable(client, 'old')).toBe(30);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'old' }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(tableShape.indexes.map((i) => i.name).sort());
    expect((await client.send(new GetItemCommand({ TableName: 'old', Key: { pk: { S: 'p7' }, sk: { S: '-' } } }))).Item?.gsi4sk?.S).toBe('07');
    const viaNewIndex = await client.send(new QueryCommand({ TableName: 'old', IndexName: 'gsi4', KeyConditionExpression: 'gsi4pk = :a', ExpressionAttributeValues: { ':a': { S: 'all' } } }));
    expect(viaNewIndex.Count).toBe(30);
  });

  it('leaves a current table alone', async () => {
    expect(await ensureTable(client, 'current')).toBe(true);
    expect(await upgradeTable(client, 'current')).toBeUndefined();
    expect(await upgradeTable(client, 'missing')).toBeUndefined();
  });
});
