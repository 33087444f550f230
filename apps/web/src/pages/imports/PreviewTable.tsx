import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { type Preview, type PreviewRow } from './api.js';
import { ProblemList } from './ProblemsTable.js';

/** Bookkeeping every record has; the preview shows what the row itself puts in. */
const META = new Set(['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'deletedBy']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

const empty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function short(v: unknown): string {
  if (typeof v === 'string') return v.length > 300 ? `${v.slice(0, 300)}…` : v;
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' && 'value' in x ? String((x as { value: unknown }).value) : short(x))).join(' · ');
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** One record as it will be stored: its fields, instants in UTC as stored and in the reader's zone. */
function StoredRecord({ entity, record }: PreviewRow['records'][number]) {
  const { t } = useTranslation();
  const format = useFormat();
  const entries = Object.entries(record).filter(([k, v]) => !META.has(k) && !empty(v));
  return (
    <div className="stored-record">
      <p className="stored-entity">{t(`imports.entities.${entity}`, { defaultValue: entity })}</p>
      <dl>
        {entries.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              {typeof v === 'string' && k.endsWith('At') && INSTANT.test(v) ? (
                <>
                  <code>{v}</code> <span className="muted">({format.dateTime(v, (record[k.replace(/At$/, 'Precision')] as string | undefined) ?? null)})</span>
                </>
              ) : (
                short(v)
              )}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

const STATUS_TONE: Record<PreviewRow['status'], string> = { new: 'badge-info', 'already imported': 'badge', 'changed since imported': 'badge-warning', invalid: 'badge-critical' };

/** The first rows as they will be stored (written in a transaction that was rolled back), with each row's problems. */
export function PreviewTable({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" data-testid="preview">
      <table className="data-table preview-table">
        <caption>{t('imports.preview.caption', { count: preview.rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.problems.row')}</th>
            <th scope="col">{t('imports.preview.status')}</th>
            <th scope="col">{t('imports.preview.stored')}</th>
            <th scope="col">{t('imports.preview.problems')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => (
            <tr key={r.row} data-row={r.row} data-status={r.status}>
              <th scope="row">{r.row}</th>
              <td>
                <span className={`badge ${STATUS_TONE[r.status]}`}>{t(`imports.preview.statuses.${r.status.replaceAll(' ', '_')}`)}</span>
              </td>
              <td>
                {r.records.length ? r.records.map((rec, i) => <StoredRecord key={i} {...rec} />) : <span className="muted">{t('imports.preview.nothing')}</span>}
              </td>
              <td>{r.problems.length ? <ProblemList problems={r.problems} /> : <span className="muted">{t('common.none')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
