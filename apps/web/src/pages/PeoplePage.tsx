import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useList } from '../api/queries.js';
import { SelectField, TextField } from '../components/Field.js';
import { FilterBar, useDebounced } from '../components/Filters.js';
import { LoadMore } from '../components/LoadMore.js';
import { PageTitle } from '../components/PageTitle.js';
import { PersonName } from '../components/PersonName.js';
import { QueryView } from '../components/States.js';
import { useVocab } from '../lib/vocab.js';

const NO_FILTERS = { q: '', role: '' };

/** Everyone in the records, by pseudonym, filterable by name (any script) and role. */
export function PeoplePage() {
  const { t } = useTranslation();
  const vocab = useVocab();
  const [filters, setFilters] = useState(NO_FILTERS);
  const typed = useDebounced(filters);
  const list = useList('persons', { q: typed.q.trim(), role: typed.role });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <PageTitle title={t('people.title')} lead={t('people.intro')}>
        {t('people.title')}
      </PageTitle>
      <FilterBar active={filters.q !== '' || filters.role !== ''} onClear={() => setFilters(NO_FILTERS)}>
        <TextField id="people-q" type="search" label={t('search.label')} value={filters.q} onChange={(e) => setFilters((f) => ({ ...f, q: e.target.value }))} />
        <SelectField id="people-role" label={t('people.role')} value={filters.role} onChange={(e) => setFilters((f) => ({ ...f, role: e.target.value }))} options={vocab.terms('role').map((x) => ({ value: x.code, label: x.label }))} placeholder={t('common.all')} />
      </FilterBar>
      <QueryView query={list} isEmpty={() => items.length === 0} empty={<p>{t('people.empty')}</p>}>
        {() => (
          <>
            <ul className="record-list">
              {items.map((p) => (
                <li key={p.id} className="record-row">
                  <Link href={`/people/${p.id}`} className="record-title">
                    <PersonName person={p} />
                  </Link>
                  <p className="record-meta">{[...new Set(p.roles.map((r) => vocab.label('role', r.role)))].join(', ') || t('person.noRoles')}</p>
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
