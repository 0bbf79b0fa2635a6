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

/** Binds the context to the rest of this invocation's async flow. */
export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
