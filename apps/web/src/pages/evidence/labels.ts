// Words for the vault's coded values (statuses, labels, methods…) in the UI language. These codes
// are fixed by the API schema, not vocabularies, so their labels live in i18n/evidence.ts.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type CodeGroup = 'status' | 'sensitivity' | 'custody' | 'geoPrecision' | 'geoMethod' | 'chronoMethod' | 'confidence' | 'claimStatus' | 'toolStatus' | 'precisionBand' | 'result';

/** `label('status', 'needs_help')` → "Needs help"; an unknown code shows as itself, underscores spaced. */
export function useCodeLabel(): (group: CodeGroup, code: string | null | undefined) => string {
  const { t } = useTranslation();
  return useMemo(() => (group, code) => (code ? t(`evidence.codes.${group}.${code}`, { defaultValue: code.replaceAll('_', ' ') }) : ''), [t]);
}

/** The options of a select over fixed codes. */
export function useCodeOptions(): (group: CodeGroup, codes: readonly string[]) => { value: string; label: string }[] {
  const label = useCodeLabel();
  return (group, codes) => codes.map((code) => ({ value: code, label: label(group, code) }));
}

/** "1.4 MB", "532 KB", "12 bytes" (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** A SHA-256 shortened for tables, with the whole digest in the title (and for copying). */
export const shortHash = (sha256: string | null): string => (sha256 ? `${sha256.slice(0, 12)}…` : '—');

/** Status colours: done (verified), trouble (disputed, needs help), the rest neutral. */
export function statusTone(status: string): 'ok' | 'warning' | 'critical' | 'info' {
  if (status === 'verified') return 'ok';
  if (status === 'disputed' || status === 'unverifiable') return 'critical';
  if (status === 'needs_help') return 'warning';
  return 'info';
}
