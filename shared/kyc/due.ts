/**
 * Expiry due times of an approved KYC document (pure; shared/kyc/expiry.ts acts on them).
 * A document expires at 00:00 UTC of its `expiresOn` date; reminders go 30 and 7 days before.
 */
export type DueStep = 'reminder30' | 'reminder7' | 'expire';

export const kycDuePartition = 'kycExpiry';

const day = 24 * 60 * 60 * 1000;

export function expiryInstant(expiresOn: string): Date {
  return new Date(`${expiresOn}T00:00:00.000Z`);
}

/** When each step falls due. */
export function stepTimes(expiresOn: string): Record<DueStep, Date> {
  const at = expiryInstant(expiresOn).getTime();
  return { reminder30: new Date(at - 30 * day), reminder7: new Date(at - 7 * day), expire: new Date(at) };
}

/**
 * The step to take at `now` for a document whose next due step came up: the latest one whose time
 * has passed (a document first seen within 7 days gets the 7-day reminder, not the 30-day one;
 * one past its date just expires). Null when nothing is due yet.
 */
export function stepAt(expiresOn: string, now: Date): DueStep | null {
  const t = stepTimes(expiresOn);
  if (now >= t.expire) return 'expire';
  if (now >= t.reminder7) return 'reminder7';
  if (now >= t.reminder30) return 'reminder30';
  return null;
}

/** What comes after `step`: the next due time, or null when nothing remains due. */
export function nextAfter(expiresOn: string, step: DueStep): Date | null {
  const t = stepTimes(expiresOn);
  if (step === 'reminder30') return t.reminder7;
  if (step === 'reminder7') return t.expire;
  return null;
}

/** The `duesk` value of the due index: time-sortable, unique per document. */
export const dueSortKey = (at: Date, documentId: string) => `${at.toISOString()}#${documentId}`;

/** The due attributes for a freshly approved document: its first step (possibly already past; the next sweep takes it). */
export function initialDue(expiresOn: string, documentId: string): { duepk: string; duesk: string } {
  return { duepk: kycDuePartition, duesk: dueSortKey(stepTimes(expiresOn).reminder30, documentId) };
}

/** Whole days from `now` until the document expires (rounded up). */
export function daysLeft(expiresOn: string, now: Date): number {
  return Math.max(0, Math.ceil((expiryInstant(expiresOn).getTime() - now.getTime()) / day));
}
