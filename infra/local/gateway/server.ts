/**
 * The gateway's HTTP front: reads a DynamoDB JSON 1.0 request, handles the operations dynalite
 * lacks or that must pass through the lock and the change feed, and forwards everything else
 * to dynalite untouched.
 */
import http from 'node:http';
import type { ChangeFeed } from './change-feed.js';
import type { GatewayLogger } from './logger.js';
import type { ReadWriteLock } from './mutex.js';
import {
  DynamoError,
  MAX_REQUEST_BYTES,
  TARGET_PREFIX,
  asString,
  errorResponse,
  isObject,
  jsonResponse,
  parseJsonObject,
  validationError,
  type JsonObject,
  type WireRequest,
  type WireResponse,
} from './protocol.js';
import type { TableCatalog } from './tables.js';
import type { Transactions } from './transactions.js';
import type { Upstream } from './upstream.js';
import type { ItemWriter } from './writes.js';

export interface GatewayParts {
  upstream: Upstream;
  catalog: TableCatalog;
  lock: ReadWriteLock;
  feed: ChangeFeed;
  writer: ItemWriter;
  transactions: Transactions;
  logger: GatewayLogger;
}

type Handler = (parts: GatewayParts, input: JsonObject, request: WireRequest) => Promise<WireResponse>;

const write =
  (operation: 'PutItem' | 'UpdateItem' | 'DeleteItem'): Handler =>
  (p, input, request) =>
    p.lock.exclusive(() => p.writer.single(operation, input, request));

const read: Handler = (p, _input, request) => p.lock.shared(() => p.upstream.forward(request));

const HANDLERS: Record<string, Handler> = {
  PutItem: write('PutItem'),
  UpdateItem: write('UpdateItem'),
  DeleteItem: write('DeleteItem'),
  BatchWriteItem: (p, input, request) => p.lock.exclusive(() => p.writer.batch(input, request)),
  GetItem: read,
  BatchGetItem: read,
  Query: read,
  Scan: read,
  TransactWriteItems: async (p, input) => jsonResponse(200, await p.transactions.write(input)),
  TransactGetItems: async (p, input) => jsonResponse(200, await p.transactions.get(input)),
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  CreateTable: tableChange('TableDescription'),
  UpdateTable: tableChange('TableDescription'),
  DeleteTable: tableChange(undefined),
  DescribeTable: async (p, input, request) => withStreamInfo(p, input, await p.upstream.forward(request), 'Table'),
};

export function createGatewayServer(parts: GatewayParts): http.Server {
  return http.createServer((req, res) => {
    respond(parts, req)
      .then((reply) => {
        res.writeHead(reply.status, { ...reply.headers, 'content-length': reply.body.length });
        res.end(reply.body);
      })
      .catch(() => res.destroy()); // the client went away
  });
}

async function respond(parts: GatewayParts, req: http.IncomingMessage): Promise<WireResponse> {
  try {
    const request: WireRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: await readBody(req) };
    const target = asString(request.headers['x-amz-target']) ?? '';
    const operation = request.method === 'POST' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const handler = Object.hasOwn(HANDLERS, operation) ? HANDLERS[operation] : undefined;
    const input = handler ? parseJsonObject(request.body) : undefined;
    if (!handler || !input) return await parts.upstream.forward(request);
    return await handler(parts, input, request);
  } catch (err) {
    if (err instanceof DynamoError) return errorResponse(err);
    parts.logger.error('gateway request failed', { error: err instanceof Error ? err.stack : String(err) });
    return jsonResponse(500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' });
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () =>
      size > MAX_REQUEST_BYTES
        ? reject(new DynamoError(413, 'com.amazon.coral.service#RequestEntityTooLarge', 'Request entity too large'))
        : resolve(Buffer.concat(chunks)),
    );
  });
}

/** UpdateTimeToLive, which dynalite lacks: records the attribute the sweeper watches. */
async function updateTimeToLive(p: GatewayParts, input: JsonObject): Promise<WireResponse> {
  const table = asString(input.TableName);
  const spec = isObject(input.TimeToLiveSpecification) ? input.TimeToLiveSpecification : undefined;
  const attribute = asString(spec?.AttributeName);
  if (!table || !spec || !attribute || typeof spec.Enabled !== 'boolean') {
    throw validationError('1 validation error detected: TableName and TimeToLiveSpecification (AttributeName, Enabled) are required');
  }
  await p.upstream.call('DescribeTable', { TableName: table }); // ResourceNotFoundException if missing
  const current = p.catalog.ttlAttribute(table);
  if (spec.Enabled && current) throw validationError('TimeToLive is already enabled');
  if (!spec.Enabled && !current) throw validationError('TimeToLive is already disabled');
  p.catalog.setTtlAttribute(table, spec.Enabled ? attribute : undefined);
  return jsonResponse(200, { TimeToLiveSpecification: { AttributeName: attribute, Enabled: spec.Enabled } });
}

async function describeTimeToLive(p: GatewayParts, input: JsonObject): Promise<WireResponse> {
  const table = asString(input.TableName) ?? '';
  await p.upstream.call('DescribeTable', { TableName: table });
  const attribute = p.catalog.ttlAttribute(table);
  return jsonResponse(200, {
    TimeToLiveDescription: attribute ? { TimeToLiveStatus: 'ENABLED', AttributeName: attribute } : { TimeToLiveStatus: 'DISABLED' },
  });
}

/** CreateTable/UpdateTable/DeleteTable: forwarded; the cached key schema is dropped and a
 * StreamSpecification (which dynalite ignores) switches the table's change records on or off. */
function tableChange(descriptionMember: 'TableDescription' | undefined): Handler {
  return async (p, input, request) => {
    const answer = await p.upstream.forward(request);
    const table = asString(input.TableName);
    if (answer.status !== 200 || !table) return answer;
    p.catalog.forget(table);
    const spec = isObject(input.StreamSpecification) ? input.StreamSpecification : undefined;
    if (typeof spec?.StreamEnabled === 'boolean') p.catalog.setStream(table, spec.StreamEnabled);
    return descriptionMember ? withStreamInfo(p, input, answer, descriptionMember) : answer;
  };
}

/** Adds StreamSpecification / LatestStreamArn to a table description when the table streams. */
function withStreamInfo(p: GatewayParts, input: JsonObject, answer: WireResponse, member: 'Table' | 'TableDescription'): WireResponse {
  const table = asString(input.TableName);
  if (answer.status !== 200 || !table || !p.catalog.streamEnabled(table)) return answer;
  const body = parseJsonObject(answer.body);
  const description = body?.[member];
  if (!body || !isObject(description)) return answer;
  const withStream = {
    ...body,
    [member]: {
      ...description,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      LatestStreamLabel: p.feed.label,
      LatestStreamArn: p.feed.streamArn(table),
    },
  };
  return jsonResponse(200, withStream, asString(answer.headers['x-amzn-requestid']));
}
