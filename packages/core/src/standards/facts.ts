import { type z } from 'zod';
import { type ActRecord, type Perpetrator } from '../records/act.schema.js';
import { type ChargeRecord } from '../records/charge.schema.js';
import { type ComplaintRecord } from '../records/complaint.schema.js';
import { type CustodyStep, type DetentionRecord } from '../records/detention.schema.js';
import { type EventRecord } from '../records/event.schema.js';
import { type PersonRecord, type PersonRole } from '../records/person.schema.js';

/**
 * What the rules read: slices of the stored records, picked from the record schemas so a renamed
 * field breaks the build here instead of silently switching a rule off. Ids are strings, instants ISO
 * 8601 (UTC as stored). Names and contacts are left out on purpose: no rule needs them, and findings
 * travel to reviewers who may not be cleared to see identities.
 */

type Row<T extends z.ZodType> = z.infer<T>;
/** Required fields R, optional fields O (optional so hand-built bundles in tests stay small). */
type Slice<T, R extends keyof T, O extends keyof T> = Pick<T, R> & Partial<Pick<T, O>>;

export type EventFacts = Slice<Row<typeof EventRecord>, 'id' | 'type' | 'startAt', 'endAt' | 'notificationStatus' | 'country' | 'title'>;

export type ActFacts = Slice<
  Row<typeof ActRecord>,
  'id' | 'type',
  'eventId' | 'victimPersonId' | 'startAt' | 'endAt' | 'methods' | 'consequences' | 'conditions' | 'statedReason'
> & {
  /** Who did it: for acts against officers, the people in the crowd who attacked them. */
  perpetrators?: Partial<Row<typeof Perpetrator>>[];
};

export type StepFacts = Slice<Row<typeof CustodyStep>, 'type' | 'at', 'placeId' | 'precision' | 'note'>;

export type DetentionFacts = Slice<
  Row<typeof DetentionRecord>,
  'id' | 'personId' | 'apprehendedAt' | 'legalBasis',
  'eventId' | 'legalArticle' | 'jurisdiction' | 'apprehendedPrecision'
> & { steps: StepFacts[] };

export type RoleFacts = Slice<Row<typeof PersonRole>, 'role', 'eventId' | 'organisationName'>;

export type PersonFacts = Slice<Row<typeof PersonRecord>, 'id', 'countingUnit' | 'groupSize' | 'age'> & { roles: RoleFacts[] };

export type ChargeFacts = Slice<Row<typeof ChargeRecord>, 'id' | 'personId' | 'code' | 'article', 'detentionId' | 'eventId' | 'part' | 'outcome' | 'filedOn'>;

export type ComplaintFacts = Slice<Row<typeof ComplaintRecord>, 'id' | 'body' | 'status', 'actId' | 'detentionId' | 'personId' | 'eventId' | 'filedOn'>;

/** Everything recorded about one event (or one custody case with no event): the rules' whole input. */
export interface FactsBundle {
  event?: EventFacts;
  acts: ActFacts[];
  detentions: DetentionFacts[];
  persons: PersonFacts[];
  charges: ChargeFacts[];
  /** Needed to tell "alleged and investigated" from "alleged and ignored". */
  complaints: ComplaintFacts[];
}
