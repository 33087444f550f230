/**
 * Open data: detentions and events as CSV, JSON and GeoJSON, events as ACLED-compatible CSV.
 * Streams page by page (constant memory): each page of detentions is loaded with its persons,
 * places, charges and organisations in a few batched reads, redacted, written, then dropped.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { validationError } from '../errors.js';
import { parseInput } from '../records/validate.js';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { type VocabularyService } from '../services/vocabulary.service.js';
import { ACLED_COLUMNS, acledRow } from './acled.js';
import { loadMany, publishableTexts, redactorFor } from './collect.js';
import { type PublicPlace, type Redactor } from './redact.js';
import { type PublishScope, ScopeShape, scopeOf } from './scope.js';
import { labelsFrom, type Labels } from './stats.js';
import { localDateTime } from './timezones.js';

export const OPEN_DATA_FORMATS = ['csv', 'json', 'geojson', 'acled'] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];
export const OPEN_DATA_DATASETS = ['detentions', 'events'] as const;
export type OpenDataDataset = (typeof OPEN_DATA_DATASETS)[number];
export const OpenDataQuery = z.object({ ...ScopeShape }).strict();

const PAGE = 1000;
const TIMED = new Set(['exact', 'minutes', 'hour', 'approximate']);

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
type Row = Record<string, string | number | boolean | null>;

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
    const store = this.repos.publish;
    const total = (await store.totals(scope)).detentionRecords;
    const events = new Map((await store.events(scope)).map((e) => [e.id, e]));
    const salt = this.salt();
    const ref = (kind: string, id: string) => `${kind}${createHash('sha256').update(`${salt}:${id}`).digest('hex').slice(0, 16)}`;
    await sink.write(this.header(format, 'detentions', scope, DETENTION_COLUMNS));
    let cursor: string | null = null;
    let done = 0;
    let processed = 0;
    do {
      const page = await store.detentionPage(scope, cursor, PAGE);
      cursor = page.next;
      processed += page.items.length;
      const rows = await this.detentionRows(page.items, events, labels, ref);
      let chunk = '';
      for (const row of rows) {
        chunk += this.item(format, DETENTION_COLUMNS, row, done === 0);
        done += 1;
      }
      if (chunk) await sink.write(chunk);
      sink.progress?.(processed, total);
    } while (cursor);
    await sink.write(this.footer(format));
    return done;
  }

  private async detentionRows(detentions: StoredRecord[], events: Map<string, StoredRecord>, labels: Labels, ref: (k: string, id: string) => string): Promise<Row[]> {
    const persons = new Map((await loadMany(this.repos, 'person', detentions.map((d) => String(d.personId)))).map((p) => [p.id, p]));
    const placeIds = detentions.flatMap((d) => [d.apprehendedPlaceId, ...((d.steps as { placeId: string | null }[] | null) ?? []).map((s) => s.placeId)]).filter((x): x is string => typeof x === 'string');
    const places = new Map((await loadMany(this.repos, 'place', placeIds)).map((p) => [p.id, p]));
    const organisations = await loadMany(this.repos, 'organisation', [...persons.values()].flatMap((p) => ((p.roles as { organisationId: string | null }[] | null) ?? []).map((r) => r.organisationId)).filter((x): x is string => !!x));
    const charges = new Map<string, StoredRecord[]>();
    for (const c of await this.repos.publish.chargesOf(detentions.map((d) => d.id))) charges.set(String(c.detentionId), [...(charges.get(String(c.detentionId)) ?? []), c]);
    const pageEvents = detentions.map((d) => (typeof d.eventId === 'string' ? events.get(d.eventId) : undefined)).filter((e): e is StoredRecord => !!e);
    const personTexts = [...persons.values()].flatMap((p) => [p.pseudonym as string | null, ...((p.roles as { organisationName: string | null }[] | null) ?? []).map((r) => r.organisationName)]);
    const redactor = await redactorFor(this.repos, { persons: [...persons.values()], places: [...places.values()], organisations, texts: [...publishableTexts([...new Set(pageEvents), ...places.values(), ...organisations]), ...personTexts] });
    // Many detentions of a page share an event: scrub its title and summary once, not once per row.
    const publicEvents = new Map<string, ReturnType<Redactor['event']>>();
    const publicEvent = (event: StoredRecord) => {
      if (!publicEvents.has(event.id)) publicEvents.set(event.id, redactor.event(event));
      return publicEvents.get(event.id) ?? null;
    };
    return detentions.flatMap((d) => {
      const person = persons.get(String(d.personId));
      const pub = person ? redactor.person(person) : null;
      if (!pub || d.confidentiality === 'confidential') return [];
      return [this.detentionRow(d, pub, events, places, charges.get(d.id) ?? [], labels, redactor, ref, publicEvent)];
    });
  }

  private detentionRow(
    d: StoredRecord, pub: NonNullable<ReturnType<Redactor['person']>>, events: Map<string, StoredRecord>, places: Map<string, StoredRecord>,
    charges: StoredRecord[], labels: Labels, redactor: Redactor, ref: (k: string, id: string) => string, eventOf: (event: StoredRecord) => ReturnType<Redactor['event']>,
  ): Row {
    const event = typeof d.eventId === 'string' ? events.get(d.eventId) : undefined;
    const publicEvent = event ? eventOf(event) : null;
    const zone = typeof event?.timezone === 'string' ? event.timezone : 'Asia/Almaty';
    const local = localDateTime(String(d.apprehendedAt), zone);
    const timed = TIMED.has(String(d.apprehendedPrecision));
    const place: PublicPlace | null = typeof d.apprehendedPlaceId === 'string' ? redactor.place(places.get(d.apprehendedPlaceId)) : null;
    const roles = pub.roles.filter((r) => !r.eventId || r.eventId === d.eventId);
    const release = ((d.steps as { type: string; at: string; precision: string }[] | null) ?? []).find((s) => s.type === 'released' && s.at === d.releasedAt);
    const duration = release && timed && TIMED.has(release.precision) ? Math.round(((Date.parse(release.at) - Date.parse(String(d.apprehendedAt))) / 3_600_000) * 100) / 100 : null;
    return {
      ref: ref('d', d.id),
      person_ref: ref('p', String(d.personId)),
      name: pub.displayName,
      name_published: pub.cleared,
      counting_unit: pub.countingUnit,
      group_size: pub.groupSize,
      roles: [...new Set(roles.map((r) => r.role))].join('; '),
      organisations: [...new Set(roles.map((r) => r.organisation).filter((o): o is string => !!o))].join('; '),
      event_id: publicEvent?.id ?? null,
      event_title: publicEvent?.title ?? null,
      city: typeof d.city === 'string' ? d.city : null,
      date: local.slice(0, 10),
      time: timed ? local.slice(11, 16) : null,
      time_precision: String(d.apprehendedPrecision),
      timezone: zone,
      place: place?.name ?? null,
      latitude: place?.lat ?? null,
      longitude: place?.lon ?? null,
      geo_precision: place?.geoPrecision ?? null,
      legal_basis: String(d.legalBasis),
      legal_article: redactor.text(d.legalArticle),
      custody_state: String(d.custodyState),
      released_local: release ? localDateTime(release.at, zone).replace('T', ' ') : null,
      duration_hours: duration,
      charges: charges.map((c) => `${labels('legal_code', String(c.code))} ${String(c.article)}${typeof c.sentenceKind === 'string' ? ` → ${labels('sentence_kind', c.sentenceKind)}${typeof c.sentenceDays === 'number' ? ` ${c.sentenceDays} d` : ''}` : ` (${String(c.outcome)})`}`).join('; '),
      outcome: charges.length > 0 ? [...new Set(charges.map((c) => String(c.sentenceKind ?? c.outcome)))].join('; ') : String(d.custodyState),
      sources: ((d.sourceIds as string[] | null) ?? []).length,
    };
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
