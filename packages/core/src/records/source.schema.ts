import { z } from 'zod';
import { CommonInput, Instant, OptionalText, PageQuery, RecordMeta, Term, Text } from './common.schema.js';
import { patchOf } from './patch.js';

export const SourceShape = {
  kind: Term,
  title: Text(500),
  author: OptionalText(300),
  outlet: OptionalText(300),
  url: z.url({ message: 'must be a URL' }).max(2000).nullable().optional(),
  publishedAt: Instant.nullable().optional(),
  language: z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as en, ru, kk').nullable().optional(),
  reliability: Term.nullable().optional(),
  protectedIdentity: z.boolean().default(false),
  /** How to reach the source again (a caller's phone): restricted, never published. */
  contact: OptionalText(1000),
  notes: OptionalText(20000),
  confidentiality: CommonInput.confidentiality,
};
export const SourceInput = z.object(SourceShape).strict();
export const SourcePatch = patchOf(SourceShape);
export const SourceRecord = z.object({ ...RecordMeta, ...SourceShape });
export const SourceFilter = z.object({ ...PageQuery, kind: Term.optional(), q: z.string().max(200).optional() });
export type SourceInput = z.infer<typeof SourceInput>;
