import { z } from 'zod';
import { CommonInput, OptionalText, PageQuery, RecordMeta, Term, Text } from './common.schema.js';
import { patchOf } from './patch.js';

export const PlaceShape = {
  name: Text(300),
  kind: Term,
  city: OptionalText(200),
  region: OptionalText(200),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code').default('KZ'),
  address: OptionalText(500),
  lat: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90').nullable().optional(),
  lon: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180').nullable().optional(),
  geoPrecision: Term.nullable().optional(),
  notes: OptionalText(4000),
  ...CommonInput,
};
export const PlaceInput = z.object(PlaceShape).strict();
export const PlacePatch = patchOf(PlaceShape);
export const PlaceRecord = z.object({ ...RecordMeta, ...PlaceShape });
export const PlaceFilter = z.object({ ...PageQuery, city: z.string().max(200).optional(), kind: Term.optional(), q: z.string().max(200).optional() });
export type PlaceInput = z.infer<typeof PlaceInput>;
export type PlaceRecord = z.infer<typeof PlaceRecord>;
