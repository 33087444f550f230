import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type z } from 'zod';
import { isApiError } from '../../api/client.js';
import { serverErrors, validate, type FieldErrors } from '../../lib/forms.js';

/**
 * Field errors and form-level messages for one of the item page's small forms: checked with the
 * server's schema before sending, then the server's own `fields` shown by path.
 */
export function useFormState(known: readonly string[], onConflict?: () => void) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[]>([]);
  return {
    errors,
    other,
    /** The parsed value, or null after showing what is wrong. */
    check: <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | null => {
      const result = validate(schema, value, t);
      setOther([]);
      if (!result.ok) {
        setErrors(result.errors);
        return null;
      }
      setErrors({});
      return result.data;
    },
    onError: (error: unknown) => {
      if (!isApiError(error)) return setOther([String(error)]);
      if (error.code === 'NETWORK') return setOther([t('common.networkError')]);
      if (error.code === 'VERSION_CONFLICT') {
        setOther([t('evidence.conflict')]);
        onConflict?.();
        return;
      }
      const { fields, other: rest } = serverErrors(error, known);
      setErrors(fields);
      setOther(rest);
    },
    reset: () => {
      setErrors({});
      setOther([]);
    },
  };
}
