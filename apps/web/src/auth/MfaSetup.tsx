import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.js';
import { ErrorSummary, TextField } from '../components/Field.js';
import { serverErrors, type FieldErrors } from '../lib/forms.js';
import { SESSION_KEY } from './session.js';

/** TOTP enrolment: POST /auth/totp gives the key, POST /auth/totp/confirm checks a code. */
export function MfaSetup({ onDone, required = false }: { onDone?: () => void; required?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[]>([]);
  const start = useMutation({ mutationFn: () => api.post<{ secret: string; uri: string }>('auth/totp') });
  const confirm = useMutation({
    mutationFn: () => api.post('auth/totp/confirm', { code: code.trim() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      onDone?.();
    },
    onError: (error) => {
      if (!isApiError(error)) return setOther([String(error)]);
      const result = serverErrors(error, ['code']);
      setErrors(result.fields);
      setOther(result.other);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setErrors({ code: t('auth.mfaCode') });
    confirm.mutate();
  };
  const uri = start.data?.uri;
  return (
    <div className="mfa-setup">
      <p>{required ? t('auth.mfaIntro') : t('auth.mfaIntroOptional')}</p>
      {!start.data ? (
        <button type="button" className="button button-primary" onClick={() => start.mutate()} disabled={start.isPending}>
          {t('auth.mfaStart')}
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          {other.length > 0 && <ErrorSummary id="mfa-errors" title={t('intake.fixErrors')} messages={other} />}
          <p>
            {t('auth.mfaSecret')}: <code className="secret">{start.data.secret}</code>
          </p>
          {uri && (
            <p>
              <a href={uri}>{t('auth.mfaLink')}</a>
            </p>
          )}
          <TextField id="mfa-code" label={t('auth.mfaCode')} value={code} onChange={(e) => setCode(e.target.value)} error={errors.code} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
          <button type="submit" className="button button-primary" disabled={confirm.isPending}>
            {t('auth.mfaConfirm')}
          </button>
        </form>
      )}
    </div>
  );
}
