import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** The claims API Gateway's JWT authorizer passes in `requestContext.authorizer.jwt.claims`. */
export type JwtClaims = APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer']['jwt']['claims'];

export interface ApiGatewayEventOptions {
  method: string;
  /** The request path as the client sent it (`rawPath` and `requestContext.http.path`). */
  path: string;
  /** The matched route key; default `${method} ${path}`. `$default` when the catch-all route took the request. */
  routeKey?: string;
  /** Merged over the defaults a browser call through API Gateway carries; names are lower-cased, as API Gateway does. */
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  /** Default: a fresh id per call. */
  requestId?: string;
  /** When given, the event carries a JWT authorizer result with these claims (`scopes: null`, as for Cognito access tokens). */
  claims?: JwtClaims;
}

const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0 Safari/537.36';
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2025:19:03:58 +0000`, the format of `requestContext.time`. */
function gatewayTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/**
 * An API Gateway HTTP API (payload format 2.0) event as AWS sends it: lower-case headers with the
 * ones API Gateway adds (x-forwarded-*, x-amzn-trace-id), content-length when there is a body, and
 * a request context consistent with them (host = domainName, user-agent, source IP).
 */
export function apiGatewayEvent(options: ApiGatewayEventOptions & { claims: JwtClaims }): APIGatewayProxyEventV2WithJWTAuthorizer;
export function apiGatewayEvent(options: ApiGatewayEventOptions): APIGatewayProxyEventV2;
export function apiGatewayEvent(options: ApiGatewayEventOptions): APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer {
  const { method, path, headers = {}, body, isBase64Encoded = false, pathParameters, queryStringParameters, claims } = options;
  const routeKey = options.routeKey ?? `${method} ${path}`;
  const requestId = options.requestId ?? randomBytes(11).toString('base64');
  const timeEpoch = Date.now();
  const merged: Record<string, string> = {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    host: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    'user-agent': userAgent,
    'x-amzn-trace-id': `Root=1-${Math.floor(timeEpoch / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
    'x-forwarded-for': '203.0.113.24',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body, isBase64Encoded ? 'base64' : 'utf8')) } : {}),
    ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
  };
  const host = merged.host ?? 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: queryStringParameters ? new URLSearchParams(queryStringParameters).toString() : '',
    headers: merged,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: (merged['x-forwarded-for'] ?? '203.0.113.24').split(',')[0]!.trim(),
        userAgent: merged['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: gatewayTime(timeEpoch),
      timeEpoch,
    },
    ...(pathParameters ? { pathParameters } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded,
  };
}
