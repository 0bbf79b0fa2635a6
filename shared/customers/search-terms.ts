import type { SearchField } from './schemas.js';

/** Names and companies: lower case, accents folded, punctuation as spaces, spaces collapsed. */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Digits only, so `+213 555 12`, `21355512` and `(213) 555-12` all search alike. */
export function normalisePhone(value: string): string {
  return value.replace(/\D/g, '');
}

/** Upper-case letters and digits only: `rc 16/00-123` → `RC1600123`. */
export function normaliseRegistrationNumber(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/**
 * The search-key partitions: the searchable fields, plus one per name field holding each of its
 * words on its own (so `dupont` finds `Chloé Dupont`). `name` keeps whole names for A→Z listing.
 */
export type KeyField = SearchField | 'nameWord' | 'companyWord';
const wordField = { name: 'nameWord', company: 'companyWord' } as const satisfies Partial<Record<SearchField, KeyField>>;

/** Words shorter than this are not indexed on their own; at most this many words per name field (keeps the customer transaction small). */
export const minWordLength = 2;
export const maxWordsPerField = 8;

/** The distinct words of a normalised name worth indexing on their own, in order, capped. */
export function wordsOf(normalised: string): string[] {
  const words = normalised.split(' ').filter((w) => [...w].length >= minWordLength);
  return [...new Set(words)].slice(0, maxWordsPerField);
}

export function normaliseTerm(field: KeyField, value: string): string {
  switch (field) {
    case 'name':
    case 'company':
    case 'nameWord':
    case 'companyWord':
      return normaliseName(value);
    case 'email':
      return normaliseEmail(value);
    case 'phone':
      return normalisePhone(value);
    case 'regno':
      return normaliseRegistrationNumber(value);
  }
}

export interface SearchTerm {
  field: KeyField;
  term: string;
}

interface Searchable {
  name: string;
  companyName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  registrationNumbers?: readonly { type: string; value: string }[] | undefined;
}

/** Every search term a customer is found by: whole fields, then the words of the name and company (empty terms and duplicates left out). */
export function searchTermsOf(customer: Searchable): SearchTerm[] {
  const words = (field: 'name' | 'company', value: string | undefined) =>
    wordsOf(value ? normaliseName(value) : '').map((w): [KeyField, string] => [wordField[field], w]);
  const candidates: [KeyField, string | undefined][] = [
    ['name', customer.name],
    ['company', customer.companyName],
    ...words('name', customer.name),
    ...words('company', customer.companyName),
    ['email', customer.email],
    ['phone', customer.phone],
    ...(customer.registrationNumbers ?? []).map((n): [SearchField, string] => ['regno', n.value]),
  ];
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const [field, raw] of candidates) {
    const term = raw ? normaliseTerm(field, raw) : '';
    const key = `${field}#${term}`;
    if (!term || seen.has(key)) continue;
    seen.add(key);
    terms.push({ field, term });
  }
  return terms;
}

/** The fields a query searches when none was chosen: `@` → email; mostly digits → phone and registration number; else name and company. */
export function detectFields(q: string): SearchField[] {
  if (q.includes('@')) return ['email'];
  const digits = q.replace(/\D/g, '').length;
  const meaningful = q.replace(/[\s+().-]/g, '').length;
  if (digits > 0 && digits * 2 >= meaningful) return ['phone', 'regno'];
  return ['name', 'company'];
}

/**
 * The partitions a search walks, in order: each chosen field, and for a one-word query on a name
 * field its word partition too (a query with a space can only match a whole name from its start).
 */
export function keyFieldsFor(fields: readonly SearchField[], q: string): KeyField[] {
  const oneWord = !normaliseName(q).includes(' ');
  return fields.flatMap((f): KeyField[] => (oneWord && f in wordField ? [f, wordField[f as keyof typeof wordField]] : [f]));
}

/**
 * The one search key at which a customer is listed when several of its keys match (whole name and
 * a word, two words, name and company): the first matching term of the first matching partition,
 * from the customer's current terms. Each key is walked once, so each customer is listed once.
 */
export function listingKey(customer: Searchable, fields: readonly KeyField[], prefixOf: (f: KeyField) => string): string | undefined {
  const terms = searchTermsOf(customer);
  for (const field of fields) {
    const prefix = prefixOf(field);
    const matching = terms.filter((t) => t.field === field && t.term.startsWith(prefix)).map((t) => t.term).sort();
    if (matching.length > 0) return `${field}#${matching[0]}`;
  }
  return undefined;
}

/** A registration number's lock key: its type and normalised value. */
export function registrationKey(n: { type: string; value: string }): { type: string; value: string } {
  return { type: n.type, value: normaliseRegistrationNumber(n.value) };
}
