import { describe, expect, it } from 'vitest';
import { buildCsv, buildXlsx, neutraliseCell, quoteCell, ticketColumns, type ExportColumn, type TicketRow } from './exports.js';

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
