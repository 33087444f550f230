import { EvidencePatch, SENSITIVITY_LABELS } from '@vigil/core/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../../api/client.js';
import { useAll, useRecord } from '../../api/queries.js';
import { CheckboxField, ErrorSummary, SelectField } from '../../components/Field.js';
import { EventLink } from '../../components/RecordLinks.js';
import { useFormat } from '../../lib/format.js';
import { personRef } from '../../lib/person.js';
import { useVocab } from '../../lib/vocab.js';
import { putItem, type EvidenceDetail } from './evidenceApi.js';
import { useCodeLabel } from './labels.js';
import { useFormState } from './useFormState.js';

/** An act by its type and time, linked to its event's page (acts have no page of their own). */
function ActLine({ id }: { id: string }) {
  const act = useRecord('acts', id);
  const vocab = useVocab();
  const format = useFormat();
  if (!act.data) return <>{act.isError ? id : '…'}</>;
  const text = `${vocab.label('act_type', act.data.type)}${act.data.startAt ? `, ${format.dateTime(act.data.startAt, act.data.startPrecision)}` : ''}`;
  return act.data.eventId ? <Link href={`/events/${act.data.eventId}`}>{text}</Link> : <>{text}</>;
}

/** Sensitivity labels and the events the item belongs to; sent with the version read (a conflict is reported). */
function EditForm({ item, onDone, onConflict }: { item: EvidenceDetail; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const queryClient = useQueryClient();
  const events = useAll('events', {});
  const [sensitivity, setSensitivity] = useState<string[]>(item.sensitivity);
  const [eventIds, setEventIds] = useState<string[]>(item.eventIds);
  const [adding, setAdding] = useState('');
  const form = useFormState(['sensitivity', 'eventIds'], onConflict);
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.patch<EvidenceDetail>(`evidence/${item.id}`, body),
    onSuccess: (updated) => {
      putItem(queryClient, updated);
      onDone();
    },
    onError: form.onError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = form.check(EvidencePatch, { sensitivity, eventIds, version: item.version });
    if (body) mutation.mutate(body);
  };
  const titleOf = new Map((events.data ?? []).map((ev) => [ev.id, ev.title]));
  return (
    <form onSubmit={submit} noValidate className="ev-subform" aria-labelledby="edit-links-title">
      <h3 id="edit-links-title">{t('evidence.links.edit')}</h3>
      {form.other.length > 0 && <ErrorSummary id="edit-errors" title={t('evidence.couldNotSave')} messages={form.other} />}
      <fieldset className="ev-checks">
        <legend>{t('evidence.fields.sensitivity')}</legend>
        {SENSITIVITY_LABELS.map((code) => (
          <CheckboxField
            key={code}
            id={`edit-sensitivity-${code}`}
            label={label('sensitivity', code)}
            checked={sensitivity.includes(code)}
            onChange={() => setSensitivity((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]))}
          />
        ))}
      </fieldset>
      <fieldset className="ev-checks">
        <legend>{t('evidence.links.events')}</legend>
        {eventIds.length === 0 && <p className="muted small">{t('evidence.links.noEvents')}</p>}
        <ul className="plain-list">
          {eventIds.map((id) => (
            <li key={id}>
              {titleOf.get(id) ?? id}{' '}
              <button type="button" className="button button-quiet button-small" onClick={() => setEventIds((ids) => ids.filter((x) => x !== id))}>
                {t('evidence.links.remove')}
              </button>
            </li>
          ))}
        </ul>
        <SelectField
          id="edit-add-event"
          label={t('evidence.links.addEvent')}
          value={adding}
          onChange={(e) => {
            const id = e.target.value;
            if (id) setEventIds((ids) => (ids.includes(id) ? ids : [...ids, id]));
            setAdding('');
          }}
          error={form.errors.eventIds}
          options={(events.data ?? []).filter((ev) => !eventIds.includes(ev.id)).map((ev) => ({ value: ev.id, label: ev.title }))}
          placeholder={t('evidence.links.chooseEvent')}
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The events and acts the item documents, items that look the same, and (for editors) the labels and links. */
export function LinksPanel({ item, canWrite, onConflict }: { item: EvidenceDetail; canWrite: boolean; onConflict: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="links-title" className="panel">
      <h2 id="links-title">{t('evidence.links.title')}</h2>
      <h3>{t('evidence.links.events')}</h3>
      {item.eventIds.length === 0 ? (
        <p className="muted">{t('evidence.links.noEvents')}</p>
      ) : (
        <ul className="plain-list">
          {item.eventIds.map((id) => (
            <li key={id}>
              <EventLink id={id} /> · <Link href={`/events/${id}/chronology`}>{t('evidence.chronology.link')}</Link>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('evidence.links.acts')}</h3>
      {item.actIds.length === 0 ? (
        <p className="muted">{t('evidence.links.noActs')}</p>
      ) : (
        <ul className="plain-list">
          {item.actIds.map((id) => (
            <li key={id}>
              <ActLine id={id} />
            </li>
          ))}
        </ul>
      )}
      <h3>{t('evidence.links.nearDuplicates')}</h3>
      <p className="hint">{t('evidence.links.nearDuplicatesHint')}</p>
      {item.nearDuplicates.length === 0 ? (
        <p className="muted">{t('evidence.links.noNearDuplicates')}</p>
      ) : (
        <ul className="plain-list" data-near-duplicates>
          {item.nearDuplicates.map((d) => (
            <li key={d.id}>
              <Link href={`/evidence/${d.id}`}>{t('evidence.links.item', { ref: personRef(d.id) })}</Link> — {t('evidence.links.distance', { count: d.distance })}
            </li>
          ))}
        </ul>
      )}
      {canWrite && !item.deletedAt && (editing ? (
        <EditForm key={item.version} item={item} onDone={() => setEditing(false)} onConflict={onConflict} />
      ) : (
        <button type="button" className="button" onClick={() => setEditing(true)}>
          {t('evidence.links.edit')}
        </button>
      ))}
    </section>
  );
}
