import { randomUUID } from 'node:crypto';

/**
 * A time-sortable id: UTC creation time to the millisecond, then 12 random hex digits
 * (`20260314093015123-3f9a0c1b2d4e`). Sorting ids sorts by creation time.
 */
export function timeSortableId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.TZ]/g, '');
  return `${stamp}-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}
