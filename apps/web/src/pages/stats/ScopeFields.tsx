import { useTranslation } from 'react-i18next';
import { useList } from '../../api/queries.js';
import { TextField } from '../../components/Field.js';
import { useFormat } from '../../lib/format.js';
import { type Scope } from './api.js';

/**
 * The scope every statistic and report takes: events (ticked in a list), a period of local dates
 * and a city. Shared by the dashboard and the reports page. `errors` are by server path
 * (`from`, `to`, `city`, `eventId.0`).
 */
export function ScopeFields({ scope, onChange, errors = {}, idPrefix }: { scope: Scope; onChange: (next: Scope) => void; errors?: Record<string, string>; idPrefix: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  // The latest 200 events; a chosen one that is older still shows (by its id) so it can be unticked.
  const events = useList('events', {}, 200);
  const listed = events.data?.pages[0]?.items ?? [];
  const options = [...listed.map((e) => ({ id: e.id, label: e.title, meta: `${format.date(e.startAt, e.timezone)}${e.city ? ` · ${e.city}` : ''}` }))];
  for (const id of scope.eventIds) if (!options.some((o) => o.id === id)) options.unshift({ id, label: id, meta: '' });
  const toggle = (id: string, on: boolean) => onChange({ ...scope, eventIds: on ? [...scope.eventIds, id] : scope.eventIds.filter((x) => x !== id) });
  const eventError = Object.entries(errors).find(([path]) => path === 'eventId' || path.startsWith('eventId.'))?.[1];
  const set = (key: 'from' | 'to' | 'city') => (e: { target: { value: string } }) => onChange({ ...scope, [key]: e.target.value });
  return (
    <>
      <div className="scope-grid">
        <TextField id={`${idPrefix}-from`} type="date" label={t('stats.scope.from')} value={scope.from} onChange={set('from')} error={errors.from} />
        <TextField id={`${idPrefix}-to`} type="date" label={t('stats.scope.to')} value={scope.to} onChange={set('to')} error={errors.to} />
        <TextField id={`${idPrefix}-city`} label={t('stats.scope.city')} value={scope.city} onChange={set('city')} error={errors.city} />
      </div>
      <details className="scope-events" open={scope.eventIds.length > 0 || undefined}>
        <summary>
          {t('stats.scope.events')}: {scope.eventIds.length === 0 ? t('stats.scope.eventsAll') : t('stats.scope.eventsChosen', { count: scope.eventIds.length })}
        </summary>
        <fieldset className="scope-event-list" aria-describedby={`${idPrefix}-events-hint${eventError ? ` ${idPrefix}-events-error` : ''}`}>
          <legend className="visually-hidden">{t('stats.scope.events')}</legend>
          <p id={`${idPrefix}-events-hint`} className="hint">
            {t('stats.scope.eventsHint')}
          </p>
          {options.map((o) => (
            <div key={o.id} className="field-checkbox">
              <input id={`${idPrefix}-event-${o.id}`} type="checkbox" checked={scope.eventIds.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} />
              <label htmlFor={`${idPrefix}-event-${o.id}`}>
                {o.label}
                {o.meta && <span className="small muted"> — {o.meta}</span>}
              </label>
            </div>
          ))}
        </fieldset>
        {eventError && (
          <p id={`${idPrefix}-events-error`} className="field-error">
            {eventError}
          </p>
        )}
      </details>
    </>
  );
}
