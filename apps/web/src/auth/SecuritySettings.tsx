import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.js';
import { ErrorSummary, TextField } from '../components/Field.js';
import { serverErrors, type FieldErrors } from '../lib/forms.js';
import { MfaSetup } from './MfaSetup.js';
import { SESSION_KEY, useSession } from './session.js';

/** Own password and two-factor enrolment (Settings → Security). Hidden on a server without accounts. */
export function SecuritySettings() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[]>([]);
  const change = useMutation({
    mutationFn: () => api.post('auth/password', values),
    onSuccess: async () => {
      setValues({ currentPassword: '', newPassword: '' });
      setErrors({});
      setOther([]);
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: (error) => {
      if (!isApiError(error)) return setOther([String(error)]);
      const result = serverErrors(error, ['currentPassword', 'newPassword']);
      setErrors(result.fields);
      setOther(result.other);
    },
  });
  if (!session.data) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = Object.fromEntries(Object.entries(values).filter(([, v]) => !v).map(([k]) => [k, t('validation.required')]));
    setErrors(missing);
    if (Object.keys(missing).length === 0) change.mutate();
  };
  return (
    <section className="panel" aria-labelledby="security-title">
      <h2 id="security-title">{t('auth.security')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby="password-title">
        <h3 id="password-title">{t('auth.changePassword')}</h3>
        {other.length > 0 && <ErrorSummary id="password-errors" title={t('intake.fixErrors')} messages={other} />}
        <TextField id="currentPassword" type="password" label={t('auth.currentPassword')} autoComplete="current-password" value={values.currentPassword} onChange={(e) => setValues((v) => ({ ...v, currentPassword: e.target.value }))} error={errors.currentPassword} required />
        <TextField id="newPassword" type="password" label={t('auth.newPassword')} hint={t('auth.passwordHint')} autoComplete="new-password" value={values.newPassword} onChange={(e) => setValues((v) => ({ ...v, newPassword: e.target.value }))} error={errors.newPassword} required />
        <div className="form-actions">
          <button type="submit" className="button" disabled={change.isPending}>
            {t('auth.changePassword')}
          </button>
          <span role="status">{change.isSuccess && t('auth.passwordChanged')}</span>
        </div>
      </form>
      <h3>{t('auth.mfaTitle')}</h3>
      {session.data.user.totpEnabled ? <p className="text-ok">{t('auth.mfaDone')}</p> : <MfaSetup />}
    </section>
  );
}
