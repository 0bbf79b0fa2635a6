import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { actorFromClaims, type AccessClaims } from '../auth/actor.js';
import { csv, parseEnv } from '../config.js';
import { logger, metrics } from '../observability.js';
import type { ApiContext } from './context.js';
import { runInRequestContext } from './request-context.js';
import { authenticate, type ResolveActor, type VerifyToken } from './middlewares/authenticate.js';
import { mapErrors } from './middlewares/map-errors.js';
import { parseInput } from './middlewares/parse-input.js';
import { auditRequests } from '../audit/request-audit.js';
import { resolveRoute } from './middlewares/resolve-route.js';
import type { Route } from './route.js';

const env = parseEnv(z.object({ CORS_ORIGINS: csv.default(['http://localhost:5173']) }));

export const corsOptions = {
  origins: env.CORS_ORIGINS,
  headers: 'authorization,content-type,x-request-id',
  methods: 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
  exposeHeaders: 'x-request-id',
  maxAge: 600,
};

export interface PipelineOptions {
  /** Token verification; defaults to aws-jwt-verify against the configured issuer. */
  verify?: VerifyToken;
  /**
   * Claims → acting user; defaults to shared/identity/resolve-actor.ts (user record + token
   * registration, one read). Tests may pass `claimsOnlyActor` to act on the token's groups alone.
   */
  resolveActor?: ResolveActor;
}

async function defaultVerify(token: string) {
  const { verifyAccessToken } = await import('../auth/verifier.js');
  return verifyAccessToken(token);
}

async function defaultResolveActor(claims: AccessClaims) {
  const { resolveActor } = await import('../identity/resolve-actor.js');
  return resolveActor(claims);
}

/** The actor from the token's claims alone (groups → role), with no reads: for unit tests of routes. */
export const claimsOnlyActor: ResolveActor = async (claims) => actorFromClaims(claims);

/** Runs the resolved route's handler with the typed input and shapes the response. */
async function runRoute(event: APIGatewayProxyEventV2, context: ApiContext): Promise<APIGatewayProxyStructuredResultV2> {
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

/**
 * One middy stack for every API Lambda: logger and metrics context → route → JWT auth and
 * permission → zod input → handler → audit record (every non-GET route) → error mapper →
 * security headers and CORS.
 */
export function createApiHandler(routes: readonly Route[], options: PipelineOptions = {}) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(httpSecurityHeaders())
    .use(httpCors(corsOptions))
    .use(mapErrors())
    .use(resolveRoute(routes))
    .use(authenticate(options.verify ?? defaultVerify, options.resolveActor ?? defaultResolveActor))
    .use(parseInput())
    .use(auditRequests())
    .handler(runRoute);
}

export type ApiHandler = ReturnType<typeof createApiHandler>;
