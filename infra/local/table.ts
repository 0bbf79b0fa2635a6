import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableShape } from '../../shared/db/table.js';

/** Creates the one table with the same keys and GSIs as the Data construct (idempotent). */
export async function ensureTable(client: DynamoDBClient, tableName: string) {
  if (await describe(client, tableName)) return false;
  await createTable(client, tableName);
  return true;
}

/**
 * Brings a table kept in `.local/` from an earlier version up to `tableShape`: dynalite cannot add
 * a GSI to an existing table, so when one is missing the items are copied out, the table is
 * created again with every index, and the items are put back. Run against dynalite itself (not
 * the gateway), so the copy is not a change anyone reacts to. Returns the number of items moved,
 * or undefined when nothing was needed.
 */
export async function upgradeTable(client: DynamoDBClient, tableName: string): Promise<number | undefined> {
  const table = await describe(client, tableName);
  if (!table) return undefined;
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  if (tableShape.indexes.every((i) => present.has(i.name))) return undefined;
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    // A one-off copy of a local development table: the only Scan besides the TTL emulation.
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await createTable(client, tableName);
  for (let i = 0; i < items.length; i += 25) {
    let batch: Record<string, { PutRequest: { Item: Record<string, AttributeValue> } }[]> | undefined = {
      [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (batch && Object.keys(batch).length) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: batch }));
      batch = result.UnprocessedItems as typeof batch;
    }
  }
  return items.length;
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (err) {
    if ((err as Error).name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

async function createTable(client: DynamoDBClient, tableName: string) {
  const keys = [tableShape.partitionKey, tableShape.sortKey, ...tableShape.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keys.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: tableShape.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableShape.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableShape.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
}
