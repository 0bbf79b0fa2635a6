import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './locales/ar';
import { en } from './locales/en';
import { fr } from './locales/fr';

export const languages = ['en', 'fr', 'ar'] as const;
export type Language = (typeof languages)[number];

export const STORAGE_KEY = 'cloudmanager.lang';
export const QUERY_PARAM = 'lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function store(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this page only.
  }
}

/** `?lang=` first, then the stored choice, then the browser's languages, then English. */
export function detectLanguage(): Language {
  const fromQuery = new URLSearchParams(window.location.search).get(QUERY_PARAM);
  if (isLanguage(fromQuery)) return fromQuery;
  const stored = readStored();
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? []) {
    const base = tag.split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Keeps `<html lang dir>` (and so Mantine's DirectionProvider, which observes it) and the stored choice in step. */
function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  store(language);
}

export function initI18n(): typeof i18n {
  const lng = detectLanguage();
  i18n.on('languageChanged', (next) => {
    if (isLanguage(next)) applyLanguage(next);
  });
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  applyLanguage(lng);
  return i18n;
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

export { i18n };
