/**
 * Staff answering a ticket from their mail client (a reply to a notification): the mail is the
 * staff member's, not the customer's. It becomes a public reply only when SES vouches for the
 * From domain; otherwise an internal note, so a forged From never speaks to a customer.
 */
import type { UserActor } from '../auth/actor.js';
import type { Role } from '../auth/permissions.js';
import { User, type UserItem } from '../db/entities/user.js';
import { permissionsFor } from '../roles/matrix.js';

/** The active staff account with this address, if any. */
export async function staffByEmail(email: string): Promise<UserItem | undefined> {
  const { data } = await User.query.byEmail({ directory: 'users', emailLower: email.toLowerCase() }).go();
  return data.find((u) => u.kind === 'staff' && u.status === 'active');
}

/** The staff member as the API sees them: permissions from the role matrix, as on a request. */
export async function staffActor(user: UserItem): Promise<UserActor> {
  return {
    kind: 'user',
    userId: user.userId,
    username: user.email,
    // A custom role id is a string the built-in `Role` type does not list (as in resolve-actor.ts).
    role: user.role as Role,
    groups: [],
    permissions: await permissionsFor(user.role),
    isStaff: true,
    mfaEnrolled: true,
    clientId: 'mail',
    authTime: 0,
  };
}

/**
 * SES vouches for the From domain: DMARC passed, or (no DMARC verdict against it) both DKIM and
 * SPF passed. SPF alone checks the envelope domain and DKIM alone any signing domain.
 */
export function senderAuthenticated(verdicts: Readonly<Record<string, string>> | undefined): boolean {
  if (!verdicts || verdicts.dmarc === 'FAIL') return false;
  return verdicts.dmarc === 'PASS' || (verdicts.dkim === 'PASS' && verdicts.spf === 'PASS');
}
