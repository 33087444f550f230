import { z } from 'zod';
import { CalendarDate, CommonInput, Id, OptionalText, PageQuery, RecordMeta, Term, Text } from './common.schema.js';
import { patchOf } from './patch.js';

export const ChargeShape = {
  personId: Id,
  detentionId: Id.nullable().optional(),
  eventId: Id.nullable().optional(),
  code: Term,
  article: Text(50),
  part: OptionalText(50),
  filedOn: CalendarDate.nullable().optional(),
  court: OptionalText(300),
  outcome: Term.default('pending'),
  decidedOn: CalendarDate.nullable().optional(),
  sentenceKind: Term.nullable().optional(),
  sentenceDays: z.number().int().nonnegative().nullable().optional(),
  fineAmount: z.number().nonnegative().nullable().optional(),
  fineCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as KZT').nullable().optional(),
  notes: OptionalText(20000),
  ...CommonInput,
};
export const ChargeInput = z.object(ChargeShape).strict();
export const ChargePatch = patchOf(ChargeShape);
export const ChargeRecord = z.object({ ...RecordMeta, ...ChargeShape });
export const ChargeFilter = z.object({
  ...PageQuery,
  personId: Id.optional(),
  detentionId: Id.optional(),
  eventId: Id.optional(),
  code: Term.optional(),
  article: z.string().max(50).optional(),
});
export type ChargeInput = z.infer<typeof ChargeInput>;
