import { TransferInput } from '@vigil/core/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { ErrorSummary, TextField } from '../../components/Field.js';
import { useFormat } from '../../lib/format.js';
import { putItem, type EvidenceDetail } from './evidenceApi.js';
import { shortHash, useCodeLabel } from './labels.js';
import { useFormState } from './useFormState.js';

function TransferForm({ item }: { item: EvidenceDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ to: '', note: '' });
  const form = useFormState(['to', 'note']);
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post<EvidenceDetail>(`evidence/${item.id}/transfers`, body),
    onSuccess: (updated) => {
      putItem(queryClient, updated);
      setDraft({ to: '', note: '' });
    },
    onError: form.onError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = form.check(TransferInput, { to: draft.to, note: draft.note.trim() || null });
    if (body) mutation.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate className="ev-subform" aria-labelledby="transfer-title">
      <h3 id="transfer-title">{t('evidence.custody.transfer')}</h3>
      {form.other.length > 0 && <ErrorSummary id="transfer-errors" title={t('evidence.couldNotSave')} messages={form.other} />}
      <div className="form-grid">
        <TextField id="transfer-to" label={t('evidence.custody.to')} value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} error={form.errors.to} required />
        <TextField id="transfer-note" label={t('evidence.custody.note')} value={draft.note} onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))} error={form.errors.note} />
      </div>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t('evidence.custody.transferSubmit')}
      </button>
    </form>
  );
}

/**
 * The chain of custody, append-only: every ingest, view, download, export, hand-over and
 * re-hash, with who, when, from where and the hash seen at that moment.
 */
export function CustodyPanel({ item, canWrite }: { item: EvidenceDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCodeLabel();
  return (
    <section aria-labelledby="custody-title" className="panel">
      <h2 id="custody-title">{t('evidence.custody.title')}</h2>
      <p className="hint">{t('evidence.custody.intro')}</p>
      <div className="ev-table-wrap" tabIndex={0} role="region" aria-labelledby="custody-title">
        <table className="ev-table">
          <thead>
            <tr>
              <th scope="col">{t('evidence.custody.when')}</th>
              <th scope="col">{t('evidence.custody.action')}</th>
              <th scope="col">{t('evidence.custody.who')}</th>
              <th scope="col">{t('evidence.custody.origin')}</th>
              <th scope="col">{t('evidence.custody.hash')}</th>
              <th scope="col">{t('evidence.custody.result')}</th>
              <th scope="col">{t('evidence.custody.note')}</th>
            </tr>
          </thead>
          <tbody>
            {item.custody.map((c) => (
              <tr key={c.id} data-custody-action={c.action} className={c.result === 'ok' ? undefined : 'ev-row-problem'}>
                <td>
                  <time dateTime={c.at}>{format.dateTime(c.at)}</time>
                </td>
                <td>{label('custody', c.action)}</td>
                <td>{c.actor}</td>
                <td>{c.origin}</td>
                <td>
                  <code title={c.sha256 ?? undefined}>{shortHash(c.sha256)}</code>
                </td>
                <td>{label('result', c.result)}</td>
                <td>{c.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canWrite && !item.deletedAt && <TransferForm item={item} />}
    </section>
  );
}
