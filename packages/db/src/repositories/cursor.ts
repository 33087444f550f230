import { validationError } from '@vigil/core';

/** Opaque keyset cursor: the sort value and id of the last item of a page. */
export function encodeCursor(sortValue: unknown, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) return parsed as [string, string];
  } catch {
    // fall through to the validation error
  }
  throw validationError([{ path: 'cursor', problem: 'is not a cursor returned by this list' }]);
}
