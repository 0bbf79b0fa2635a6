import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { endpoint, parseEnv } from '../config.js';
import { stampWrites, stampWritesOptions } from '../audit/stamp.js';

const env = parseEnv(
  z.object({
    TABLE_NAME: z.string().min(1).default('cloudmanager-local'),
    DYNAMODB_ENDPOINT: endpoint,
  }),
);

export const tableName = env.TABLE_NAME;

/** Built once per container. Locally DYNAMODB_ENDPOINT points at the twin's gateway. */
export const dynamo = new DynamoDBClient({
  ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  maxAttempts: 3,
});

export const documentClient = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
});

// Every write carries the request that made it, for the audit trail (shared/audit/stamp.ts).
// `dynamo` and `documentClient` share this middleware stack, so both are covered.
documentClient.middlewareStack.add(stampWrites(), stampWritesOptions);
