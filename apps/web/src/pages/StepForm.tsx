import { AddStepInput } from '@vigil/core/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type z } from 'zod';
import { useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.js';
import { useAll } from '../api/queries.js';
import { type DetentionRecord } from '../api/types.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../components/Field.js';
import { serverErrors, validate, type FieldErrors } from '../lib/forms.js';
import { instantToLocal, localToInstant } from '../lib/time.js';
import { useVocab } from '../lib/vocab.js';
import { useSettings } from '../settings/SettingsContext.js';
import { useSourceTitles } from './useSourceTitles.js';

export const QUICK_STEPS = [
  'taken_to',
  'transferred',
  'protocol',
  'family_notified',
  'lawyer_admitted',
  'lawyer_refused',
  'duty_lawyer_imposed',
  'phone_confiscated',
  'hearing',
  'sentence',
  'released',
  'whereabouts_unknown',
  'whereabouts_confirmed',
] as const;

const FIELDS = ['type', 'at', 'precision', 'timeOriginal', 'placeId', 'note', 'sourceIds'] as const;

export interface StepFormHandle {
  choose: (type: string) => void;
}

interface Draft {
  type: string;
  at: string;
  precision: string;
  timeOriginal: string;
  placeId: string;
  note: string;
  sourceId: string;
}

/** Adds one custody step (POST /detentions/:id/steps), validated here with the server's schema first. */
export function StepForm({ detention, onAdded, ref }: { detention: DetentionRecord; onAdded: (type: string) => void; ref?: Ref<StepFormHandle> }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const { settings } = useSettings();
  const queryClient = useQueryClient();
  const places = useAll('places', {});
  const sourceTitles = useSourceTitles(detention.sourceIds);
  const atRef = useRef<HTMLInputElement>(null);
  const fresh = (type = 'released'): Draft => ({
    type,
    at: instantToLocal(Date.now(), settings.timeZone),
    precision: 'exact',
    timeOriginal: '',
    placeId: '',
    note: '',
    sourceId: detention.sourceIds[0] ?? '',
  });
  const [draft, setDraft] = useState<Draft>(() => fresh());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[]>([]);

  useImperativeHandle(ref, () => ({
    choose: (type) => {
      setDraft({ ...fresh(type) });
      setErrors({});
      setOther([]);
      requestAnimationFrame(() => atRef.current?.focus());
    },
  }));

  const mutation = useMutation({
    mutationFn: (body: z.infer<typeof AddStepInput>) => api.post<DetentionRecord>(`detentions/${detention.id}/steps`, body),
    onSuccess: async (_record, body) => {
      onAdded(body.type);
      setDraft(fresh(body.type));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['record', 'detentions', detention.id] }),
        queryClient.invalidateQueries({ queryKey: ['custody', detention.id] }),
        queryClient.invalidateQueries({ queryKey: ['board'] }),
        queryClient.invalidateQueries({ queryKey: ['list', 'detentions'] }),
        queryClient.invalidateQueries({ queryKey: ['all', 'detentions'] }),
      ]);
    },
    onError: async (error) => {
      if (!isApiError(error)) return setOther([String(error)]);
      if (error.code === 'VERSION_CONFLICT') {
        setOther([t('detention.conflict')]);
        await queryClient.invalidateQueries({ queryKey: ['record', 'detentions', detention.id] });
        return;
      }
      // The server names the step by its index in the whole timeline: steps.7.at → at.
      const { fields, other: rest } = serverErrors(error, FIELDS, (path) => path.replace(/^steps\.\d+\./, ''));
      setErrors(fields);
      setOther(rest);
    },
  });

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      type: draft.type,
      at: localToInstant(draft.at, settings.timeZone) ?? draft.at,
      precision: draft.precision,
      timeOriginal: draft.timeOriginal.trim() || null,
      placeId: draft.placeId || null,
      note: draft.note.trim() || null,
      sourceIds: draft.sourceId ? [draft.sourceId] : [],
      version: detention.version,
    };
    const checked = validate(AddStepInput, body, t);
    setOther([]);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    mutation.mutate(checked.data);
  };

  const placeOptions = (places.data ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.city ? `, ${p.city}` : ''}` }));
  return (
    <form className="step-form" onSubmit={submit} noValidate aria-labelledby="step-form-title">
      <h3 id="step-form-title" className="visually-hidden">
        {t('detention.addStep')}
      </h3>
      {other.length > 0 && <ErrorSummary id="step-errors" title={t('intake.fixErrors')} messages={other} />}
      <div className="form-grid">
        <SelectField id="step-type" label={t('detention.stepType')} value={draft.type} onChange={set('type')} error={errors.type} options={vocab.terms('custody_step').map((x) => ({ value: x.code, label: x.label }))} required />
        <TextField ref={atRef} id="step-at" label={t('detention.stepAt')} type="datetime-local" step={60} value={draft.at} onChange={set('at')} error={errors.at} hint={settings.timeZone} required />
        <SelectField id="step-precision" label={t('detention.stepPrecision')} value={draft.precision} onChange={set('precision')} error={errors.precision} options={vocab.terms('precision').map((x) => ({ value: x.code, label: x.label }))} />
        <TextField id="step-time-original" label={t('detention.stepTimeOriginal')} value={draft.timeOriginal} onChange={set('timeOriginal')} error={errors.timeOriginal} />
        <SelectField id="step-place" label={t('detention.stepPlace')} value={draft.placeId} onChange={set('placeId')} error={errors.placeId} options={placeOptions} placeholder={t('detention.noPlace')} />
        <SelectField id="step-source" label={t('detention.stepSources')} value={draft.sourceId} onChange={set('sourceId')} error={errors.sourceIds} options={detention.sourceIds.map((id) => ({ value: id, label: sourceTitles[id] ?? id }))} placeholder={t('detention.noSource')} />
        <TextAreaField id="step-note" className="span-2" label={t('detention.stepNote')} rows={2} value={draft.note} onChange={set('note')} error={errors.note} />
      </div>
      <button type="submit" className="button button-primary" disabled={mutation.isPending}>
        {mutation.isPending ? t('detention.adding') : t('detention.addStep')}
      </button>
    </form>
  );
}
