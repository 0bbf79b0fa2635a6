/**
 * The DynamoDB JSON 1.0 wire protocol, as much of it as the gateway needs: item types,
 * error shapes and replies the AWS SDK v3 parses exactly as it parses AWS's own.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import type { AttributeValue } from 'aws-lambda';

export type { AttributeValue };
/** An item or key in wire form: `{ pk: { S: 'a' }, n: { N: '1' } }`. */
export type Item = Record<string, AttributeValue>;
export type JsonObject = Record<string, unknown>;

export const TARGET_PREFIX = 'DynamoDB_20120810.';
export const CONTENT_TYPE = 'application/x-amz-json-1.0';
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** A request or answer as bytes on the wire. */
export interface WireRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}
export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** An error answer of the DynamoDB API (`__type` + `message`, plus any extra members). */
export class DynamoError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: JsonObject = {},
  ) {
    super(message);
    this.name = type.slice(type.lastIndexOf('#') + 1);
  }

  /** The short code the SDK turns into the error name, e.g. `ConditionalCheckFailedException`. */
  get code(): string {
    return this.name;
  }

  toBody(): JsonObject {
    return { __type: this.type, message: this.message, ...this.extra };
  }
}

export function validationError(message: string): DynamoError {
  return new DynamoError(400, 'com.amazon.coral.validate#ValidationException', message);
}

export function isConditionalCheckFailed(err: unknown): err is DynamoError {
  return err instanceof DynamoError && err.code === 'ConditionalCheckFailedException';
}

/** A JSON answer with the headers the SDK reads (content type, request id, CRC32). */
export function jsonResponse(status: number, body: unknown, requestId: string = newRequestId()): WireResponse {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  return {
    status,
    headers: {
      'content-type': CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amz-crc32': String(crc32(bytes)),
    },
    body: bytes,
  };
}

export function errorResponse(err: DynamoError): WireResponse {
  return jsonResponse(err.status, err.toBody());
}

export function newRequestId(): string {
  return randomUUID().replaceAll('-', '').toUpperCase();
}

/** Parses a JSON object body; undefined when it is not one (the upstream then answers the error). */
export function parseJsonObject(body: Buffer | string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(body.toString());
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Narrows a wire item: an object whose members are all attribute-value objects. */
export function asItem(value: unknown): Item | undefined {
  if (!isObject(value)) return undefined;
  for (const member of Object.values(value)) if (!isObject(member)) return undefined;
  return value as Item;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Builds the DynamoDB error described by an upstream JSON answer. */
export function errorFromAnswer(status: number, body: Buffer): DynamoError {
  const parsed = parseJsonObject(body);
  if (!parsed) return new DynamoError(status || 500, 'com.amazonaws.dynamodb.v20120810#InternalServerError', body.toString().slice(0, 200));
  const { __type, message, Message, ...extra } = parsed;
  return new DynamoError(
    status,
    asString(__type) ?? 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    asString(message) ?? asString(Message) ?? '',
    extra,
  );
}
