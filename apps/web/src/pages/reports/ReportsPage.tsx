import { REPORT_FORMATS, ReportInput } from '@vigil/core/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { isApiError } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { ErrorSummary, TextField } from '../../components/Field.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Loading } from '../../components/States.js';
import { type FieldErrors, validate } from '../../lib/forms.js';
import { type Scope, scopeFromSearch } from '../stats/api.js';
import { ScopeFields } from '../stats/ScopeFields.js';
import '../stats/stats.css';
import { fetchPreviewHtml, previewUrl, reportBody, usePublish } from './api.js';
import { PublishedList } from './PublishedList.js';

/** `eventId.3` and `eventId` are one field in the form: the list of events. */
const fieldOf = (path: string) => (path.startsWith('eventId') ? 'eventId' : path);

/** Server problems by form field; those that fit no field go to the summary. */
function splitErrors(error: unknown): { fields: FieldErrors; other: string[] } {
  if (!isApiError(error)) return { fields: {}, other: [String(error)] };
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const { path, problem } of error.fields) {
    const name = fieldOf(path);
    if (['title', 'from', 'to', 'city', 'eventId'].includes(name)) fields[name] ??= problem;
    else other.push(path ? `${path}: ${problem}` : problem);
  }
  if (error.fields.length === 0) other.push(error.message);
  return { fields, other };
}

/**
 * Reports (issue 8): choose events or a period, preview the redacted report (HTML in a sandboxed
 * frame: no script runs, nothing loads), download the preview as HTML, PDF or DOCX, publish it,
 * and the list of published reports with their downloads. The scope may arrive in the URL from
 * the statistics dashboard.
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const search = useSearch();
  const [scope, setScope] = useState<Scope>(() => scopeFromSearch(search));
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[]>([]);
  const [preview, setPreview] = useState<{ html: string; scope: Scope; title: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState('');
  const publish = usePublish();

  /** Checks the form with the server's own schema; false (and errors shown) when it does not pass. */
  const check = (): boolean => {
    setNotice('');
    const result = validate(ReportInput, reportBody(scope, title), t);
    if (result.ok) {
      setErrors({});
      setOther([]);
      return true;
    }
    setErrors(Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [fieldOf(k), v])));
    setOther([]);
    return false;
  };
  const fail = (error: unknown) => {
    const { fields, other: rest } = splitErrors(error);
    setErrors(fields);
    setOther(rest);
  };

  const showPreview = async () => {
    if (!check()) return;
    setLoading(true);
    try {
      setPreview({ html: await fetchPreviewHtml(scope, title), scope, title });
    } catch (e) {
      setPreview(null);
      fail(e);
    } finally {
      setLoading(false);
    }
  };

  const doPublish = () => {
    if (!check()) return;
    publish.mutate(reportBody(scope, title), {
      onSuccess: (report) => setNotice(t('stats.reports.published', { title: report.title })),
      onError: fail,
    });
  };

  const invalid = Object.keys(errors).length > 0 || other.length > 0;
  return (
    <section className="reports-page">
      <PageTitle title={t('stats.reports.title')} lead={t('stats.reports.intro')}>
        {t('stats.reports.title')}
      </PageTitle>
      <form
        className="panel"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void showPreview();
        }}
      >
        <h2>{t('stats.reports.legend')}</h2>
        {invalid && <ErrorSummary id="report-errors" title={t('stats.reports.errors')} messages={other} />}
        <TextField id="report-title" label={t('stats.reports.reportTitle')} hint={t('stats.reports.reportTitleHint')} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} maxLength={300} />
        <ScopeFields scope={scope} onChange={setScope} errors={errors} idPrefix="report" />
        <div className="report-actions">
          <button type="submit" className="button" disabled={loading}>
            {loading ? t('stats.reports.previewing') : t('stats.reports.preview')}
          </button>
          {can('reports:publish') ? (
            <button type="button" className="button button-primary" disabled={publish.isPending} onClick={doPublish}>
              {publish.isPending ? t('stats.reports.publishing') : t('stats.reports.publish')}
            </button>
          ) : (
            <span className="hint">{t('stats.reports.previewOnly')}</span>
          )}
        </div>
        {notice && (
          <p className="notice notice-ok" role="status">
            {notice}
          </p>
        )}
      </form>

      {loading && !preview && <Loading label={t('stats.reports.previewing')} />}
      {preview && (
        <section className="panel" aria-labelledby="preview-title" data-section="preview">
          <h2 id="preview-title">{t('stats.reports.previewTitle')}</h2>
          <p className="hint">{t('stats.reports.previewHint')}</p>
          <div className="report-actions">
            <span>{t('stats.reports.downloadPreview')}</span>
            <ul className="download-links">
              {REPORT_FORMATS.filter((f) => f !== 'json').map((f) => (
                <li key={f}>
                  <a href={previewUrl(preview.scope, preview.title, f)} download data-format={f}>
                    {t(`stats.reports.formats.${f}`)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
          {/* sandbox="" : the report's HTML runs no script and cannot reach this page; it has its own strict CSP too. */}
          <iframe className="report-preview" title={t('stats.reports.previewFrame')} sandbox="" srcDoc={preview.html} />
        </section>
      )}

      {can('reports:read') && <PublishedList />}
    </section>
  );
}
