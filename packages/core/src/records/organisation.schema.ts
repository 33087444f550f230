import { z } from 'zod';
import { CommonInput, Id, OptionalText, PageQuery, RecordMeta, Term, Text } from './common.schema.js';
import { patchOf } from './patch.js';

export const OrganisationShape = {
  name: Text(300),
  aliases: z.array(Text(300)).max(50).default([]),
  kind: Term,
  parentId: Id.nullable().optional(),
  jurisdiction: OptionalText(200),
  city: OptionalText(200),
  notes: OptionalText(4000),
  ...CommonInput,
};
export const OrganisationInput = z.object(OrganisationShape).strict();
export const OrganisationPatch = patchOf(OrganisationShape);
export const OrganisationRecord = z.object({ ...RecordMeta, ...OrganisationShape });
export const OrganisationFilter = z.object({ ...PageQuery, kind: Term.optional(), city: z.string().max(200).optional(), q: z.string().max(200).optional() });
export type OrganisationInput = z.infer<typeof OrganisationInput>;
