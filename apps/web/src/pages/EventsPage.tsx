import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useList } from '../api/queries.js';
import { SelectField, TextField } from '../components/Field.js';
import { FilterBar, useDebounced } from '../components/Filters.js';
import { LoadMore } from '../components/LoadMore.js';
import { PageTitle } from '../components/PageTitle.js';
import { QueryView } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { dateToInstant } from '../lib/time.js';
import { useVocab } from '../lib/vocab.js';
import { useSettings } from '../settings/SettingsContext.js';

const NO_FILTERS = { from: '', to: '', city: '', type: '', q: '' };

/** Events with filters by date range, city, type and words. */
export function EventsPage() {
  const { t } = useTranslation();
  const vocab = useVocab();
  const format = useFormat();
  const { settings } = useSettings();
  const [filters, setFilters] = useState(NO_FILTERS);
  const typed = useDebounced(filters);
  const list = useList('events', {
    from: dateToInstant(typed.from, settings.timeZone),
    to: dateToInstant(typed.to, settings.timeZone, true),
    city: typed.city.trim(),
    type: typed.type,
    q: typed.q.trim(),
  });
  const set = (key: keyof typeof NO_FILTERS) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <PageTitle title={t('events.title')} lead={t('events.intro')}>
        {t('events.title')}
      </PageTitle>
      <FilterBar active={JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)} onClear={() => setFilters(NO_FILTERS)}>
        <TextField id="events-from" type="date" label={t('events.from')} value={filters.from} onChange={set('from')} />
        <TextField id="events-to" type="date" label={t('events.to')} value={filters.to} onChange={set('to')} />
        <TextField id="events-city" label={t('events.city')} value={filters.city} onChange={set('city')} />
        <SelectField id="events-type" label={t('events.type')} value={filters.type} onChange={set('type')} options={vocab.terms('event_type').map((x) => ({ value: x.code, label: x.label }))} placeholder={t('common.all')} />
        <TextField id="events-q" type="search" label={t('events.q')} value={filters.q} onChange={set('q')} />
      </FilterBar>
      <QueryView query={list} isEmpty={() => items.length === 0} empty={<p>{t('events.empty')}</p>}>
        {() => (
          <>
            <ul className="record-list">
              {items.map((ev) => (
                <li key={ev.id} className="record-row">
                  <Link href={`/events/${ev.id}`} className="record-title">
                    {ev.title}
                  </Link>
                  <p className="record-meta">
                    <time dateTime={ev.startAt}>{format.dateTime(ev.startAt, ev.startPrecision, ev.timezone)}</time>
                    {' · '}
                    {vocab.label('event_type', ev.type)}
                    {ev.city && ` · ${ev.city}`}
                  </p>
                </li>
              ))}
            </ul>
            <LoadMore shown={items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
          </>
        )}
      </QueryView>
    </section>
  );
}
