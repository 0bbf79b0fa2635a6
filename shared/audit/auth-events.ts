import { currentRequestContext } from '../http/request-context.js';
import type { AuditActor } from './entry.js';
import { auditStateOf } from './request-state.js';

/** Auth events the identity module records; other `auth.*` names are accepted too. */
export const authEventNames = [
  'auth.sign_up',
  'auth.email_verified',
  'auth.sign_in',
  'auth.sign_out',
  'auth.locked',
  'auth.mfa_enabled',
  'auth.mfa_disabled',
  'auth.mfa_reset',
  'auth.backup_codes_generated',
  'auth.backup_code_used',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.email_changed',
  'auth.session_revoked',
  'auth.sessions_revoked',
] as const;

export type AuthEventName = (typeof authEventNames)[number] | `auth.${string}`;

export interface AuthEvent {
  name: AuthEventName;
  outcome: 'success' | 'failure';
  /** The user the event is about, when known (also for a failed sign-in of an existing account). */
  userId?: string;
  email?: string;
  role?: string;
  /** Stable reason of a failure: `wrong_password`, `wrong_code`, `locked`, `unknown_user`, ... */
  reason?: string;
  /** Extra facts; members named like secrets (hash, token, password, ...) are redacted. */
  details?: Record<string, string | number | boolean>;
  /** Outside an API request (e.g. a Cognito trigger): where the attempt came from. */
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

/**
 * Appends an auth event to the audit trail, with the current request's id, IP and user agent.
 * Within an API request it replaces that request's generic record (it says more).
 */
export async function recordAuthEvent(event: AuthEvent): Promise<void> {
  const request = currentRequestContext();
  const signedIn = request?.actor.kind === 'user' ? request.actor : undefined;
  const actor: AuditActor = event.userId
    ? { kind: 'user', userId: event.userId, email: event.email, role: event.role ?? (signedIn?.userId === event.userId ? signedIn.role : undefined) }
    : signedIn
      ? { kind: 'user', userId: signedIn.userId, role: signedIn.role, email: event.email }
      : { kind: 'anonymous', email: event.email };
  const userId = event.userId ?? signedIn?.userId;
  // Loaded on the first auth event, as in request-audit.ts: building the chain's entities is
  // cold-start time that requests recording no event never need.
  const { appendAuditRecord } = await import('./chain.js');
  await appendAuditRecord({
    kind: 'auth',
    action: event.name,
    outcome: event.outcome,
    actor,
    ...(userId ? { target: { type: 'user', id: userId } } : {}),
    details: { ...(event.reason ? { reason: event.reason } : {}), ...event.details },
    requestId: event.requestId ?? request?.requestId,
    ip: event.ip ?? request?.ip,
    userAgent: event.userAgent ?? request?.userAgent,
  });
  if (request) auditStateOf(request).audited = true;
}
