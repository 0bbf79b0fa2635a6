import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../auth/actor.js';

/** Who is doing what, for code below the handler (e.g. audit stamping) without passing it around. */
export interface RequestContext {
  requestId: string;
  operationId: string;
  actor: Actor;
  ip: string;
  userAgent: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs `fn` (the route handler) with the context bound to it and everything it awaits. `run`, not
 * `enterWith`: a context entered inside a middleware leaks into the caller's flow and the next
 * invocation in the same process, while a later `enterWith` may not reach the handler at all.
 */
export function runInRequestContext<T>(context: RequestContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
