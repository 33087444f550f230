import { REPORT_FORMATS } from '@vigil/core/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { CheckboxField } from '../../components/Field.js';
import { QueryView } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { type ReportMeta, reportUrl, usePublishedReports, useWithdraw } from './api.js';

function ScopeLine({ report }: { report: ReportMeta }) {
  const { t } = useTranslation();
  const s = report.scope;
  const parts = [
    s.from && s.to ? (s.from === s.to ? s.from : `${s.from} – ${s.to}`) : s.from ? `${s.from} –` : s.to ? `– ${s.to}` : '',
    s.city ?? '',
    s.eventIds.length > 0 ? t('stats.reports.scopeEvents', { count: s.eventIds.length }) : '',
  ].filter(Boolean);
  return <span>{parts.length > 0 ? parts.join(' · ') : t('stats.reports.scopeAll')}</span>;
}

/** Withdraw in two steps (the button, then "Yes, withdraw"), so one stray click withdraws nothing. */
function Withdraw({ report, onDone }: { report: ReportMeta; onDone: (title: string) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const withdraw = useWithdraw();
  if (!asking) {
    return (
      <button type="button" className="button button-small" onClick={() => setAsking(true)}>
        {t('stats.reports.withdraw')}
      </button>
    );
  }
  return (
    <div role="group" aria-label={t('stats.reports.withdraw')} className="report-actions">
      <span>{t('stats.reports.confirmWithdraw', { title: report.title })}</span>
      <button
        type="button"
        className="button button-small button-primary"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate(report.id, { onSuccess: () => onDone(report.title) })}
      >
        {t('stats.reports.confirm')}
      </button>
      <button type="button" className="button button-small button-quiet" onClick={() => setAsking(false)}>
        {t('stats.reports.cancel')}
      </button>
      {withdraw.error && (
        <p className="field-error" role="alert">
          {isApiError(withdraw.error) ? withdraw.error.message : String(withdraw.error)}
        </p>
      )}
    </div>
  );
}

/** Published reports, newest first, each with its downloads; publishers may withdraw them. */
export function PublishedList() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const publisher = can('reports:publish');
  const [withdrawn, setWithdrawn] = useState(false);
  const [notice, setNotice] = useState('');
  const list = usePublishedReports(withdrawn && publisher);
  return (
    <section className="panel" aria-labelledby="published-title" data-section="published">
      <h2 id="published-title">{t('stats.reports.listTitle')}</h2>
      {publisher && <CheckboxField id="reports-withdrawn" label={t('stats.reports.showWithdrawn')} checked={withdrawn} onChange={(e) => setWithdrawn(e.target.checked)} />}
      {notice && (
        <p className="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      <QueryView query={list} isEmpty={(items) => items.length === 0} empty={<p>{t('stats.reports.empty')}</p>}>
        {(items) => (
          <ul className="report-list">
            {items.map((r) => (
              <li key={r.id} className={`report-item${r.withdrawnAt ? ' report-withdrawn' : ''}`} data-report={r.id}>
                <p className="record-title">
                  <strong>{r.title}</strong>
                </p>
                <p className="record-meta">
                  <ScopeLine report={r} /> · {t('stats.reports.publishedOn', { date: format.dateTime(r.publishedAt), who: r.publishedBy })}
                  {r.withdrawnAt && <> · {t('stats.reports.withdrawnOn', { date: format.dateTime(r.withdrawnAt), who: r.withdrawnBy ?? '' })}</>}
                </p>
                {!r.withdrawnAt && (
                  <div className="report-actions">
                    <span>{t('stats.reports.download')}:</span>
                    <ul className="download-links">
                      {REPORT_FORMATS.map((f) => (
                        <li key={f}>
                          <a href={reportUrl(r.id, f)} download data-format={f}>
                            {t(`stats.reports.formats.${f}`)}
                          </a>
                        </li>
                      ))}
                    </ul>
                    {publisher && (
                      <Withdraw
                        report={r}
                        onDone={(title) => setNotice(t('stats.reports.withdrawn', { title }))}
                      />
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
