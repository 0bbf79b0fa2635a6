import { TicketSearchKey } from '../db/entities/ticket-search-key.js';
import type { TransactItem } from './store.js';

/** Words too common to narrow a search; never indexed (English and French). */
export const stopWords: ReadonlySet<string> = new Set([
  'the', 'and', 'for', 'with', 'not', 'but', 'from', 'this', 'that', 'are', 'was', 'our', 'you', 'your', 'can', 'cannot',
  'is', 'to', 'of', 'in', 'on', 'at', 'by', 'an', 'or', 'my', 'me', 'it', 'be', 'do', 'no', 'we', 'as', 'if',
  'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'et', 'ou', 'en', 'au', 'aux', 'pour', 'par', 'sur', 'dans',
  'pas', 'ne', 'est', 'mon', 'ma', 'mes', 'je', 'il', 'elle', 'nous', 'vous', 'avec', 'que', 'qui',
]);

/** At most this many subject words are indexed (keeps the ticket's transaction small). */
export const maxSubjectWords = 12;
export const minWordLength = 2;

/** Lower case, accents folded, anything but letters and digits as spaces. */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The distinct words of a subject (or a search) worth indexing, in order: ≥ 2 characters, no stop-words. */
export function subjectWords(text: string, max = maxSubjectWords): string[] {
  const words = foldText(text)
    .split(' ')
    .filter((w) => [...w].length >= minWordLength && !stopWords.has(w));
  return [...new Set(words)].slice(0, max);
}

export const wordTerm = (word: string) => `w:${word}`;
export const emailTerm = (email: string) => `e:${email.trim().toLowerCase()}`;
export const tagTerm = (tag: string) => `t:${tag.trim().toLowerCase()}`;

/** Every search term a ticket is found by: subject words, requester email, tags. */
export function ticketTerms(ticket: { subject: string; requesterEmail: string; tags?: readonly string[] | undefined }): string[] {
  const terms = [...subjectWords(ticket.subject).map(wordTerm), emailTerm(ticket.requesterEmail), ...(ticket.tags ?? []).map(tagTerm)];
  return [...new Set(terms)];
}

/** The subject-word terms to add and remove when a subject changes. */
export function subjectTermChanges(before: string, after: string): { add: string[]; remove: string[] } {
  const old = new Set(subjectWords(before).map(wordTerm));
  const now = new Set(subjectWords(after).map(wordTerm));
  return { add: [...now].filter((t) => !old.has(t)), remove: [...old].filter((t) => !now.has(t)) };
}

/**
 * Transaction items writing (`put`) or deleting search keys of a ticket, for `writeTicketChange`'s
 * `also` (tags: `searchKeyItems(ticket, [tagTerm(tag)], 'put')`).
 */
export function searchKeyItems(ticket: { ticketId: string; createdAt: string }, terms: readonly string[], op: 'put' | 'delete'): TransactItem[] {
  return terms.map((term): TransactItem => {
    const key = { term, createdAt: ticket.createdAt, ticketId: ticket.ticketId };
    if (op === 'put') {
      const { Item, TableName } = TicketSearchKey.put(key).params<{ Item: Record<string, unknown>; TableName: string }>();
      return { Put: { TableName, Item } };
    }
    const { Key, TableName } = TicketSearchKey.delete(key).params<{ Key: Record<string, unknown>; TableName: string }>();
    return { Delete: { TableName, Key } };
  });
}
