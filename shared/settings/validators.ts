/** Checks backed by the runtime's Intl data, so the lists never drift from what formats them. */
const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
const currencies = new Set(Intl.supportedValuesOf('currency'));

/** Area/Location spelled as the IANA database does (the runtime's list may hold an older alias, e.g. Europe/Kiev). */
const ianaShape = /^(UTC|[A-Z][A-Za-z_]+(\/[A-Z0-9][A-Za-z0-9_+-]*)+)$/;

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export function isTimeZone(value: string): boolean {
  if (timeZones.has(value)) return true;
  if (!ianaShape.test(value)) return false;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    // An alias (Europe/Kyiv → Europe/Kiev) is fine; a case variant of a known name (EUROPE/PARIS) is not.
    return resolved === value || resolved.toLowerCase() !== value.toLowerCase();
  } catch {
    return false;
  }
}

export function isCurrency(value: string): boolean {
  return /^[A-Z]{3}$/.test(value) && currencies.has(value);
}

/** A canonical BCP 47 tag whose language the runtime knows (so 'fr-DZ' passes, 'zz' does not). */
export function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value)[0] === value && languageNames.of(value) !== undefined;
  } catch {
    return false;
  }
}
