import { DetentionReportInput } from '@vigil/core/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { api, isApiError } from '../api/client.js';
import { useList } from '../api/queries.js';
import { type DetentionRecord, type PersonRecord } from '../api/types.js';
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from '../components/Field.js';
import { PageTitle } from '../components/PageTitle.js';
import { serverErrors, validate, type FieldErrors } from '../lib/forms.js';
import { instantToLocal, localToInstant } from '../lib/time.js';
import { useVocab } from '../lib/vocab.js';
import { useSettings } from '../settings/SettingsContext.js';

interface Draft {
  name: string;
  pseudonym: string;
  role: string;
  organisationName: string;
  apprehendedAt: string;
  apprehendedPrecision: string;
  apprehendedTimeOriginal: string;
  city: string;
  placeDescription: string;
  eventId: string;
  takenBy: string;
  whatIsKnown: string;
  whereaboutsKnown: boolean;
  legalBasis: string;
  callerName: string;
  callerRelation: string;
  callerContact: string;
}

/** Form field id for each path of DetentionReportInput (server and browser errors land by these). */
const FIELD_OF: Record<string, string> = {
  name: 'name',
  pseudonym: 'pseudonym',
  roles: 'role',
  'roles.0': 'role',
  organisationName: 'organisationName',
  apprehendedAt: 'apprehendedAt',
  apprehendedPrecision: 'apprehendedPrecision',
  apprehendedTimeOriginal: 'apprehendedTimeOriginal',
  city: 'city',
  placeDescription: 'placeDescription',
  eventId: 'eventId',
  takenBy: 'takenBy',
  whatIsKnown: 'whatIsKnown',
  whereaboutsKnown: 'whereaboutsKnown',
  legalBasis: 'legalBasis',
  'caller.name': 'callerName',
  'caller.relation': 'callerRelation',
  'caller.contact': 'callerContact',
};
/** The intake creates a detention whose own checks may name `steps.0.at`: that is the time taken. */
const fieldOf = (path: string): string => FIELD_OF[path] ?? (/^steps\.\d+\.at$/.test(path) ? 'apprehendedAt' : path);

const opt = (s: string): string | null => (s.trim() ? s.trim() : null);

/** The body POST /api/v1/intake/detention takes, from what the operator typed. */
export function reportBody(d: Draft, timeZone: string): Record<string, unknown> {
  return {
    name: d.name.trim(),
    pseudonym: opt(d.pseudonym),
    roles: d.role ? [d.role] : [],
    organisationName: opt(d.organisationName),
    apprehendedAt: localToInstant(d.apprehendedAt, timeZone) ?? d.apprehendedAt,
    apprehendedPrecision: d.apprehendedPrecision,
    apprehendedTimeOriginal: opt(d.apprehendedTimeOriginal),
    city: opt(d.city),
    placeDescription: opt(d.placeDescription),
    eventId: d.eventId || null,
    takenBy: opt(d.takenBy),
    whatIsKnown: opt(d.whatIsKnown),
    whereaboutsKnown: d.whereaboutsKnown,
    legalBasis: d.legalBasis,
    caller: { name: opt(d.callerName), relation: opt(d.callerRelation), contact: opt(d.callerContact) },
  };
}

/** Hotline intake: one screen, keyboard only, one submit creates the source, person and detention. */
export function IntakePage() {
  const { t } = useTranslation();
  const vocab = useVocab();
  const { settings } = useSettings();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const events = useList('events', {}, 100);
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => ({
    name: '',
    pseudonym: '',
    role: '',
    organisationName: '',
    apprehendedAt: instantToLocal(Date.now(), settings.timeZone),
    apprehendedPrecision: 'approximate',
    apprehendedTimeOriginal: '',
    city: settings.defaultCity,
    placeDescription: '',
    eventId: '',
    takenBy: '',
    whatIsKnown: '',
    whereaboutsKnown: false,
    legalBasis: 'unknown',
    callerName: '',
    callerRelation: '',
    callerContact: '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[] | null>(null);

  const showErrors = (fields: FieldErrors, rest: string[]) => {
    setErrors(fields);
    setOther(rest);
    requestAnimationFrame(() => {
      const first = Object.keys(fields)[0];
      (first ? document.getElementById(first) : document.getElementById('form-errors'))?.focus();
    });
  };

  const mutation = useMutation({
    mutationFn: (body: DetentionReportInput) => api.post<{ person: PersonRecord; detention: DetentionRecord }>('intake/detention', body),
    onSuccess: async (result) => {
      await Promise.all(['board', 'list', 'all'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
      navigate(`/detentions/${result.detention.id}?new=1`);
    },
    onError: (error) => {
      if (!isApiError(error)) return showErrors({}, [String(error)]);
      const { fields, other: rest } = serverErrors(error, Object.values(FIELD_OF), fieldOf);
      showErrors(fields, rest);
    },
  });

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const checked = validate(DetentionReportInput, reportBody(draft, settings.timeZone), t);
    if (!checked.ok) {
      const fields: FieldErrors = {};
      for (const [path, message] of Object.entries(checked.errors)) fields[fieldOf(path)] ??= message;
      return showErrors(fields, []);
    }
    setErrors({});
    setOther(null);
    mutation.mutate(checked.data);
  };

  // Ctrl+Enter (or ⌘+Enter) saves from any field, including the text areas.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
  };

  const options = (vocabulary: string) => vocab.terms(vocabulary).map((x) => ({ value: x.code, label: x.label }));
  const eventOptions = (events.data?.pages.flatMap((p) => p.items) ?? []).map((ev) => ({ value: ev.id, label: ev.title }));
  const hasErrors = other !== null && (other.length > 0 || Object.keys(errors).length > 0);

  return (
    <section className="intake">
      <PageTitle title={t('intake.title')} lead={t('intake.intro')}>
        {t('intake.title')}
      </PageTitle>
      <form ref={formRef} onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-describedby={hasErrors ? 'form-errors' : undefined}>
        {hasErrors && <ErrorSummary title={t('intake.fixErrors')} messages={other ?? []} />}
        <fieldset>
          <legend>{t('intake.who')}</legend>
          <div className="form-grid">
            <TextField id="name" label={t('intake.name')} hint={t('intake.nameHint')} value={draft.name} onChange={set('name')} error={errors.name} required autoFocus autoComplete="off" />
            <TextField id="pseudonym" label={t('intake.pseudonym')} hint={t('intake.pseudonymHint')} value={draft.pseudonym} onChange={set('pseudonym')} error={errors.pseudonym} autoComplete="off" />
            <SelectField id="role" label={t('intake.roles')} value={draft.role} onChange={set('role')} error={errors.role} options={options('role')} placeholder={t('common.unknown')} />
            <TextField id="organisationName" label={t('intake.organisation')} value={draft.organisationName} onChange={set('organisationName')} error={errors.organisationName} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('intake.whereWhen')}</legend>
          <div className="form-grid">
            <TextField id="apprehendedAt" type="datetime-local" step={60} label={t('intake.apprehendedAt')} hint={settings.timeZone} value={draft.apprehendedAt} onChange={set('apprehendedAt')} error={errors.apprehendedAt} required />
            <SelectField id="apprehendedPrecision" label={t('intake.precision')} value={draft.apprehendedPrecision} onChange={set('apprehendedPrecision')} error={errors.apprehendedPrecision} options={options('precision')} />
            <TextField id="apprehendedTimeOriginal" label={t('intake.timeOriginal')} value={draft.apprehendedTimeOriginal} onChange={set('apprehendedTimeOriginal')} error={errors.apprehendedTimeOriginal} />
            <TextField id="city" label={t('intake.city')} value={draft.city} onChange={set('city')} error={errors.city} />
            <TextField id="placeDescription" label={t('intake.place')} hint={t('intake.placeHint')} value={draft.placeDescription} onChange={set('placeDescription')} error={errors.placeDescription} />
            <SelectField id="eventId" label={t('intake.event')} value={draft.eventId} onChange={set('eventId')} error={errors.eventId} options={eventOptions} placeholder={t('intake.noEvent')} />
            <TextField id="takenBy" label={t('intake.takenBy')} hint={t('intake.takenByHint')} value={draft.takenBy} onChange={set('takenBy')} error={errors.takenBy} />
            <SelectField id="legalBasis" label={t('intake.legalBasis')} value={draft.legalBasis} onChange={set('legalBasis')} error={errors.legalBasis} options={options('legal_basis')} />
            <CheckboxField
              id="whereaboutsKnown"
              className="span-2"
              label={t('intake.whereaboutsKnown')}
              hint={t('intake.whereaboutsHint')}
              checked={draft.whereaboutsKnown}
              onChange={(e) => setDraft((d) => ({ ...d, whereaboutsKnown: e.target.checked }))}
              error={errors.whereaboutsKnown}
            />
            <TextAreaField id="whatIsKnown" className="span-2" rows={3} label={t('intake.whatIsKnown')} value={draft.whatIsKnown} onChange={set('whatIsKnown')} error={errors.whatIsKnown} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('intake.caller')}</legend>
          <div className="form-grid">
            <TextField id="callerName" label={t('intake.callerName')} value={draft.callerName} onChange={set('callerName')} error={errors.callerName} autoComplete="off" />
            <TextField id="callerRelation" label={t('intake.relation')} hint={t('intake.relationHint')} value={draft.callerRelation} onChange={set('callerRelation')} error={errors.callerRelation} />
            <TextField id="callerContact" className="span-2" label={t('intake.contact')} restricted value={draft.callerContact} onChange={set('callerContact')} error={errors.callerContact} autoComplete="off" />
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary button-large" disabled={mutation.isPending}>
            {mutation.isPending ? t('intake.submitting') : t('intake.submit')}
          </button>
          <span className="hint">
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </span>
        </div>
      </form>
    </section>
  );
}
