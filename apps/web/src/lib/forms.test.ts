import { AddStepInput, DetentionReportInput } from '@vigil/core/contract';
import { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import { serverErrors, validate } from './forms.js';

const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key)) as unknown as TFunction;

describe('form validation with the server’s schemas', () => {
  it('names each bad field of a hotline report in the reader’s words', () => {
    const result = validate(DetentionReportInput, { name: '  ', apprehendedAt: '2022-01-05T10:00', caller: { contact: 'x'.repeat(1001) } }, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe('validation.required');
    expect(result.errors.apprehendedAt).toBe('validation.dateTime');
    expect(result.errors['caller.contact']).toBe('validation.tooLong {"max":1000}');
  });

  it('passes a good report through with the schema’s defaults', () => {
    const result = validate(DetentionReportInput, { name: 'Жанара Балгабаева', apprehendedAt: '2022-01-05T10:00:00+06:00' }, t);
    expect(result.ok && result.data.legalBasis).toBe('unknown');
  });

  it('refuses a step without a type', () => {
    const result = validate(AddStepInput, { at: '2022-01-05T10:00:00+06:00' }, t);
    expect(!result.ok && result.errors.type).toBe('validation.required');
  });
});

describe('server errors by field', () => {
  it('puts a problem under the field it names, renaming the server’s path to the form’s', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid input', [
      { path: 'steps.7.at', problem: 'a release cannot be before the apprehension' },
      { path: 'somethingElse', problem: 'odd' },
    ]);
    const { fields, other } = serverErrors(error, ['at', 'type'], (p) => p.replace(/^steps\.\d+\./, ''));
    expect(fields).toEqual({ at: 'a release cannot be before the apprehension' });
    expect(other).toEqual(['somethingElse: odd']);
  });

  it('keeps the message when the server names no field', () => {
    expect(serverErrors(new ApiError(409, 'VERSION_CONFLICT', 'Someone else changed it'), ['at']).other).toEqual(['Someone else changed it']);
  });
});
