import { z } from 'zod';
import { CommonInput, Id, OptionalText, PageQuery, RecordMeta, Term, Text } from './common.schema.js';
import { patchOf } from './patch.js';

export const PersonName = z
  .object({
    value: Text(300),
    script: Term.nullable().optional(),
    language: z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as en, ru, kk').nullable().optional(),
    kind: Term.default('full'),
    sourceId: Id.nullable().optional(),
  })
  .strict();

export const PersonRole = z
  .object({
    role: Term,
    eventId: Id.nullable().optional(),
    organisationId: Id.nullable().optional(),
    organisationName: OptionalText(300),
    note: OptionalText(1000),
  })
  .strict();

export const PersonShape = {
  names: z.array(PersonName).min(1, 'a person needs at least one name (or a description such as "unidentified journalist")').max(50),
  pseudonym: OptionalText(200),
  countingUnit: Term.default('individual'),
  groupSize: z.number().int().positive().nullable().optional(),
  sex: Term.nullable().optional(),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  age: z.number().int().min(0).max(130).nullable().optional(),
  consent: Term.default('unknown'),
  contact: OptionalText(2000),
  roles: z.array(PersonRole).max(100).default([]),
  notes: OptionalText(20000),
  ...CommonInput,
};
export const PersonInput = z.object(PersonShape).strict();
export const PersonPatch = patchOf(PersonShape);
export const PersonRecord = z.object({ ...RecordMeta, ...PersonShape });
export const PersonFilter = z.object({
  ...PageQuery,
  q: z.string().max(200).optional(),
  role: Term.optional(),
  eventId: Id.optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;
export type PersonRecord = z.infer<typeof PersonRecord>;
