import { dueItems } from '../db/due.js';
import { Customer } from '../db/entities/customer.js';
import { KycDocument, type KycDocumentItem } from '../db/entities/kyc-document.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { sendEmail } from '../mail/send.js';
import { logger } from '../observability.js';
import { daysLeft, dueSortKey, kycDuePartition, nextAfter, stepAt, type DueStep } from './due.js';
import { kycExpiredEmail, kycExpiringEmail } from './emails.js';
import { kycRecipients } from './recipients.js';
import { kycSummary } from './summary.js';

const pageSize = 100;

/**
 * Approved documents whose next expiry step is due at `now`, read from the sparse `due` index
 * only (never a scan), page by page.
 */
export async function* dueDocuments(now: Date): AsyncGenerator<KycDocumentItem> {
  for await (const items of dueItems(kycDuePartition, now.toISOString(), pageSize)) yield* KycDocument.parse({ Items: items }).data;
}

export interface ExpirySweep {
  reminded30: number;
  reminded7: number;
  expired: number;
  flagged: number;
  skipped: number;
}

/**
 * Takes each due document one step: reminder 30 or 7 days ahead, or expiry (status `expired`, the
 * customer flagged). Each step first moves the due key conditioned on the value read (and on the
 * document still being approved), then mails: a retried or concurrent run loses the condition and
 * sends nothing twice.
 */
export async function sweepKycExpiry(now: Date): Promise<ExpirySweep> {
  const counts: ExpirySweep = { reminded30: 0, reminded7: 0, expired: 0, flagged: 0, skipped: 0 };
  for await (const doc of dueDocuments(now)) {
    if (!doc.expiresOn || !doc.duesk) continue;
    const step = stepAt(doc.expiresOn, now);
    if (!step) continue;
    const claimed = await advance(doc, step, now);
    if (!claimed) {
      counts.skipped += 1;
      continue;
    }
    try {
      if (step === 'expire') {
        counts.expired += 1;
        if (await flagCustomer(doc.customerId)) counts.flagged += 1;
      } else {
        counts[step === 'reminder30' ? 'reminded30' : 'reminded7'] += 1;
      }
      await notify(doc, step, now);
    } catch (err) {
      logger.error('KYC expiry step follow-up failed', { documentId: doc.documentId, step, error: (err as Error).message });
    }
  }
  return counts;
}

/** Moves the document past `step`, conditioned on the due key read; false when another run got there first. */
async function advance(doc: KycDocumentItem, step: DueStep, now: Date): Promise<boolean> {
  const next = nextAfter(doc.expiresOn!, step);
  const key = { customerId: doc.customerId, documentId: doc.documentId };
  const read = doc.duesk!;
  try {
    if (step === 'expire') {
      await KycDocument.patch(key)
        .set({ status: 'expired', statusAt: now.toISOString(), queue: doc.queue, version: doc.version + 1 })
        .remove(['duepk', 'duesk'])
        .where(({ duesk, status }, { eq }) => `${eq(duesk, read)} AND ${eq(status, 'approved')}`)
        .go();
    } else {
      await KycDocument.patch(key)
        .set({ duesk: dueSortKey(next!, doc.documentId) })
        .where(({ duesk, status }, { eq }) => `${eq(duesk, read)} AND ${eq(status, 'approved')}`)
        .go();
    }
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}

/** Flags the customer when a required type now counts as expired. */
async function flagCustomer(customerId: string): Promise<boolean> {
  const { data: customer } = await Customer.get({ customerId }).go();
  if (!customer || customer.kycFlag === 'expired') return false;
  const summary = await kycSummary(customerId, customer.type);
  if (summary.expired.length === 0) return false;
  await Customer.patch({ customerId }).set({ kycFlag: 'expired' }).go();
  return true;
}

async function notify(doc: KycDocumentItem, step: DueStep, now: Date): Promise<void> {
  const to = await kycRecipients(doc.customerId, doc.uploadedBy);
  if (!to.length) return;
  const { data: customer } = await Customer.get({ customerId: doc.customerId }).go();
  const customerName = customer?.name ?? doc.customerId;
  const expiresOn = doc.expiresOn!;
  await sendEmail(
    step === 'expire'
      ? kycExpiredEmail(to, { customerName, docType: doc.docType, expiresOn })
      : kycExpiringEmail(to, { customerName, docType: doc.docType, expiresOn, daysLeft: daysLeft(expiresOn, now) }),
  );
}
