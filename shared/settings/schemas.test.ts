import { describe, expect, it } from 'vitest';
import { currencySchema, localeSchema, organisationSettings, timezoneSchema, updateOrganisationSettings } from './schemas.js';

const validUpdate = { name: 'Atlas Services', timezone: 'Africa/Algiers', currency: 'DZD', locale: 'ar-DZ', version: 3 };

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

describe('field schemas', () => {
  it('accept IANA zones, ISO 4217 codes and canonical locales', () => {
    // Act
    const zones = ['Africa/Algiers', 'Asia/Tashkent', 'Europe/Kyiv'].map((z) => timezoneSchema.safeParse(z).success);
    const currency = currencySchema.safeParse('DZD').success;
    const locales = ['fr', 'ar-DZ'].map((l) => localeSchema.safeParse(l).success);

    // Assess
    expect(zones).toEqual([true, true, true]);
    expect(currency).toBe(true);
    expect(locales).toEqual([true, true]);
  });

  it('reject unknown values with a readable message', () => {
    // Act
    const zone = timezoneSchema.safeParse('Mars/Olympus');
    const upper = currencySchema.safeParse('XYZ');
    const lower = currencySchema.safeParse('usd');
    const locale = localeSchema.safeParse('fr_FR');

    // Assess
    expect(zone.error?.issues[0]?.message).toBe('Unknown IANA time zone');
    expect(upper.error?.issues[0]?.message).toBe('Unknown ISO 4217 currency code');
    expect(lower.error?.issues[0]?.message).toBe('Unknown ISO 4217 currency code');
    expect(locale.error?.issues[0]?.message).toBe('Not a canonical BCP 47 locale');
  });

  it('reject non-strings', () => {
    // Act
    const results = [timezoneSchema.safeParse(1), currencySchema.safeParse(null), localeSchema.safeParse({})];

    // Assess
    expect(results.map((r) => r.success)).toEqual([false, false, false]);
  });
});

describe('updateOrganisationSettings', () => {
  it('accepts a complete update and trims the name', () => {
    // Act
    const result = updateOrganisationSettings.safeParse({ ...validUpdate, name: '  Atlas Services  ' });

    // Assess
    expect(result.success).toBe(true);
    expect(result.data).toEqual(validUpdate);
  });

  it('reports every bad field by path', () => {
    // Prepare
    const input = { name: '   ', timezone: 'Mars/Olympus', currency: 'usd', locale: 'fr-fr', version: 0 };

    // Act
    const result = updateOrganisationSettings.safeParse(input);

    // Assess
    expect(result.success).toBe(false);
    expect(issuePaths(result).sort()).toEqual(['currency', 'locale', 'name', 'timezone', 'version']);
  });

  it('rejects unknown keys (strict), so clients cannot set updatedAt or other fields', () => {
    // Act
    const result = updateOrganisationSettings.safeParse({ ...validUpdate, updatedAt: '2025-01-01T00:00:00.000Z' });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it.each([
    ['a missing version', { name: 'A', timezone: 'UTC', currency: 'EUR', locale: 'fr' }],
    ['a fractional version', { ...validUpdate, version: 1.5 }],
    ['a negative version', { ...validUpdate, version: -1 }],
    ['a string version', { ...validUpdate, version: '3' }],
    ['a 121-character name', { ...validUpdate, name: 'n'.repeat(121) }],
  ])('rejects %s', (_, input) => {
    // Act
    const result = updateOrganisationSettings.safeParse(input);

    // Assess
    expect(result.success).toBe(false);
  });
});

describe('organisationSettings (response)', () => {
  it('accepts what the service returns', () => {
    // Act
    const result = organisationSettings.safeParse({ ...validUpdate, updatedAt: '2025-03-12T19:03:58.000Z' });

    // Assess
    expect(result.success).toBe(true);
  });

  it('requires an ISO-8601 UTC updatedAt', () => {
    // Act
    const result = organisationSettings.safeParse({ ...validUpdate, updatedAt: '12/03/2025' });

    // Assess
    expect(issuePaths(result)).toEqual(['updatedAt']);
  });
});
