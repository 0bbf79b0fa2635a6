import { describe, expect, it } from 'vitest';
import { detectType, displayFileName } from './file-types.js';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('detectType', () => {
  it.each([
    ['pdf', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
    ['Windows exe', bytes('MZ', [0x90, 0, 3]), 'executable'],
    ['ELF', bytes([0x7f], 'ELF', [2, 1, 1]), 'executable'],
    ['shebang script', bytes('#!/bin/sh\nrm -rf /'), 'executable'],
    ['plain text', bytes('hello world'), 'unknown'],
    ['empty', new Uint8Array(), 'unknown'],
  ] as const)('%s → %s', (_name, input, expected) => {
    expect(detectType(input)).toBe(expected);
  });

  it('does not take a truncated magic number for the real thing', () => {
    expect(detectType(bytes('%PD'))).toBe('unknown');
  });
});

describe('displayFileName', () => {
  it('keeps only the base name, without control or bidi characters or leading dots', () => {
    expect(displayFileName('../../etc/passwd')).toBe('passwd');
    expect(displayFileName('C:\\Users\\me\\id.pdf')).toBe('id.pdf');
    expect(displayFileName('..\u202Efdp.exe')).toBe('fdp.exe');
    expect(displayFileName('   ')).toBe('file');
  });

  it('shortens long names to 120 characters and keeps the extension', () => {
    const name = displayFileName(`${'a'.repeat(300)}.pdf`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
