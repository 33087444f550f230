import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { useList } from '../api/queries.js';
import { SelectField, TextField } from '../components/Field.js';
import { useDebounced } from '../components/Filters.js';
import { PageTitle } from '../components/PageTitle.js';
import { PersonName } from '../components/PersonName.js';
import { QueryView } from '../components/States.js';
import { useVocab } from '../lib/vocab.js';

/** Moves focus through the result links with the arrow keys; Escape goes back to the box. */
function onResultsKey(e: KeyboardEvent<HTMLElement>, input: HTMLInputElement | null) {
  const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a.record-title')];
  const i = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (e.key === 'ArrowDown') links[Math.min(links.length - 1, i + 1)]?.focus();
  else if (e.key === 'ArrowUp') (i <= 0 ? input : links[i - 1])?.focus();
  else if (e.key === 'Escape') input?.focus();
  else return;
  e.preventDefault();
}

/** Name search across scripts (the server folds Cyrillic and Latin spellings), with filters; state in the URL. */
export function SearchPage() {
  const { t } = useTranslation();
  const vocab = useVocab();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const eventId = params.get('event') ?? '';
  const input = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLDivElement>(null);
  const settled = useDebounced(q.trim(), 250);
  const enabled = settled.length >= 2;
  const events = useList('events', {}, 100);
  const list = useList('persons', { q: settled, role, eventId }, 50, enabled);
  const items = enabled ? (list.data?.pages.flatMap((p) => p.items) ?? []) : [];

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`/search${next.size ? `?${next.toString()}` : ''}`, { replace: true });
  };

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const first = results.current?.querySelector<HTMLAnchorElement>('a.record-title');
    if (e.key === 'ArrowDown' && first) {
      e.preventDefault();
      first.focus();
    } else if (e.key === 'Enter' && first) {
      e.preventDefault();
      first.click();
    }
  };

  return (
    <section>
      <PageTitle title={t('search.title')} lead={t('search.intro')}>
        {t('search.title')}
      </PageTitle>
      <form role="search" className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="filters-grid search-grid">
          <TextField
            ref={input}
            id="search-q"
            type="search"
            className="search-box"
            label={t('search.label')}
            hint={t('search.hint')}
            placeholder={t('search.placeholder')}
            value={q}
            autoFocus
            autoComplete="off"
            onChange={(e) => setParam('q', e.target.value)}
            onKeyDown={onInputKey}
          />
          <SelectField id="search-role" label={t('search.role')} value={role} onChange={(e) => setParam('role', e.target.value)} options={vocab.terms('role').map((x) => ({ value: x.code, label: x.label }))} placeholder={t('common.all')} />
          <SelectField
            id="search-event"
            label={t('search.event')}
            value={eventId}
            onChange={(e) => setParam('event', e.target.value)}
            options={(events.data?.pages.flatMap((p) => p.items) ?? []).map((ev) => ({ value: ev.id, label: ev.title }))}
            placeholder={t('search.anyEvent')}
          />
        </div>
      </form>
      <div ref={results} onKeyDown={(e) => onResultsKey(e, input.current)}>
        {!enabled ? (
          <p className="muted">{t('search.typeToSearch')}</p>
        ) : (
          <QueryView query={list} isEmpty={() => items.length === 0} empty={<p>{t('search.empty', { q: settled })}</p>}>
            {() => (
              <>
                <p className="muted" aria-live="polite">
                  {t('search.results', { count: items.length })}
                </p>
                <ul className="record-list">
                  {items.map((p) => (
                    <li key={p.id} className="record-row">
                      <Link href={`/people/${p.id}`} className="record-title">
                        <PersonName person={p} />
                      </Link>
                      <p className="record-meta">{[...new Set(p.roles.map((r) => vocab.label('role', r.role)))].join(', ')}</p>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </QueryView>
        )}
      </div>
    </section>
  );
}
