import { recordAuthEvent, type AuthEventName } from '../audit/auth-events.js';
import { logger } from '../observability.js';

/**
 * Auth events for the audit trail (issue 3 item 6). Each event type is emitted from exactly one
 * place in shared/identity, through `emitAuthEvent` below (shared/audit `recordAuthEvent`).
 */
export type AuthEventType =
  | 'registration.started'
  | 'registration.verified'
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'sign_in.locked_out'
  | 'sign_in.refused_while_locked'
  | 'sign_in.backup_code_used'
  | 'sign_in.new_password_set'
  | 'session.refreshed'
  | 'session.signed_out'
  | 'session.revoked'
  | 'sessions.revoked_all'
  | 'password.reset_requested'
  | 'password.reset'
  | 'password.changed'
  | 'email.change_requested'
  | 'email.changed'
  | 'mfa.setup_started'
  | 'mfa.enabled'
  | 'mfa.disabled'
  | 'mfa.backup_codes_regenerated';

export interface AuthEvent {
  type: AuthEventType;
  /** The user it concerns, when known (never for unknown addresses). */
  userId?: string;
  email?: string;
  sessionId?: string;
  ip?: string;
  userAgent?: string;
  /** Extra facts (outcome, counts); never secrets, codes or tokens. */
  details?: Record<string, string | number | boolean>;
}

const auditNames: Record<AuthEventType, { name: AuthEventName; outcome: 'success' | 'failure' }> = {
  'registration.started': { name: 'auth.sign_up', outcome: 'success' },
  'registration.verified': { name: 'auth.email_verified', outcome: 'success' },
  'sign_in.succeeded': { name: 'auth.sign_in', outcome: 'success' },
  'sign_in.failed': { name: 'auth.sign_in', outcome: 'failure' },
  'sign_in.locked_out': { name: 'auth.locked', outcome: 'failure' },
  'sign_in.refused_while_locked': { name: 'auth.sign_in', outcome: 'failure' },
  'sign_in.backup_code_used': { name: 'auth.backup_code_used', outcome: 'success' },
  'sign_in.new_password_set': { name: 'auth.new_password_set', outcome: 'success' },
  'session.refreshed': { name: 'auth.session_refreshed', outcome: 'success' },
  'session.signed_out': { name: 'auth.sign_out', outcome: 'success' },
  'session.revoked': { name: 'auth.session_revoked', outcome: 'success' },
  'sessions.revoked_all': { name: 'auth.sessions_revoked', outcome: 'success' },
  'password.reset_requested': { name: 'auth.password_reset_requested', outcome: 'success' },
  'password.reset': { name: 'auth.password_reset', outcome: 'success' },
  'password.changed': { name: 'auth.password_changed', outcome: 'success' },
  'email.change_requested': { name: 'auth.email_change_requested', outcome: 'success' },
  'email.changed': { name: 'auth.email_changed', outcome: 'success' },
  'mfa.setup_started': { name: 'auth.mfa_setup_started', outcome: 'success' },
  'mfa.enabled': { name: 'auth.mfa_enabled', outcome: 'success' },
  'mfa.disabled': { name: 'auth.mfa_disabled', outcome: 'success' },
  'mfa.backup_codes_regenerated': { name: 'auth.backup_codes_generated', outcome: 'success' },
};

/** The single hand-off of every auth event of the identity module to the audit trail (shared/audit). */
export async function emitAuthEvent(event: AuthEvent): Promise<void> {
  const { name, outcome } = auditNames[event.type];
  const reason = outcome === 'failure' ? String(event.details?.outcome ?? 'locked') : undefined;
  logger.info('auth event', { authEvent: event.type, userId: event.userId, sessionId: event.sessionId, ...(reason ? { reason } : {}) });
  await recordAuthEvent({
    name,
    outcome,
    ...(event.userId ? { userId: event.userId } : {}),
    ...(event.email ? { email: event.email } : {}),
    ...(reason ? { reason } : {}),
    details: { ...(event.sessionId ? { sessionId: event.sessionId } : {}), ...event.details },
    ...(event.ip ? { ip: event.ip } : {}),
    ...(event.userAgent ? { userAgent: event.userAgent } : {}),
  });
}
