/**
 * What an import can fill: the Vigil fields a column may be mapped onto, per kind of list.
 * The mapping schema refuses any other field, and the web wizard lists these.
 *
 *   event      one row = one event (OVD-Info's list: date, region, type, number of detentions)
 *   person     one row = one person (a partner's list of journalists, lawyers…)
 *   detention  one row = one detained person: a person and their detention (names per city,
 *              time of arrest, station, outcome)
 */

export const IMPORT_TARGETS = ['event', 'person', 'detention'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** How a cell is read: text as is (trimmed), a date/time, a whole number, a vocabulary code… */
export type FieldKind = 'text' | 'date' | 'integer' | 'code' | 'country' | 'zone' | 'id' | 'confidentiality';

export interface ImportField {
  kind: FieldKind;
  label: string;
  /** For codes: the vocabulary the value must belong to (after the mapping's `map`). */
  vocabulary?: string;
  required?: boolean;
  /** Longest text accepted (the record schema's limit). */
  max?: number;
}

const text = (label: string, max: number, required = false): ImportField => ({ kind: 'text', label, max, ...(required ? { required } : {}) });
const code = (label: string, vocabulary: string, required = false): ImportField => ({ kind: 'code', label, vocabulary, ...(required ? { required } : {}) });

export const EVENT_FIELDS: Record<string, ImportField> = {
  'event.title': text('Title', 500, true),
  'event.type': code('Type of event', 'event_type', true),
  'event.startAt': { kind: 'date', label: 'Start (date or date and time; its precision is kept)', required: true },
  'event.endAt': { kind: 'date', label: 'End' },
  'event.timezone': { kind: 'zone', label: 'Time zone (IANA name; default: the mapping\'s defaultZone)' },
  'event.city': text('City', 200),
  'event.region': text('Region', 200),
  'event.country': { kind: 'country', label: 'Country (ISO 3166 alpha-2)' },
  'event.notificationStatus': code('Notification status', 'notification_status'),
  'event.organisers': text('Organisers', 2000),
  'event.claims': text('Cause / claims', 4000),
  'event.summary': text('Summary', 20000),
  'event.confidentiality': { kind: 'confidentiality', label: 'Confidentiality (public, restricted, confidential)' },
};

export const PERSON_FIELDS: Record<string, ImportField> = {
  'person.pseudonym': text('Pseudonym for publication', 200),
  'person.sex': code('Sex', 'sex'),
  'person.birthYear': { kind: 'integer', label: 'Year of birth' },
  'person.age': { kind: 'integer', label: 'Age' },
  'person.consent': code('Consent to publication', 'consent'),
  'person.countingUnit': code('Counting unit (individual or group)', 'counting_unit'),
  'person.groupSize': { kind: 'integer', label: 'Group size' },
  'person.contact': text('Contact details (restricted)', 2000),
  'person.notes': text('Notes', 20000),
  'person.confidentiality': { kind: 'confidentiality', label: 'Confidentiality (public, restricted, confidential)' },
};

export const DETENTION_FIELDS: Record<string, ImportField> = {
  'detention.apprehendedAt': { kind: 'date', label: 'Apprehended at (date or date and time)', required: true },
  'detention.releasedAt': { kind: 'date', label: 'Released at (adds a "released" custody step)' },
  'detention.eventId': { kind: 'id', label: 'Event (a Vigil event id)' },
  'detention.city': text('City', 200),
  'detention.legalBasis': code('Legal basis claimed', 'legal_basis'),
  'detention.legalArticle': text('Article', 100),
  'detention.notes': text('Notes (station, outcome…)', 20000),
  'detention.confidentiality': { kind: 'confidentiality', label: 'Confidentiality (public, restricted, confidential)' },
};

/** The fields each kind of list may fill. */
export const IMPORT_FIELDS: Record<ImportTarget, Record<string, ImportField>> = {
  event: EVENT_FIELDS,
  person: PERSON_FIELDS,
  detention: { ...PERSON_FIELDS, ...DETENTION_FIELDS },
};

/** Whether a kind of list creates persons (and so takes `names` and `roles`). */
export const hasPersons = (target: ImportTarget): boolean => target !== 'event';

/** The catalogue as the wizard shows it. */
export function importCatalogue() {
  return IMPORT_TARGETS.map((target) => ({
    target,
    fields: Object.entries(IMPORT_FIELDS[target]).map(([path, f]) => ({ path, ...f })),
    sections: [
      ...(hasPersons(target) ? ['names', 'roles'] : ['estimates']),
      'sources',
    ],
  }));
}

/** GET /api/v1/imports/fields. */
export interface ImportCatalogue {
  targets: ReturnType<typeof importCatalogue>;
}
