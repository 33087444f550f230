import { type BreakdownRow } from '@vigil/core/contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { useVocab } from '../../lib/vocab.js';

/** The breakdowns the dashboard shows, by the name the overview gives them. */
export type Breakdown = 'date' | 'city' | 'role' | 'outcome' | 'charge' | 'legalBasis';

/**
 * Labels of breakdown rows in the UI language. The API labels rows in English (reports are
 * written in English); the dashboard relabels coded keys through the vocabularies instead.
 */
export function useRowLabel() {
  const { t } = useTranslation();
  const vocab = useVocab();
  const format = useFormat();
  return useCallback(
    (dimension: Breakdown, row: BreakdownRow): string => {
      const [a = '', b = ''] = row.key;
      switch (dimension) {
        case 'date':
          // A local date: shown as a date in UTC so no time zone can move it to the day before.
          return /^\d{4}-\d\d-\d\d$/.test(a) ? format.date(`${a}T12:00:00Z`, 'UTC') : a;
        case 'city':
          return a || t('stats.labels.noCity');
        case 'role':
          return a ? vocab.label('role', a) : t('stats.labels.noRole');
        case 'legalBasis':
          return a ? vocab.label('legal_basis', a) : t('common.unknown');
        case 'charge':
          // An article recorded as "unknown" says nothing: the code alone.
          return b && b !== 'unknown' ? t('stats.labels.article', { code: vocab.label('legal_code', a), article: b }) : vocab.label('legal_code', a);
        case 'outcome': {
          const [kind, code = ''] = a.split(':');
          if (kind === 'sentence') return vocab.label('sentence_kind', code);
          if (kind === 'charge') return t('stats.labels.chargeOutcome', { outcome: vocab.label('charge_outcome', code) });
          return code === 'held' || code === 'released' || code === 'unknown' ? t(`stats.labels.${code}`) : row.label;
        }
      }
    },
    [t, vocab, format],
  );
}

const NUMBER = '(\\d[\\d,]*)';
const CLAIMS: { test: RegExp; key: string; names: string[] }[] = [
  { test: new RegExp(`^at least ${NUMBER}$`), key: 'atLeast', names: ['n'] },
  { test: new RegExp(`^up to ${NUMBER}$`), key: 'upTo', names: ['n'] },
  { test: new RegExp(`^about ${NUMBER}$`), key: 'about', names: ['n'] },
  { test: new RegExp(`^${NUMBER}–${NUMBER}$`), key: 'range', names: ['min', 'max'] },
  { test: /^number not stated$/, key: 'notStated', names: [] },
];

/** A claimed number as the server words it ("at least 54", "50–60") in the UI language, numbers formatted for it. */
export function useClaimText() {
  const { t } = useTranslation();
  const format = useFormat();
  return useCallback(
    (text: string): string => {
      for (const claim of CLAIMS) {
        const m = claim.test.exec(text);
        if (!m) continue;
        const values = Object.fromEntries(claim.names.map((name, i) => [name, format.number(Number((m[i + 1] ?? '').replaceAll(',', '')))]));
        return t(`stats.claims.${claim.key}`, values);
      }
      return text;
    },
    [t, format],
  );
}

/** The reconciliation measure (`role:journalist`) as a message key. */
export const measureKey = (measure: string): string => `stats.measures.${measure.replace(/^role:/, '').replace(':', '_')}`;
