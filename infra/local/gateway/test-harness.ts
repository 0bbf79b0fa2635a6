/**
 * For the gateway's integration tests: dynalite on a free port, the gateway in front of it,
 * and real AWS SDK v3 clients pointed at the gateway with dummy credentials.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoGateway, type DynamoGatewayOptions, type DynamoGateway } from './index.js';
import { startDynalite, type RunningDynalite } from './dynalite.js';
import { silentLogger } from './logger.js';

export interface Twin {
  dynalite: RunningDynalite;
  gateway: DynamoGateway;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export const REGION = 'eu-west-1';

export async function startTwin(options: Omit<DynamoGatewayOptions, 'upstream'> = {}, tables: string[] = []): Promise<Twin> {
  const dynalite = await startDynalite();
  const gateway = await startDynamoGateway({ region: REGION, ttlIntervalMs: 0, logger: silentLogger, ...options, upstream: dynalite.endpoint });
  const client = new DynamoDBClient({
    endpoint: gateway.endpoint,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const doc = DynamoDBDocumentClient.from(client);
  for (const table of tables) await createTable(client, table);
  return {
    dynalite,
    gateway,
    client,
    doc,
    close: async () => {
      client.destroy();
      await gateway.close();
      await dynalite.close();
    },
  };
}

/** A table keyed by `pk` (S) and `sk` (S). */
export async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}
