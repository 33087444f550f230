import { set, type NounSpec } from './records.js';

export const eventNoun: NounSpec = {
  noun: 'event',
  entity: 'event',
  columns: ['id', 'startAt', 'city', 'type', 'title'],
  addFlags: [
    { flags: '--title <text>', description: 'title', apply: set('title') },
    { flags: '--type <code>', description: 'event type code (e.g. peaceful_protest)', apply: set('type') },
    { flags: '--start <instant>', description: 'start, ISO 8601 with offset', apply: set('startAt') },
    { flags: '--end <instant>', description: 'end, ISO 8601 with offset', apply: set('endAt') },
    { flags: '--city <name>', description: 'city', apply: set('city') },
  ],
  listFilters: { city: 'city', type: 'type', from: 'from', to: 'to', q: 'q' },
  row: (r) => ({ id: r.id, startAt: r.startAt, city: r.city, type: r.type, title: r.title }),
};
