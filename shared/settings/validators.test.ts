import { describe, expect, it } from 'vitest';
import { isCurrency, isLocale, isTimeZone } from './validators.js';

describe('isTimeZone', () => {
  it.each(['Africa/Algiers', 'Asia/Tashkent', 'Europe/Kyiv', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'UTC'])(
    'accepts the IANA zone %s',
    (zone) => {
      // Act
      const valid = isTimeZone(zone);

      // Assess
      expect(valid).toBe(true);
    },
  );

  it('accepts Europe/Kyiv even though the runtime lists the zone under its old name', () => {
    // Prepare
    const listed = Intl.supportedValuesOf('timeZone');

    // Act
    const valid = isTimeZone('Europe/Kyiv');

    // Assess
    expect(valid).toBe(true);
    expect(listed.includes('Europe/Kyiv') || listed.includes('Europe/Kiev')).toBe(true);
  });

  it.each(['Mars/Olympus', '', 'Africa/Atlantis', '+01:00', 'GMT+1 ', 'Europe/', 'europe/paris', 'utc', 'EUROPE/PARIS'])('rejects %j', (zone) => {
    // Act
    const valid = isTimeZone(zone);

    // Assess
    expect(valid).toBe(false);
  });
});

describe('isCurrency', () => {
  it.each(['DZD', 'EUR', 'USD', 'UZS', 'UAH'])('accepts the ISO 4217 code %s', (code) => {
    // Act
    const valid = isCurrency(code);

    // Assess
    expect(valid).toBe(true);
  });

  it.each(['XYZ', 'usd', 'Dzd', 'EURO', 'EU', '', ' EUR'])('rejects %j', (code) => {
    // Act
    const valid = isCurrency(code);

    // Assess
    expect(valid).toBe(false);
  });
});

describe('isLocale', () => {
  it.each(['fr', 'ar-DZ', 'en-GB', 'uz-Latn-UZ', 'uk'])('accepts the canonical BCP 47 tag %s', (tag) => {
    // Act
    const valid = isLocale(tag);

    // Assess
    expect(valid).toBe(true);
  });

  it.each(['fr-fr', 'AR-dz', 'en_US', '', 'x', 'fr--FR', 'zz', 'qq-DZ'])('rejects the non-canonical or malformed tag %j', (tag) => {
    // Act
    const valid = isLocale(tag);

    // Assess
    expect(valid).toBe(false);
  });
});
