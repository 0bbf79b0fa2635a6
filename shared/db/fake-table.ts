import { GetCommand, QueryCommand, type GetCommandInput, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AwsStub } from 'aws-sdk-client-mock';
import { tableShape } from './table.js';

type Item = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DocStub = AwsStub<any, any, any>;

/**
 * Test support for unit tests with aws-sdk-client-mock: answers the document client's GetItem and
 * Query (table or GSI, `=` on the partition key, `begins_with` on the sort key, order, Limit) from
 * items as ElectroDB stores them (`Entity.create(...).params().Item`). Writes stay mocked by the
 * test, which asserts on them; this only stands in for what the code reads.
 */
export function answerReads(ddb: DocStub, items: () => readonly Item[]): void {
  ddb.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key ?? {};
    const found = items().find((item) => Object.entries(key).every(([k, v]) => item[k] === v));
    return found ? { Item: structuredClone(found) } : {};
  });
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const index = input.IndexName ? tableShape.indexes.find((i) => i.name === input.IndexName) : undefined;
    const pkField = index?.partitionKey ?? tableShape.partitionKey;
    const skField = index?.sortKey ?? tableShape.sortKey;
    const values = input.ExpressionAttributeValues ?? {};
    const pk = values[':pk'];
    const prefix = typeof values[':sk1'] === 'string' ? (values[':sk1'] as string) : '';
    let found = items()
      .filter((item) => item[pkField] === pk && String(item[skField] ?? '').startsWith(prefix))
      .sort((a, b) => String(a[skField]).localeCompare(String(b[skField])));
    if (input.ScanIndexForward === false) found = found.reverse();
    if (input.Limit) found = found.slice(0, input.Limit);
    return { Items: found.map((i) => structuredClone(i)), Count: found.length };
  });
}
