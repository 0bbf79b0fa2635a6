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
    await markContacts(email, detail, at);
  }
  return suppressed;
}

async function markContacts(email: string, detail: string, at: string): Promise<void> {
  const { data: users } = await User.query.byEmail({ directory: 'users', emailLower: email }).go({ attributes: ['userId'] });
  for (const { userId } of users) {
    const { data: contacts } = await CustomerContact.query.byUser({ userId }).go({ attributes: ['customerId', 'userId'] });
    for (const c of contacts) {
      await CustomerContact.patch({ customerId: c.customerId, userId: c.userId })
        .set({ emailBouncedAt: at, emailBounceDetail: detail })
        .add({ version: 1 })
        .go()
        .catch((err: unknown) => {
          if (!isConditionalCheckFailed(err)) throw err;
        });
    }
  }
}
