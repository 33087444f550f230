import { type StoredRecord } from '../repositories.js';
import { type PublishScope } from './scope.js';

/**
 * The open-data export's reads (SQL lives in db): each page of detentions with exactly the
 * columns its rows and its redactor need, read in a few queries, instead of every record hydrated
 * whole. Scalar columns keep their driver values (`unknown`) so rows format as they always did.
 */

export type ExportName = { value: string; script: unknown; kind: unknown };
export type ExportRole = { role: string; eventId: string | null; organisationId: string | null; organisationName: string | null };

/** A person as the redactor reads them: names and contact in clear; notes and other fields are not read. */
export type ExportPerson = {
  id: string;
  confidentiality: unknown;
  deletedAt: string | null;
  consent: unknown;
  pseudonym: unknown;
  countingUnit: unknown;
  groupSize: unknown;
  contact: string | null;
  names: ExportName[];
  roles: ExportRole[];
};

export type ExportStep = { type: string; at: string; precision: string; placeId: string | null };

export type ExportDetention = {
  id: string;
  personId: string;
  eventId: unknown;
  apprehendedAt: unknown;
  apprehendedPrecision: unknown;
  apprehendedPlaceId: unknown;
  city: unknown;
  legalBasis: unknown;
  legalArticle: unknown;
  custodyState: unknown;
  releasedAt: unknown;
  confidentiality: unknown;
  steps: ExportStep[];
  /** How many sources the detention cites. */
  sources: number;
};

/** A place with its address in clear (the redactor drops or scrubs it). */
export type ExportPlace = {
  id: string;
  deletedAt: string | null;
  confidentiality: unknown;
  name: unknown;
  kind: unknown;
  city: unknown;
  region: unknown;
  country: unknown;
  address: unknown;
  lat: unknown;
  lon: unknown;
  geoPrecision: unknown;
};

export type ExportOrganisation = { id: string; name: unknown; aliases: unknown };

export type ExportCharge = { detentionId: string; code: unknown; article: unknown; outcome: unknown; sentenceKind: unknown; sentenceDays: unknown };

/**
 * One page of scoped detentions in order of apprehension (confidential ones included: they are
 * counted, not written), with their live persons, the places they mention (apprehension and
 * custody steps), the organisations of the persons' roles, their live charges and their events.
 */
export interface ExportPage {
  detentions: ExportDetention[];
  /** The events of these detentions, whole records (deleted ones left out). */
  events: StoredRecord[];
  persons: ExportPerson[];
  places: ExportPlace[];
  organisations: ExportOrganisation[];
  /** Ordered by id. */
  charges: ExportCharge[];
}

/** What a redactor needs of a person whose name resembles published text: names other than descriptions, and the contact. */
export type NamedPerson = {
  id: string;
  confidentiality: unknown;
  deletedAt: string | null;
  consent: unknown;
  contact: string | null;
  names: { value: string; kind: unknown }[];
};

export interface OpenDataStore {
  /**
   * Every scoped detention, `limit` a page, in order of apprehension: pages are read one at a
   * time as the caller asks for them (the scope's SQL is built once for all of them).
   */
  detentionPages(scope: PublishScope, limit: number): AsyncIterable<ExportPage>;
  /**
   * Persons, deleted ones too, found by the record store's name search for `stem` (the same
   * match as `records.list('person', { q: stem, includeDeleted: true })`), newest id first, at most `limit`.
   */
  personsNamed(stem: string, limit: number): Promise<NamedPerson[]>;
}
