import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useRecord } from '../api/queries.js';
import { useSourceLabel } from '../lib/source.js';

/** A source's title as a link (fetched by id, cached). */
export function SourceLink({ id }: { id: string }) {
  const { data, isError } = useRecord('sources', id);
  const label = useSourceLabel();
  return <Link href={`/sources/${id}`}>{data ? label(data) : isError ? id : '…'}</Link>;
}

export function SourceList({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return <p className="muted">{t('common.noSources')}</p>;
  return (
    <ul className="source-list">
      {unique.map((id) => (
        <li key={id}>
          <SourceLink id={id} />
        </li>
      ))}
    </ul>
  );
}

/** A place's name and city (fetched by id, cached); "…" while loading. */
export function usePlaceLabel(id: string | null | undefined): string {
  const { data, isError } = useRecord('places', id);
  if (!id) return '';
  return data ? (data.city && !data.name.includes(data.city) ? `${data.name}, ${data.city}` : data.name) : isError ? id : '…';
}

export function PlaceName({ id }: { id: string }) {
  return <>{usePlaceLabel(id)}</>;
}

export function EventLink({ id }: { id: string }) {
  const { data, isError } = useRecord('events', id);
  return <Link href={`/events/${id}`}>{data?.title ?? (isError ? id : '…')}</Link>;
}
