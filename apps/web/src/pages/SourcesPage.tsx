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
import { useSourceLabel } from '../lib/source.js';
import { useVocab } from '../lib/vocab.js';

const NO_FILTERS = { q: '', kind: '' };

export function SourcesPage() {
  const { t } = useTranslation();
  const vocab = useVocab();
  const format = useFormat();
  const label = useSourceLabel();
  const [filters, setFilters] = useState(NO_FILTERS);
  const typed = useDebounced(filters);
  const list = useList('sources', { q: typed.q.trim(), kind: typed.kind });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <PageTitle title={t('sources.title')} lead={t('sources.intro')}>
        {t('sources.title')}
      </PageTitle>
      <FilterBar active={filters.q !== '' || filters.kind !== ''} onClear={() => setFilters(NO_FILTERS)}>
        <TextField id="sources-q" type="search" label={t('common.textSearch')} value={filters.q} onChange={(e) => setFilters((f) => ({ ...f, q: e.target.value }))} />
        <SelectField id="sources-kind" label={t('sources.kind')} value={filters.kind} onChange={(e) => setFilters((f) => ({ ...f, kind: e.target.value }))} options={vocab.terms('source_kind').map((x) => ({ value: x.code, label: x.label }))} placeholder={t('common.all')} />
      </FilterBar>
      <QueryView query={list} isEmpty={() => items.length === 0} empty={<p>{t('sources.empty')}</p>}>
        {() => (
          <>
            <ul className="record-list">
              {items.map((s) => (
                <li key={s.id} className="record-row">
                  <Link href={`/sources/${s.id}`} className="record-title">
                    {label(s)}
                  </Link>
                  <p className="record-meta">
                    {[vocab.label('source_kind', s.kind), !s.protectedIdentity && s.author, !s.protectedIdentity && s.outlet, s.publishedAt ? format.date(s.publishedAt) : null].filter(Boolean).join(' · ')}
                    {s.protectedIdentity && (
                      <>
                        {' · '}
                        <span className="badge badge-restricted">{t('sources.protectedIdentity')}</span>
                      </>
                    )}
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
