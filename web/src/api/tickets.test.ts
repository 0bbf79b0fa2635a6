import { describe, expect, it } from 'vitest';
import type { TicketCategoryNodeShape } from '../../../shared/tickets/assignment-schemas';
import { ApiError } from './client';
import { attachmentExtensions, attachmentProblem, blockedExtensions, flattenCategories, translateTicketError } from './tickets';

const file = (name: string, size = 10) => ({ name, size }) as File;
const check = (name: string, size?: number) => attachmentProblem(file(name, size), { maxBytes: 100 }, attachmentExtensions, blockedExtensions);

describe('attachmentProblem (the portal check before any upload)', () => {
  it('accepts the API’s accepted types', () => {
    expect(check('log.pdf')).toBeUndefined();
    expect(check('Scan.JPG')).toBeUndefined();
    expect(check('notes.2026.txt')).toBeUndefined();
  });

  it('refuses files over the size limit', () => {
    expect(check('big.pdf', 101)).toBe('tooLarge');
  });

  it('refuses executables and scripts, also hidden behind a double extension', () => {
    expect(check('setup.exe')).toBe('badType');
    expect(check('invoice.pdf.exe')).toBe('badType');
    expect(check('run.sh.txt')).toBe('badType');
    expect(check('no-extension')).toBe('badType');
  });
});

describe('flattenCategories', () => {
  const node = (categoryId: string, name: string, children: TicketCategoryNodeShape[] = [], active = true): TicketCategoryNodeShape => ({
    categoryId, parentId: null, name, defaultGroupId: null, requiresQc: false, active, version: 1, createdAt: '', updatedAt: '', children,
  });

  it('lists every category depth first with its path', () => {
    const tree = [node('a', 'Hosting', [node('b', 'Email', [node('c', 'Spam')]), node('d', 'Web', [], false)]), node('e', 'Billing')];
    expect(flattenCategories(tree).map((c) => [c.categoryId, c.label, c.active])).toEqual([
      ['a', 'Hosting', true],
      ['b', 'Hosting › Email', true],
      ['c', 'Hosting › Email › Spam', true],
      ['d', 'Hosting › Web', false],
      ['e', 'Billing', true],
    ]);
  });
});

describe('translateTicketError', () => {
  const t = ((key: string) => `T(${key})`) as never;

  it('gives this feature’s codes a translated message and keeps the status', () => {
    const error = translateTicketError(t, new ApiError(415, 'file_type_not_allowed', 'raw')) as ApiError;
    expect(error.message).toBe('T(tickets.errors.file_type_not_allowed)');
    expect(error.status).toBe(415);
  });

  it('passes other errors through unchanged', () => {
    const other = new ApiError(403, 'forbidden', 'raw');
    expect(translateTicketError(t, other)).toBe(other);
  });
});
