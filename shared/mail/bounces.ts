import { CustomerContact } from '../db/entities/customer-contact.js';
import { MailSuppression } from '../db/entities/mail-suppression.js';
import { User } from '../db/entities/user.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import type { BounceReport } from './parsed.js';

const systemUser = 'system:mail';

/**
 * A bounce report received by mail: every contact record of each failed address gets
 * `emailBouncedAt`/`emailBounceDetail` (what agents see on the contact); permanent failures are
 * also suppressed (MailSuppression reason `bounce`; an existing suppression is kept as it is).
 * Returns the addresses suppressed now.
 */
export async function recordBounce(report: BounceReport, inboundId: string, at = new Date().toISOString()): Promise<string[]> {
  const suppressed: string[] = [];
  const detail = report.detail.slice(0, 1000);
  for (const email of [...new Set(report.recipients.map((r) => r.trim().toLowerCase()).filter((r) => r.includes('@')))]) {
    if (report.kind === 'permanent') {
      try {
        await MailSuppression.create({ email, reason: 'bounce', detail, sourceId: inboundId, createdBy: systemUser }).go();
        suppressed.push(email);
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
      }
    }
    await markContactsBounced(email, detail, at);
  }
  return suppressed;
}

/** Every contact record of the users with this address (their accounts, as contacts of customers). */
async function contactsOf(email: string): Promise<{ customerId: string; userId: string }[]> {
  const { data: users } = await User.query.byEmail({ directory: 'users', emailLower: email.toLowerCase() }).go({ attributes: ['userId'] });
  const found: { customerId: string; userId: string }[] = [];
  for (const { userId } of users) {
    const { data: contacts } = await CustomerContact.query.byUser({ userId }).go({ attributes: ['customerId', 'userId'] });
    found.push(...contacts);
  }
  return found;
}

/** Flags the address's contact records (shown on the contact: mail to it bounced, when and why). */
export async function markContactsBounced(email: string, detail: string, at = new Date().toISOString()): Promise<void> {
  for (const c of await contactsOf(email)) {
    await CustomerContact.patch(c)
      .set({ emailBouncedAt: at, emailBounceDetail: detail.slice(0, 1000) })
      .add({ version: 1 })
      .go()
      .catch((err: unknown) => {
        if (!isConditionalCheckFailed(err)) throw err;
      });
  }
}

/** Clears the flag (an admin lifted the suppression: the address is to be mailed again). */
export async function clearContactsBounced(email: string): Promise<void> {
  for (const c of await contactsOf(email)) {
    await CustomerContact.patch(c)
      .remove(['emailBouncedAt', 'emailBounceDetail'])
      .add({ version: 1 })
      .go()
      .catch((err: unknown) => {
        if (!isConditionalCheckFailed(err)) throw err;
      });
  }
}
