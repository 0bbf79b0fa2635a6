import { execFileSync } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, outcome, startTestTwin, subOf, type TestTwin } from '../../../infra/local/testing/api.js';

// CSV, XLSX and PDF exports against the local twin: files land in the exports bucket (s3rver) and
// are fetched through the presigned link, as the browser does.

let test: TestTwin;
type Who = 'alice' | 'bob' | 'agent' | 'technician';
const token: Record<Who, string> = { alice: '', bob: '', agent: '', technician: '' };
const userId: Record<string, string> = {};
const corp = 'export-test-corporate';
const other = 'export-test-other';
const dir = mkdtempSync(join(tmpdir(), 'cm-export-files-'));
const call = (method: string, path: string, who: Who) => test.call(method, path, token[who]);
const subject = 'Server down — Сервер не работает — الخادم لا يعمل';
const injected = '=HYPERLINK("http://evil.example","click")';
let pdfTicket = '';

async function makeTicket(customerId: string, subjectText: string, requester: Who, groupId: string): Promise<string> {
  const { Ticket } = await import('../../../shared/db/entities/ticket.js');
  const ticketId = randomUUID();
  await Ticket.create({
    ticketId,
    number: String(randomInt(100_000, 1_000_000)),
    subject: subjectText,
    description: 'Nothing answers since 08:00.',
    customerId,
    requesterId: userId[requester]!,
    requesterName: 'Chloé Martin',
    requesterEmail: `${requester}@example.com`,
    channel: 'web',
    categoryId: 'cat-general',
    priority: 'high',
    status: 'open',
    groupId,
    assigneeKey: `unassigned#${groupId}`,
    qcRequired: false,
    tags: ['vip'],
    createdBy: userId[requester]!,
  }).go();
  return ticketId;
}

async function addMessage(ticketId: string, kind: 'reply' | 'note', body: string, createdAt: string) {
  const { TicketMessage } = await import('../../../shared/db/entities/ticket-message.js');
  await TicketMessage.create({
    ticketId, messageId: randomUUID(), createdAt, kind, body, authorId: userId.agent!, authorName: 'Aya', authorKind: 'staff', attachments: [],
  }).go();
}

/** Follows the answer's presigned link. */
async function download(reply: { status: number; body?: Record<string, any> | undefined }): Promise<Uint8Array> {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const res = await fetch(reply.body!.url as string);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

beforeAll(async () => {
  test = await startTestTwin('exports');
  token.alice = await test.signIn('customer@cloudmanager.example');
  token.bob = await test.signIn('customer2@cloudmanager.example');
  token.agent = await test.signIn('agent@cloudmanager.example');
  token.technician = await test.signIn('technician@cloudmanager.example');
  for (const who of Object.keys(token) as Who[]) userId[who] = subOf(token[who]);
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Atlas Services SARL', currency: 'DZD' }, { userId: userId.alice!, name: 'Chloé', email: 'customer@cloudmanager.example' });
  await createOwnedAccount({ customerId: other, type: 'individual', name: 'Karim Benali', currency: 'DZD' }, { userId: userId.bob!, name: 'Karim', email: 'customer2@cloudmanager.example' });
  pdfTicket = await makeTicket(corp, subject, 'alice', 'grp-export');
  await makeTicket(corp, injected, 'alice', 'grp-export');
  await addMessage(pdfTicket, 'reply', 'We restarted the web server; please check again.', '2026-01-01T10:00:00.000Z');
  await addMessage(pdfTicket, 'note', 'SECRET-NOTE: customer owes two invoices', '2026-01-01T10:05:00.000Z');
  await addMessage(pdfTicket, 'reply', 'شكرا كل شيء يعمل الآن', '2026-01-01T11:00:00.000Z');
}, 180_000);

afterAll(async () => {
  await test?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('list exports', () => {
  it('CSV: the group queue with a BOM, CRLF, names resolved and formula cells neutralised', async () => {
    const reply = await call('GET', '/ticket-exports/tickets.csv?queue=group&groupId=grp-export', 'agent');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download(reply));

    expect(reply.body).toMatchObject({ rows: 2, truncated: false, contentType: 'text/csv; charset=utf-8' });
    expect(reply.body!.fileName).toMatch(/^tickets-\d{8}-\d{4}\.csv$/);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Number,Subject,Status,Priority,/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(text).toContain(subject);
    expect(text).toContain('Atlas Services SARL');
  });

  it('XLSX: the same list opens as a workbook with the subject as plain text', async () => {
    const reply = await call('GET', '/ticket-exports/tickets.xlsx?queue=group&groupId=grp-export', 'agent');
    const bytes = await download(reply);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    const sheet = book.getWorksheet('Tickets')!;

    expect(sheet.rowCount).toBe(3);
    const subjects = [2, 3].map((r) => sheet.getRow(r).getCell(2));
    expect(subjects.map((c) => c.value).sort()).toEqual([injected, subject].sort());
    expect(subjects.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
  });

  it('only staff holding tickets:export may export lists', async () => {
    expect(outcome(await call('GET', '/ticket-exports/tickets.csv', 'alice'))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('GET', '/ticket-exports/tickets.xlsx', 'technician'))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('GET', '/ticket-exports/tickets.csv?queue=group', 'agent'))).toEqual({ status: 400, code: 'validation_failed' });
  });
});

describe('ticket PDF', () => {
  function pdfText(bytes: Uint8Array): string {
    const file = join(dir, `${randomUUID()}.pdf`);
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }

  it('the customer gets their ticket with the public conversation only: subject in Latin, Cyrillic and Arabic, no internal note', async () => {
    const reply = await call('GET', `/ticket-exports/tickets/${pdfTicket}/pdf`, 'alice');
    const bytes = await download(reply);
    const text = pdfText(bytes);

    expect(reply.body).toMatchObject({ contentType: 'application/pdf', rows: 3 });
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    expect(text).toContain('Server down');
    expect(text).toContain('Сервер не работает');
    expect(text).toContain('الخادم لا يعمل');
    expect(text).toContain('We restarted the web server');
    expect(text).toContain('شكرا كل شيء يعمل الآن');
    expect(text).not.toContain('SECRET-NOTE');
  });

  it('staff get the same public document (internal notes are never exported)', async () => {
    const text = pdfText(await download(await call('GET', `/ticket-exports/tickets/${pdfTicket}/pdf?locale=fr`, 'agent')));
    expect(text).toContain('Priorité');
    expect(text).not.toContain('SECRET-NOTE');
  });

  it('isolation: GET /ticket-exports/tickets/{ticketId}/pdf — another customer’s ticket is not found', async () => {
    expect(outcome(await call('GET', `/ticket-exports/tickets/${pdfTicket}/pdf`, 'bob'))).toEqual({ status: 404, code: 'not_found' });
    expect(outcome(await call('GET', `/ticket-exports/tickets/${randomUUID()}/pdf`, 'agent'))).toEqual({ status: 404, code: 'not_found' });
  });
});
