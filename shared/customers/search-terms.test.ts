import { describe, expect, it } from 'vitest';
import { detectFields, normaliseName, normalisePhone, normaliseRegistrationNumber, registrationKey, searchTermsOf } from './search-terms.js';

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
      { field: 'email', term: 'contact@atlas.dz' },
      { field: 'phone', term: '213210000' },
      { field: 'regno', term: '16001' },
    ]);
  });

  it('leaves out fields that normalise to nothing', () => {
    expect(searchTermsOf({ name: 'Ann', phone: '', email: undefined })).toEqual([{ field: 'name', term: 'ann' }]);
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
