import { type z } from 'zod';
import { type FieldProblem, validationError } from '../errors.js';

/** Turns zod issues into field problems with dotted paths and plain-language messages. */
export function zodProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, problem: 'is not a known field' }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return [{ path, problem: 'is required' }];
    return [{ path, problem: issue.message.replace(/^Invalid input: /, '') }];
  });
}

/** Parses input against a schema or throws VALIDATION_FAILED naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown, prefix = ''): z.infer<T> {
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    throw validationError([{ path: prefix, problem: 'must be a JSON object' }]);
  }
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw validationError(zodProblems(result.error, prefix));
  return result.data;
}
