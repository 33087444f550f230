import { FINDING_STATUSES } from '@vigil/core/contract';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { useList, useRecord } from '../../api/queries.js';
import { useCan } from '../../auth/session.js';
import { SelectField } from '../../components/Field.js';
import { FilterBar } from '../../components/Filters.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageTitle } from '../../components/PageTitle.js';
import { QueryView } from '../../components/States.js';
import { type FindingParams, useFindingCounts, useFindingList, useStandards } from './api.js';
import { recordRef } from './Facts.js';
import { FindingList } from './FindingList.js';
import { StatusCounts } from './StatusCounts.js';
import './findings.css';

const FILTER_KEYS = ['status', 'severity', 'standardId', 'eventId', 'subjectId', 'personId'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;
/** The queue (suggested + needs re-review) unless the URL says otherwise. */
const DEFAULT_STATUS = 'queue';
const SEVERITIES = ['critical', 'warning', 'info'] as const;

/** Filters live in the URL (`/findings?eventId=…&severity=critical`): record pages link here, and reload keeps them. */
function useUrlFilters(): [Filters, (next: Filters) => void] {
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? (k === 'status' ? DEFAULT_STATUS : '')])) as Filters;
  const set = (next: Filters) => {
    const out = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k] && !(k === 'status' && next[k] === DEFAULT_STATUS)) out.set(k, next[k]);
    const query = out.toString();
    navigate(`/findings${query ? `?${query}` : ''}`, { replace: true });
  };
  return [filters, set];
}

/** Events for the filter: the latest 200, plus the one in the URL if it is older. */
function useEventOptions(selected: string): { value: string; label: string }[] {
  const events = useList('events', {}, 200);
  const chosen = useRecord('events', selected || null);
  const list = events.data?.pages[0]?.items ?? [];
  const options = list.map((e) => ({ value: e.id, label: e.title }));
  if (selected && !options.some((o) => o.value === selected)) options.unshift({ value: selected, label: chosen.data?.title ?? recordRef(selected) });
  return options;
}

/**
 * The review queue (issue 5): findings waiting for a person, most severe first, filterable by
 * status, severity, standard and event; each with its explanation, citations and how firm they
 * are, thresholds and their origin, and links to the facts. Reviewers confirm or reject by
 * keyboard (J / K, C / R, Ctrl+Enter) or with the buttons.
 */
export default function FindingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useUrlFilters();
  const standards = useStandards();
  const eventOptions = useEventOptions(filters.eventId);
  const scope: Omit<FindingParams, 'status'> = {
    severity: filters.severity, standardId: filters.standardId, eventId: filters.eventId, subjectId: filters.subjectId, personId: filters.personId,
  };
  const list = useFindingList({ ...scope, status: filters.status === 'all' ? '' : filters.status }, 20);
  const counts = useFindingCounts(scope);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const pending = list.data?.pages[0]?.pending ?? 0;
  const reviewer = can('findings:review');
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [key]: e.target.value });
  const cleared: Filters = { status: DEFAULT_STATUS, severity: '', standardId: '', eventId: '', subjectId: '', personId: '' };
  const narrowed = filters.subjectId || filters.personId;

  return (
    <section className="findings-page">
      <PageTitle title={t('findings.title')} lead={t('findings.intro')}>
        {t('findings.title')}
      </PageTitle>
      <p className="hint">{reviewer ? t('findings.keyboard') : t('findings.readOnly')}</p>
      <FilterBar active={JSON.stringify(filters) !== JSON.stringify(cleared)} onClear={() => setFilters(cleared)}>
        <SelectField
          id="findings-status"
          label={t('findings.filter.status')}
          value={filters.status}
          onChange={set('status')}
          options={[
            { value: DEFAULT_STATUS, label: t('findings.filter.queue') },
            ...FINDING_STATUSES.map((s) => ({ value: s, label: t(`findings.status.${s}`) })),
            { value: 'all', label: t('findings.filter.all') },
          ]}
        />
        <SelectField
          id="findings-severity"
          label={t('findings.filter.severity')}
          value={filters.severity}
          onChange={set('severity')}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          placeholder={t('common.all')}
        />
        <SelectField
          id="findings-standard"
          label={t('findings.filter.standard')}
          value={filters.standardId}
          onChange={set('standardId')}
          options={(standards.data?.standards ?? []).map((s) => ({ value: s.id, label: `${s.id} · ${s.instrument}` }))}
          placeholder={t('common.all')}
        />
        <SelectField id="findings-event" label={t('findings.filter.event')} value={filters.eventId} onChange={set('eventId')} options={eventOptions} placeholder={t('common.all')} />
      </FilterBar>
      {narrowed && (
        <p className="notice notice-warning" data-narrowed="">
          {t('findings.subject')}: {t(`findings.entity.${filters.subjectId ? 'detention' : 'person'}`)} {recordRef(filters.subjectId || filters.personId)}
        </p>
      )}
      {counts.data && <StatusCounts counts={counts.data} active={filters.status} onPick={(status) => setFilters({ ...filters, status })} />}
      {pending > 0 && <p className="notice notice-warning">{t('findings.pending', { count: pending })}</p>}
      <QueryView query={list} isEmpty={() => items.length === 0} empty={<p>{t('findings.empty')}</p>}>
        {() => (
          <>
            <FindingList items={items} canReview={reviewer} label={t('findings.list')} keyboard />
            <LoadMore shown={items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
          </>
        )}
      </QueryView>
    </section>
  );
}
