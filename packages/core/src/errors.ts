/** Stable error codes shared by every adapter: HTTP maps them to statuses, the CLI to exit codes. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'RECORD_NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'UNAUTHENTICATED',
  'MFA_REQUIRED',
  'FORBIDDEN',
  'CSRF_FAILED',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'VERSION_CONFLICT',
  'CONFLICT',
  'DATABASE_NOT_EMPTY',
  'MIGRATION_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of the input; `path` is dotted (`names.0.value`). */
export interface FieldProblem {
  path: string;
  problem: string;
}

/** The one error type services throw; adapters present it, never rewrite it. */
export class VigilError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldProblem[];

  constructor(code: ErrorCode, message: string, fields: FieldProblem[] = []) {
    super(message);
    this.name = 'VigilError';
    this.code = code;
    this.fields = fields;
  }
}

/** Validation failure naming each field and what is wrong with it. */
export function validationError(fields: FieldProblem[]): VigilError {
  const summary = fields.map((f) => `${f.path || '(body)'}: ${f.problem}`).join('; ');
  return new VigilError('VALIDATION_FAILED', `Invalid input — ${summary}`, fields);
}

export function notFound(entity: string, id: string): VigilError {
  return new VigilError('RECORD_NOT_FOUND', `No ${entity} with id ${id}`, [{ path: 'id', problem: 'not found' }]);
}

export function isVigilError(e: unknown): e is VigilError {
  return e instanceof VigilError;
}

/** The JSON body every adapter sends for an error. */
export function errorBody(e: VigilError): { error: { code: ErrorCode; message: string; fields: FieldProblem[] } } {
  return { error: { code: e.code, message: e.message, fields: e.fields } };
}
