import type { TFunction } from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketCategoryNodeShape } from '../../../shared/tickets/assignment-schemas';
import { en } from '../i18n/locales/en';
import { ApiError, createApiClient } from './client';
import { deskErrorCodes, flattenCategories, ticketDeskApi, translateDeskError } from './ticketDesk';

const node = (categoryId: string, name: string, children: TicketCategoryNodeShape[] = []): TicketCategoryNodeShape => ({
  categoryId,
  parentId: null,
  name,
  defaultGroupId: null,
  requiresQc: false,
  active: true,
  version: 1,
  createdAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T10:00:00.000Z',
  children,
});

const t = ((key: string) => `T(${key})`) as unknown as TFunction;

describe('flattenCategories', () => {
  it('lists each parent before its children, with depth and the path of names', () => {
    const flat = flattenCategories([node('h', 'Hosting', [node('m', 'Email', [node('q', 'Quota')])]), node('b', 'Billing')]);
    expect(flat.map((c) => [c.node.categoryId, c.depth, c.path])).toEqual([
      ['h', 0, 'Hosting'],
      ['m', 1, 'Hosting › Email'],
      ['q', 2, 'Hosting › Email › Quota'],
      ['b', 0, 'Billing'],
    ]);
  });
});

describe('translateDeskError', () => {
  it('translates the helpdesk codes and keeps status, details and request id', () => {
    const error = new ApiError(409, 'conflict', 'stale', { from: 1 }, 'req-1');
    const translated = translateDeskError(t, error) as ApiError;
    expect(translated.message).toBe('T(tickets.desk.errors.conflict)');
    expect([translated.status, translated.details, translated.requestId]).toEqual([409, { from: 1 }, 'req-1']);
  });

  it('explains a validation failure by the first detail code it knows', () => {
    const error = new ApiError(400, 'validation_failed', 'bad', [{ path: 'body.assigneeId', message: 'x', code: 'not_group_member' }]);
    expect((translateDeskError(t, error) as ApiError).message).toBe('T(tickets.desk.errors.not_group_member)');
  });

  it('passes other errors through unchanged', () => {
    const other = new ApiError(400, 'validation_failed', 'bad', [{ path: 'body.x', message: 'x', code: 'too_small' }]);
    expect(translateDeskError(t, other)).toBe(other);
    const plain = new Error('boom');
    expect(translateDeskError(t, plain)).toBe(plain);
  });

  it('has an English text for every code it translates', () => {
    for (const code of deskErrorCodes) expect(en.tickets.desk.errors[code], code).toMatch(/\S/);
  });
});

describe('ticketDeskApi', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for a list export with the queue filters but without cursor or limit', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () =>
      new Response(JSON.stringify({ url: 'https://s3/x.csv', expiresAt: '2026-11-21T10:05:00.000Z', fileName: 'tickets.csv', contentType: 'text/csv', rows: 3, truncated: false }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const api = ticketDeskApi(createApiClient({ baseUrl: 'https://api.test' }));
    const link = await api.exportTickets('csv', { queue: 'group', groupId: 'support', status: 'open', cursor: 'abc', limit: 10 });
    expect(link.rows).toBe(3);
    const url = new URL(String(fetchMock.mock.calls[0]![0]));
    expect(url.pathname).toBe('/ticket-exports/tickets.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ queue: 'group', groupId: 'support', status: 'open' });
  });
});
