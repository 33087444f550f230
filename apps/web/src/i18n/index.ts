import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { kk } from './kk.js';
import { ru } from './ru.js';

export const LANGUAGES = [
  { code: 'en', name: 'English', locale: 'en-GB' },
  { code: 'ru', name: 'Русский', locale: 'ru-RU' },
  { code: 'kk', name: 'Қазақша', locale: 'kk-KZ' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

export const isLanguage = (value: unknown): value is Language => LANGUAGES.some((l) => l.code === value);

/** The Intl locale for a UI language (dates as "21 May 2016", "21 мая 2016 г."). */
export const localeOf = (language: string): string => LANGUAGES.find((l) => l.code === language)?.locale ?? 'en-GB';

/** Starts i18next with every catalogue bundled (they are small); Kazakh falls back to Russian, then English. */
export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ru: { translation: ru }, kk: { translation: kk } },
    lng: language,
    fallbackLng: { kk: ['ru', 'en'], default: ['en'] },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
