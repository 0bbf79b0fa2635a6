import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { UserActor } from '../auth/actor.js';
import { s3 } from '../aws/s3.js';
import { parseEnv } from '../config.js';
import { Customer } from '../db/entities/customer.js';
import { GroupMember } from '../db/entities/group-member.js';
import { SupportGroup } from '../db/entities/support-group.js';
import { TicketCategory } from '../db/entities/ticket-category.js';
import { TicketMessage } from '../db/entities/ticket-message.js';
import { User } from '../db/entities/user.js';
import { presignDownload } from '../uploads/s3-files.js';
import { loadTicketFor } from './access.js';
import { listTickets } from './lists.js';
import type { ExportLink, ExportTicketsQuery, PdfExportQuery } from './organisation-schemas.js';
import { renderTicketPdf } from './pdf.js';
import type { TicketView } from './schemas.js';
import { toTicketView } from './service.js';

const env = parseEnv(z.object({ EXPORTS_BUCKET: z.string().min(1).default('cloudmanager-exports') }));

/** A list export stops here (the answer says `truncated`): narrow the filters for more. */
export const maxExportRows = 5000;
const pageSize = 100;
/** List calls one export may make (a filter matching little may walk many index pages). */
const maxListCalls = 200;

// ---- File builders (pure) ----

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | Date | undefined;
  /** Character width in the XLSX sheet. */
  width?: number;
}

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab or carriage return) as a formula:
 * such cells get a leading single quote, so they show as the text they are.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a cell with a comma, quote, CR or LF (or edge spaces) is quoted, quotes doubled. */
export function quoteCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const cellText = (value: string | number | Date | undefined): string =>
  value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);

/** A CSV file: UTF-8 BOM (so Excel reads UTF-8), a header row, CRLF line ends. */
export function buildCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): Uint8Array {
  const line = (cells: string[]) => cells.map((c) => quoteCell(neutraliseCell(c))).join(',');
  const lines = [line(columns.map((c) => c.header)), ...rows.map((r) => line(columns.map((c) => cellText(c.value(r)))))];
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/**
 * An XLSX file (exceljs, loaded only when asked for: it is large): one sheet, bold frozen header
 * with a filter, dates as dates. Text is written as strings, never formulas: nothing is evaluated.
 */
export async function buildXlsx<T>(sheetName: string, columns: readonly ExportColumn<T>[], rows: readonly T[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CloudManager';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 18 }));
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? null));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  columns.forEach((c, i) => {
    if (rows.some((r) => c.value(r) instanceof Date)) sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
  });
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

// ---- Ticket list exports ----

/** A ticket row with the names of what it refers to. */
export interface TicketRow {
  ticket: TicketView;
  customerName?: string | undefined;
  categoryName?: string | undefined;
  groupName?: string | undefined;
  assigneeName?: string | undefined;
}

const date = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

export const ticketColumns: readonly ExportColumn<TicketRow>[] = [
  { header: 'Number', value: (r) => `#${r.ticket.number}`, width: 10 },
  { header: 'Subject', value: (r) => r.ticket.subject, width: 48 },
  { header: 'Status', value: (r) => r.ticket.status, width: 14 },
  { header: 'Priority', value: (r) => r.ticket.priority, width: 10 },
  { header: 'Channel', value: (r) => r.ticket.channel, width: 10 },
  { header: 'Customer', value: (r) => r.customerName ?? r.ticket.customerId, width: 28 },
  { header: 'Requester', value: (r) => r.ticket.requesterName, width: 22 },
  { header: 'Requester email', value: (r) => r.ticket.requesterEmail, width: 28 },
  { header: 'Category', value: (r) => r.categoryName ?? r.ticket.categoryId, width: 20 },
  { header: 'Group', value: (r) => r.groupName ?? r.ticket.groupId, width: 20 },
  { header: 'Assignee', value: (r) => r.assigneeName ?? r.ticket.assigneeId, width: 22 },
  { header: 'Tags', value: (r) => (r.ticket.tags ?? []).join(', '), width: 24 },
  { header: 'Created', value: (r) => date(r.ticket.createdAt) },
  { header: 'Updated', value: (r) => date(r.ticket.updatedAt) },
  { header: 'First response', value: (r) => date(r.ticket.firstResponseAt) },
  { header: 'Resolved', value: (r) => date(r.ticket.resolvedAt) },
  { header: 'Closed', value: (r) => date(r.ticket.closedAt) },
  { header: 'Satisfaction', value: (r) => r.ticket.satisfactionRating, width: 12 },
];

/** Names by id from one BatchGet per kind (ids already resolved are not read again). */
async function resolveNames(tickets: readonly TicketView[], cache: Map<string, string>): Promise<void> {
  const missing = (prefix: string, ids: (string | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id && !cache.has(`${prefix}${id}`)))];
  const customers = missing('c:', tickets.map((t) => t.customerId));
  const categories = missing('k:', tickets.map((t) => t.categoryId));
  const groups = missing('g:', tickets.map((t) => t.groupId));
  const users = missing('u:', tickets.map((t) => t.assigneeId));
  const [c, k, g, u] = await Promise.all([
    customers.length ? Customer.get(customers.map((customerId) => ({ customerId }))).go() : { data: [] },
    categories.length ? TicketCategory.get(categories.map((categoryId) => ({ categoryId }))).go() : { data: [] },
    groups.length ? SupportGroup.get(groups.map((groupId) => ({ groupId }))).go() : { data: [] },
    users.length ? User.get(users.map((userId) => ({ userId }))).go() : { data: [] },
  ]);
  for (const x of c.data as { customerId: string; name: string }[]) cache.set(`c:${x.customerId}`, x.name);
  for (const x of k.data as { categoryId: string; name: string }[]) cache.set(`k:${x.categoryId}`, x.name);
  for (const x of g.data as { groupId: string; name: string }[]) cache.set(`g:${x.groupId}`, x.name);
  for (const x of u.data as { userId: string; name: string }[]) cache.set(`u:${x.userId}`, x.name);
}

/** One page of a ticket list, as listTickets answers it. */
export type ListPage = { items: TicketView[]; cursor: string | null };
type PageSource = (cursor: string | undefined) => Promise<ListPage>;

const newestFirst = (a: TicketView, b: TicketView) =>
  a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.ticketId < b.ticketId ? 1 : a.ticketId > b.ticketId ? -1 : 0;

/**
 * Merges lists that are each sorted (newest first, or oldest first for `asc`) into one sorted
 * list of at most `limit` tickets, reading each list page by page only as far as the merge
 * needs, at most `maxCalls` pages in all. `truncated` when something was left unread.
 */
export async function mergeLists(sources: readonly PageSource[], order: 'asc' | 'desc', limit: number, maxCalls: number): Promise<{ items: TicketView[]; truncated: boolean }> {
  const before = order === 'desc' ? newestFirst : (a: TicketView, b: TicketView) => newestFirst(b, a);
  const state = sources.map(() => ({ buffer: [] as TicketView[], cursor: undefined as string | undefined, done: false }));
  const items: TicketView[] = [];
  let calls = 0;
  while (items.length < limit) {
    // Every list with nothing buffered reads on: its next ticket may come first.
    for (const [i, s] of state.entries()) {
      while (!s.done && s.buffer.length === 0) {
        if (calls >= maxCalls) return { items, truncated: true };
        calls++;
        const page = await sources[i]!(s.cursor);
        s.buffer = [...page.items];
        s.cursor = page.cursor ?? undefined;
        s.done = !page.cursor;
      }
    }
    let pick: (typeof state)[number] | undefined;
    for (const s of state) if (s.buffer.length && (!pick || before(s.buffer[0]!, pick.buffer[0]!) < 0)) pick = s;
    if (!pick) return { items, truncated: false };
    items.push(pick.buffer.shift()!);
  }
  return { items, truncated: state.some((s) => s.buffer.length > 0 || !s.done) };
}

/** The tickets the staff list answers for these filters, page after page, up to `maxExportRows`. */
async function collectTickets(actor: UserActor, query: ExportTicketsQuery): Promise<{ tickets: TicketView[]; truncated: boolean }> {
  const order = query.sort === 'createdAt:asc' ? 'asc' : 'desc';
  const list = (groupId: string | undefined): PageSource => (cursor) =>
    listTickets({ ...query, ...(groupId ? { groupId } : {}), limit: pageSize, cursor }, actor);
  if (query.queue === 'unassigned' && !query.groupId) {
    // Unassigned in my groups: each group's unassigned list, merged.
    const { data } = await GroupMember.query.byUser({ userId: actor.userId }).go({ pages: 'all' });
    const groups = data.map((m) => m.groupId);
    if (!groups.length) return { tickets: [], truncated: false };
    const merged = await mergeLists(groups.map(list), order, maxExportRows, maxListCalls);
    return { tickets: merged.items, truncated: merged.truncated };
  }
  const merged = await mergeLists([list(undefined)], order, maxExportRows, maxListCalls);
  return { tickets: merged.items, truncated: merged.truncated };
}

/** The export's rows: the tickets and the names they refer to (read 100 tickets at a time). */
export async function collectTicketRows(actor: UserActor, query: ExportTicketsQuery): Promise<{ rows: TicketRow[]; truncated: boolean }> {
  const { tickets, truncated } = await collectTickets(actor, query);
  const names = new Map<string, string>();
  for (let i = 0; i < tickets.length; i += pageSize) await resolveNames(tickets.slice(i, i + pageSize), names);
  const rows = tickets.map((ticket) => ({
    ticket,
    customerName: names.get(`c:${ticket.customerId}`),
    categoryName: names.get(`k:${ticket.categoryId}`),
    groupName: ticket.groupId ? names.get(`g:${ticket.groupId}`) : undefined,
    assigneeName: ticket.assigneeId ? names.get(`u:${ticket.assigneeId}`) : undefined,
  }));
  return { rows, truncated };
}

const stamp = (now: Date) => now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

/** Stores an export in the exports bucket under a server-chosen key and answers a short-lived download link. */
async function storeExport(actor: UserActor, fileName: string, contentType: string, body: Uint8Array) {
  const key = `exports/${actor.userId}/${randomUUID()}/${fileName}`;
  const { client, sdk } = await s3();
  await client.send(new sdk.PutObjectCommand({ Bucket: env.EXPORTS_BUCKET, Key: key, Body: body, ContentType: contentType }));
  return presignDownload({ bucket: env.EXPORTS_BUCKET, key, fileName, contentType });
}

/** The staff ticket list (same filters) as a CSV or XLSX file in the exports bucket, fetched by a presigned link. */
export async function exportTicketList(actor: UserActor, query: ExportTicketsQuery, format: 'csv' | 'xlsx'): Promise<ExportLink> {
  const { rows, truncated } = await collectTicketRows(actor, query);
  const now = new Date();
  const fileName = `tickets-${stamp(now)}.${format}`;
  const [body, contentType] =
    format === 'csv'
      ? [buildCsv(ticketColumns, rows), 'text/csv; charset=utf-8']
      : [await buildXlsx('Tickets', ticketColumns, rows), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
  const link = await storeExport(actor, fileName, contentType, body);
  return { ...link, fileName, contentType, rows: rows.length, truncated };
}

// ---- One ticket as a PDF ----

/**
 * One ticket with its PUBLIC conversation as a PDF (anyone who may read the ticket, customers
 * included): only `reply` messages are read (the query filters on kind), so internal notes and
 * their attachments never reach the file.
 */
export async function exportTicketPdf(actor: UserActor, ticketId: string, query: PdfExportQuery): Promise<ExportLink> {
  const item = await loadTicketFor(actor, ticketId, 'read');
  const ticket = toTicketView(item, actor);
  const [{ data: messages }, { data: customer }] = await Promise.all([
    TicketMessage.query.byTicket({ ticketId }).where(({ kind }, { eq }) => eq(kind, 'reply')).go({ pages: 'all' }),
    Customer.get({ customerId: item.customerId }).go(),
  ]);
  const now = new Date();
  const bytes = await renderTicketPdf({
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    createdAt: ticket.createdAt,
    requester: ticket.requesterName ? `${ticket.requesterName} <${ticket.requesterEmail}>` : ticket.requesterEmail,
    customerName: customer?.name,
    description: ticket.description,
    messages: messages
      .filter((m) => m.kind === 'reply')
      .map((m) => ({
        authorName: m.authorName,
        authorKind: m.authorKind,
        createdAt: m.createdAt,
        body: m.body,
        attachments: (m.attachments ?? []).map((a) => a.fileName),
      })),
    generatedAt: now.toISOString(),
    locale: query.locale,
  });
  const fileName = `ticket-${ticket.number}.pdf`;
  const link = await storeExport(actor, fileName, 'application/pdf', bytes);
  return { ...link, fileName, contentType: 'application/pdf', rows: 1 + messages.length, truncated: false };
}
