import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Actor } from '../auth/actor.js';
import type { RequestContext } from './request-context.js';
import type { Route } from './route.js';

/** The Lambda context, plus what the middlewares resolve for the handler. */
export interface ApiContext extends Context {
  route?: Route;
  params?: Record<string, string>;
  actor?: Actor;
  input?: { path: unknown; query: unknown; body: unknown };
  /** Who is doing what; the handler runs inside it (request-context.ts). */
  requestContext?: RequestContext;
}

export type ApiRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>;

export function requestIdOf(request: Pick<ApiRequest, 'event' | 'context'>): string {
  return request.event.requestContext?.requestId ?? request.context?.awsRequestId ?? 'unknown';
}

export type ApiMiddleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>;
