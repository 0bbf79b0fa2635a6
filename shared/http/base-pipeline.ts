import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { csv, parseEnv } from '../config.js';
import { MethodNotAllowedError, NotFoundError } from '../errors.js';
import { logger, metrics } from '../observability.js';
import type { ApiContext, ApiMiddleware } from './context.js';
import { runInRequestContext } from './request-context.js';
import { authenticate } from './middlewares/authenticate.js';
import { mapErrors } from './middlewares/map-errors.js';
import { parseInput } from './middlewares/parse-input.js';
import { resolveRoute } from './middlewares/resolve-route.js';
import type { Route } from './route.js';
import { Router, type RoutePattern } from './router.js';

/**
 * The part of the API pipeline every API Lambda shares, with nothing that reads the table: no
 * identity resolver, role matrix, audit trail or DynamoDB client. shared/http/pipeline.ts adds
 * those for the domains that have signed-in or state-changing routes; the public-only and
 * fallback Lambdas use the lean variants below and so never load them at cold start.
 */

const env = parseEnv(z.object({ CORS_ORIGINS: csv.default(['http://localhost:5173']) }));

export const corsOptions = {
  origins: env.CORS_ORIGINS,
  headers: 'authorization,content-type,x-request-id',
  methods: 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
  exposeHeaders: 'x-request-id',
  maxAge: 600,
};

/** Logger and metrics context → security headers and CORS → error mapper: the outer layers of every API Lambda. */
export function apiStack() {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(httpSecurityHeaders())
    .use(httpCors(corsOptions))
    .use(mapErrors());
}

/** Runs the resolved route's handler with the typed input and shapes the response. */
export async function runRoute(event: APIGatewayProxyEventV2, context: ApiContext): Promise<APIGatewayProxyStructuredResultV2> {
  const route = context.route!;
  const input = context.input!;
  const requestId = event.requestContext.requestId ?? context.awsRequestId;
  const result = await runInRequestContext(context.requestContext!, () => route.handler({ ...input, actor: context.actor!, requestId, event }));
  const status = route.status ?? 200;
  if (status === 204) return { statusCode: 204, headers: { 'x-request-id': requestId } };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify(result),
  };
}

async function noTokenVerification(): Promise<never> {
  throw new Error('a public-only API handler never verifies tokens');
}

/**
 * The pipeline of a Lambda whose routes are all public GETs (e.g. GET /health): the same stack as
 * createApiHandler, where such routes never verify a token, resolve a user or write an audit record,
 * so none of that is loaded. Refuses at cold start any route that would need them.
 */
export function createPublicApiHandler(routes: readonly Route[]) {
  const needsMore = routes.filter((route) => route.access !== 'public' || route.method !== 'GET');
  if (needsMore.length) {
    throw new Error(`createPublicApiHandler serves public GET routes only; use createApiHandler for ${needsMore.map((r) => r.operationId).join(', ')}`);
  }
  return apiStack()
    .use(resolveRoute(routes))
    .use(authenticate(noTokenVerification))
    .use(parseInput())
    .handler(runRoute);
}

/**
 * API Gateway's `$default` route: answers `not_found` or `method_not_allowed` in the API's error
 * shape from the method and path of every route (the generated route manifest), never running a
 * route: whatever API Gateway routed here matched none of them.
 */
export function createFallbackHandler(manifest: readonly RoutePattern[]) {
  const router = new Router(manifest);
  const answer: ApiMiddleware = {
    before: async ({ event }) => {
      const match = router.match(event.requestContext.http.method, event.rawPath);
      if (match.kind === 'method_not_allowed') throw new MethodNotAllowedError(match.allowed);
      throw new NotFoundError('No such route');
    },
  };
  return apiStack()
    .use(answer)
    .handler(async () => {
      throw new NotFoundError('No such route');
    });
}
