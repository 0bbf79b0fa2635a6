import type { Change } from '../streams/changes.js';
import { appendAuditRecord } from './chain.js';
import { auditEntryFor } from './changes.js';

/**
 * The stream reactor: appends the audit record of one table change, exactly once (the record,
 * the head move and a per-record mark go in one transaction; a redelivery finds the mark).
 */
export async function applyToAudit(change: Change): Promise<'appended' | 'duplicate' | 'ignored'> {
  const entry = auditEntryFor(change);
  if (!entry) return 'ignored';
  const result = await appendAuditRecord(entry, { streamEventId: change.eventId });
  return result.status;
}
