import { type TFunction } from 'i18next';
import { type z } from 'zod';
import { type ApiError } from '../api/client.js';

/** Field path ("caller.contact", "steps.3.at") → the message to show beside that field. */
export type FieldErrors = Record<string, string>;

/** A zod issue in the reader's language where we know the case; zod's English text otherwise. */
function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1 ? t('validation.required') : issue.message;
    case 'too_big':
      return issue.origin === 'string' ? t('validation.tooLong', { max: Number(issue.maximum) }) : issue.message;
    case 'invalid_format':
      if (issue.format === 'datetime') return t('validation.dateTime');
      if (issue.format === 'date') return t('validation.date');
      if (issue.format === 'url') return t('validation.url');
      return issue.message;
    case 'invalid_type':
      return /received (undefined|null)$/.test(issue.message) ? t('validation.required') : issue.message;
    default:
      return issue.message;
  }
}

/** Browser-side validation with the very schema the server uses; the first problem per field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, t: TFunction): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issueMessage(issue, t);
  }
  return { ok: false, errors };
}

/**
 * The server's `fields` as field errors. `rename` maps a server path to the form's field name
 * (a step form's `at` is the server's `steps.7.at`); paths that fit no field go to `other`.
 */
export function serverErrors(error: ApiError, known: readonly string[], rename: (path: string) => string = (p) => p): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const { path, problem } of error.fields) {
    const name = rename(path);
    if (known.includes(name)) fields[name] ??= problem;
    else other.push(path ? `${path}: ${problem}` : problem);
  }
  if (error.fields.length === 0) other.push(error.message);
  return { fields, other };
}
