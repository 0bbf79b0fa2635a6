import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paragraphScript, renderTicketPdf, splitRuns, wrapParagraph, type TicketPdfInput } from './pdf.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text pdftotext (poppler) reads from the PDF. */
function pdfText(bytes: Uint8Array): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

const input = (over: Partial<TicketPdfInput> = {}): TicketPdfInput => ({
  number: '482913',
  subject: 'Server down — Сервер не работает — الخادم لا يعمل',
  status: 'open',
  priority: 'high',
  createdAt: '2026-03-14T09:30:15.000Z',
  requester: 'Chloé Martin <customer@cloudmanager.example>',
  customerName: 'Atlas Services SARL',
  description: 'Since this morning the VPS answers nothing.\nDepuis ce matin, plus rien.',
  messages: [
    { authorName: 'Aya', authorKind: 'staff', createdAt: '2026-03-14T10:00:00.000Z', body: 'We are looking into it: ticket 12 of 30.', attachments: ['report.pdf'] },
    { authorName: 'Karim', authorKind: 'customer', createdAt: '2026-03-14T11:00:00.000Z', body: 'شكرا جزيلا على المساعدة', attachments: [] },
  ],
  generatedAt: '2026-03-15T08:00:00.000Z',
  locale: 'en',
  ...over,
});

describe('renderTicketPdf', () => {
  it('writes the subject in Latin, Cyrillic and Arabic so that pdftotext finds each', async () => {
    const text = pdfText(await renderTicketPdf(input()));
    expect(text).toContain('Server down');
    expect(text).toContain('Сервер не работает');
    expect(text).toContain('الخادم لا يعمل');
    expect(text).toContain('Ticket #482913');
    expect(text).toContain('شكرا جزيلا على المساعدة');
    expect(text).toContain('report.pdf');
  });

  it('lays out long text over several pages and labels in the chosen language', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `Line ${i}: ${'lorem ipsum '.repeat(8)}`).join('\n');
    const bytes = await renderTicketPdf(input({ description: long, locale: 'fr' }));
    const text = pdfText(bytes);
    expect(text).toContain('Priorité');
    expect(text).toContain('Line 119');
    expect(text).toMatch(/1 ?\/ ?[2-9]/);
  });

  it('renders Arabic labels right to left', async () => {
    const text = pdfText(await renderTicketPdf(input({ locale: 'ar' })));
    expect(text).toContain('المحادثة');
    expect(text).toContain('الأولوية');
  });
});

describe('bidi helpers', () => {
  it('finds the paragraph direction from its first letter', () => {
    expect(paragraphScript('  123 مرحبا hello')).toBe('arabic');
    expect(paragraphScript('Hello مرحبا')).toBe('other');
  });

  it('gives neutrals between different scripts the paragraph direction', () => {
    expect(splitRuns('Hello مرحبا world', 'other')).toEqual([
      { text: 'Hello ', script: 'other' },
      { text: 'مرحبا', script: 'arabic' },
      { text: ' world', script: 'other' },
    ]);
    expect(splitRuns('رقم 123 اليوم', 'arabic')).toEqual([
      { text: 'رقم ', script: 'arabic' },
      { text: '123', script: 'other' },
      { text: ' اليوم', script: 'arabic' },
    ]);
  });

  it('wraps words and cuts a word longer than a line', () => {
    const measure = (s: string) => s.length;
    expect(wrapParagraph('aaa bbb ccc', measure, 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapParagraph('abcdefghij', measure, 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
