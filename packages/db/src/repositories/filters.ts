import { queryTokens, foldName, type EntityName } from '@vigil/core';
import { type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { type AnyDB } from '../connect.js';
import { blindQuery, type FieldCipher } from '../crypto/field-cipher.js';

type Query = SelectQueryBuilder<AnyDB, string, Record<string, unknown>>;
export interface FilterContext {
  cipher: FieldCipher;
}
type Filter = (q: Query, value: unknown, ctx: FilterContext) => Query;

/**
 * Persons with a name word starting like every word of the query, in Cyrillic or Latin. Names
 * are encrypted, so this looks up keyed blind values of word prefixes (an indexed equality).
 */
export function personIdsMatching(eb: ExpressionBuilder<AnyDB, string>, column: string, query: string, cipher: FieldCipher) {
  const keys = queryTokens(query).map((word) => blindQuery(cipher, word)).filter((k): k is string => k !== null);
  if (keys.length === 0) return eb.lit(false);
  return eb.and(keys.map((key) => eb(eb.ref(column), 'in', eb.selectFrom('person_name_tokens').select('person_name_tokens.personId').where('person_name_tokens.token', '=', key))));
}

const eq = (column: string): Filter => (q, v) => q.where(column, '=', v);
const gte = (column: string): Filter => (q, v) => q.where(column, '>=', v);
const lte = (column: string): Filter => (q, v) => q.where(column, '<=', v);
const contains: Filter = (q, v) => {
  const folded = foldName(String(v)).trim();
  return folded ? q.where('searchText', 'like', `%${folded}%`) : q;
};
const personRole = (personColumn: string): Filter => (q, v) =>
  q.where(personColumn, 'in', (eb: ExpressionBuilder<AnyDB, string>) => eb.selectFrom('person_roles').select('person_roles.personId').where('person_roles.role', '=', v));

/** Every list filter an entity accepts; the keys match its filter schema. */
export const FILTERS: Record<EntityName, Record<string, Filter>> = {
  source: { kind: eq('kind'), q: contains },
  place: { city: eq('city'), kind: eq('kind'), q: contains },
  organisation: { kind: eq('kind'), city: eq('city'), q: contains },
  event: { city: eq('city'), type: eq('type'), from: gte('startAt'), to: lte('startAt'), q: contains },
  person: {
    q: (q, v, ctx) => q.where((eb) => personIdsMatching(eb, 'persons.id', String(v), ctx.cipher)),
    role: personRole('persons.id'),
    eventId: (q, v) =>
      q.where((eb) =>
        eb.or([
          eb('persons.id', 'in', eb.selectFrom('person_roles').select('person_roles.personId').where('person_roles.eventId', '=', v)),
          eb('persons.id', 'in', eb.selectFrom('detentions').select('detentions.personId').where('detentions.eventId', '=', v).where('detentions.deletedAt', 'is', null)),
        ]),
      ),
  },
  detention: {
    eventId: eq('eventId'),
    personId: eq('personId'),
    city: eq('city'),
    status: eq('custodyState'),
    legalBasis: eq('legalBasis'),
    from: gte('apprehendedAt'),
    to: lte('apprehendedAt'),
    role: personRole('detentions.personId'),
    q: (q, v, ctx) => q.where((eb) => personIdsMatching(eb, 'detentions.personId', String(v), ctx.cipher)),
  },
  act: { eventId: eq('eventId'), victimPersonId: eq('victimPersonId'), type: eq('type') },
  charge: { personId: eq('personId'), detentionId: eq('detentionId'), eventId: eq('eventId'), code: eq('code'), article: eq('article') },
  officialFigure: { eventId: eq('eventId'), issuer: eq('issuer') },
  complaint: { status: eq('status'), body: eq('body'), personId: eq('personId'), detentionId: eq('detentionId') },
};
