import { type EntityName } from '@vigil/core';
import { foldName, nameTokens } from '@vigil/core';
import { blindPrefixes, type FieldCipher } from '../crypto/field-cipher.js';

/** A collection stored in its own table, rewritten whole with its parent record. */
export interface ChildSpec {
  field: string;
  table: string;
  parentKey: string;
  columns: string[];
  json?: string[];
  /** Protected identity fields, stored encrypted (AES-256-GCM). */
  encrypted?: string[];
}

/** How one entity maps onto its table: which fields are columns, JSON, booleans, children. */
export interface TableSpec {
  entity: EntityName;
  table: string;
  columns: string[];
  json?: string[];
  booleans?: string[];
  /** Protected identity fields, stored encrypted; never part of `searchText`. */
  encrypted?: string[];
  children?: ChildSpec[];
  /** Folded text searched by `q`. */
  searchText?: (record: Record<string, unknown>) => string;
  /** Keyset order: a non-null column and its direction, ties broken by id. */
  sort: { column: string; direction: 'asc' | 'desc' };
}

const text = (...values: unknown[]): string =>
  values
    .flatMap((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v]))
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .map((v) => foldName(v))
    .join(' ');

const byId = { column: 'id', direction: 'desc' } as const;

export const TABLES: Record<EntityName, TableSpec> = {
  source: {
    entity: 'source', table: 'sources', sort: byId,
    columns: ['kind', 'title', 'author', 'outlet', 'url', 'publishedAt', 'language', 'reliability', 'protectedIdentity', 'contact', 'notes'],
    booleans: ['protectedIdentity'],
    encrypted: ['author', 'contact', 'notes'],
    searchText: (r) => text(r.title, r.outlet),
  },
  place: {
    entity: 'place', table: 'places', sort: byId,
    columns: ['name', 'kind', 'city', 'region', 'country', 'address', 'lat', 'lon', 'geoPrecision', 'notes'],
    encrypted: ['address'],
    searchText: (r) => text(r.name, r.city),
  },
  organisation: {
    entity: 'organisation', table: 'organisations', sort: byId,
    columns: ['name', 'aliases', 'kind', 'parentId', 'jurisdiction', 'city', 'notes'],
    json: ['aliases'],
    searchText: (r) => text(r.name, r.aliases),
  },
  event: {
    entity: 'event', table: 'events', sort: { column: 'startAt', direction: 'desc' },
    columns: [
      'title', 'type', 'startAt', 'startPrecision', 'endAt', 'endPrecision', 'timeOriginal', 'timezone', 'city', 'region', 'country',
      'placeIds', 'notificationStatus', 'organisers', 'claims', 'summary', 'estimates',
    ],
    json: ['placeIds', 'estimates'],
    searchText: (r) => text(r.title, r.city, r.organisers),
  },
  person: {
    entity: 'person', table: 'persons', sort: byId,
    columns: ['pseudonym', 'countingUnit', 'groupSize', 'sex', 'birthYear', 'age', 'consent', 'contact', 'notes'],
    encrypted: ['contact', 'notes'],
    children: [
      { field: 'names', table: 'person_names', parentKey: 'personId', columns: ['value', 'script', 'language', 'kind', 'sourceId'], encrypted: ['value'] },
      { field: 'roles', table: 'person_roles', parentKey: 'personId', columns: ['role', 'eventId', 'organisationId', 'organisationName', 'note'] },
    ],
  },
  detention: {
    entity: 'detention', table: 'detentions', sort: { column: 'apprehendedAt', direction: 'desc' },
    columns: [
      'personId', 'eventId', 'apprehendedAt', 'apprehendedPrecision', 'apprehendedTimeOriginal', 'apprehendedPlaceId', 'apprehendedByIds',
      'city', 'legalBasis', 'legalArticle', 'jurisdiction', 'notes', 'custodyState', 'releasedAt', 'lastActivityAt',
    ],
    json: ['apprehendedByIds'],
    encrypted: ['notes'],
    children: [
      {
        field: 'steps', table: 'custody_steps', parentKey: 'detentionId',
        columns: ['type', 'at', 'precision', 'timeOriginal', 'placeId', 'note', 'sourceIds'], json: ['sourceIds'],
      },
    ],
  },
  act: {
    entity: 'act', table: 'acts', sort: byId,
    columns: [
      'type', 'eventId', 'victimPersonId', 'startAt', 'startPrecision', 'endAt', 'endPrecision', 'timeOriginal', 'placeId',
      'perpetrators', 'methods', 'consequences', 'conditions', 'statedReason', 'description',
    ],
    json: ['perpetrators', 'methods', 'consequences', 'conditions'],
    encrypted: ['description', 'statedReason'],
  },
  charge: {
    entity: 'charge', table: 'charges', sort: byId,
    columns: [
      'personId', 'detentionId', 'eventId', 'code', 'article', 'part', 'filedOn', 'court', 'outcome', 'decidedOn', 'sentenceKind',
      'sentenceDays', 'fineAmount', 'fineCurrency', 'notes',
    ],
    encrypted: ['notes'],
  },
  officialFigure: {
    entity: 'officialFigure', table: 'official_figures', sort: byId,
    columns: ['issuer', 'issuedOn', 'measure', 'value', 'scope', 'eventId', 'region', 'notes'],
  },
  complaint: {
    entity: 'complaint', table: 'complaints', sort: byId,
    columns: ['body', 'filedBy', 'filedByPersonId', 'filedOn', 'personId', 'detentionId', 'actId', 'eventId', 'status', 'response', 'outcome', 'notes'],
    encrypted: ['filedBy', 'response', 'notes'],
  },
};

/** Blind search keys of a person: every indexed prefix of every folded token of every name. */
export function personTokens(record: Record<string, unknown>, cipher: FieldCipher): string[] {
  const names = (record.names as { value: string }[] | null) ?? [];
  return [...new Set(names.flatMap((n) => nameTokens(n.value)).flatMap((t) => blindPrefixes(cipher, t)))];
}
