import { MailSuppression, type MailSuppressionItem } from '../db/entities/mail-suppression.js';
import { isConditionalCheckFailed } from '../db/errors.js';

/** True when the address must never be mailed (bounce, complaint, manual). */
export async function isSuppressed(email: string): Promise<boolean> {
  const { data } = await MailSuppression.get({ email: email.toLowerCase() }).go({ attributes: ['email'] });
  return !!data;
}

/**
 * Adds an address to the suppression list; an address already listed keeps its first entry
 * (so a redelivered SES event changes nothing). Returns whether it was added now.
 */
export async function suppressAddress(entry: Pick<MailSuppressionItem, 'email' | 'reason'> & Partial<Pick<MailSuppressionItem, 'detail' | 'sourceId' | 'createdBy'>>): Promise<boolean> {
  try {
    await MailSuppression.create({
      email: entry.email.toLowerCase(),
      reason: entry.reason,
      ...(entry.detail ? { detail: entry.detail.slice(0, 2000) } : {}),
      ...(entry.sourceId ? { sourceId: entry.sourceId } : {}),
      ...(entry.createdBy ? { createdBy: entry.createdBy } : {}),
    }).go();
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}
