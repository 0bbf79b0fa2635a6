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

export function normaliseTerm(field: SearchField, value: string): string {
  switch (field) {
    case 'name':
    case 'company':
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
  field: SearchField;
  term: string;
}

interface Searchable {
  name: string;
  companyName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  registrationNumbers?: readonly { type: string; value: string }[] | undefined;
}

/** Every search term a customer is found by (empty terms and duplicates left out). */
export function searchTermsOf(customer: Searchable): SearchTerm[] {
  const candidates: [SearchField, string | undefined][] = [
    ['name', customer.name],
    ['company', customer.companyName],
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

/** A registration number's lock key: its type and normalised value. */
export function registrationKey(n: { type: string; value: string }): { type: string; value: string } {
  return { type: n.type, value: normaliseRegistrationNumber(n.value) };
}
