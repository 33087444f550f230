import { type z } from 'zod';
import { type FieldProblem } from '../errors.js';
import { ActFilter, ActInput, ActPatch, ActRecord } from './act.schema.js';
import { ChargeFilter, ChargeInput, ChargePatch, ChargeRecord } from './charge.schema.js';
import { ComplaintFilter, ComplaintInput, ComplaintPatch, ComplaintRecord } from './complaint.schema.js';
import { DetentionFilter, DetentionInput, DetentionPatch, DetentionRecord } from './detention.schema.js';
import { EventFilter, EventInput, EventPatch, EventRecord } from './event.schema.js';
import { OfficialFigureFilter, OfficialFigureInput, OfficialFigurePatch, OfficialFigureRecord } from './official-figure.schema.js';
import { OrganisationFilter, OrganisationInput, OrganisationPatch, OrganisationRecord } from './organisation.schema.js';
import { PersonFilter, PersonInput, PersonPatch, PersonRecord } from './person.schema.js';
import { PlaceFilter, PlaceInput, PlacePatch, PlaceRecord } from './place.schema.js';
import { SourceFilter, SourceInput, SourcePatch, SourceRecord } from './source.schema.js';
import { checkDetention, checkInterval, checkPlace, checkSelfParent } from './checks.js';

export const ENTITY_NAMES = ['source', 'place', 'organisation', 'event', 'person', 'detention', 'act', 'charge', 'officialFigure', 'complaint'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** Everything the generic service and adapters need to know about one kind of record. */
export interface EntityDefinition {
  name: EntityName;
  /** URL segment and human plural: `official-figures`. */
  plural: string;
  label: string;
  input: z.ZodObject;
  patch: z.ZodObject;
  record: z.ZodObject;
  filter: z.ZodObject;
  /** Path → vocabulary of every coded field (`names[].kind` → `name_kind`). */
  vocab: Record<string, string>;
  /** Path → entity of every reference to another record. */
  refs: Record<string, EntityName>;
  /** Paths of instants normalised to UTC on write. */
  instants: string[];
  /** Cross-field rules on the complete record after a create or a merge. */
  check?: (record: Record<string, unknown>) => FieldProblem[];
}

const precision = 'precision';

export const ENTITIES: Record<EntityName, EntityDefinition> = {
  source: {
    name: 'source', plural: 'sources', label: 'source',
    input: SourceInput, patch: SourcePatch, record: SourceRecord, filter: SourceFilter,
    vocab: { kind: 'source_kind', reliability: 'reliability' },
    refs: {},
    instants: ['publishedAt'],
  },
  place: {
    name: 'place', plural: 'places', label: 'place',
    input: PlaceInput, patch: PlacePatch, record: PlaceRecord, filter: PlaceFilter,
    vocab: { kind: 'place_kind', geoPrecision: 'geo_precision' },
    refs: { 'sourceIds[]': 'source' },
    instants: [],
    check: checkPlace,
  },
  organisation: {
    name: 'organisation', plural: 'organisations', label: 'organisation',
    input: OrganisationInput, patch: OrganisationPatch, record: OrganisationRecord, filter: OrganisationFilter,
    vocab: { kind: 'org_kind' },
    refs: { parentId: 'organisation', 'sourceIds[]': 'source' },
    instants: [],
    check: checkSelfParent,
  },
  event: {
    name: 'event', plural: 'events', label: 'event',
    input: EventInput, patch: EventPatch, record: EventRecord, filter: EventFilter,
    vocab: { type: 'event_type', startPrecision: precision, endPrecision: precision, notificationStatus: 'notification_status' },
    refs: { 'placeIds[]': 'place', 'estimates[].sourceIds[]': 'source', 'sourceIds[]': 'source' },
    instants: ['startAt', 'endAt'],
    check: (r) => checkInterval(r, 'startAt', 'endAt'),
  },
  person: {
    name: 'person', plural: 'persons', label: 'person',
    input: PersonInput, patch: PersonPatch, record: PersonRecord, filter: PersonFilter,
    vocab: { countingUnit: 'counting_unit', sex: 'sex', consent: 'consent', 'names[].script': 'script', 'names[].kind': 'name_kind', 'roles[].role': 'role' },
    refs: { 'names[].sourceId': 'source', 'roles[].eventId': 'event', 'roles[].organisationId': 'organisation', 'sourceIds[]': 'source' },
    instants: [],
  },
  detention: {
    name: 'detention', plural: 'detentions', label: 'detention',
    input: DetentionInput, patch: DetentionPatch, record: DetentionRecord, filter: DetentionFilter,
    vocab: { apprehendedPrecision: precision, legalBasis: 'legal_basis', 'steps[].type': 'custody_step', 'steps[].precision': precision },
    refs: {
      personId: 'person', eventId: 'event', apprehendedPlaceId: 'place', 'apprehendedByIds[]': 'organisation',
      'steps[].placeId': 'place', 'steps[].sourceIds[]': 'source', 'sourceIds[]': 'source',
    },
    instants: ['apprehendedAt', 'steps[].at'],
    check: checkDetention,
  },
  act: {
    name: 'act', plural: 'acts', label: 'act',
    input: ActInput, patch: ActPatch, record: ActRecord, filter: ActFilter,
    vocab: {
      type: 'act_type', startPrecision: precision, endPrecision: precision, 'perpetrators[].involvement': 'involvement',
      'methods[]': 'force_method', 'consequences[]': 'consequence', 'conditions[]': 'containment_condition',
    },
    refs: {
      eventId: 'event', victimPersonId: 'person', placeId: 'place', 'perpetrators[].organisationId': 'organisation',
      'perpetrators[].personId': 'person', 'sourceIds[]': 'source',
    },
    instants: ['startAt', 'endAt'],
    check: (r) => checkInterval(r, 'startAt', 'endAt'),
  },
  charge: {
    name: 'charge', plural: 'charges', label: 'charge',
    input: ChargeInput, patch: ChargePatch, record: ChargeRecord, filter: ChargeFilter,
    vocab: { code: 'legal_code', outcome: 'charge_outcome', sentenceKind: 'sentence_kind' },
    refs: { personId: 'person', detentionId: 'detention', eventId: 'event', 'sourceIds[]': 'source' },
    instants: [],
    check: (r) => checkInterval(r, 'filedOn', 'decidedOn'),
  },
  officialFigure: {
    name: 'officialFigure', plural: 'official-figures', label: 'official figure',
    input: OfficialFigureInput, patch: OfficialFigurePatch, record: OfficialFigureRecord, filter: OfficialFigureFilter,
    vocab: {},
    refs: { eventId: 'event', 'sourceIds[]': 'source' },
    instants: [],
  },
  complaint: {
    name: 'complaint', plural: 'complaints', label: 'complaint',
    input: ComplaintInput, patch: ComplaintPatch, record: ComplaintRecord, filter: ComplaintFilter,
    vocab: { body: 'complaint_body', status: 'complaint_status' },
    refs: {
      filedByPersonId: 'person', personId: 'person', detentionId: 'detention', actId: 'act', eventId: 'event', 'sourceIds[]': 'source',
    },
    instants: [],
  },
};

export function entityByPlural(plural: string): EntityDefinition | undefined {
  return Object.values(ENTITIES).find((e) => e.plural === plural);
}
