import { z } from 'zod';
import { CalendarDate, CommonInput, Id, OptionalText, PageQuery, RecordMeta, Text } from './common.schema.js';
import { patchOf } from './patch.js';

/** A number published by the authorities, kept apart from what monitors documented. */
export const OfficialFigureShape = {
  issuer: Text(300),
  issuedOn: CalendarDate,
  measure: Text(500),
  value: z.number().int().nonnegative(),
  scope: OptionalText(1000),
  eventId: Id.nullable().optional(),
  region: OptionalText(200),
  notes: OptionalText(4000),
  ...CommonInput,
};
export const OfficialFigureInput = z.object(OfficialFigureShape).strict();
export const OfficialFigurePatch = patchOf(OfficialFigureShape);
export const OfficialFigureRecord = z.object({ ...RecordMeta, ...OfficialFigureShape });
export const OfficialFigureFilter = z.object({ ...PageQuery, eventId: Id.optional(), issuer: z.string().max(300).optional() });
export type OfficialFigureInput = z.infer<typeof OfficialFigureInput>;
