import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type SourceRecord } from '../api/types.js';
import { useFormat } from './format.js';
import { useVocab } from './vocab.js';

/**
 * How to name a source in lists. A source whose identity is protected (a hotline call, a witness)
 * may carry names in its title, so it is named by kind and date until someone opens it on purpose.
 */
export function useSourceLabel(): (source: Pick<SourceRecord, 'title' | 'kind' | 'protectedIdentity' | 'createdAt'>) => string {
  const { t } = useTranslation();
  const vocab = useVocab();
  const format = useFormat();
  return useCallback(
    (s) => (s.protectedIdentity ? t('sources.protectedLabel', { kind: vocab.label('source_kind', s.kind), date: format.date(s.createdAt) }) : s.title),
    [t, vocab, format],
  );
}
