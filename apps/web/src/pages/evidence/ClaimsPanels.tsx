import { CHRONO_METHODS, ChronolocationInput, CONFIDENCE, GEO_METHODS, GEO_PRECISIONS, GeolocationInput, type ChronolocationRecord, type GeolocationRecord } from '@vigil/core/contract';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { useFormat } from '../../lib/format.js';
import { instantToLocal, localToInstant } from '../../lib/time.js';
import { useSettings } from '../../settings/SettingsContext.js';
import { useItemUpdater, type EvidenceDetail } from './evidenceApi.js';
import { useCodeLabel, useCodeOptions } from './labels.js';
import { useFormState } from './useFormState.js';

type Kind = 'geolocation' | 'chronolocation';
type Claim = GeolocationRecord | ChronolocationRecord;

/** Who proposed a claim and who reviewed it: the two are kept side by side. */
function ClaimFooter({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCodeLabel();
  return (
    <p className="small muted">
      <span className={`badge ${claim.status === 'confirmed' ? 'badge-info' : claim.status === 'rejected' ? 'badge-critical' : 'badge-warning'}`}>{label('claimStatus', claim.status)}</span>{' '}
      {t('evidence.claims.proposedBy', { who: claim.createdBy, time: format.dateTime(claim.createdAt) })}
      {claim.reviewedBy && claim.reviewedAt && ` · ${t('evidence.claims.reviewedBy', { who: claim.reviewedBy, time: format.dateTime(claim.reviewedAt) })}`}
      {claim.reviewNote && ` — ${claim.reviewNote}`}
    </p>
  );
}

/** Confirm or reject a proposed claim (the reviewer is recorded beside the author). */
function Review({ kind, claim, itemId }: { kind: Kind; claim: Claim; itemId: string }) {
  const { t } = useTranslation();
  const update = useItemUpdater(itemId);
  const form = useFormState(['status', 'note']);
  const mutation = useMutation({
    mutationFn: (status: 'confirmed' | 'rejected') => api.post<Claim>(`evidence/${kind}s/${claim.id}/review`, { status }),
    onSuccess: (reviewed) =>
      update((old) =>
        kind === 'geolocation'
          ? { ...old, geolocations: old.geolocations.map((c) => (c.id === reviewed.id ? (reviewed as GeolocationRecord) : c)) }
          : { ...old, chronolocations: old.chronolocations.map((c) => (c.id === reviewed.id ? (reviewed as ChronolocationRecord) : c)) },
      ),
    onError: form.onError,
  });
  const session = useSession();
  if (claim.status !== 'proposed') return null;
  // The server refuses an author's review of their own claim (four eyes); say so instead of offering it.
  if (session.data && session.data.user.username === claim.createdBy) return <p className="small muted">{t('evidence.claims.awaitingOtherReviewer')}</p>;
  return (
    <div className="ev-review">
      {form.other.length > 0 && <ErrorSummary id={`review-errors-${claim.id}`} title={t('evidence.couldNotSave')} messages={form.other} />}
      <button type="button" className="button button-small" disabled={mutation.isPending} onClick={() => mutation.mutate('confirmed')}>
        {t('evidence.claims.confirm')}
      </button>{' '}
      <button type="button" className="button button-small" disabled={mutation.isPending} onClick={() => mutation.mutate('rejected')}>
        {t('evidence.claims.reject')}
      </button>
    </div>
  );
}

function ClaimList<C extends Claim>({ claims, empty, render, kind, itemId, canWrite }: { claims: C[]; empty: string; render: (c: C) => ReactNode; kind: Kind; itemId: string; canWrite: boolean }) {
  if (claims.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="record-list ev-claims">
      {claims.map((c) => (
        <li key={c.id} className="record-row" data-claim={c.id} data-claim-status={c.status}>
          {render(c)}
          {c.notes && <p className="small prewrap">{c.notes}</p>}
          <ClaimFooter claim={c} />
          {canWrite && <Review kind={kind} claim={c} itemId={itemId} />}
        </li>
      ))}
    </ul>
  );
}

function GeolocationForm({ item }: { item: EvidenceDetail }) {
  const { t } = useTranslation();
  const options = useCodeOptions();
  const update = useItemUpdater(item.id);
  const fresh = { lat: item.metadata.lat === null ? '' : String(item.metadata.lat), lon: item.metadata.lon === null ? '' : String(item.metadata.lon), precision: 'vicinity', method: 'landmark_match', landmarks: '', notes: '' };
  const [draft, setDraft] = useState(fresh);
  const form = useFormState(['lat', 'lon', 'precision', 'method', 'landmarks', 'notes']);
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post<GeolocationRecord>(`evidence/${item.id}/geolocations`, body),
    onSuccess: (claim) => {
      update((old) => ({ ...old, geolocations: [...old.geolocations, claim] }));
      setDraft(fresh);
    },
    onError: form.onError,
  });
  const number = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(',', '.')));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = form.check(GeolocationInput, {
      lat: number(draft.lat),
      lon: number(draft.lon),
      precision: draft.precision,
      method: draft.method,
      landmarks: draft.landmarks.split('\n').map((l) => l.trim()).filter(Boolean),
      notes: draft.notes.trim() || null,
    });
    if (body) mutation.mutate(body);
  };
  const set = (key: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  return (
    <form onSubmit={submit} noValidate className="ev-subform" aria-labelledby="geo-form-title">
      <h3 id="geo-form-title">{t('evidence.geo.add')}</h3>
      {form.other.length > 0 && <ErrorSummary id="geo-errors" title={t('evidence.couldNotSave')} messages={form.other} />}
      <div className="form-grid">
        <TextField id="geo-lat" inputMode="decimal" label={t('evidence.geo.lat')} value={draft.lat} onChange={set('lat')} error={form.errors.lat} required />
        <TextField id="geo-lon" inputMode="decimal" label={t('evidence.geo.lon')} value={draft.lon} onChange={set('lon')} error={form.errors.lon} required />
        <SelectField id="geo-precision" label={t('evidence.geo.precision')} value={draft.precision} onChange={set('precision')} error={form.errors.precision} options={options('geoPrecision', GEO_PRECISIONS)} />
        <SelectField id="geo-method" label={t('evidence.claims.method')} value={draft.method} onChange={set('method')} error={form.errors.method} options={options('geoMethod', GEO_METHODS)} />
        <TextAreaField id="geo-landmarks" className="span-2" rows={2} label={t('evidence.geo.landmarks')} hint={t('evidence.geo.landmarksHint')} value={draft.landmarks} onChange={set('landmarks')} error={form.errors.landmarks} />
        <TextAreaField id="geo-notes" className="span-2" rows={2} label={t('evidence.fields.notes')} value={draft.notes} onChange={set('notes')} error={form.errors.notes} />
      </div>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t('evidence.geo.submit')}
      </button>
    </form>
  );
}

/** Where the item was recorded: claims with coordinates, precision, method and landmarks, each by its author. */
export function GeolocationPanel({ item, canWrite }: { item: EvidenceDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCodeLabel();
  return (
    <section aria-labelledby="geo-title" className="panel">
      <h2 id="geo-title">{t('evidence.geo.title')}</h2>
      <ClaimList
        kind="geolocation"
        itemId={item.id}
        canWrite={canWrite}
        claims={item.geolocations}
        empty={t('evidence.geo.empty')}
        render={(g) => (
          <>
            <p className="record-title">
              {format.number(g.lat, 6)}, {format.number(g.lon, 6)} <span className="muted">· {label('geoPrecision', g.precision)} · {label('geoMethod', g.method)}</span>
            </p>
            {g.landmarks.length > 0 && <p className="small">{t('evidence.geo.landmarksList', { list: g.landmarks.join('; ') })}</p>}
          </>
        )}
      />
      {canWrite && !item.deletedAt && <GeolocationForm item={item} />}
    </section>
  );
}

/** A time window proposed from elsewhere (the sun and shadow calculator), to be checked and sent. */
export interface ChronoSuggestion {
  from: string;
  to: string;
  method: (typeof CHRONO_METHODS)[number];
  notes: string;
}

function ChronolocationForm({ item, suggestion }: { item: EvidenceDetail; suggestion: ChronoSuggestion | null }) {
  const { t } = useTranslation();
  const options = useCodeOptions();
  const { settings } = useSettings();
  const update = useItemUpdater(item.id);
  const fresh = { from: '', to: '', method: 'sun_position', confidence: 'medium', notes: '' };
  const [draft, setDraft] = useState(fresh);
  const form = useFormState(['from', 'to', 'method', 'confidence', 'notes']);
  useEffect(() => {
    if (suggestion) {
      setDraft((d) => ({ ...d, from: instantToLocal(suggestion.from, settings.timeZone), to: instantToLocal(suggestion.to, settings.timeZone), method: suggestion.method, notes: suggestion.notes }));
      requestAnimationFrame(() => document.getElementById('chrono-from')?.focus());
    }
  }, [suggestion, settings.timeZone]);
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post<ChronolocationRecord>(`evidence/${item.id}/chronolocations`, body),
    onSuccess: (claim) => {
      update((old) => ({ ...old, chronolocations: [...old.chronolocations, claim] }));
      setDraft(fresh);
    },
    onError: form.onError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const instant = (v: string) => (v ? (localToInstant(v, settings.timeZone) ?? v) : undefined);
    const body = form.check(ChronolocationInput, { from: instant(draft.from), to: instant(draft.to), method: draft.method, confidence: draft.confidence, notes: draft.notes.trim() || null });
    if (body) mutation.mutate(body);
  };
  const set = (key: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  return (
    <form onSubmit={submit} noValidate className="ev-subform" aria-labelledby="chrono-form-title">
      <h3 id="chrono-form-title">{t('evidence.chrono.add')}</h3>
      {form.other.length > 0 && <ErrorSummary id="chrono-errors" title={t('evidence.couldNotSave')} messages={form.other} />}
      <div className="form-grid">
        <TextField id="chrono-from" type="datetime-local" step={60} label={t('evidence.chrono.from')} hint={settings.timeZone} value={draft.from} onChange={set('from')} error={form.errors.from} required />
        <TextField id="chrono-to" type="datetime-local" step={60} label={t('evidence.chrono.to')} hint={settings.timeZone} value={draft.to} onChange={set('to')} error={form.errors.to} required />
        <SelectField id="chrono-method" label={t('evidence.claims.method')} value={draft.method} onChange={set('method')} error={form.errors.method} options={options('chronoMethod', CHRONO_METHODS)} />
        <SelectField id="chrono-confidence" label={t('evidence.chrono.confidence')} value={draft.confidence} onChange={set('confidence')} error={form.errors.confidence} options={options('confidence', CONFIDENCE)} />
        <TextAreaField id="chrono-notes" className="span-2" rows={2} label={t('evidence.fields.notes')} value={draft.notes} onChange={set('notes')} error={form.errors.notes} />
      </div>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t('evidence.chrono.submit')}
      </button>
    </form>
  );
}

/** When the item was recorded: time windows with method and confidence, each by its author. */
export function ChronolocationPanel({ item, canWrite, suggestion }: { item: EvidenceDetail; canWrite: boolean; suggestion: ChronoSuggestion | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCodeLabel();
  return (
    <section aria-labelledby="chrono-title" className="panel">
      <h2 id="chrono-title">{t('evidence.chrono.title')}</h2>
      <ClaimList
        kind="chronolocation"
        itemId={item.id}
        canWrite={canWrite}
        claims={item.chronolocations}
        empty={t('evidence.chrono.empty')}
        render={(c) => (
          <p className="record-title">
            <time dateTime={c.from}>{format.dateTime(c.from)}</time> – <time dateTime={c.to}>{format.dateTime(c.to)}</time>{' '}
            <span className="muted">
              · {label('chronoMethod', c.method)} · {t('evidence.chrono.confidenceIs', { level: label('confidence', c.confidence) })}
            </span>
          </p>
        )}
      />
      {canWrite && !item.deletedAt && <ChronolocationForm item={item} suggestion={suggestion} />}
    </section>
  );
}
