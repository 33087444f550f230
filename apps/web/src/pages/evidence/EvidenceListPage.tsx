import { VERIFICATION_STATUSES } from '@vigil/core/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { useAll } from '../../api/queries.js';
import { useCan } from '../../auth/session.js';
import { SelectField } from '../../components/Field.js';
import { FilterBar } from '../../components/Filters.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageTitle } from '../../components/PageTitle.js';
import { QueryView } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { useEvidenceList, type EvidenceItem } from './evidenceApi.js';
import { formatBytes, statusTone, useCodeLabel, useCodeOptions } from './labels.js';
import { SensitiveMedia } from './SensitiveMedia.js';
import { UploadForm } from './UploadForm.js';
import './evidence.css';

const NO_FILTERS = { status: '', mediaType: '', eventId: '' };
/** Kinds by media type prefix (the API matches a trailing "/" as a prefix). */
const KINDS = [
  { value: 'video/', key: 'video' },
  { value: 'image/', key: 'image' },
  { value: 'audio/', key: 'audio' },
  { value: 'application/pdf', key: 'pdf' },
] as const;

function EvidenceRow({ item }: { item: EvidenceItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCodeLabel();
  return (
    <li className="record-row ev-row" data-evidence-id={item.id}>
      <Link href={`/evidence/${item.id}`} className="ev-row-media" tabIndex={-1} aria-hidden="true">
        <SensitiveMedia item={item} size="small" />
      </Link>
      <div>
        <Link href={`/evidence/${item.id}`} className="record-title">
          {item.title ?? item.filename}
        </Link>
        <p className="record-meta">
          <span className={`badge badge-${statusTone(item.status)}`}>{label('status', item.status)}</span> {item.mediaType} · {formatBytes(item.size, format.locale)} ·{' '}
          {t('evidence.list.received', { time: format.dateTime(item.createdAt) })}
          {item.metadata.captureTime && ` · ${t('evidence.list.captured', { time: format.dateTime(item.metadata.captureTime) })}`}
          {item.assignee && ` · ${t('evidence.list.assignee', { name: item.assignee })}`}
        </p>
        {item.title && <p className="small muted">{item.filename}</p>}
      </div>
    </li>
  );
}

/** The vault: every item with filters (status, kind, event), and the upload form for those who may add. */
export default function EvidenceListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const options = useCodeOptions();
  const events = useAll('events', {});
  // The chronology links here with ?eventId=… to show one event's items.
  const search = useSearch();
  const [filters, setFilters] = useState(() => ({ ...NO_FILTERS, eventId: new URLSearchParams(search).get('eventId') ?? '' }));
  const list = useEvidenceList(filters);
  const set = (key: keyof typeof NO_FILTERS) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <PageTitle title={t('evidence.list.title')} lead={t('evidence.list.intro')}>
        {t('evidence.list.title')}
      </PageTitle>
      {can('evidence:write') && (
        <details className="panel ev-upload-panel">
          <summary>{t('evidence.upload.title')}</summary>
          <UploadForm eventId={filters.eventId} />
        </details>
      )}
      <FilterBar active={JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)} onClear={() => setFilters(NO_FILTERS)}>
        <SelectField id="evidence-status" label={t('evidence.fields.status')} value={filters.status} onChange={set('status')} options={options('status', VERIFICATION_STATUSES)} placeholder={t('common.all')} />
        <SelectField id="evidence-kind" label={t('evidence.list.kind')} value={filters.mediaType} onChange={set('mediaType')} options={KINDS.map((k) => ({ value: k.value, label: t(`evidence.list.kinds.${k.key}`) }))} placeholder={t('common.all')} />
        <SelectField id="evidence-event" label={t('evidence.fields.event')} value={filters.eventId} onChange={set('eventId')} options={(events.data ?? []).map((ev) => ({ value: ev.id, label: ev.title }))} placeholder={t('common.all')} />
      </FilterBar>
      <QueryView query={list} isEmpty={() => items.length === 0} empty={<p>{t('evidence.list.empty')}</p>}>
        {() => (
          <>
            <ul className="record-list" aria-label={t('evidence.list.title')}>
              {items.map((item) => (
                <EvidenceRow key={item.id} item={item} />
              ))}
            </ul>
            <LoadMore shown={items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
          </>
        )}
      </QueryView>
    </section>
  );
}
