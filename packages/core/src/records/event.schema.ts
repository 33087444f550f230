import { z } from 'zod';
import { CommonInput, Id, Instant, OptionalText, PageQuery, RecordMeta, Term, Text } from './common.schema.js';
import { patchOf } from './patch.js';

/** A number claimed by a source ("at least 54 journalists detained"), kept apart from documented counts. */
export const Estimate = z
  .object({
    measure: Text(200),
    min: z.number().int().nonnegative().nullable().optional(),
    max: z.number().int().nonnegative().nullable().optional(),
    claimedBy: OptionalText(300),
    sourceIds: z.array(Id).max(20).default([]),
    note: OptionalText(1000),
  })
  .strict();

export const EventShape = {
  title: Text(500),
  type: Term,
  startAt: Instant,
  startPrecision: Term.default('exact'),
  endAt: Instant.nullable().optional(),
  endPrecision: Term.nullable().optional(),
  timeOriginal: OptionalText(500),
  timezone: z.string().min(1).max(64).default('Asia/Almaty'),
  city: OptionalText(200),
  region: OptionalText(200),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code').default('KZ'),
  placeIds: z.array(Id).max(100).default([]),
  notificationStatus: Term.nullable().optional(),
  organisers: OptionalText(2000),
  claims: OptionalText(4000),
  summary: OptionalText(20000),
  estimates: z.array(Estimate).max(100).default([]),
  ...CommonInput,
};
export const EventInput = z.object(EventShape).strict();
export const EventPatch = patchOf(EventShape);
export const EventRecord = z.object({ ...RecordMeta, ...EventShape });
export const EventFilter = z.object({
  ...PageQuery,
  city: z.string().max(200).optional(),
  type: Term.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  q: z.string().max(200).optional(),
});
export type EventInput = z.infer<typeof EventInput>;
export type EventRecord = z.infer<typeof EventRecord>;
