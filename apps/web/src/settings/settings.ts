import { isLanguage, type Language } from '../i18n/index.js';
import { isTimeZone } from '../lib/time.js';

/** Preferences kept in this browser (localStorage); nothing here is sent to the server. */
export interface Settings {
  language: Language;
  timeZone: string;
  /** Leaflet tile URL template; empty draws maps on a plain background (works offline). */
  tileUrl: string;
  /** Pre-filled city on "Report a detention". */
  defaultCity: string;
}

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export const DEFAULT_SETTINGS: Settings = { language: 'en', timeZone: 'Asia/Almaty', tileUrl: DEFAULT_TILE_URL, defaultCity: 'Almaty' };

const KEY = 'vigil.settings.v1';
/** Per browser session (sessionStorage): revealing real names never outlives the tab. */
const REVEAL_KEY = 'vigil.revealNames';

function browserLanguage(): Language {
  const preferred = (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2).toLowerCase());
  return preferred.find(isLanguage) ?? 'en';
}

/** Stored settings, each field checked; anything unreadable falls back to its default. */
export function loadSettings(): Settings {
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, unknown>;
  } catch {
    raw = {};
  }
  return {
    language: isLanguage(raw.language) ? raw.language : browserLanguage(),
    timeZone: typeof raw.timeZone === 'string' && isTimeZone(raw.timeZone) ? raw.timeZone : DEFAULT_SETTINGS.timeZone,
    tileUrl: typeof raw.tileUrl === 'string' ? raw.tileUrl : DEFAULT_SETTINGS.tileUrl,
    defaultCity: typeof raw.defaultCity === 'string' ? raw.defaultCity : DEFAULT_SETTINGS.defaultCity,
  };
}

export function saveSettings(settings: Settings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // private mode or full storage: the settings still apply until the tab closes
  }
}

export function loadReveal(): boolean {
  try {
    return sessionStorage.getItem(REVEAL_KEY) === '1';
  } catch {
    return false;
  }
}

export function saveReveal(reveal: boolean): void {
  try {
    if (reveal) sessionStorage.setItem(REVEAL_KEY, '1');
    else sessionStorage.removeItem(REVEAL_KEY);
  } catch {
    // ignore: the choice holds for this page view
  }
}
