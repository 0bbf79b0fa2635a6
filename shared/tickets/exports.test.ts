import { BatchGetCommand, DynamoDBDocumentClient, type BatchGetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { GroupMember } from '../db/entities/group-member.js';
import { answerReads } from '../db/fake-table.js';
import {
  buildCsv, buildXlsx, collectTicketRows, mergeLists, neutraliseCell, quoteCell, ticketColumns, type ExportColumn, type ListPage, type TicketRow,
} from './exports.js';
import { listTickets } from './lists.js';
import type { ListTicketsQuery, TicketView } from './schemas.js';

vi.mock('./lists.js', () => ({ listTickets: vi.fn() }));

type Row = { name: string; when?: Date; n?: number };
const columns: ExportColumn<Row>[] = [
  { header: 'Name', value: (r) => r.name },
  { header: 'When', value: (r) => r.when },
  { header: 'N', value: (r) => r.n },
];
const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('CSV cells', () => {
  it('neutralises cells a spreadsheet would run as a formula: = + - @ tab CR', () => {
    for (const dangerous of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseCell(dangerous)).toBe(`'${dangerous}`);
    }
    for (const safe of ['Server down', 'a=b', '', '#482913', ' =1']) expect(neutraliseCell(safe)).toBe(safe);
  });

  it('quotes commas, quotes, line breaks and edge spaces (RFC 4180)', () => {
    expect(quoteCell('plain')).toBe('plain');
    expect(quoteCell('a,b')).toBe('"a,b"');
    expect(quoteCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(quoteCell(' padded')).toBe('" padded"');
  });
});

describe('buildCsv', () => {
  it('starts with a UTF-8 BOM, ends lines with CRLF and keeps non-Latin text', () => {
    const csv = decode(buildCsv(columns, [{ name: 'Сервер, الخادم', when: new Date('2026-03-14T09:30:00Z'), n: 3 }]));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('Name,When,N\r\n"Сервер, الخادم",2026-03-14T09:30:00.000Z,3\r\n');
  });

  it('neutralises an injected formula even inside a quoted cell', () => {
    const csv = decode(buildCsv(columns, [{ name: '=cmd|" /C calc"!A0' }]));
    expect(csv.split('\r\n')[1]).toBe(`"'=cmd|"" /C calc""!A0",,`);
  });
});

describe('buildXlsx', () => {
  it('writes a workbook exceljs reads back: header, strings as strings (never formulas), dates as dates', async () => {
    const bytes = await buildXlsx('Tickets', columns, [
      { name: '=1+1', when: new Date('2026-03-14T09:30:00Z'), n: 7 },
      { name: 'الخادم لا يعمل' },
    ]);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    const sheet = book.getWorksheet('Tickets')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'When', 'N']);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A2').value).toBe('=1+1');
    expect((sheet.getCell('B2').value as Date).toISOString()).toBe('2026-03-14T09:30:00.000Z');
    expect(sheet.getCell('C2').value).toBe(7);
    expect(sheet.getCell('A3').value).toBe('الخادم لا يعمل');
  });
});

describe('ticket columns', () => {
  it('show names when known and ids otherwise, tags joined', () => {
    const row: TicketRow = {
      ticket: {
        ticketId: 't1', number: '482913', subject: 'S', description: 'D', customerId: 'c1', requesterEmail: 'a@b.c', channel: 'web',
        categoryId: 'k1', priority: 'high', status: 'open', groupId: 'g1', tags: ['vip', 'outage'], version: 1,
        createdAt: '2026-03-14T09:30:00.000Z', updatedAt: '2026-03-14T09:30:00.000Z',
      },
      customerName: 'Atlas Services',
    };
    const csv = decode(buildCsv(ticketColumns, [row])).split('\r\n')[1]!;
    expect(csv).toContain('#482913,S,open,high,web,Atlas Services,,a@b.c,k1,g1,,"vip, outage"');
  });
});

const view = (ticketId: string, createdAt: string, groupId = 'g1'): TicketView => ({
  ticketId, number: '100000', subject: ticketId, description: 'd', customerId: 'c1', requesterEmail: 'r@example.com', channel: 'web',
  categoryId: 'k1', priority: 'medium', status: 'open', groupId, version: 1, createdAt, updatedAt: createdAt,
});

/** A list of tickets served `size` at a time, counting the pages read. */
function pagedSource(items: TicketView[], size: number) {
  const reads: (string | undefined)[] = [];
  const source = async (cursor: string | undefined): Promise<ListPage> => {
    reads.push(cursor);
    const start = cursor ? Number(cursor) : 0;
    const next = start + size < items.length ? String(start + size) : null;
    return { items: items.slice(start, start + size), cursor: next };
  };
  return { source, reads };
}

describe('mergeLists', () => {
  const a = [view('a3', '2026-03-05T00:00:00.000Z'), view('a2', '2026-03-03T00:00:00.000Z'), view('a1', '2026-03-01T00:00:00.000Z')];
  const b = [view('b2', '2026-03-04T00:00:00.000Z'), view('b1', '2026-03-02T00:00:00.000Z')];

  it('merges newest first across lists, page by page', async () => {
    const first = pagedSource(a, 2);
    const second = pagedSource(b, 1);
    const merged = await mergeLists([first.source, second.source], 'desc', 100, 50);
    expect(merged.items.map((t) => t.ticketId)).toEqual(['a3', 'b2', 'a2', 'b1', 'a1']);
    expect(merged.truncated).toBe(false);
    expect(first.reads).toEqual([undefined, '2']);
    expect(second.reads).toEqual([undefined, '1']);
  });

  it('oldest first when asked', async () => {
    const merged = await mergeLists([pagedSource([...a].reverse(), 2).source, pagedSource([...b].reverse(), 2).source], 'asc', 100, 50);
    expect(merged.items.map((t) => t.ticketId)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('stops at the row limit, reads no further than needed and says it was truncated', async () => {
    const first = pagedSource(a, 1);
    const merged = await mergeLists([first.source, pagedSource(b, 1).source], 'desc', 2, 50);
    expect(merged.items.map((t) => t.ticketId)).toEqual(['a3', 'b2']);
    expect(merged.truncated).toBe(true);
    expect(first.reads).toEqual([undefined, '1']);
  });

  it('stops at the page-read limit', async () => {
    const merged = await mergeLists([pagedSource(a, 1).source, pagedSource(b, 1).source], 'desc', 100, 3);
    // Pages: a, b (a3 out), a again (b2 out); b's next page would be a fourth read.
    expect(merged.truncated).toBe(true);
    expect(merged.items.map((t) => t.ticketId)).toEqual(['a3', 'b2']);
  });

  it('an empty page with a cursor is read past', async () => {
    const pages: ListPage[] = [{ items: [], cursor: 'x' }, { items: [view('late', '2026-03-09T00:00:00.000Z')], cursor: null }];
    const merged = await mergeLists([async () => pages.shift()!, pagedSource(b, 5).source], 'desc', 100, 50);
    expect(merged.items.map((t) => t.ticketId)).toEqual(['late', 'b2', 'b1']);
  });
});

describe('collectTicketRows: unassigned in my groups', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const agent = actorFromClaims({ sub: 'agent-1', username: 'agent', 'cognito:groups': ['agent'] });
  const member = (groupId: string, userId = 'agent-1') =>
    GroupMember.create({ groupId, userId, name: 'A', email: 'a@example.com', addedBy: 'admin' }).params<{ Item: Record<string, unknown> }>().Item;
  const lists: Record<string, TicketView[]> = {
    g1: [view('t4', '2026-03-04T00:00:00.000Z', 'g1'), view('t1', '2026-03-01T00:00:00.000Z', 'g1')],
    g2: [view('t3', '2026-03-03T00:00:00.000Z', 'g2')],
    g3: [view('t9', '2026-03-09T00:00:00.000Z', 'g3')],
  };
  let items: Record<string, unknown>[] = [];

  beforeEach(() => {
    items = [member('g1'), member('g2'), member('g3', 'someone-else')];
    answerReads(ddb, () => items);
    ddb.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => ({ Responses: Object.fromEntries(Object.keys(input.RequestItems ?? {}).map((t) => [t, []])), UnprocessedKeys: {} }));
    vi.mocked(listTickets).mockImplementation(async (q: ListTicketsQuery) => ({ items: lists[q.groupId!] ?? [], cursor: null }));
  });
  afterEach(() => {
    ddb.reset();
    vi.mocked(listTickets).mockReset();
  });

  const query = { queue: 'unassigned', sort: 'createdAt:desc', limit: 25 } as ListTicketsQuery;

  it('exports the union of the caller’s groups’ unassigned lists, newest first, and nothing of other groups', async () => {
    const { rows, truncated } = await collectTicketRows(agent, query);
    expect(rows.map((r) => r.ticket.ticketId)).toEqual(['t4', 't3', 't1']);
    expect(truncated).toBe(false);
    const asked = vi.mocked(listTickets).mock.calls.map(([q]) => [q.queue, q.groupId]);
    expect(asked.sort()).toEqual([['unassigned', 'g1'], ['unassigned', 'g2']]);
  });

  it('a caller in no group exports nothing and lists nothing', async () => {
    items = [];
    expect((await collectTicketRows(agent, query)).rows).toEqual([]);
    expect(vi.mocked(listTickets)).not.toHaveBeenCalled();
  });

  it('with a group named, exports that group’s list only', async () => {
    const { rows } = await collectTicketRows(agent, { ...query, groupId: 'g2' });
    expect(rows.map((r) => r.ticket.ticketId)).toEqual(['t3']);
  });
});
