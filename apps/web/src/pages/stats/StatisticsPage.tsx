import { type StatsOverview } from '@vigil/core/contract';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { isApiError } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { useDebounced } from '../../components/Filters.js';
import { PageTitle } from '../../components/PageTitle.js';
import { QueryView } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { EMPTY_SCOPE, type Scope, scopeFromSearch, scopeFromServer, scopeQuery, useOverview, useStatsMap } from './api.js';
import { ChartPanel, type ChartRow } from './charts.js';
import { type Breakdown, useRowLabel } from './labels.js';
import { PlacesMapSvg } from './PlacesMapSvg.js';
import { ReconciliationTable } from './Reconciliation.js';
import { ScopeFields } from './ScopeFields.js';
import './stats.css';

/** The scope lives in the URL (`/statistics?from=…&eventId=…`): reload and share keep it, and the reports page takes it as is. */
function useUrlScope(): [Scope, (next: Scope) => void] {
  const search = useSearch();
  const [, navigate] = useLocation();
  const scope = scopeFromSearch(search);
  const set = (next: Scope) => {
    const query = scopeQuery(next);
    navigate(`/statistics${query ? `?${query}` : ''}`, { replace: true });
  };
  return [scope, set];
}

function Summary({ overview }: { overview: StatsOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const role = (code: string) => overview.breakdowns.role.find((r) => r.key[0] === code)?.people ?? 0;
  const people = format.number(overview.totals.people);
  const figures: [string, string, string][] = [
    ['detentions', format.number(overview.totals.detentions), t('stats.totals.detentions')],
    ['people', overview.totals.peopleAtLeast ? t('stats.totals.atLeast', { n: people }) : people, t('stats.totals.people')],
    ['journalists', format.number(role('journalist')), t('stats.totals.journalists')],
    ['defenders', format.number(role('human_rights_defender')), t('stats.totals.defenders')],
    ['activists', format.number(role('activist')), t('stats.totals.activists')],
  ];
  return (
    <section className="panel" aria-labelledby="summary-title" data-section="summary">
      <h2 id="summary-title">{t('stats.totals.title')}</h2>
      <ul className="figures">
        {figures.map(([key, value, label]) => (
          <li key={key} className="figure" data-figure={key}>
            <span className="count-number">{value}</span> {label}
          </li>
        ))}
      </ul>
      <p className="hint">
        {t('stats.totals.twice')} {overview.totals.peopleAtLeast && t('stats.totals.groups')}
      </p>
    </section>
  );
}

function Durations({ overview }: { overview: StatsOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const d = overview.durations;
  return (
    <section className="panel" aria-labelledby="durations-title" data-section="durations">
      <h2 id="durations-title">{t('stats.durations.title')}</h2>
      <p className="hint">{t('stats.durations.intro')}</p>
      {d.measured === 0 && <p className="muted">{t('stats.durations.none')}</p>}
      <dl className="facts duration-facts">
        {d.medianHours !== null && (
          <div>
            <dt>{t('stats.durations.median')}</dt>
            <dd data-duration="median">{format.hours(d.medianHours)}</dd>
          </div>
        )}
        {d.longestHours !== null && (
          <div>
            <dt>{t('stats.durations.longest')}</dt>
            <dd data-duration="longest">{format.hours(d.longestHours)}</dd>
          </div>
        )}
        <div>
          <dt>{t('stats.durations.measured')}</dt>
          <dd>{format.number(d.measured)}</dd>
        </div>
        <div>
          <dt>{t('stats.durations.held')}</dt>
          <dd>{format.number(d.held)}</dd>
        </div>
        <div>
          <dt>{t('stats.durations.unknown')}</dt>
          <dd>{format.number(d.unknown)}</dd>
        </div>
      </dl>
    </section>
  );
}

function OfficialFigures({ overview }: { overview: StatsOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="official-title" data-section="official">
      <h2 id="official-title">{t('stats.official.title')}</h2>
      {overview.officialFigures.length === 0 ? (
        <p className="muted">{t('stats.official.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('stats.official.issuer')}</th>
                <th scope="col">{t('stats.official.date')}</th>
                <th scope="col">{t('stats.official.measure')}</th>
                <th scope="col" className="n">{t('stats.official.value')}</th>
                <th scope="col">{t('stats.official.scope')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.officialFigures.map((f, i) => (
                <tr key={i}>
                  <td>{f.issuer}</td>
                  <td>{format.date(`${f.issuedOn}T12:00:00Z`, 'UTC')}</td>
                  <td>{f.measure}</td>
                  <td className="n">{format.number(f.value)}</td>
                  <td>{f.scope ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const CHARTS: { dimension: Breakdown; title: string; kind?: 'time' }[] = [
  { dimension: 'date', title: 'stats.charts.byDate', kind: 'time' },
  { dimension: 'city', title: 'stats.charts.byCity' },
  { dimension: 'role', title: 'stats.charts.byRole' },
  { dimension: 'outcome', title: 'stats.charts.byOutcome' },
  { dimension: 'charge', title: 'stats.charts.byCharge' },
  { dimension: 'legalBasis', title: 'stats.charts.byLegalBasis' },
];

function Breakdowns({ overview }: { overview: StatsOverview }) {
  const { t } = useTranslation();
  const rowLabel = useRowLabel();
  return (
    <section aria-labelledby="breakdowns-title" data-section="breakdowns">
      <h2 id="breakdowns-title" className="visually-hidden">
        {t('stats.charts.detentions')} / {t('stats.charts.people')}
      </h2>
      <div className="chart-grid">
        {CHARTS.map((c) => {
          const rows: ChartRow[] = overview.breakdowns[c.dimension].map((r) => ({ key: r.key.join('|'), label: rowLabel(c.dimension, r), detentions: r.detentions, people: r.people }));
          return <ChartPanel key={c.dimension} id={c.dimension} title={t(c.title)} rows={rows} keyHeading={t(c.title)} {...(c.kind ? { kind: c.kind } : {})} />;
        })}
      </div>
    </section>
  );
}

/**
 * The statistics dashboard (issue 8): totals, the reconciliation of documented, claimed and
 * official counts, custody durations, breakdowns as SVG charts with their tables, a map of places
 * and the official figures, for a scope of events, a period and a city kept in the URL.
 */
export default function StatisticsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [scope, setScope] = useUrlScope();
  const settled = useDebounced(scope, 400);
  const overview = useOverview(settled);
  const map = useStatsMap(settled);
  const errors = Object.fromEntries((isApiError(overview.error) ? overview.error.fields : []).map((f) => [f.path, f.problem]));
  const query = scopeQuery(scope);
  return (
    <section className="stats-page">
      <PageTitle title={t('stats.title')} lead={t('stats.intro')}>
        {t('stats.title')}
      </PageTitle>
      <form className="filters scope-form" role="search" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
        <ScopeFields scope={scope} onChange={setScope} errors={errors} idPrefix="stats" />
        {query !== '' && (
          <button type="button" className="button button-quiet button-small" onClick={() => setScope(EMPTY_SCOPE)}>
            {t('common.clearFilters')}
          </button>
        )}
      </form>
      {can('reports:read') && (
        <p>
          <Link href={`/reports${query ? `?${query}` : ''}`}>{t('stats.toReport')}</Link>
        </p>
      )}
      <QueryView query={overview}>
        {(data) => (
          // data-scope: the scope these figures are for (the previous scope's stay on screen while the next loads).
          <div className="stats-sections" aria-busy={overview.isFetching || undefined} data-scope={scopeQuery(scopeFromServer(data.scope))}>
            <Summary overview={data} />
            <ReconciliationTable reconciliation={data.reconciliation} />
            <Durations overview={data} />
            <Breakdowns overview={data} />
            {map.data && <PlacesMapSvg map={map.data} />}
            <OfficialFigures overview={data} />
          </div>
        )}
      </QueryView>
    </section>
  );
}
