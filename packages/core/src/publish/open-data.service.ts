/**
 * Open data: detentions and events as CSV, JSON and GeoJSON, events as ACLED-compatible CSV.
 * Streams page by page (constant memory): each page of detentions is read with the columns of
 * its persons, places, charges and organisations that the rows need (the export store, a few
 * queries a page; the next page is read while this one is written), redacted, written, dropped.
 */
import { hash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { validationError } from '../errors.js';
import { parseInput } from '../records/validate.js';
import { type Repositories } from '../repositories.js';
import { type VocabularyService } from '../services/vocabulary.service.js';
import { ACLED_COLUMNS, acledRow } from './acled.js';
import { loadMany, publishableTexts, redactorFor } from './collect.js';
import { DetentionRows, type Row } from './detention-export.js';
import { wordwiseNameTokens } from './forget-list.js';
import { RESEMBLING_LIMIT, ResemblingNames } from './resembling.js';
import { type PublishScope, ScopeShape, scopeOf } from './scope.js';
import { labelsFrom, type Labels } from './stats.js';
import { localDateTime } from './timezones.js';

export const OPEN_DATA_FORMATS = ['csv', 'json', 'geojson', 'acled'] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];
export const OPEN_DATA_DATASETS = ['detentions', 'events'] as const;
export type OpenDataDataset = (typeof OPEN_DATA_DATASETS)[number];
export const OpenDataQuery = z.object({ ...ScopeShape }).strict();

/** Detentions per page, and per redactor: a page's text is scrubbed of the names of the persons on it. */
const PAGE = 1000;

/** RFC 4180 quoting; text that a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading '. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: unknown[]): string => `${values.map(csvCell).join(',')}\r\n`;

export const DETENTION_COLUMNS = [
  'ref', 'person_ref', 'name', 'name_published', 'counting_unit', 'group_size', 'roles', 'organisations', 'event_id', 'event_title', 'city', 'date', 'time', 'time_precision',
  'timezone', 'place', 'latitude', 'longitude', 'geo_precision', 'legal_basis', 'legal_article', 'custody_state', 'released_local', 'duration_hours', 'charges', 'outcome', 'sources',
] as const;
export const EVENT_COLUMNS = ['event_id', 'title', 'type', 'date', 'time_precision', 'timezone', 'city', 'region', 'country', 'place', 'latitude', 'longitude', 'detentions', 'people', 'claimed', 'fatalities'] as const;

export interface ExportSink {
  write(chunk: string): Promise<void> | void;
  /** Called after each page: records processed so far and the total in scope (confidential ones are processed, not written). */
  progress?(done: number, total: number): void;
}

/** Streams open data for a scope, redacted; one dataset and format per call. */
export class OpenDataService {
  constructor(
    private readonly repos: Repositories,
    private readonly vocabularies: VocabularyService,
    private readonly now: () => string,
    private readonly salt: () => string = () => randomBytes(16).toString('hex'),
    /** Detentions per page (and per redactor); smaller in tests, to cover many pages with little data. */
    private readonly pageSize = PAGE,
  ) {}

  /** Validates dataset, format and scope before anything is written (bad input → 400, nothing sent). */
  parse(dataset: string, format: string, rawQuery: unknown): { dataset: OpenDataDataset; format: OpenDataFormat; scope: PublishScope } {
    const problems = [];
    if (!(OPEN_DATA_DATASETS as readonly string[]).includes(dataset)) problems.push({ path: 'dataset', problem: `must be one of ${OPEN_DATA_DATASETS.join(', ')}` });
    if (!(OPEN_DATA_FORMATS as readonly string[]).includes(format)) problems.push({ path: 'format', problem: `must be one of ${OPEN_DATA_FORMATS.join(', ')}` });
    else if (format === 'acled' && dataset !== 'events') problems.push({ path: 'format', problem: 'acled is available for the events dataset only' });
    if (problems.length > 0) throw validationError(problems);
    return { dataset: dataset as OpenDataDataset, format: format as OpenDataFormat, scope: scopeOf(parseInput(OpenDataQuery, rawQuery ?? {})) };
  }

  async export(request: { dataset: OpenDataDataset; format: OpenDataFormat; scope: PublishScope }, sink: ExportSink): Promise<number> {
    const labels = labelsFrom(await this.vocabularies.list());
    if (request.dataset === 'events') return this.exportEvents(request.scope, request.format, labels, sink);
    return this.exportDetentions(request.scope, request.format, labels, sink);
  }

  private header(format: OpenDataFormat, dataset: OpenDataDataset, scope: PublishScope, columns: readonly string[]): string {
    if (format === 'csv' || format === 'acled') return csvLine([...columns]);
    const meta = `"generator":"Vigil","dataset":${JSON.stringify(dataset)},"generatedAt":${JSON.stringify(this.now())},"scope":${JSON.stringify(scope)}`;
    return format === 'geojson' ? `{"type":"FeatureCollection",${meta},"features":[\n` : `{"format":"vigil-open-data",${meta},"items":[\n`;
  }

  private item(format: OpenDataFormat, columns: readonly string[], row: Row, first: boolean): string {
    if (format === 'csv' || format === 'acled') return csvLine(columns.map((c) => row[c]));
    const sep = first ? '' : ',\n';
    if (format === 'json') return `${sep}${JSON.stringify(row)}`;
    const lat = typeof row.latitude === 'number' ? row.latitude : null;
    const lon = typeof row.longitude === 'number' ? row.longitude : null;
    const geometry = lat !== null && lon !== null ? { type: 'Point', coordinates: [lon, lat] } : null;
    return `${sep}${JSON.stringify({ type: 'Feature', geometry, properties: row })}`;
  }

  private footer(format: OpenDataFormat): string {
    return format === 'csv' || format === 'acled' ? '' : '\n]}\n';
  }

  private async exportDetentions(scope: PublishScope, format: OpenDataFormat, labels: Labels, sink: ExportSink): Promise<number> {
    const store = this.repos.openData;
    const total = (await this.repos.publish.totals(scope)).detentionRecords;
    const salt = this.salt();
    // One-shot hashing: two refs a row, and createHash() costs more than the digest itself.
    const ref = (kind: string, id: string) => `${kind}${hash('sha256', `${salt}:${id}`, 'hex').slice(0, 16)}`;
    const resembling = new ResemblingNames((stem) => store.personsNamed(stem, RESEMBLING_LIMIT), wordwiseNameTokens);
    const builder = new DetentionRows(labels, ref, resembling, wordwiseNameTokens);
    await sink.write(this.header(format, 'detentions', scope, DETENTION_COLUMNS));
    let done = 0;
    let processed = 0;
    const pages = store.detentionPages(scope, this.pageSize)[Symbol.asyncIterator]();
    let pending = pages.next();
    for (;;) {
      const next = await pending;
      if (next.done) break;
      const page = next.value;
      // Read the next page while this one is redacted and written (PostgreSQL runs it meanwhile);
      // a failure of that read is reported by the await above, not as an unhandled rejection.
      pending = pages.next();
      pending.catch(() => undefined);
      processed += page.detentions.length;
      let chunk = '';
      for (const row of await builder.rows(page)) {
        chunk += this.item(format, DETENTION_COLUMNS, row, done === 0);
        done += 1;
      }
      if (chunk) await sink.write(chunk);
      sink.progress?.(processed, total);
    }
    await sink.write(this.footer(format));
    return done;
  }

  private async exportEvents(scope: PublishScope, format: OpenDataFormat, labels: Labels, sink: ExportSink): Promise<number> {
    const store = this.repos.publish;
    const events = await store.events(scope);
    const counts = new Map((await store.breakdown(scope, 'event')).map((r) => [r.key[0], r]));
    const fatalities = await store.fatalities(events.map((e) => e.id));
    const places = new Map((await loadMany(this.repos, 'place', events.flatMap((e) => (e.placeIds as string[] | null) ?? []))).map((p) => [p.id, p]));
    const sources = new Map((await loadMany(this.repos, 'source', events.flatMap((e) => (e.sourceIds as string[] | null) ?? []))).map((s) => [s.id, s]));
    const redactor = await redactorFor(this.repos, { persons: [], places: [...places.values()], organisations: [], texts: publishableTexts([...events, ...places.values(), ...sources.values()]) });
    const columns = format === 'acled' ? ACLED_COLUMNS : EVENT_COLUMNS;
    await sink.write(this.header(format, 'events', scope, columns));
    let done = 0;
    for (const e of events) {
      const pub = redactor.event(e);
      if (!pub) continue;
      const place = pub.placeIds.map((id) => redactor.place(places.get(id))).find((p) => p && p.lat !== null && p.lon !== null) ?? null;
      const count = counts.get(e.id);
      const row: Row = format === 'acled'
        ? acledRow({
          event: pub, place, detentions: count?.detentions ?? 0, people: count?.people ?? 0, fatalities: fatalities[e.id] ?? 0, updatedAt: String(e.updatedAt),
          sources: pub.sourceIds.map((id) => sources.get(id)).map((s) => (s ? redactor.source(s) : null)).map((s) => s?.outlet ?? s?.author ?? s?.title ?? '').filter(Boolean),
        })
        : {
          event_id: pub.id, title: pub.title, type: labels('event_type', pub.type), date: localDateTime(pub.startAt, pub.timezone).slice(0, 10), time_precision: pub.startPrecision,
          timezone: pub.timezone, city: pub.city, region: pub.region, country: pub.country, place: place?.name ?? null, latitude: place?.lat ?? null, longitude: place?.lon ?? null,
          detentions: count?.detentions ?? 0, people: count?.people ?? 0,
          claimed: pub.estimates.map((x) => `${x.min ?? '?'}${x.max !== null && x.max !== x.min ? `-${x.max}` : ''} ${x.measure}`).join('; '),
          fatalities: fatalities[e.id] ?? 0,
        };
      await sink.write(this.item(format, columns, row, done === 0));
      done += 1;
    }
    await sink.write(this.footer(format));
    sink.progress?.(done, done);
    return done;
  }
}
