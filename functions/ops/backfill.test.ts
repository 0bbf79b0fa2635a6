import { describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../events/lambda-context.js';
import { runBackfill } from '../../shared/tickets/backfill.js';
import { handler } from './backfill.js';

vi.mock('../../shared/tickets/backfill.js', () => ({
  runBackfill: vi.fn(async (cursor: string | null) => ({ done: !!cursor, cursor: cursor ? null : 'next', phase: 'tickets', ticketsDone: 1, ticketsTotal: 1, slaWritten: 1, timersCreated: 0, failed: 0 })),
}));

describe('ticket backfill handler', () => {
  it('starts a run from {} and continues one from its cursor', async () => {
    const first = await handler({}, lambdaContext('ops-backfill'));
    expect(first).toMatchObject({ done: false, cursor: 'next' });
    const second = await handler({ cursor: 'next' }, lambdaContext('ops-backfill'));
    expect(second).toMatchObject({ done: true, cursor: null });
    expect(vi.mocked(runBackfill).mock.calls.map((c) => c[0])).toEqual([undefined, 'next']);
  });

  it('refuses an event it does not know', async () => {
    await expect(handler({ cursr: 'x' }, lambdaContext('ops-backfill'))).rejects.toThrow();
    expect(vi.mocked(runBackfill)).toHaveBeenCalledTimes(2);
  });
});
