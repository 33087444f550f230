import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format.js';
import { useVocab } from '../lib/vocab.js';
import { SourceLink } from './RecordLinks.js';

export interface TimelineItem {
  key: string;
  at: string;
  precision?: string | null;
  /** Event timezone for date-only precisions. */
  timeZone?: string | null;
  title: ReactNode;
  timeOriginal?: string | null;
  body?: ReactNode;
  sourceIds?: readonly string[];
  tone?: 'danger' | 'ok' | 'neutral';
}

/** Dated items in order, each with its time, how precise that time is, its wording and sources. */
export function Timeline({ items, empty, label }: { items: TimelineItem[]; empty: string; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const vocab = useVocab();
  if (items.length === 0) return <p className="muted">{empty}</p>;
  const sorted = [...items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <ol className="timeline" aria-label={label}>
      {sorted.map((item) => (
        <li key={item.key} className={`timeline-item tone-${item.tone ?? 'neutral'}`}>
          <div className="timeline-when">
            <time dateTime={item.at}>{format.dateTime(item.at, item.precision, item.timeZone)}</time>
            {item.precision && <span className="precision">{vocab.label('precision', item.precision)}</span>}
          </div>
          <div className="timeline-what">
            <p className="timeline-title">{item.title}</p>
            {item.timeOriginal && <p className="quote">{t('detention.timeOriginal', { text: item.timeOriginal })}</p>}
            {item.body}
            {item.sourceIds && item.sourceIds.length > 0 && (
              <p className="small">
                <span className="muted">{t('common.sources')}: </span>
                {[...new Set(item.sourceIds)].map((id, i) => (
                  <span key={id}>
                    {i > 0 && '; '}
                    <SourceLink id={id} />
                  </span>
                ))}
              </p>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
