import { set, type NounSpec } from './records.js';

export const detentionNoun: NounSpec = {
  noun: 'detention',
  entity: 'detention',
  columns: ['id', 'apprehendedAt', 'city', 'custodyState', 'legalBasis', 'personId'],
  addFlags: [
    { flags: '--person <id>', description: 'the detained person', apply: set('personId') },
    { flags: '--event <id>', description: 'the event', apply: set('eventId') },
    { flags: '--at <instant>', description: 'when liberty was actually restricted (ISO 8601 with offset)', apply: set('apprehendedAt') },
    { flags: '--city <name>', description: 'city', apply: set('city') },
    { flags: '--basis <code>', description: 'legal basis claimed: unknown|none|administrative|criminal', apply: set('legalBasis') },
    { flags: '--article <text>', description: 'article cited, e.g. "KoAP 488"', apply: set('legalArticle') },
  ],
  listFilters: { event: 'eventId', person: 'personId', city: 'city', role: 'role', status: 'status', from: 'from', to: 'to', q: 'q' },
  row: (r) => ({ id: r.id, apprehendedAt: r.apprehendedAt, city: r.city, custodyState: r.custodyState, legalBasis: r.legalBasis, personId: r.personId }),
};
