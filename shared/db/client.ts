import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { endpoint, parseEnv } from '../config.js';

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
