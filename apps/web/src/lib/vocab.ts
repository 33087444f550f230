import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useVocabularies } from '../api/queries.js';
import { type VocabularyTerm } from '../api/types.js';

type Lang = 'en' | 'ru' | 'kk';
const FALLBACK: Record<Lang, Lang[]> = { en: ['en'], ru: ['ru', 'en'], kk: ['kk', 'ru', 'en'] };

/** A label in the UI language from a { en, ru, kk } map, falling back like the catalogues do. */
export function pickLabel(labels: Partial<Record<Lang, string>> | undefined, language: string): string | undefined {
  const order = FALLBACK[(language in FALLBACK ? language : 'en') as Lang];
  for (const lang of order) {
    const value = labels?.[lang];
    if (value) return value;
  }
  return undefined;
}

/** Labels of coded values from GET /api/v1/vocabularies, in the current language. */
export function useVocab() {
  const { i18n } = useTranslation();
  const { data } = useVocabularies();
  const index = useMemo(() => {
    const map = new Map<string, VocabularyTerm[]>();
    for (const term of data ?? []) map.set(term.vocabulary, [...(map.get(term.vocabulary) ?? []), term]);
    return map;
  }, [data]);

  const label = useCallback(
    (vocabulary: string, code: string | null | undefined): string => {
      if (!code) return '';
      const term = index.get(vocabulary)?.find((t) => t.code === code);
      return pickLabel(term?.labels, i18n.language) ?? code.replaceAll('_', ' ');
    },
    [index, i18n.language],
  );
  /** Live terms of a vocabulary, in their order, for selects. */
  const terms = useCallback(
    (vocabulary: string) => (index.get(vocabulary) ?? []).filter((t) => !t.deprecated).map((t) => ({ code: t.code, label: pickLabel(t.labels, i18n.language) ?? t.code })),
    [index, i18n.language],
  );
  return { label, terms, ready: data !== undefined };
}
