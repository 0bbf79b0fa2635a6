import { describe, expect, it } from 'vitest';
import { apiDomains } from '../../functions/api/routes.js';
import { apiAccess } from '../stacks/api-access.js';

describe('table access for the audit trail', () => {
  it('lets every domain with a state-changing route append its request records', () => {
    // The pipeline appends an audit record after every successful non-GET route (shared/audit).
    const writers = apiDomains.filter((d) => d.routes.some((r) => r.method !== 'GET'));

    expect(writers.length).toBeGreaterThan(0);
    for (const domain of writers) expect(apiAccess[domain.name]?.table, domain.name).toBe('readWrite');
  });

  it('gives the audit domain (queries only) read access', () => {
    expect(apiAccess.audit).toEqual({ table: 'read' });
  });
});
