import { type EntityName } from '../records/entities.js';
import { type StoredRecord } from '../repositories.js';
import { type Actor } from './roles.js';

/** What one actor may read: confidentiality levels, and for lawyers the persons they represent. */
export interface ReadScope {
  confidentiality: ('public' | 'restricted' | 'confidential')[];
  /** When set, person-linked records are limited to these persons. */
  personIds?: string[] | undefined;
  /** The reader: records granted to this account explicitly are readable beyond the levels above. */
  userId?: string | undefined;
}

/** The field that ties a record to a person, for lawyers' client scoping. */
export const PERSON_FIELD: Partial<Record<EntityName, string>> = {
  person: 'id',
  detention: 'personId',
  charge: 'personId',
  complaint: 'personId',
  act: 'victimPersonId',
};

/**
 * Confidential records are for admins and coordinators; viewers see public records only;
 * lawyers see what concerns their clients (and unlinked context such as events and places).
 */
export function readScope(actor: Actor): ReadScope {
  switch (actor.role) {
    case 'admin':
    case 'coordinator':
      return { confidentiality: ['public', 'restricted', 'confidential'] };
    case 'viewer':
      return { confidentiality: ['public'], userId: actor.id };
    case 'lawyer':
      return { confidentiality: ['public', 'restricted', 'confidential'], personIds: actor.clientPersonIds ?? [] };
    default:
      return { confidentiality: ['public', 'restricted'], userId: actor.id };
  }
}

/** Whether a record falls inside a scope (the same rule the list query applies in SQL). */
export function inScope(entity: EntityName, record: StoredRecord, scope: ReadScope): boolean {
  if (!scope.confidentiality.includes(record.confidentiality as 'public')) return false;
  const field = PERSON_FIELD[entity];
  if (!scope.personIds || !field) return true;
  return scope.personIds.includes(String(record[field]));
}
