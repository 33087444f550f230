import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecord } from '../api/queries.js';
import { type SourceRecord } from '../api/types.js';
import { LockIcon } from '../components/Icons.js';
import { PageTitle } from '../components/PageTitle.js';
import { QueryView } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { useSourceLabel } from '../lib/source.js';
import { useVocab } from '../lib/vocab.js';

function SourceView({ source: s }: { source: SourceRecord }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const format = useFormat();
  const label = useSourceLabel();
  const [shown, setShown] = useState(!s.protectedIdentity);
  const rows: [string, ReactNode][] = [
    [t('sources.kind'), vocab.label('source_kind', s.kind)],
    [t('sources.author'), shown ? s.author : null],
    [t('sources.outlet'), s.outlet],
    [t('sources.publishedAt'), s.publishedAt ? format.dateTime(s.publishedAt) : null],
    [t('sources.language'), s.language],
    [t('sources.reliability'), s.reliability ? vocab.label('reliability', s.reliability) : null],
    [t('sources.url'), s.url ? <a href={s.url} rel="noreferrer noopener" target="_blank">{s.url}</a> : null],
    [t('sources.protectedIdentity'), s.protectedIdentity ? t('common.yes') : t('common.no')],
  ];
  return (
    <article>
      <PageTitle title={label(s)}>{label(s)}</PageTitle>
      <section className="panel">
        <dl className="facts">
          {rows
            .filter(([, v]) => v !== null && v !== undefined && v !== '')
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          {(s.protectedIdentity || s.contact) && (
            <div className="span-all">
              <dt>
                {t('sources.titleField')} · {t('sources.contact')}{' '}
                <span className="badge badge-restricted">
                  <LockIcon />
                </span>
              </dt>
              <dd>
                {shown ? (
                  <>
                    <span className="real-name">{s.title}</span>
                    {s.contact && (
                      <>
                        {' · '}
                        <span className="real-name">{s.contact}</span>
                      </>
                    )}
                  </>
                ) : (
                  <button type="button" className="button button-small" onClick={() => setShown(true)}>
                    {t('sources.showProtected')}
                  </button>
                )}
              </dd>
            </div>
          )}
        </dl>
        {s.notes && shown && <p className="prewrap">{s.notes}</p>}
      </section>
    </article>
  );
}

export function SourcePage({ id }: { id: string }) {
  const source = useRecord('sources', id);
  return <QueryView query={source}>{(s) => <SourceView source={s} />}</QueryView>;
}
