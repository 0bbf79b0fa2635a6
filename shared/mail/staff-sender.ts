/**
 * Staff answering a ticket from their mail client (a reply to a notification): the mail is the
 * staff member's, not the customer's. It becomes a public reply only when SES vouches for the
 * From domain; otherwise an internal note, so a forged From never speaks to a customer.
 */
import type { UserActor } from '../auth/actor.js';
import type { UserItem } from '../db/entities/user.js';
import { actorFromUser } from '../identity/resolve-actor.js';
import { userByEmail } from './senders.js';

/** The active staff account with this address, if any. */
export async function staffByEmail(email: string): Promise<UserItem | undefined> {
  const user = await userByEmail(email, 'staff');
  return user?.status === 'active' ? user : undefined;
}

/** The staff member as the API would see them on a request (shared/identity actorFromUser). */
export const staffActor = (user: UserItem): Promise<UserActor> =>
  actorFromUser(user, { username: user.email, groups: [], clientId: 'mail', authTime: 0 });

/**
 * SES vouches for the From domain: DMARC passed, or (no DMARC verdict against it) both DKIM and
 * SPF passed. SPF alone checks the envelope domain and DKIM alone any signing domain.
 */
export function senderAuthenticated(verdicts: Readonly<Record<string, string>> | undefined): boolean {
  if (!verdicts || verdicts.dmarc === 'FAIL') return false;
  return verdicts.dmarc === 'PASS' || (verdicts.dkim === 'PASS' && verdicts.spf === 'PASS');
}
