/**
 * The bookkeeping attributes most entities share, spread into their `attributes`: `version` for
 * optimistic locking (conditions compare it), `createdAt` set once, `updatedAt` on every write.
 */
export const versioned = () =>
  ({
    version: { type: 'number', required: true, default: 1 },
    createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
    updatedAt: { type: 'string', required: true, watch: '*', default: () => new Date().toISOString(), set: () => new Date().toISOString() },
  }) as const;
