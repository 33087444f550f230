/**
 * The dataset written as partners' lists (CSV) with the column mappings Vigil imports them by
 * (docs/IMPORT.md): one list of events, one of detained people pointing at the events' ids.
 */
import fs from 'node:fs';
import { type BenchEvent, type Dataset } from './generate.js';

const cell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const line = (values: string[]): string => `${values.map(cell).join(',')}\r\n`;

export const EVENT_MAPPING = {
  target: 'event',
  dataset: 'bench-events',
  idColumns: ['ref'],
  defaultZone: 'Asia/Almaty',
  language: 'ru',
  confidentiality: 'public',
  fields: {
    'event.title': { column: 'title' },
    'event.type': { column: 'type' },
    'event.startAt': { column: 'start' },
    'event.timezone': { column: 'timezone' },
    'event.city': { column: 'city' },
    'event.region': { column: 'region' },
    'event.country': { value: 'KZ' },
    'event.summary': { column: 'summary' },
  },
  sources: { urls: { column: 'links' }, kind: 'media_report', title: '{host}{path}', outlet: '{host}', language: 'ru', confidentiality: 'public' },
};

export const DETENTION_MAPPING = {
  target: 'detention',
  dataset: 'bench-detentions',
  idColumns: ['ref'],
  defaultZone: 'Asia/Almaty',
  language: 'ru',
  confidentiality: 'restricted',
  fields: {
    'person.birthYear': { column: 'birth_year' },
    'detention.apprehendedAt': { column: 'apprehended' },
    'detention.releasedAt': { column: 'released' },
    'detention.eventId': { column: 'event_id' },
    'detention.city': { column: 'city' },
    'detention.legalBasis': { column: 'legal_basis' },
    'detention.legalArticle': { column: 'article' },
    'detention.notes': { column: 'notes' },
  },
  names: [{ value: { column: 'name' } }, { value: { column: 'name_alt' } }],
  roles: [{ role: { column: 'role' } }],
  sources: { urls: { column: 'links' }, kind: 'media_report', title: '{host}{path}', outlet: '{host}', language: 'ru', confidentiality: 'public' },
};

/** Writes in pieces so a million rows never sit in memory as one string. */
function writeLines(file: string, header: string[], rows: Iterable<string[]>): number {
  const fd = fs.openSync(file, 'w');
  let count = 0;
  let chunk = line(header);
  for (const row of rows) {
    chunk += line(row);
    count++;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return count;
}

export function writeEventList(file: string, events: BenchEvent[]): number {
  return writeLines(file, ['ref', 'title', 'type', 'start', 'timezone', 'city', 'region', 'summary', 'links'], events.map((e) => [e.ref, e.title, e.type, e.start, e.city.zone, e.city.name, e.city.region, e.summary, e.urls.join(' ')]));
}

/** The detention list from row `from` on; `eventIds` maps an event's ref to its Vigil id. */
export function writeDetentionList(file: string, dataset: Dataset, eventIds: Map<string, string>, from = 0): number {
  function* rows(): Generator<string[]> {
    let index = 0;
    for (const d of dataset.detentions()) {
      if (index++ < from) continue;
      const eventId = eventIds.get(d.eventRef);
      if (!eventId) throw new Error(`event ${d.eventRef} was not imported`);
      yield [d.ref, d.name, d.nameAlt, d.birthYear, d.role, eventId, d.city, d.apprehended, d.released, d.legalBasis, d.article, d.notes, d.urls];
    }
  }
  return writeLines(file, ['ref', 'name', 'name_alt', 'birth_year', 'role', 'event_id', 'city', 'apprehended', 'released', 'legal_basis', 'article', 'notes', 'links'], rows());
}
