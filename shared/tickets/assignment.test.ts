import { describe, expect, it } from 'vitest';
import type { TicketItem } from '../db/entities/ticket.js';
import { chooseAgent, loadDeltaItems, loadDeltas, weightOf, type Candidate } from './assignment.js';
import { priorityWeights } from './assignment-schemas.js';

type Priority = TicketItem['priority'];
const ticket = (over: Partial<Pick<TicketItem, 'assigneeId' | 'status' | 'priority'>> = {}) =>
  ({ status: 'open', priority: 'medium', ...over }) as Pick<TicketItem, 'assigneeId' | 'status' | 'priority'>;

/** Auto-assigns tickets one by one as the service does: pick, then the load item gains the weight and the time. */
function simulate(agents: Candidate[], priorities: readonly Priority[]): { loads: Map<string, number>; order: string[] } {
  const state = agents.map((a) => ({ ...a }));
  const order: string[] = [];
  priorities.forEach((priority, i) => {
    const chosen = chooseAgent(state);
    if (!chosen) return;
    chosen.load += priorityWeights[priority];
    chosen.lastAssignedAt = new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString();
    order.push(chosen.userId);
  });
  return { loads: new Map(state.map((a) => [a.userId, a.load])), order };
}

const agents = (): Candidate[] => [
  { userId: 'ana', available: true, load: 0 },
  { userId: 'ben', available: true, load: 0 },
  { userId: 'cyd', available: true, load: 0 },
  { userId: 'dan', available: false, load: 0 },
];

describe('fairness of auto-assignment', () => {
  it('100 tickets of mixed priorities over 3 available agents: loads differ by at most the largest weight; the unavailable agent gets none', () => {
    const mix: Priority[] = ['low', 'urgent', 'medium', 'high', 'medium', 'low', 'urgent', 'high', 'low', 'medium', 'high'];
    const priorities = Array.from({ length: 100 }, (_, i) => mix[(i * 7) % mix.length]!);

    const { loads, order } = simulate(agents(), priorities);

    const available = ['ana', 'ben', 'cyd'].map((id) => loads.get(id)!);
    expect(order).toHaveLength(100);
    expect(Math.max(...available) - Math.min(...available)).toBeLessThanOrEqual(Math.max(...Object.values(priorityWeights)));
    expect(available.reduce((a, b) => a + b, 0)).toBe(priorities.reduce((sum, p) => sum + priorityWeights[p], 0));
    expect(order).not.toContain('dan');
    expect(loads.get('dan')).toBe(0);
  });

  it('equal loads rotate: the least recently assigned goes first (round robin)', () => {
    const { order } = simulate(agents(), Array.from({ length: 9 }, () => 'medium' as const));

    expect(order).toEqual(['ana', 'ben', 'cyd', 'ana', 'ben', 'cyd', 'ana', 'ben', 'cyd']);
  });

  it('nobody available: nobody is chosen', () => {
    expect(chooseAgent(agents().map((a) => ({ ...a, available: false })))).toBeUndefined();
  });

  it('prefers the lower load over the less recent assignment', () => {
    const chosen = chooseAgent([
      { userId: 'a', available: true, load: 4, lastAssignedAt: '2025-01-01T00:00:00.000Z' },
      { userId: 'b', available: true, load: 2, lastAssignedAt: '2025-06-01T00:00:00.000Z' },
    ]);
    expect(chosen?.userId).toBe('b');
  });
});

describe('agent load', () => {
  it('weighs an assigned active ticket by priority, and nothing once resolved, closed or unassigned', () => {
    expect(weightOf(ticket({ assigneeId: 'a', priority: 'urgent' }))).toBe(5);
    expect(weightOf(ticket({ assigneeId: 'a', priority: 'low', status: 'waiting_qc' }))).toBe(1);
    expect(weightOf(ticket({ assigneeId: 'a', status: 'resolved' }))).toBe(0);
    expect(weightOf(ticket({ assigneeId: 'a', status: 'closed' }))).toBe(0);
    expect(weightOf(ticket())).toBe(0);
  });

  it('moves load between assignees, follows priority changes and frees it on resolve', () => {
    expect([...loadDeltas(ticket({ assigneeId: 'a', priority: 'high' }), ticket({ assigneeId: 'b', priority: 'high' }))]).toEqual([
      ['a', { load: -3, count: -1 }],
      ['b', { load: 3, count: 1 }],
    ]);
    expect([...loadDeltas(ticket({ assigneeId: 'a', priority: 'low' }), ticket({ assigneeId: 'a', priority: 'urgent' }))]).toEqual([['a', { load: 4, count: 0 }]]);
    expect([...loadDeltas(ticket({ assigneeId: 'a' }), ticket({ assigneeId: 'a', status: 'resolved' }))]).toEqual([['a', { load: -2, count: -1 }]]);
    expect([...loadDeltas(ticket({ assigneeId: 'a', status: 'resolved' }), ticket({ assigneeId: 'a', status: 'open' }))]).toEqual([['a', { load: 2, count: 1 }]]);
    expect(loadDeltas(ticket({ assigneeId: 'a' }), ticket({ assigneeId: 'a', status: 'in_progress' })).size).toBe(0);
  });

  it('builds ADD updates for the transaction; the picked agent is conditioned on the load version read', () => {
    const items = loadDeltaItems(ticket({ assigneeId: 'a' }), ticket({ assigneeId: 'b' }), { userId: 'b', version: 7, at: '2025-01-01T00:00:00.000Z' });

    expect(items).toHaveLength(2);
    const [a, b] = items.map((i) => i.Update!);
    expect(a!.UpdateExpression).toMatch(/ADD/);
    expect(a!.ConditionExpression).toBeUndefined();
    expect(Object.values(a!.ExpressionAttributeValues!)).toEqual(expect.arrayContaining([-2, -1]));
    expect(b!.ConditionExpression).toBeDefined();
    expect(Object.values(b!.ExpressionAttributeValues!)).toEqual(expect.arrayContaining([2, 1, 7, '2025-01-01T00:00:00.000Z']));
  });

  it('a first pick of an agent without a load item is conditioned on it not existing yet', () => {
    const [item] = loadDeltaItems(ticket(), ticket({ assigneeId: 'n' }), { userId: 'n', version: undefined, at: '2025-01-01T00:00:00.000Z' });

    expect(item!.Update!.ConditionExpression).toMatch(/attribute_not_exists/);
  });
});
