import { logger } from '../observability.js';
import { loadSlaConfig } from '../sla/config.js';
import { reopenWindowDays } from './lifecycle.js';

/**
 * Days after closing during which a customer's reply reopens a ticket: the admin's auto-close
 * setting (the auto-close mail promises it), else the helpdesk default of 14 when it cannot be read.
 */
export async function currentReopenWindow(): Promise<number> {
  try {
    return (await loadSlaConfig()).settings.autoClose.reopenDays;
  } catch (err) {
    logger.warn('reopen window: SLA settings unreadable, using the default', { error: (err as Error).message });
    return reopenWindowDays;
  }
}
