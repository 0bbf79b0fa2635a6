import { describe, expect, it } from 'vitest';
import { customerStatuses, type CustomerStatus } from './schemas.js';
import { assertTransition, canTransition } from './status.js';

const allowed: [CustomerStatus, CustomerStatus][] = [
  ['pending', 'active'],
  ['pending', 'inactive'],
  ['active', 'suspended'],
  ['active', 'inactive'],
  ['suspended', 'active'],
  ['suspended', 'inactive'],
  ['inactive', 'active'],
];

describe('customer status transitions', () => {
  it.each(customerStatuses.flatMap((from) => customerStatuses.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const expected = allowed.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(expected);
    if (expected) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrowError(expect.objectContaining({ statusCode: 409, code: 'invalid_status_transition', details: { from, to } }));
  });
});
