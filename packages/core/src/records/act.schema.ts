import { z } from 'zod';
import { CommonInput, Id, Instant, OptionalText, PageQuery, RecordMeta, Term } from './common.schema.js';
import { patchOf } from './patch.js';

export const Perpetrator = z
  .object({
    organisationId: Id.nullable().optional(),
    personId: Id.nullable().optional(),
    description: OptionalText(500),
    involvement: Term.default('direct'),
  })
  .strict();

export const ActShape = {
  type: Term,
  eventId: Id.nullable().optional(),
  victimPersonId: Id.nullable().optional(),
  startAt: Instant.nullable().optional(),
  startPrecision: Term.nullable().optional(),
  endAt: Instant.nullable().optional(),
  endPrecision: Term.nullable().optional(),
  timeOriginal: OptionalText(500),
  placeId: Id.nullable().optional(),
  perpetrators: z.array(Perpetrator).max(50).default([]),
  methods: z.array(Term).max(30).default([]),
  consequences: z.array(Term).max(30).default([]),
  conditions: z.array(Term).max(30).default([]),
  statedReason: OptionalText(2000),
  description: OptionalText(20000),
  ...CommonInput,
};
export const ActInput = z.object(ActShape).strict();
export const ActPatch = patchOf(ActShape);
export const ActRecord = z.object({ ...RecordMeta, ...ActShape });
export const ActFilter = z.object({
  ...PageQuery,
  eventId: Id.optional(),
  victimPersonId: Id.optional(),
  type: Term.optional(),
});
export type ActInput = z.infer<typeof ActInput>;
