import { describe, expect, it } from 'vitest';
import { planFor } from './search.js';

describe('planFor: one access pattern per filter combination', () => {
  it.each([
    [{ q: 'ann', sort: 'createdAt:desc', status: 'active', groupId: 'g1' }, 'search'],
    [{ sort: 'name:asc', status: 'active' }, 'name'],
    [{ sort: 'createdAt:desc', status: 'active', groupId: 'g1' }, 'status'],
    [{ sort: 'createdAt:asc', groupId: 'g1' }, 'group'],
    [{ sort: 'createdAt:desc' }, 'created'],
  ] as const)('%j → %s', (query, plan) => {
    expect(planFor(query)).toBe(plan);
  });
});
