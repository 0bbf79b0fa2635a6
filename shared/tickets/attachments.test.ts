import { describe, expect, it } from 'vitest';
import { checkDeclaredAttachment, contentMatches, looksLikeText } from './attachments.js';

const bytes = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : new Uint8Array(s));
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return { status: (err as { statusCode: number }).statusCode, code: (err as { code: string }).code };
  }
  return undefined;
};

describe('checkDeclaredAttachment', () => {
  it('accepts documents, images, text and office files by their last extension', () => {
    expect(checkDeclaredAttachment({ fileName: 'Facture 2026.PDF', size: 10 })).toBe('pdf');
    expect(checkDeclaredAttachment({ fileName: 'screen.png', size: 10 })).toBe('png');
    expect(checkDeclaredAttachment({ fileName: 'server.log', size: 10 })).toBe('log');
    expect(checkDeclaredAttachment({ fileName: 'budget.v2.xlsx', size: 10 })).toBe('xlsx');
  });

  it.each(['invoice.pdf.exe', 'invoice.exe.pdf', 'setup.EXE', 'run.sh.txt', 'x.js', 'macro.docm', 'tool.jar', 'a.ps1', 'app.apk', 'lib.dll', 'noextension', 'archive.zip', '.bashrc'])(
    'refuses %s with 415 file_type_not_allowed',
    (fileName) => {
      expect(refusal(() => checkDeclaredAttachment({ fileName, size: 10 }))).toEqual({ status: 415, code: 'file_type_not_allowed' });
    },
  );

  it('refuses a file over the limit with 413 file_too_large, before looking at its name', () => {
    expect(refusal(() => checkDeclaredAttachment({ fileName: 'big.pdf', size: 20 * 1024 * 1024 + 1 }))).toEqual({ status: 413, code: 'file_too_large' });
    expect(checkDeclaredAttachment({ fileName: 'exact.pdf', size: 20 * 1024 * 1024 })).toBe('pdf');
  });
});

describe('contentMatches', () => {
  const pdf = bytes('%PDF-1.7\n');
  const exe = bytes([0x4d, 0x5a, 0x90, 0x00, 0x03]);
  const zip = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);

  it('wants the first bytes the extension promises', () => {
    expect(contentMatches('pdf', pdf, false)).toBe(true);
    expect(contentMatches('docx', zip, false)).toBe(true);
    expect(contentMatches('png', pdf, false)).toBe(false);
    expect(contentMatches('txt', bytes('Bonjour, ça marche ? مرحبا\r\n\tok'), false)).toBe(true);
  });

  it('never takes an executable or a script, whatever it is called', () => {
    expect(contentMatches('pdf', exe, false)).toBe(false);
    expect(contentMatches('txt', exe, false)).toBe(false);
    expect(contentMatches('txt', bytes('#!/bin/sh\nrm -rf /\n'), false)).toBe(false);
  });

  it('refuses binary data posing as text', () => {
    expect(looksLikeText(bytes([0x68, 0x00, 0x69]), false)).toBe(false);
    expect(looksLikeText(bytes([0xff, 0xfe, 0x41]), false)).toBe(false);
    expect(looksLikeText(new Uint8Array(), false)).toBe(false);
  });

  it('accepts text whose partial read cuts a character in two', () => {
    const euro = bytes('prix: €');
    expect(looksLikeText(euro.subarray(0, euro.length - 1), true)).toBe(true);
    expect(looksLikeText(euro.subarray(0, euro.length - 1), false)).toBe(false);
  });
});
