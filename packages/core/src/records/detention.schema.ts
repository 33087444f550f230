import { z } from 'zod';
import { CommonInput, Id, Instant, OptionalText, PageQuery, RecordMeta, Term } from './common.schema.js';
import { patchOf } from './patch.js';

/** One step in the life of a custody case: taken to, protocol, family told, released… */
export const CustodyStep = z
  .object({
    type: Term,
    at: Instant,
    precision: Term.default('exact'),
    timeOriginal: OptionalText(500),
    placeId: Id.nullable().optional(),
    note: OptionalText(4000),
    sourceIds: z.array(Id).max(50).default([]),
  })
  .strict();
export type CustodyStep = z.infer<typeof CustodyStep>;

export const CustodyState = z.enum(['held', 'released', 'unknown']);
export type CustodyState = z.infer<typeof CustodyState>;

export const DetentionShape = {
  personId: Id,
  eventId: Id.nullable().optional(),
  apprehendedAt: Instant,
  apprehendedPrecision: Term.default('exact'),
  apprehendedTimeOriginal: OptionalText(500),
  apprehendedPlaceId: Id.nullable().optional(),
  apprehendedByIds: z.array(Id).max(20).default([]),
  city: OptionalText(200),
  legalBasis: Term.default('unknown'),
  legalArticle: OptionalText(100),
  jurisdiction: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code').default('KZ'),
  steps: z.array(CustodyStep).max(500).default([]),
  notes: OptionalText(20000),
  ...CommonInput,
};
export const DetentionInput = z.object(DetentionShape).strict();
export const DetentionPatch = patchOf(DetentionShape);
export const DetentionRecord = z.object({
  ...RecordMeta,
  ...DetentionShape,
  custodyState: CustodyState,
  releasedAt: z.string().nullable(),
  /** The latest known moment of this case (apprehension or a step): the board hides cases silent for weeks. */
  lastActivityAt: z.string(),
});
export const DetentionFilter = z.object({
  ...PageQuery,
  eventId: Id.optional(),
  personId: Id.optional(),
  city: z.string().max(200).optional(),
  role: Term.optional(),
  status: CustodyState.optional(),
  legalBasis: Term.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  q: z.string().max(200).optional(),
});
/** Adds one step without resending the whole detention (hotline quick actions). */
export const AddStepInput = CustodyStep.extend({ version: z.number().int().positive().optional() }).strict();
export type DetentionInput = z.infer<typeof DetentionInput>;
export type DetentionRecord = z.infer<typeof DetentionRecord>;
