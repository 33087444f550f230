import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { useRuns } from './api.js';
import { RunStatus } from './RunPanel.js';

/** Past runs, newest first: status (interrupted ones too), counts, and a way to open each. */
export function RunsList({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const runs = useRuns();
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="panel" aria-labelledby="past-runs">
      <h2 id="past-runs">{t('imports.runs.title')}</h2>
      <QueryView query={runs} isEmpty={() => items.length === 0} empty={<p>{t('imports.runs.empty')}</p>}>
        {() => (
          <>
            <div className="table-scroll">
              <table className="data-table" data-testid="runs">
                <thead>
                  <tr>
                    <th scope="col">{t('imports.runs.started')}</th>
                    <th scope="col">{t('imports.runs.file')}</th>
                    <th scope="col">{t('imports.runs.kind')}</th>
                    <th scope="col">{t('imports.runs.status')}</th>
                    <th scope="col">{t('imports.runs.rows')}</th>
                    <th scope="col">{t('imports.runs.problems')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('imports.runs.open')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id} data-run={r.id} aria-current={selected === r.id ? 'true' : undefined}>
                      <td>{format.dateTime(r.startedAt)}</td>
                      <td>{r.fileName ?? t('imports.run.fileHidden')}</td>
                      <td>{t(`imports.targets.${r.target}`)}</td>
                      <td>
                        <RunStatus run={r} />
                      </td>
                      <td>
                        {t(r.dryRun ? 'imports.runs.rowsOfDry' : 'imports.runs.rowsOf', { imported: format.number(r.rows.imported), done: format.number(r.rows.done), total: format.number(r.rows.total) })}
                      </td>
                      <td>{format.number(r.problemCount)}</td>
                      <td>
                        <button type="button" className="button button-small" onClick={() => onSelect(r.id)} aria-label={t('imports.runs.openRun', { when: format.dateTime(r.startedAt) })}>
                          {t('imports.runs.open')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore shown={items.length} hasMore={runs.hasNextPage} loading={runs.isFetchingNextPage} onMore={() => runs.fetchNextPage()} />
          </>
        )}
      </QueryView>
    </section>
  );
}
