import { describe, expect, it } from 'vitest';
import { detectFields, keyFieldsFor, listingKey, maxWordsPerField, normaliseName, normalisePhone, normaliseRegistrationNumber, normaliseTerm, registrationKey, searchTermsOf, wordsOf } from './search-terms.js';

describe('normalisation', () => {
  it('folds names: lower case, accents removed, punctuation as single spaces', () => {
    expect(normaliseName('  Chloé  DUPONT-Lefèvre ')).toBe('chloe dupont lefevre');
    expect(normaliseName('Société Générale S.A.')).toBe('societe generale s a');
  });

  it('keeps Arabic letters', () => {
    expect(normaliseName('شركة  النور')).toBe('شركة النور');
  });

  it('reduces phones to digits, so + and spaces do not matter', () => {
    expect(normalisePhone('+213 (0)555-12 34')).toBe('213055512' + '34');
    expect(normalisePhone('213 555')).toBe(normalisePhone('+213555'));
  });

  it('reduces registration numbers to upper-case letters and digits', () => {
    expect(normaliseRegistrationNumber('rc 16/00-123 b')).toBe('RC1600123B');
    expect(registrationKey({ type: 'NIF', value: '0012-34' })).toEqual({ type: 'NIF', value: '001234' });
  });
});

describe('searchTermsOf', () => {
  it('lists one term per searchable field and registration number, without empties or duplicates', () => {
    const terms = searchTermsOf({
      name: 'Atlas SARL',
      companyName: 'Atlas SARL',
      email: 'Contact@Atlas.DZ',
      phone: '+213 21 00 00',
      registrationNumbers: [
        { type: 'RC', value: '16/00-1' },
        { type: 'NIF', value: '1600 1' },
      ],
    });
    expect(terms).toEqual([
      { field: 'name', term: 'atlas sarl' },
      { field: 'company', term: 'atlas sarl' },
      { field: 'nameWord', term: 'atlas' },
      { field: 'nameWord', term: 'sarl' },
      { field: 'companyWord', term: 'atlas' },
      { field: 'companyWord', term: 'sarl' },
      { field: 'email', term: 'contact@atlas.dz' },
      { field: 'phone', term: '213210000' },
      { field: 'regno', term: '16001' },
    ]);
  });

  it('leaves out fields that normalise to nothing', () => {
    expect(searchTermsOf({ name: 'Ann', phone: '', email: undefined })).toEqual([
      { field: 'name', term: 'ann' },
      { field: 'nameWord', term: 'ann' },
    ]);
  });
});

describe('detectFields', () => {
  it.each([
    ['ann@', ['email']],
    ['+213 55', ['phone', 'regno']],
    ['0555', ['phone', 'regno']],
    ['RC123456', ['phone', 'regno']],
    ['Chloé', ['name', 'company']],
    ['Atlas 2', ['name', 'company']],
  ])('%s → %j', (q, fields) => {
    expect(detectFields(q)).toEqual(fields);
  });
});

describe('words of names', () => {
  it('indexes every word of two characters or more, accents folded, once, capped per field', () => {
    expect(wordsOf(normaliseName('Chloé  Dupont-Lefèvre'))).toEqual(['chloe', 'dupont', 'lefevre']);
    expect(wordsOf(normaliseName('Société A.B. de la Mer de la Paix'))).toEqual(['societe', 'de', 'la', 'mer', 'paix']);
    expect(wordsOf(normaliseName('شركة النور'))).toEqual(['شركة', 'النور']);
    expect(wordsOf('a1 b2 c3 d4 e5 f6 g7 h8 i9 j10')).toHaveLength(maxWordsPerField);
  });

  it('adds the name and company words as their own terms', () => {
    const terms = searchTermsOf({ name: 'Chloé Dupont', companyName: 'Dupont & Fils' });
    expect(terms.filter((t) => t.field === 'nameWord').map((t) => t.term)).toEqual(['chloe', 'dupont']);
    expect(terms.filter((t) => t.field === 'companyWord').map((t) => t.term)).toEqual(['dupont', 'fils']);
  });
});

describe('keyFieldsFor', () => {
  it('walks the word partitions too for a one-word query on name fields', () => {
    expect(keyFieldsFor(['name', 'company'], 'Dupont')).toEqual(['name', 'nameWord', 'company', 'companyWord']);
    expect(keyFieldsFor(['name'], 'dup')).toEqual(['name', 'nameWord']);
  });

  it('walks whole names only when the query has several words, and no word partitions for other fields', () => {
    expect(keyFieldsFor(['name', 'company'], 'chloe dup')).toEqual(['name', 'company']);
    expect(keyFieldsFor(['phone', 'regno'], '0555')).toEqual(['phone', 'regno']);
    expect(keyFieldsFor(['email'], 'ann@')).toEqual(['email']);
  });
});

describe('listingKey: one listing per customer however many keys match', () => {
  const chloe = { name: 'Dupont Chloé Dupond', companyName: 'Dupont SARL' };
  const fields = keyFieldsFor(['name', 'company'], 'dup');
  const prefixOf = (f: Parameters<typeof normaliseTerm>[0]) => normaliseTerm(f, 'dup');

  it('is the first matching term of the first matching partition', () => {
    expect(listingKey(chloe, fields, prefixOf)).toBe('name#dupont chloe dupond');
    expect(listingKey({ name: 'Chloé Dupont', companyName: 'Dupont SARL' }, fields, prefixOf)).toBe('nameWord#dupont');
    expect(listingKey({ name: 'Chloé Dupond Dupont' }, fields, prefixOf)).toBe('nameWord#dupond');
    expect(listingKey({ name: 'Chloé', companyName: 'Les Dupont' }, fields, prefixOf)).toBe('companyWord#dupont');
  });

  it('is undefined when the customer no longer matches (a stale key)', () => {
    expect(listingKey({ name: 'Ann Martin' }, fields, prefixOf)).toBeUndefined();
  });
});
