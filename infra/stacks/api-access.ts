import type { BucketAccess, TableAccess } from '../constructs/app-function.js';
import type { DataBucket } from '../constructs/storage.js';

/** What one API domain's Lambda may touch. */
export interface DomainAccess {
  table?: TableAccess;
  /** Bucket -> [environment variable, access]. */
  buckets?: Partial<Record<DataBucket, [envName: string, access: BucketAccess]>>;
}

/**
 * Least privilege per API Lambda, by domain name (functions/api/routes.ts) plus `fallback`.
 * A domain missing here fails the synth: add it with exactly what its routes use.
 */
export const apiAccess: Record<string, DomainAccess> = {
  /** GET /health: no data. */
  system: {},
  /** GET /me: answers from the verified JWT only. */
  account: {},
  /** Organisation settings: read and update the settings item. */
  settings: { table: 'readWrite' },
  /** `$default`: resolves the route table and answers 404/405; runs no handler. */
  fallback: {},
};
