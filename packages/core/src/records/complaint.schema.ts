import { z } from 'zod';
import { CalendarDate, CommonInput, Id, OptionalText, PageQuery, RecordMeta, Term } from './common.schema.js';
import { patchOf } from './patch.js';

/** An action taken to seek redress: to a prosecutor, a court, the UN Human Rights Committee… */
export const ComplaintShape = {
  body: Term,
  filedBy: OptionalText(300),
  filedByPersonId: Id.nullable().optional(),
  filedOn: CalendarDate,
  personId: Id.nullable().optional(),
  detentionId: Id.nullable().optional(),
  actId: Id.nullable().optional(),
  eventId: Id.nullable().optional(),
  status: Term.default('filed'),
  response: OptionalText(20000),
  outcome: OptionalText(4000),
  notes: OptionalText(20000),
  ...CommonInput,
};
export const ComplaintInput = z.object(ComplaintShape).strict();
export const ComplaintPatch = patchOf(ComplaintShape);
export const ComplaintRecord = z.object({ ...RecordMeta, ...ComplaintShape });
export const ComplaintFilter = z.object({ ...PageQuery, status: Term.optional(), body: Term.optional(), personId: Id.optional(), detentionId: Id.optional() });
export type ComplaintInput = z.infer<typeof ComplaintInput>;
