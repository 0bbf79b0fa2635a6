import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

// One ticket and its public conversation as a PDF. pdf-lib's standard fonts only encode WinAnsi,
// so two Noto fonts (SIL OFL, shared/tickets/fonts/) are embedded as subsets: Noto Sans for
// Latin, Greek and Cyrillic, Noto Sans Arabic for Arabic. fontkit shapes Arabic and lays a
// right-to-left run out right to left; pdf-lib has no bidi, so lines are cut here into runs of
// one script and ordered by the paragraph's direction (a small subset of the Unicode algorithm).

export type PdfLocale = 'en' | 'fr' | 'ar';

export interface TicketPdfMessage {
  authorName: string;
  /** Shown beside the name: staff replies and customer replies read differently. */
  authorKind: 'staff' | 'customer';
  createdAt: string;
  body: string;
  attachments: string[];
}

export interface TicketPdfInput {
  number: string;
  subject: string;
  status: string;
  priority: string;
  createdAt: string;
  requester: string;
  customerName?: string | undefined;
  description: string;
  /** Public replies only, oldest first: the caller never passes internal notes. */
  messages: TicketPdfMessage[];
  generatedAt: string;
  locale: PdfLocale;
}

const labels: Record<PdfLocale, Record<'ticket' | 'status' | 'priority' | 'created' | 'requester' | 'customer' | 'description' | 'conversation' | 'attachments' | 'staff' | 'customerAuthor' | 'generated' | 'noReplies', string>> = {
  en: {
    ticket: 'Ticket', status: 'Status', priority: 'Priority', created: 'Created', requester: 'Requester', customer: 'Customer',
    description: 'Description', conversation: 'Conversation', attachments: 'Attachments', staff: 'Support', customerAuthor: 'Customer',
    generated: 'Generated', noReplies: 'No replies yet.',
  },
  fr: {
    ticket: 'Ticket', status: 'Statut', priority: 'Priorité', created: 'Créé le', requester: 'Demandeur', customer: 'Client',
    description: 'Description', conversation: 'Conversation', attachments: 'Pièces jointes', staff: 'Support', customerAuthor: 'Client',
    generated: 'Généré le', noReplies: 'Pas encore de réponse.',
  },
  ar: {
    ticket: 'التذكرة', status: 'الحالة', priority: 'الأولوية', created: 'تاريخ الإنشاء', requester: 'مقدم الطلب', customer: 'العميل',
    description: 'الوصف', conversation: 'المحادثة', attachments: 'المرفقات', staff: 'الدعم', customerAuthor: 'العميل',
    generated: 'تاريخ الإنشاء', noReplies: 'لا توجد ردود بعد.',
  },
};

/**
 * fontkit, with one fix for text extraction: a ligature glyph of a right-to-left run (Arabic
 * lam-alef) lists its characters in reverse, because readers (poppler, Acrobat) turn the drawn,
 * right-to-left glyph order back into reading order by reversing characters, ligatures included.
 * The drawing is unchanged; only the glyph's ToUnicode entry is.
 */
const fontkitForRtlText = {
  create(bytes: Uint8Array, name?: string) {
    const font = fontkit.create(bytes as Buffer, name) as unknown as { layout: (...args: unknown[]) => { glyphs: { codePoints: number[]; rtlFixed?: boolean }[] } };
    const layout = font.layout.bind(font);
    font.layout = (...args: unknown[]) => {
      const run = layout(...args);
      for (const glyph of run.glyphs) {
        if (glyph.rtlFixed || glyph.codePoints.length < 2 || !arabicChar.test(String.fromCodePoint(...glyph.codePoints))) continue;
        glyph.codePoints = [...glyph.codePoints].reverse();
        glyph.rtlFixed = true;
      }
      return run;
    };
    return font;
  },
} as unknown as typeof fontkit;

interface Fonts {
  latin: PDFFont;
  arabic: PDFFont;
}

let fontBytes: Promise<[Uint8Array, Uint8Array]> | undefined;

/** The font files, read once per process (in a Lambda bundle they sit in `fonts/` beside the code). */
function loadFontBytes(): Promise<[Uint8Array, Uint8Array]> {
  fontBytes ??= Promise.all([
    readFile(new URL('./fonts/NotoSans-Regular.ttf', import.meta.url)),
    readFile(new URL('./fonts/NotoSansArabic-Regular.ttf', import.meta.url)),
  ]);
  return fontBytes;
}

const arabicChar = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const strongChar = /[\p{L}\p{N}]/u;
const arabicFontNeutral = /[\s!,\-.:]/;

type Script = 'arabic' | 'other';
interface Run {
  text: string;
  script: Script;
}

/** Control and bidi formatting characters are dropped; tabs become spaces. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(/[\u0000-\u0009\u000B-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
}

/** A paragraph reads right to left when its first letter is Arabic. */
export function paragraphScript(text: string): Script {
  for (const ch of text) {
    if (arabicChar.test(ch)) return 'arabic';
    if (/\p{L}/u.test(ch)) return 'other';
  }
  return 'other';
}

/**
 * Cuts a line into runs of one script. Neutral characters (spaces, punctuation) between two runs
 * of the same script join them; between different scripts they take the paragraph's direction.
 */
export function splitRuns(text: string, base: Script): Run[] {
  const chars = [...text];
  const strong = chars.map((ch): Script | null => (arabicChar.test(ch) ? 'arabic' : strongChar.test(ch) ? 'other' : null));
  const resolved = strong.map((s, i) => {
    if (s) return s;
    let before: Script | null = null;
    for (let j = i - 1; j >= 0 && !before; j--) before = strong[j]!;
    let after: Script | null = null;
    for (let j = i + 1; j < chars.length && !after; j++) after = strong[j]!;
    const script = before && after ? (before === after ? before : base) : (before ?? after ?? base);
    // Noto Sans Arabic has only a few Latin neutrals; any other goes to the Latin font.
    return script === 'arabic' && !arabicFontNeutral.test(chars[i]!) ? 'other' : script;
  });
  const runs: Run[] = [];
  chars.forEach((ch, i) => {
    const script = resolved[i]!;
    const last = runs[runs.length - 1];
    if (last && last.script === script) last.text += ch;
    else runs.push({ text: ch, script });
  });
  return runs;
}

const fontFor = (fonts: Fonts, script: Script) => (script === 'arabic' ? fonts.arabic : fonts.latin);

function widthOf(fonts: Fonts, text: string, size: number, base: Script): number {
  return splitRuns(text, base).reduce((w, r) => w + fontFor(fonts, r.script).widthOfTextAtSize(r.text, size), 0);
}

/**
 * Greedy word wrap to `maxWidth` (a line's width = its words' widths + spaces); a word longer
 * than a line is cut by characters.
 */
export function wrapParagraph(text: string, measure: (s: string) => number, maxWidth: number): string[] {
  const lines: string[] = [];
  const space = measure(' ');
  let line = '';
  let width = 0;
  for (const word of text.split(/ +/)) {
    const w = measure(word);
    if (line && width + space + w <= maxWidth) {
      line += ` ${word}`;
      width += space + w;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    width = 0;
    if (w <= maxWidth) {
      line = word;
      width = w;
      continue;
    }
    for (const ch of word) {
      const cw = measure(ch);
      if (line && width + cw > maxWidth) {
        lines.push(line);
        line = '';
        width = 0;
      }
      line += ch;
      width += cw;
    }
  }
  lines.push(line);
  return lines;
}

const pageSize: [number, number] = [595.28, 841.89];
const margin = 50;

/** Lays text out top to bottom over as many pages as it needs. */
class Writer {
  page!: PDFPage;
  y = 0;
  readonly width = pageSize[0] - 2 * margin;
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(pageSize);
    this.y = pageSize[1] - margin;
  }

  space(points: number): void {
    this.y -= points;
  }

  /** One paragraph (a `\n` starts another), wrapped, right-aligned when it reads right to left. */
  text(value: string, options: { size?: number; grey?: boolean; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    const lineHeight = size * 1.45;
    for (const paragraph of cleanText(value).split('\n')) {
      const base = paragraphScript(paragraph);
      const available = this.width - indent;
      for (const line of wrapParagraph(paragraph, (s) => widthOf(this.fonts, s, size, base), available)) {
        if (this.y - lineHeight < margin) this.newPage();
        this.y -= lineHeight;
        this.drawLine(line, base, size, indent, options.grey ? rgb(0.4, 0.4, 0.4) : rgb(0.1, 0.1, 0.1));
      }
    }
  }

  private drawLine(line: string, base: Script, size: number, indent: number, color: ReturnType<typeof rgb>): void {
    const runs = splitRuns(line, base);
    const widths = runs.map((r) => fontFor(this.fonts, r.script).widthOfTextAtSize(r.text, size));
    // Right to left: the first run sits at the right margin, the next to its left.
    const ordered = base === 'arabic' ? runs.map((r, i) => ({ r, w: widths[i]! })).reverse() : runs.map((r, i) => ({ r, w: widths[i]! }));
    const total = widths.reduce((a, b) => a + b, 0);
    let x = base === 'arabic' ? margin + this.width - total : margin + indent;
    for (const { r, w } of ordered) {
      if (r.text.trim()) this.page.drawText(r.text, { x, y: this.y, size, font: fontFor(this.fonts, r.script), color });
      x += w;
    }
  }

  rule(): void {
    if (this.y - 12 < margin) this.newPage();
    this.y -= 6;
    this.page.drawLine({ start: { x: margin, y: this.y }, end: { x: margin + this.width, y: this.y }, thickness: 0.5, color: rgb(0.75, 0.75, 0.75) });
    this.y -= 6;
  }
}

const formatTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Renders the ticket; the same input always gives the same text (time stamps come from the input). */
export async function renderTicketPdf(input: TicketPdfInput): Promise<Uint8Array> {
  const l = labels[input.locale];
  const [latinBytes, arabicBytes] = await loadFontBytes();
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitForRtlText);
  const fonts: Fonts = {
    latin: await doc.embedFont(latinBytes, { subset: true }),
    arabic: await doc.embedFont(arabicBytes, { subset: true }),
  };
  doc.setTitle(`${l.ticket} #${input.number} — ${input.subject}`);
  doc.setProducer('CloudManager');
  doc.setCreator('CloudManager helpdesk');
  doc.setCreationDate(new Date(input.generatedAt));

  const w = new Writer(doc, fonts);
  w.text(`${l.ticket} #${input.number}`, { size: 16 });
  w.space(2);
  w.text(input.subject, { size: 13 });
  w.space(6);
  w.text(`${l.status}: ${input.status}    ${l.priority}: ${input.priority}`, { grey: true });
  w.text(`${l.created}: ${formatTime(input.createdAt)}`, { grey: true });
  w.text(`${l.requester}: ${input.requester}`, { grey: true });
  if (input.customerName) w.text(`${l.customer}: ${input.customerName}`, { grey: true });
  w.rule();
  w.text(l.description, { size: 12 });
  w.space(2);
  w.text(input.description);
  w.rule();
  w.text(l.conversation, { size: 12 });
  if (input.messages.length === 0) w.text(l.noReplies, { grey: true });
  for (const m of input.messages) {
    w.space(6);
    w.text(`${m.authorName} (${m.authorKind === 'staff' ? l.staff : l.customerAuthor}) — ${formatTime(m.createdAt)}`, { grey: true, size: 9 });
    w.text(m.body, { indent: 8 });
    if (m.attachments.length) w.text(`${l.attachments}: ${m.attachments.join(', ')}`, { grey: true, size: 9, indent: 8 });
  }
  w.space(10);
  w.text(`${l.generated}: ${formatTime(input.generatedAt)}`, { grey: true, size: 8 });

  const pages = doc.getPages();
  pages.forEach((page, i) => {
    page.drawText(`${i + 1} / ${pages.length}`, { x: pageSize[0] - margin - 30, y: margin / 2, size: 8, font: fonts.latin, color: rgb(0.5, 0.5, 0.5) });
  });
  return doc.save();
}
