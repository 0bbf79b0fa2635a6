import type { UserActor } from '../auth/actor.js';
import { Customer } from '../db/entities/customer.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AppError, ConflictError, ForbiddenError } from '../errors.js';
import { kycSummary } from '../kyc/summary.js';
import type { ChangeCustomerStatus, CustomerView } from './schemas.js';
import { readCustomer } from './service.js';
import { assertTransition } from './status.js';
import { toCustomerView } from './views.js';

export class KycIncompleteError extends AppError {
  constructor(details: { missing: string[]; pending: string[]; rejected: string[]; expired: string[] }) {
    super(409, 'kyc_incomplete', 'Activation needs complete verified KYC', details);
  }
}

const versionConflict = () => new ConflictError('version_conflict', 'The customer was changed by someone else; reload and try again');

/**
 * Moves a customer along its status lifecycle with a reason (staff only). Activation needs
 * complete verified KYC, unless an admin overrides it with the reason (stored on the customer).
 */
export async function changeCustomerStatus(customerId: string, input: ChangeCustomerStatus, actor: UserActor): Promise<CustomerView> {
  if (!actor.isStaff) throw new ForbiddenError('Only staff change a customer status');
  const current = await readCustomer(customerId);
  if (input.version !== current.version) throw versionConflict();
  assertTransition(current.status, input.status);
  const at = new Date().toISOString();
  let kycOverride: { by: string; at: string; reason: string } | undefined;
  if (input.status === 'active') {
    const kyc = await kycSummary(customerId, current.type);
    if (!kyc.complete) {
      if (!input.overrideKyc) throw new KycIncompleteError({ missing: kyc.missing, pending: kyc.pending, rejected: kyc.rejected, expired: kyc.expired });
      if (actor.role !== 'admin') throw new ForbiddenError('Only an admin may activate a customer without complete KYC');
      kycOverride = { by: actor.userId, at, reason: input.reason };
    }
  }
  try {
    await Customer.patch({ customerId })
      .set({
        status: input.status,
        statusReason: input.reason,
        statusChangedAt: at,
        statusChangedBy: actor.userId,
        version: current.version + 1,
        ...(kycOverride ? { kycOverride } : {}),
      })
      .where(({ version }, { eq }) => eq(version, current.version))
      .go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw versionConflict();
    throw err;
  }
  return toCustomerView(await readCustomer(customerId));
}
