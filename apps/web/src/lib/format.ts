import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../i18n/index.js';
import { useSettings } from '../settings/SettingsContext.js';
import { clockFace } from './time.js';

const DATE_ONLY = new Set(['day', 'week', 'month']);

/**
 * Formatters bound to the UI language and the chosen time zone. A time known only to the day
 * (or week, month) is shown without a clock time, so "21 May" never turns into "21 May 00:00".
 */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const { settings } = useSettings();
  const language = i18n.language;
  return useMemo(() => {
    const locale = localeOf(language);
    const zone = (tz?: string | null) => tz || settings.timeZone;
    const safe = (iso: string | null | undefined, fn: (d: Date) => string): string => {
      if (!iso) return t('common.none');
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : fn(d);
    };
    const date = (iso: string | null | undefined, tz?: string | null) =>
      safe(iso, (d) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone(tz) }).format(d));
    const dateTime = (iso: string | null | undefined, precision?: string | null, tz?: string | null) =>
      safe(iso, (d) => {
        if (precision === 'month') return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: zone(tz) }).format(d);
        if (precision === 'week') return t('time.weekOf', { date: date(iso, tz) });
        if (precision && DATE_ONLY.has(precision)) return date(iso, tz);
        const text = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone(tz) }).format(d);
        return precision === 'approximate' ? `≈ ${text}` : text;
      });
    const time = (iso: string | null | undefined) =>
      safe(iso, (d) => new Intl.DateTimeFormat(locale, { timeStyle: 'medium', timeZone: zone() }).format(d));
    const number = (n: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
    /** "5 h", "3 d 4 h", "45 min" from fractional hours. */
    const hours = (h: number) => {
      const minutes = Math.round(Math.max(0, h) * 60);
      if (minutes < 60) return t('time.minutes', { count: minutes });
      const whole = Math.floor(minutes / 60);
      if (whole < 48) return t('time.hours', { count: whole }) + (minutes % 60 ? ` ${t('time.minutes', { count: minutes % 60 })}` : '');
      return `${t('time.days', { count: Math.floor(whole / 24) })} ${t('time.hours', { count: whole % 24 })}`;
    };
    const clock = (ms: number) => clockFace(ms, (days) => t('time.days', { count: days }).replace(String(days), number(days)));
    return { locale, timeZone: settings.timeZone, date, dateTime, time, number, hours, clock };
  }, [language, settings.timeZone, t]);
}
