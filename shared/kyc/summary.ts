import { KycDocument, type KycDocumentItem } from '../db/entities/kyc-document.js';
import { requiredTypes } from './requirements.js';
import type { KycDocType, KycSummary } from './schemas.js';

/** Today as YYYY-MM-DD (UTC). */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/** A document with an expiry date stops counting on that date. */
export const isPastExpiry = (doc: Pick<KycDocumentItem, 'expiresOn'>, now = new Date()) => !!doc.expiresOn && doc.expiresOn <= today(now);

type Doc = Pick<KycDocumentItem, 'docType' | 'status' | 'statusAt' | 'createdAt' | 'expiresOn'>;

const reviewed = new Set(['approved', 'rejected', 'expired']);

/**
 * Where each required type stands. The latest REVIEWED document of a type decides (approved and
 * not past its expiry = verified), so a replacement waiting for review does not unverify a
 * customer; a type without a verified document is `missing`, and also listed as `pending`
 * (something awaits review), `rejected` or `expired` (the latest decision) when that applies.
 * `complete` = nothing missing.
 */
export function summarise(required: readonly KycDocType[], docs: readonly Doc[], now = new Date()): KycSummary {
  const byNewest = [...docs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const summary: KycSummary = { required: [...required], missing: [], pending: [], rejected: [], expired: [], complete: false };
  for (const type of required) {
    const ofType = byNewest.filter((d) => d.docType === type);
    const decided = ofType.find((d) => reviewed.has(d.status));
    if (decided?.status === 'approved' && !isPastExpiry(decided, now)) continue;
    summary.missing.push(type);
    if (ofType.some((d) => d.status === 'pending_review')) summary.pending.push(type);
    if (decided?.status === 'rejected') summary.rejected.push(type);
    if (decided && decided.status !== 'rejected') summary.expired.push(type);
  }
  summary.complete = summary.missing.length === 0;
  return summary;
}

/** Every KYC document of a customer (one partition). */
export async function customerDocuments(customerId: string): Promise<KycDocumentItem[]> {
  const { data } = await KycDocument.query.byCustomer({ customerId }).go({ pages: 'all' });
  return data;
}

/** Missing, pending, rejected and expired required KYC types of a customer; complete when nothing is missing. */
export async function kycSummary(customerId: string, customerType: 'individual' | 'corporate'): Promise<KycSummary> {
  const [required, docs] = await Promise.all([requiredTypes(customerType), customerDocuments(customerId)]);
  return summarise(required, docs);
}
