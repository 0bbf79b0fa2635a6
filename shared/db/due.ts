import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.js';

/**
 * The raw items of one partition of the sparse `due` index whose `duesk` (`<ISO time>#<id>`) is at
 * or before `upTo`, oldest first, page by page (never a scan). Sweeps parse them with their entity.
 */
export async function* dueItems(partition: string, upTo: string, pageSize: number): AsyncGenerator<Record<string, unknown>[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'due',
        KeyConditionExpression: 'duepk = :k AND duesk <= :upTo',
        // '~' sorts after '#': every `<time>#<id>` at or before `upTo` is included.
        ExpressionAttributeValues: { ':k': partition, ':upTo': `${upTo}~` },
        Limit: pageSize,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}
