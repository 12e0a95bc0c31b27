import dayjs from 'dayjs';
import 'dayjs/locale/kk';
import 'dayjs/locale/ru';
import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '../../domain/schemas/common.ts';

/**
 * Every text of the UI lives in locales/<lang>/<namespace>.json; the server reads the same files
 * for e-mails and documents, so a reviewer corrects a term in one place.
 */
export const NAMESPACES = [
  'common',
  'auth',
  'validation',
  'registry',
  'contacts',
  'notifications',
  'users',
  'audit',
  'settings',
  'errors',
  'documents',
  'items',
  'events',
  'annual',
  'oversight',
  'analysis',
  'files',
  'law',
  'exchange',
] as const;
export type Namespace = (typeof NAMESPACES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';

const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

export function loadResources(): Resource {
  const resources: Resource = {};
  for (const [file, content] of Object.entries(files)) {
    const m = /\/locales\/([a-z]+)\/([a-z-]+)\.json$/.exec(file);
    if (!m) continue;
    const [, lng, ns] = m as unknown as [string, string, string];
    (resources[lng] ??= {})[ns] = content;
  }
  return resources;
}

const STORAGE_KEY = 'bc.locale';

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

/** The language chosen on the login page (before anyone is logged in) survives a reload. */
export function storedLocale(): Locale {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LOCALE;
}

/** Switches texts, dates (dayjs) and the document language together. */
export async function applyLocale(locale: Locale): Promise<void> {
  dayjs.locale(locale);
  document.documentElement.lang = locale;
  if (i18n.resolvedLanguage !== locale) await i18n.changeLanguage(locale);
  document.title = i18n.t('common:appName');
}

export function initI18n(locale: Locale = storedLocale()) {
  dayjs.locale(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  void i18n.use(initReactI18next).init({
    resources: loadResources(),
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  if (typeof document !== 'undefined') document.title = i18n.t('common:appName');
  return i18n;
}

export default i18n;
