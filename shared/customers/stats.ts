import type { UserActor } from '../auth/actor.js';
import { ForbiddenError } from '../errors.js';
import { readCounters } from '../streams/counters.js';
import type { CustomerStats } from './schemas.js';

/** Counts by status, by type and by both, from the counters the stream consumer keeps (scope `customers`). */
export async function customerStats(actor: UserActor): Promise<CustomerStats> {
  if (!actor.isStaff) throw new ForbiddenError('Only staff see customer statistics');
  const counters = await readCounters('customers');
  const stats: CustomerStats = { byStatus: {}, byType: {}, byStatusAndType: {}, total: 0 };
  for (const [name, value] of Object.entries(counters)) {
    const parts = name.split('#');
    if (parts.length === 2 && parts[0] === 'status') stats.byStatus[parts[1]!] = value;
    else if (parts.length === 2 && parts[0] === 'type') stats.byType[parts[1]!] = value;
    else if (parts.length === 4 && parts[0] === 'status' && parts[2] === 'type') stats.byStatusAndType[`${parts[1]}#${parts[3]}`] = value;
  }
  stats.total = Object.values(stats.byType).reduce((sum, n) => sum + n, 0);
  return stats;
}
