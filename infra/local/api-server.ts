import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiDomain } from '../../functions/api/routes.js';
import { Router } from '../../shared/http/router.js';
import { routeKey } from '../../shared/http/route.js';
import { invokeEntry } from './lambda.js';

export interface ApiServerOptions {
  port: number;
  domains: readonly ApiDomain[];
  fallbackEntry: string;
  corsOrigins: string[];
  openApi: () => unknown;
  /** Hard cap like API Gateway's 10 MB payload limit; the pipeline itself answers 413 above 1 MB. */
  maxBytes?: number;
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The API Gateway HTTP API (payload 2.0) event for a request, as AWS builds it. */
export function toEvent(req: IncomingMessage, body: Buffer, key: string, params: Record<string, string> | undefined): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const isText = /json|text|xml|urlencoded/i.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(params && Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !isText } : { isBase64Encoded: false }),
  } as APIGatewayProxyEventV2;
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  res.statusCode = result.statusCode ?? 200;
  for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, String(v));
  for (const c of result.cookies ?? []) res.appendHeader('set-cookie', c);
  res.end(result.body ? (result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body) : undefined);
}

/**
 * The local API Gateway: routes from the route table, CORS preflight like the HTTP API's CORS
 * configuration, and the same domain Lambda handlers (same middlewares) invoked in-process.
 */
export async function startApiServer(options: ApiServerOptions) {
  const router = new Router(options.domains.flatMap((d) => d.routes));
  const entryByKey = new Map(options.domains.flatMap((d) => d.routes.map((r) => [routeKey(r), d.entry] as const)));
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;

  const server = createServer(async (req, res) => {
    try {
      const origin = req.headers.origin;
      if (origin && options.corsOrigins.includes(origin)) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'Origin');
      }
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.setHeader('access-control-allow-methods', 'GET,POST,PUT,PATCH,DELETE,OPTIONS');
        res.setHeader('access-control-allow-headers', 'authorization,content-type,x-request-id');
        res.setHeader('access-control-max-age', '600');
        res.statusCode = 204;
        return res.end();
      }
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method === 'GET' && path === '/openapi.json') {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(options.openApi()));
      }
      const body = await readBody(req, maxBytes);
      if (body === 'too_large') {
        res.statusCode = 413;
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
      }
      const match = router.match(req.method ?? 'GET', path);
      const key = match.kind === 'route' ? routeKey(match.route) : '$default';
      const entry = match.kind === 'route' ? entryByKey.get(key)! : options.fallbackEntry;
      const event = toEvent(req, body, key, match.kind === 'route' ? match.params : undefined);
      const result = (await invokeEntry(entry, event)) as APIGatewayProxyStructuredResultV2;
      send(res, result);
    } catch (err) {
      console.error('[api] handler crashed', err);
      res.statusCode = 502;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
