import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface ApiEventInput {
  method: string;
  path: string;
  /** The API Gateway route key of an explicit route (`GET /settings/organisation`), or `$default`. */
  routeKey: string;
  token: string;
  /** The claims API Gateway's JWT authorizer puts in `requestContext.authorizer.jwt`. */
  claims: Record<string, string | number | boolean | string[]>;
}

/** An API Gateway HTTP API (payload v2.0) event as AWS sends it for a browser call behind a JWT authorizer. */
export function apiGatewayV2Event(input: ApiEventInput): APIGatewayProxyEventV2 & { requestContext: { authorizer: unknown } } {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.path,
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br, zstd',
      'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8',
      authorization: `Bearer ${input.token}`,
      'content-length': '0',
      host: 'api.cloudmanager.example.com',
      origin: 'http://localhost:5173',
      referer: 'http://localhost:5173/admin/settings',
      'sec-fetch-mode': 'cors',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      'x-amzn-trace-id': 'Root=1-67a0c0de-0123456789abcdef01234567',
      'x-forwarded-for': '203.0.113.17',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      authorizer: { jwt: { claims: input.claims, scopes: null } },
      domainName: 'api.cloudmanager.example.com',
      domainPrefix: 'api',
      http: {
        method: input.method,
        path: input.path,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.17',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      },
      requestId: 'Xh7Kqj4sDoEEJ2g=',
      routeKey: input.routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
  };
}

/** A Lambda context like the runtime's, including getRemainingTimeInMillis (middy arms its early-timeout timer with it). */
export function lambdaContext(invocation: number, functionName = 'cloudmanager-api-settings'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: `c6af9ac6-7b61-11e6-9a41-${invocation.toString(16).padStart(12, '0')}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2025/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
