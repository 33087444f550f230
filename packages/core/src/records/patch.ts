import { z } from 'zod';
import { VersionField } from './common.schema.js';

/**
 * The update schema of a record: every create field optional and without its default (a
 * missing field means "leave unchanged"), plus the version the client last read.
 */
export function patchOf<S extends z.ZodRawShape>(shape: S) {
  const optional: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    optional[key] = inner.optional();
  }
  return z.object({ ...optional, ...VersionField }).strict();
}
