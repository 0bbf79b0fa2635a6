import type { UserActor } from '../auth/actor.js';
import { defaultRolePermissions } from '../auth/permissions.js';

/**
 * The actor of changes the mail pipeline makes (tickets opened by email, timeline entries). It is
 * never an API caller: no token can resolve to it. Messages from a sender are posted as that sender.
 */
export const mailSystemActor: UserActor = {
  kind: 'user',
  userId: 'system:mail',
  username: 'mail',
  role: 'agent',
  groups: [],
  permissions: new Set(defaultRolePermissions.agent),
  isStaff: true,
  mfaEnrolled: true,
  clientId: 'mail',
  authTime: 0,
};

/**
 * The actor an emailed reply is posted as: the sender's user id when they have an account, else
 * `email:<address>`. Not staff, so the helpdesk's customer-reply rules (reopen, follow-up) apply.
 */
export function senderActor(email: string, userId?: string): UserActor {
  return { ...mailSystemActor, userId: userId ?? `email:${email}`, username: email, role: 'customer', permissions: new Set(defaultRolePermissions.customer), isStaff: false };
}
