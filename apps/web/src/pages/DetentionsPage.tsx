import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useList, useRecordMap } from '../api/queries.js';
import { type DetentionRecord, type PersonRecord } from '../api/types.js';
import { StateBadge } from '../components/CustodyFacts.js';
import { SelectField, TextField } from '../components/Field.js';
import { FilterBar, useDebounced } from '../components/Filters.js';
import { LoadMore } from '../components/LoadMore.js';
import { PageTitle } from '../components/PageTitle.js';
import { PersonName } from '../components/PersonName.js';
import { EventLink } from '../components/RecordLinks.js';
import { QueryView } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { personRef } from '../lib/person.js';
import { useVocab } from '../lib/vocab.js';

const NO_FILTERS = { q: '', status: '', city: '', role: '', legalBasis: '' };

/** `person`: undefined while the page's people load, null when it could not be read (deleted, or not visible to this role). */
function Row({ detention: d, person }: { detention: DetentionRecord; person: PersonRecord | null | undefined }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const format = useFormat();
  return (
    <li className="record-row">
      <Link href={`/detentions/${d.id}`} className="record-title">
        {person ? <PersonName person={person} /> : person === null ? personRef(d.personId) : '…'}
      </Link>{' '}
      <StateBadge state={d.custodyState} />
      <p className="record-meta">
        <time dateTime={d.apprehendedAt}>{format.dateTime(d.apprehendedAt, d.apprehendedPrecision)}</time>
        {[d.city, d.legalBasis !== 'unknown' && vocab.label('legal_basis', d.legalBasis), d.legalArticle].filter(Boolean).map((x) => ` · ${x}`)}
        {d.eventId && (
          <>
            {' · '}
            <EventLink id={d.eventId} />
          </>
        )}
        {d.releasedAt && ` · ${t('detention.releasedAt', { time: format.dateTime(d.releasedAt) })}`}
      </p>
    </li>
  );
}

/** Every detention (a person detained twice appears twice), filterable. */
export function DetentionsPage() {
  const { t } = useTranslation();
  const vocab = useVocab();
  const [filters, setFilters] = useState(NO_FILTERS);
  const typed = useDebounced(filters);
  const list = useList('detentions', { q: typed.q.trim(), status: typed.status, city: typed.city.trim(), role: typed.role, legalBasis: typed.legalBasis });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const persons = useRecordMap('persons', items.map((d) => d.personId));
  const set = (key: keyof typeof NO_FILTERS) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  return (
    <section>
      <PageTitle title={t('detention.list')} lead={t('detention.listIntro')}>
        {t('detention.list')}
      </PageTitle>
      <FilterBar active={JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)} onClear={() => setFilters(NO_FILTERS)}>
        <TextField id="detentions-q" type="search" label={t('search.label')} value={filters.q} onChange={set('q')} />
        <SelectField
          id="detentions-status"
          label={t('detention.status')}
          value={filters.status}
          onChange={set('status')}
          options={(['held', 'unknown', 'released'] as const).map((s) => ({ value: s, label: t(`state.${s}`) }))}
          placeholder={t('common.all')}
        />
        <TextField id="detentions-city" label={t('common.city')} value={filters.city} onChange={set('city')} />
        <SelectField id="detentions-role" label={t('detention.role')} value={filters.role} onChange={set('role')} options={vocab.terms('role').map((x) => ({ value: x.code, label: x.label }))} placeholder={t('common.all')} />
        <SelectField id="detentions-basis" label={t('detention.legalBasis')} value={filters.legalBasis} onChange={set('legalBasis')} options={vocab.terms('legal_basis').map((x) => ({ value: x.code, label: x.label }))} placeholder={t('common.all')} />
      </FilterBar>
      <QueryView query={list} isEmpty={() => items.length === 0} empty={<p>{t('detention.empty')}</p>}>
        {() => (
          <>
            <ul className="record-list">
              {items.map((d) => (
                <Row key={d.id} detention={d} person={persons.data?.get(d.personId) ?? (persons.isFetched && !persons.isPlaceholderData ? null : undefined)} />
              ))}
            </ul>
            <LoadMore shown={items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
          </>
        )}
      </QueryView>
    </section>
  );
}
