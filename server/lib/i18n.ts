import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type TOptions } from 'i18next';
import { LOCALES, type Locale } from '../../domain/schemas/common.ts';
import { fromRoot } from '../paths.ts';

/**
 * Server-side texts (e-mails, documents) come from the same i18n files as the web UI, so a
 * reviewer corrects a term in one place.
 */
const LOCALES_DIR = fromRoot('web', 'i18n', 'locales');

let instance: i18n | null = null;

function load(): i18n {
  if (instance) return instance;
  const resources: Resource = {};
  for (const lng of LOCALES) {
    resources[lng] = {};
    for (const file of fs.readdirSync(path.join(LOCALES_DIR, lng))) {
      if (!file.endsWith('.json')) continue;
      resources[lng]![file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lng, file), 'utf8'));
    }
  }
  const inst = i18next.createInstance();
  void inst.init({ resources, lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', initAsync: false, interpolation: { escapeValue: false } });
  instance = inst;
  return inst;
}

export function translate(locale: Locale | string, key: string, options: TOptions = {}): string {
  const lng = (LOCALES as readonly string[]).includes(locale) ? locale : 'ru';
  return load().t(key, { ...options, lng }) as string;
}

/** Picks the name in the reader's language from a {ru, kk, en} object. */
export function pick(text: { ru: string; kk: string; en: string }, locale: Locale | string): string {
  return (text as Record<string, string>)[locale] ?? text.ru;
}
