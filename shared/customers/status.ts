import { ConflictError } from '../errors.js';
import type { CustomerStatus } from './schemas.js';

/** Allowed status moves: pending → active/inactive; active ↔ suspended; active/suspended → inactive; inactive → active. */
const transitions: Readonly<Record<CustomerStatus, readonly CustomerStatus[]>> = {
  pending: ['active', 'inactive'],
  active: ['suspended', 'inactive'],
  suspended: ['active', 'inactive'],
  inactive: ['active'],
};

export function canTransition(from: CustomerStatus, to: CustomerStatus): boolean {
  return transitions[from].includes(to);
}

export class InvalidStatusTransitionError extends ConflictError {
  constructor(from: CustomerStatus, to: CustomerStatus) {
    super('invalid_status_transition', `A customer that is ${from} cannot become ${to}`, { from, to });
  }
}

export function assertTransition(from: CustomerStatus, to: CustomerStatus): void {
  if (!canTransition(from, to)) throw new InvalidStatusTransitionError(from, to);
}
