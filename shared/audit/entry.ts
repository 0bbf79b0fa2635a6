import type { Actor } from '../auth/actor.js';

/** One changed field; `redacted` fields say that they changed, never what to. */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
  redacted?: true;
}

/** `system`: no request behind it (seeding, schedules, TTL); `unknown`: a deletion seen in the stream (its request record names who). */
export interface AuditActor {
  kind: 'user' | 'anonymous' | 'system' | 'unknown';
  userId?: string;
  email?: string;
  role?: string;
}

/** What a caller appends; the chain adds day, seq, time and hashes. */
export interface AuditEntry {
  kind: 'request' | 'change' | 'auth';
  /** The route's operationId, an auth event name (`auth.sign_in`), or `<entity>.<verb>` for system changes. */
  action: string;
  outcome?: 'success' | 'failure';
  actor: AuditActor;
  target?: { type: string; id: string };
  changes?: FieldChange[];
  details?: Record<string, unknown>;
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

/** Field names whose values never enter the trail, whatever the entity (defence in depth). */
const secretName = /hash|secret|sealed|password|passwd|token|private.?key|api.?key/i;

export function isSecretField(name: string): boolean {
  return secretName.test(name);
}

/** Longest user agent kept; the rest is cut. */
const maxUserAgent = 512;

export function clipUserAgent(userAgent: string | undefined): string | undefined {
  return userAgent === undefined ? undefined : userAgent.slice(0, maxUserAgent);
}

/** Details with secret-looking members replaced, for auth events and request records. */
export function safeDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!details) return undefined;
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, isSecretField(k) ? '[redacted]' : v]));
}

/** The acting user as the trail shows it. Email only when the actor carries one. */
export function auditActor(actor: Actor | undefined): AuditActor {
  if (!actor || actor.kind === 'anonymous') return { kind: 'anonymous' };
  const email = (actor as { email?: unknown }).email;
  return {
    kind: 'user',
    userId: actor.userId,
    role: actor.role,
    ...(typeof email === 'string' ? { email } : actor.username.includes('@') ? { email: actor.username } : {}),
  };
}

/** The by-target index key (`A6`); `-` for records without a target. */
export function targetKey(type: string, id: string): string {
  return `${type}#${id}`;
}
