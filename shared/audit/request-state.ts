import type { RequestContext } from '../http/request-context.js';

/** What the audit layer notes about one request: business writes done, and whether it already audited itself. */
export interface RequestAuditState {
  writes: number;
  /** An auth event was recorded for this request: the generic request record would only repeat it. */
  audited: boolean;
}

const states = new WeakMap<RequestContext, RequestAuditState>();

export function auditStateOf(context: RequestContext): RequestAuditState {
  let state = states.get(context);
  if (!state) {
    state = { writes: 0, audited: false };
    states.set(context, state);
  }
  return state;
}
