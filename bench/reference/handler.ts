/**
 * The REFERENCE Lambda: the least a function serving GET /settings/organisation can do.
 * At import it only creates the DynamoDB document client (as every real entry does); per request
 * it sends one GetCommand with a hand-built key and returns the item as JSON.
 * Used twice by the bench: bundled like a real entry (bundle size, import time) and as the BARE
 * handler of the per-request comparison.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.TABLE_NAME ?? 'cloudmanager-local';
const orgId = process.env.ORG_ID ?? 'main';
/** Exported for the bench only (to stub its HTTP handler); a real handler would keep it private. */
export const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** ElectroDB's key for the organisation entity (service `cm`, entity `organisation`, version 1), typed by hand. */
export const organisationKey = { pk: `$cm#orgid_${orgId.toLowerCase()}`, sk: '$organisation_1' };

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: organisationKey }));
  const headers = { 'content-type': 'application/json', 'x-request-id': event.requestContext.requestId };
  if (!Item) return { statusCode: 404, headers, body: '{"error":{"code":"not_found"}}' };
  const { name, timezone, currency, locale, version, updatedAt } = Item;
  return { statusCode: 200, headers, body: JSON.stringify({ name, timezone, currency, locale, version, updatedAt }) };
}
