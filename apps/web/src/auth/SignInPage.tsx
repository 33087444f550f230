import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, setCsrfToken } from '../api/client.js';
import { ErrorSummary, TextField } from '../components/Field.js';
import { PageTitle } from '../components/PageTitle.js';
import { serverErrors, type FieldErrors } from '../lib/forms.js';
import { SESSION_KEY, type Session } from './session.js';

const required = (values: Record<string, string>, t: (k: string) => string, keys: string[]): FieldErrors =>
  Object.fromEntries(keys.filter((k) => !values[k]?.trim()).map((k) => [k, t('validation.required')]));

/** Sign in; or, on a server with no accounts yet, create the first (admin) account and sign in. */
export function SignInPage({ expired = false }: { expired?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const setup = useQuery({ queryKey: ['auth-setup'], queryFn: () => api.get<{ open: boolean }>('auth/setup'), retry: false });
  const creating = setup.data?.open === true;
  const [values, setValues] = useState({ username: '', password: '', totp: '', displayName: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: async () => {
      if (creating) await api.post('auth/setup', { username: values.username.trim(), password: values.password, ...(values.displayName.trim() ? { displayName: values.displayName.trim() } : {}) });
      return api.post<Session>('auth/login', { username: values.username.trim(), password: values.password, ...(values.totp ? { totp: values.totp.trim() } : {}) });
    },
    onSuccess: async (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(SESSION_KEY, session);
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    },
    onError: (error) => {
      if (!isApiError(error)) return setOther([String(error)]);
      const { fields, other: rest } = serverErrors(error, ['username', 'password', 'totp', 'displayName']);
      setErrors(fields);
      setOther(rest);
      if (creating) void setup.refetch();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = required(values, t, ['username', 'password']);
    setErrors(missing);
    setOther([]);
    if (Object.keys(missing).length === 0) mutation.mutate();
  };
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  return (
    <section className="sign-in">
      <PageTitle title={creating ? t('auth.setupTitle') : t('auth.signInTitle')} lead={creating ? t('auth.setupIntro') : t('auth.signInIntro')}>
        {creating ? t('auth.setupTitle') : t('auth.signInTitle')}
      </PageTitle>
      {expired && !creating && (
        <p className="notice notice-ok" role="status">
          {t('auth.sessionEnded')}
        </p>
      )}
      <form className="panel" onSubmit={submit} noValidate>
        {other.length > 0 && <ErrorSummary title={t('intake.fixErrors')} messages={other} />}
        <TextField id="username" label={t('auth.username')} value={values.username} onChange={set('username')} error={errors.username} autoComplete="username" autoFocus required />
        {creating && <TextField id="displayName" label={t('auth.displayName')} value={values.displayName} onChange={set('displayName')} error={errors.displayName} autoComplete="name" />}
        <TextField
          id="password"
          type="password"
          label={t('auth.password')}
          hint={creating ? t('auth.passwordHint') : undefined}
          value={values.password}
          onChange={set('password')}
          error={errors.password}
          autoComplete={creating ? 'new-password' : 'current-password'}
          required
        />
        {!creating && <TextField id="totp" label={t('auth.totp')} hint={t('auth.totpHint')} value={values.totp} onChange={set('totp')} error={errors.totp} inputMode="numeric" autoComplete="one-time-code" maxLength={6} />}
        <button type="submit" className="button button-primary button-large" disabled={mutation.isPending}>
          {mutation.isPending ? t('auth.signingIn') : creating ? t('auth.createAccount') : t('auth.signIn')}
        </button>
      </form>
    </section>
  );
}
