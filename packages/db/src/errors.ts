import { isVigilError, VigilError } from '@vigil/core';

interface DriverError {
  code?: string;
  message?: string;
  detail?: string;
}

/** Maps SQLite and PostgreSQL driver errors onto Vigil's catalogue, so no driver error leaks out. */
export function translateDriverError(error: unknown): unknown {
  if (isVigilError(error) || !(error instanceof Error)) return error;
  const e = error as DriverError & Error;
  const code = e.code ?? '';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return new VigilError('VALIDATION_FAILED', 'A referenced record does not exist', [{ path: '', problem: `unknown reference (${e.detail ?? e.message})` }]);
  }
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') {
    return new VigilError('CONFLICT', `A record with the same key already exists (${e.detail ?? e.message})`);
  }
  if (code === 'SQLITE_CONSTRAINT_NOTNULL' || code === '23502') {
    return new VigilError('VALIDATION_FAILED', `A required value is missing (${e.message})`, [{ path: '', problem: e.message }]);
  }
  if (code === 'SQLITE_BUSY' || code === '40001' || code === '40P01') {
    return new VigilError('CONFLICT', 'The database was busy with a conflicting write; try again');
  }
  return error;
}

/** Wraps every async method of a store so driver errors are translated where they leave db. */
export function translated<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result instanceof Promise ? result.catch((e: unknown) => {
            throw translateDriverError(e);
          }) : result;
        } catch (e) {
          throw translateDriverError(e);
        }
      };
    },
  });
}
