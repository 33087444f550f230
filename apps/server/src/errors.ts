import { errorBody, isVigilError, VigilError, type ErrorCode } from '@vigil/core';
import { type FastifyError, type FastifyInstance } from 'fastify';

/** HTTP status of each stable error code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 400,
  RECORD_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  VERSION_CONFLICT: 409,
  CONFLICT: 409,
  DATABASE_NOT_EMPTY: 409,
  MIGRATION_FAILED: 500,
  INTERNAL: 500,
};

/** Fastify's own errors (body parsing, limits) in Vigil's vocabulary. */
function fromFastify(error: FastifyError): VigilError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new VigilError('PAYLOAD_TOO_LARGE', 'The request body is larger than 1 MB', [{ path: '', problem: 'body exceeds 1 MB' }]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new VigilError('MALFORMED_JSON', `The request body is not valid JSON: ${error.message}`, [{ path: '', problem: 'malformed JSON' }]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new VigilError('VALIDATION_FAILED', 'Send the body as application/json', [{ path: '', problem: 'unsupported content type' }]);
    default:
      if (error instanceof SyntaxError) return new VigilError('MALFORMED_JSON', `The request body is not valid JSON: ${error.message}`, [{ path: '', problem: 'malformed JSON' }]);
      return null;
  }
}

/** One error body everywhere: `{"error":{"code","message","fields":[{"path","problem"}]}}`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = isVigilError(error) ? error : fromFastify(error);
    if (known) return reply.status(HTTP_STATUS[known.code]).send(errorBody(known));
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody(new VigilError('INTERNAL', 'Something went wrong on the server; it has been logged')));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(new VigilError('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`))),
  );
}
