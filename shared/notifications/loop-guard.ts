import { MailRate } from '../db/entities/mail-rate.js';

/** `YYYY-MM-DDTHH` (UTC) of a moment. */
export const hourOf = (at: Date) => at.toISOString().slice(0, 13);

/**
 * Counts one automatic mail to `email` in the current clock hour (atomic ADD; the counter expires
 * two hours after its hour) and says whether it stays within `limit`. Over the limit nothing is
 * sent: two auto-responders answering each other stop after `limit` mails an hour.
 */
export async function withinAutoMailLimit(email: string, limit: number, now = new Date()): Promise<boolean> {
  const hour = hourOf(now);
  const expiresAt = Math.floor(Date.parse(`${hour}:00:00.000Z`) / 1000) + 3 * 3600;
  const { data } = await MailRate.update({ email: email.toLowerCase(), hour })
    .add({ count: 1 })
    .set({ expiresAt })
    .go({ response: 'all_new' });
  return (data.count ?? 0) <= limit;
}
