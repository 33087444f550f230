import { ShadowQueryInput, SunPositionQuery, SunTimesQuery } from '@vigil/core/contract';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { ErrorSummary, TextField } from '../../components/Field.js';
import { useFormat } from '../../lib/format.js';
import { instantToLocal, localToInstant } from '../../lib/time.js';
import { useSettings } from '../../settings/SettingsContext.js';
import { type ChronoSuggestion } from './ClaimsPanels.js';
import { type EvidenceDetail } from './evidenceApi.js';
import { useFormState } from './useFormState.js';

interface Moment {
  utc: string;
  local: string;
}
interface SunDay {
  sunrise: Moment | null;
  sunset: Moment | null;
  civilDawn: Moment | null;
  civilDusk: Moment | null;
  solarNoon: Moment;
}
interface SunPosition {
  azimuth: number;
  altitude: number;
  local: string;
}
interface Shadow {
  sunAltitude: number;
  windows: { from: Moment; to: Moment }[];
}

/** "17:31" and "UTC+06:00" from the server's local ISO time ("2022-01-05T17:31:04+06:00"), which carries the zone's offset on that date. */
const clock = (local: string) => local.slice(11, 16);
const offset = (local: string) => `UTC${local.slice(19) || '+00:00'}`;

/** Where and when to start: a confirmed (else any live) geolocation or the file's GPS; the capture time's or a claim's date. */
function defaultsOf(item: EvidenceDetail | undefined, timeZone: string) {
  const geo = item?.geolocations.find((g) => g.status === 'confirmed') ?? item?.geolocations.find((g) => g.status !== 'rejected');
  const lat = geo?.lat ?? item?.metadata.lat ?? null;
  const lon = geo?.lon ?? item?.metadata.lon ?? null;
  const when = item?.chronolocations.find((c) => c.status !== 'rejected')?.from ?? item?.metadata.captureTime ?? null;
  return { lat: lat === null ? '' : String(lat), lon: lon === null ? '' : String(lon), date: when ? instantToLocal(when, timeZone).slice(0, 10) : '', timeZone };
}

/**
 * The sun and shadow calculator beside chronolocation: for a place and date, sunrise, sunset and
 * civil dusk; the sun's azimuth and altitude at a time; and the time windows in which an object
 * of a given height casts a shadow of a given length (and bearing), each one usable as a claim.
 */
export function SunCalculator({ item, onUseWindow }: { item?: EvidenceDetail; onUseWindow?: (s: ChronoSuggestion) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { settings } = useSettings();
  const [place, setPlace] = useState(() => defaultsOf(item, settings.timeZone));
  const [time, setTime] = useState('');
  const [shadow, setShadow] = useState({ objectHeight: '', shadowLength: '', shadowBearing: '' });
  const form = useFormState(['lat', 'lon', 'date', 'timeZone', 'at', 'objectHeight', 'shadowLength', 'shadowBearing']);
  const where = { lat: place.lat.replace(',', '.'), lon: place.lon.replace(',', '.'), timeZone: place.timeZone.trim() };

  const times = useMutation({ mutationFn: (q: Record<string, string>) => api.get<SunDay>('sun/times', q), onError: form.onError });
  const position = useMutation({ mutationFn: (q: Record<string, string>) => api.get<SunPosition>('sun/position', q), onError: form.onError });
  const shadows = useMutation({ mutationFn: (q: Record<string, string>) => api.get<Shadow>('sun/shadow', q), onError: form.onError });

  const askTimes = (e: FormEvent) => {
    e.preventDefault();
    const q = { ...where, date: place.date };
    if (form.check(SunTimesQuery, q)) times.mutate(q);
  };
  const askPosition = (e: FormEvent) => {
    e.preventDefault();
    const at = place.date && time ? (localToInstant(`${place.date}T${time}`, where.timeZone) ?? '') : '';
    const q = { ...where, at };
    if (form.check(SunPositionQuery, q)) position.mutate(q);
  };
  const askShadow = (e: FormEvent) => {
    e.preventDefault();
    const q: Record<string, string> = { ...where, date: place.date, objectHeight: shadow.objectHeight.replace(',', '.'), shadowLength: shadow.shadowLength.replace(',', '.') };
    if (shadow.shadowBearing.trim()) q.shadowBearing = shadow.shadowBearing.replace(',', '.');
    if (form.check(ShadowQueryInput, q)) shadows.mutate(q);
  };
  const setP = (key: keyof typeof place) => (e: { target: { value: string } }) => setPlace((p) => ({ ...p, [key]: e.target.value }));
  const setS = (key: keyof typeof shadow) => (e: { target: { value: string } }) => setShadow((s) => ({ ...s, [key]: e.target.value }));
  const day = times.data;
  const row = (key: string, m: Moment | null | undefined) => (
    <div>
      <dt>{t(`evidence.sun.${key}`)}</dt>
      <dd data-sun={key}>{m ? `${clock(m.local)} (${offset(m.local)})` : t('evidence.sun.none')}</dd>
    </div>
  );
  return (
    <section aria-labelledby="sun-title" className="panel ev-sun">
      <h2 id="sun-title">{t('evidence.sun.title')}</h2>
      <p className="hint">{t('evidence.sun.intro')}</p>
      {form.other.length > 0 && <ErrorSummary id="sun-errors" title={t('evidence.sun.failed')} messages={form.other} />}
      <form onSubmit={askTimes} noValidate aria-label={t('evidence.sun.times')}>
        <div className="form-grid">
          <TextField id="sun-lat" inputMode="decimal" label={t('evidence.geo.lat')} value={place.lat} onChange={setP('lat')} error={form.errors.lat} required />
          <TextField id="sun-lon" inputMode="decimal" label={t('evidence.geo.lon')} value={place.lon} onChange={setP('lon')} error={form.errors.lon} required />
          <TextField id="sun-date" type="date" label={t('evidence.sun.date')} value={place.date} onChange={setP('date')} error={form.errors.date} required />
          <TextField id="sun-zone" label={t('evidence.sun.timeZone')} value={place.timeZone} onChange={setP('timeZone')} error={form.errors.timeZone} hint={t('evidence.sun.timeZoneHint')} />
        </div>
        <button type="submit" className="button button-primary" disabled={times.isPending}>
          {t('evidence.sun.calculateTimes')}
        </button>
      </form>
      {day && (
        <dl className="facts ev-sun-times" aria-live="polite">
          {row('civilDawn', day.civilDawn)}
          {row('sunrise', day.sunrise)}
          {row('solarNoon', day.solarNoon)}
          {row('sunset', day.sunset)}
          {row('civilDusk', day.civilDusk)}
        </dl>
      )}

      <form onSubmit={askPosition} noValidate className="ev-subform" aria-labelledby="sun-position-title">
        <h3 id="sun-position-title">{t('evidence.sun.positionTitle')}</h3>
        <div className="form-grid">
          <TextField id="sun-time" type="time" label={t('evidence.sun.time')} value={time} onChange={(e) => setTime(e.target.value)} error={form.errors.at} hint={t('evidence.sun.timeHint')} />
        </div>
        <button type="submit" className="button" disabled={position.isPending}>
          {t('evidence.sun.calculatePosition')}
        </button>
      </form>
      {position.data && (
        <p aria-live="polite" data-sun="position">
          {t('evidence.sun.position', { time: clock(position.data.local), azimuth: format.number(position.data.azimuth, 1), altitude: format.number(position.data.altitude, 1) })}
          {position.data.altitude < 0 && ` ${t('evidence.sun.belowHorizon')}`}
        </p>
      )}

      <form onSubmit={askShadow} noValidate className="ev-subform" aria-labelledby="sun-shadow-title">
        <h3 id="sun-shadow-title">{t('evidence.sun.shadowTitle')}</h3>
        <p className="hint">{t('evidence.sun.shadowIntro')}</p>
        <div className="form-grid">
          <TextField id="sun-height" inputMode="decimal" label={t('evidence.sun.objectHeight')} value={shadow.objectHeight} onChange={setS('objectHeight')} error={form.errors.objectHeight} required />
          <TextField id="sun-shadow" inputMode="decimal" label={t('evidence.sun.shadowLength')} value={shadow.shadowLength} onChange={setS('shadowLength')} error={form.errors.shadowLength} required />
          <TextField id="sun-bearing" inputMode="decimal" label={t('evidence.sun.shadowBearing')} value={shadow.shadowBearing} onChange={setS('shadowBearing')} error={form.errors.shadowBearing} hint={t('evidence.sun.bearingHint')} />
        </div>
        <button type="submit" className="button" disabled={shadows.isPending}>
          {t('evidence.sun.calculateShadow')}
        </button>
      </form>
      {shadows.data && (
        <div aria-live="polite" data-sun="shadow">
          <p>{t('evidence.sun.sunAltitude', { altitude: format.number(shadows.data.sunAltitude, 1) })}</p>
          {shadows.data.windows.length === 0 ? (
            <p className="muted">{t('evidence.sun.noWindow')}</p>
          ) : (
            <ul className="plain-list">
              {shadows.data.windows.map((w) => (
                <li key={w.from.utc} data-window={`${clock(w.from.local)}-${clock(w.to.local)}`}>
                  {clock(w.from.local)}–{clock(w.to.local)} ({offset(w.from.local)})
                  {onUseWindow && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() =>
                          onUseWindow({
                            from: w.from.utc,
                            to: w.to.utc,
                            method: 'shadow',
                            notes: t('evidence.sun.windowNote', { height: shadow.objectHeight, length: shadow.shadowLength, lat: where.lat, lon: where.lon, date: place.date }),
                          })
                        }
                      >
                        {t('evidence.sun.useWindow')}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
