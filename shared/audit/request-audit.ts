import { AppError } from '../errors.js';
import { requestIdOf, type ApiMiddleware, type ApiRequest } from '../http/context.js';
import type { Route } from '../http/route.js';
import { routeKey } from '../http/route.js';
import { logger } from '../observability.js';
import { auditActor } from './entry.js';
import { auditStateOf, type RequestAuditState } from './request-state.js';

/** The object a route acts on: its last path parameter (`/users/{userId}/role` → user, the id). */
export function routeTarget(route: Pick<Route, 'path'>, params: Record<string, string> | undefined) {
  const name = [...route.path.matchAll(/\{(\w+)\}/g)].at(-1)?.[1];
  const id = name ? params?.[name] : undefined;
  if (!name || !id) return undefined;
  return { type: name.replace(/Id$/, ''), id };
}

/**
 * The target of a request record: routes under a customer (`/customers/{customerId}/...`) are
 * filed under the customer (A6 finds them with its other records), the object they act on, when
 * another, kept as `object`; any other route targets its last path parameter.
 */
export function requestTarget(route: Pick<Route, 'path'>, params: Record<string, string> | undefined) {
  const own = routeTarget(route, params);
  const customerId = route.path.startsWith('/customers/{customerId}') ? params?.customerId : undefined;
  if (!customerId) return { target: own };
  const target = { type: 'customer', id: customerId };
  return own && own.type !== 'customer' ? { target, object: own } : { target };
}

async function appendRequestRecord(request: ApiRequest, outcome: 'success' | 'failure', details: Record<string, unknown>) {
  const route = request.context.route!;
  const { http } = request.event.requestContext;
  const { target, object } = requestTarget(route, request.context.params);
  // Loaded on the first state-changing request: GET-only Lambdas never pay for it at cold start.
  const { appendAuditRecord } = await import('./chain.js');
  await appendAuditRecord({
    kind: 'request',
    action: route.operationId,
    outcome,
    actor: auditActor(request.context.actor),
    ...(target ? { target } : {}),
    details: { route: routeKey(route), ...(object ? { object } : {}), ...details },
    requestId: requestIdOf(request),
    ip: http.sourceIp,
    userAgent: http.userAgent,
  });
}

function stateOf(request: ApiRequest): RequestAuditState {
  const context = request.context.requestContext;
  return context ? auditStateOf(context) : { writes: 0, audited: false };
}

/**
 * Audits every state-changing request, whatever its handler does: after a successful non-GET
 * route it appends a request record (unless the route already recorded an auth event), and a
 * failed request that still wrote something gets a failure record. Data changes themselves are
 * recorded from the table stream with the same request id (shared/audit/reactor.ts).
 */
export function auditRequests(): ApiMiddleware {
  return {
    after: async (request) => {
      const route = request.context.route;
      if (!route || route.method === 'GET') return;
      const state = stateOf(request);
      if (state.audited) return;
      await appendRequestRecord(request, 'success', { status: request.response?.statusCode ?? route.status ?? 200 });
      state.audited = true;
    },
    onError: async (request) => {
      const route = request.context.route;
      const state = stateOf(request);
      if (!route || route.method === 'GET' || state.audited || state.writes === 0) return;
      const error = request.error;
      const status = error instanceof AppError ? error.statusCode : 500;
      const code = error instanceof AppError ? error.code : 'internal_error';
      try {
        await appendRequestRecord(request, 'failure', { status, code });
        state.audited = true;
      } catch (err) {
        // Never hide the request's own error; the stream still records the data change.
        logger.error('audit record for a failed request not written', { error: err as Error });
      }
    },
  };
}
