/**
 * The rows of the open-data detentions export, page by page: one redactor per page of 1,000
 * detentions (knowing the page's persons, places and organisations, and sharing the export's
 * lists of persons whose names resemble the page's text), then one row per listable detention.
 */
import { type StoredRecord } from '../repositories.js';
import { publishableTexts } from './collect.js';
import { type ExportCharge, type ExportDetention, type ExportPage, type ExportPlace } from './export-store.js';
import { createRedactor, type PublicEvent, type PublicPerson, type PublicPlace, type Redactor } from './redact.js';
import { type ResemblingNames } from './resembling.js';
import { type Labels } from './stats.js';
import { localDateTime } from './timezones.js';

export type Row = Record<string, string | number | boolean | null>;

const TIMED = new Set(['exact', 'minutes', 'hour', 'approximate']);

export class DetentionRows {
  constructor(
    private readonly labels: Labels,
    private readonly ref: (kind: string, id: string) => string,
    private readonly resembling: ResemblingNames,
    private readonly tokens: (name: string) => string[],
  ) {}

  async rows(page: ExportPage): Promise<Row[]> {
    const persons = new Map(page.persons.map((p) => [p.id, p]));
    const places = new Map(page.places.map((p) => [p.id, p]));
    const events = new Map(page.events.map((e) => [e.id, e]));
    const charges = new Map<string, ExportCharge[]>();
    for (const c of page.charges) {
      const list = charges.get(c.detentionId);
      if (list) list.push(c);
      else charges.set(c.detentionId, [c]);
    }
    const redactor = await this.redactor(page, events);
    // Many detentions of a page share an event (and a person may be detained twice): redact each once.
    const publicEvents = new Map<string, PublicEvent | null>();
    const publicPersons = new Map<string, PublicPerson | null>();
    const rows: Row[] = [];
    for (const d of page.detentions) {
      const person = persons.get(d.personId);
      let pub = publicPersons.get(d.personId);
      if (pub === undefined) {
        pub = person ? redactor.person(person) : null;
        publicPersons.set(d.personId, pub);
      }
      if (!pub || d.confidentiality === 'confidential') continue;
      const event = typeof d.eventId === 'string' ? events.get(d.eventId) : undefined;
      let publicEvent: PublicEvent | null = null;
      if (event) {
        publicEvent = publicEvents.get(event.id) ?? null;
        if (!publicEvents.has(event.id)) publicEvents.set(event.id, (publicEvent = redactor.event(event)));
      }
      rows.push(this.row(d, pub, event, publicEvent, places, charges.get(d.id) ?? [], redactor));
    }
    return rows;
  }

  /**
   * The page's redactor, built as the generic path built it: the page's persons, places and
   * organisations, then the persons whose names resemble the text the page publishes (its
   * events', places' and organisations' texts, pseudonyms and organisation names).
   */
  private async redactor(page: ExportPage, events: Map<string, StoredRecord>): Promise<Redactor> {
    const pageEvents = new Set<StoredRecord>();
    for (const d of page.detentions) {
      const event = typeof d.eventId === 'string' ? events.get(d.eventId) : undefined;
      if (event) pageEvents.add(event);
    }
    const organisations = new Map(page.organisations.map((o) => [o.id, String(o.name)]));
    const redactor = createRedactor({ persons: page.persons, organisations, places: page.places, tokens: this.tokens });
    const personTexts = page.persons.flatMap((p) => [p.pseudonym as string | null, ...p.roles.map((r) => r.organisationName)]);
    const texts = [...publishableTexts([...pageEvents, ...page.places, ...page.organisations]), ...personTexts];
    redactor.share(await this.resembling.listsFor([...texts, ...organisations.values()]));
    return redactor;
  }

  private row(
    d: ExportDetention, pub: PublicPerson, event: StoredRecord | undefined, publicEvent: PublicEvent | null, places: Map<string, ExportPlace>,
    charges: ExportCharge[], redactor: Redactor,
  ): Row {
    const labels = this.labels;
    const zone = typeof event?.timezone === 'string' ? event.timezone : 'Asia/Almaty';
    const local = localDateTime(String(d.apprehendedAt), zone);
    const timed = TIMED.has(String(d.apprehendedPrecision));
    const place: PublicPlace | null = typeof d.apprehendedPlaceId === 'string' ? redactor.place(places.get(d.apprehendedPlaceId)) : null;
    const roles = pub.roles.filter((r) => !r.eventId || r.eventId === d.eventId);
    const release = d.steps.find((s) => s.type === 'released' && s.at === d.releasedAt);
    const duration = release && timed && TIMED.has(release.precision) ? Math.round(((Date.parse(release.at) - Date.parse(String(d.apprehendedAt))) / 3_600_000) * 100) / 100 : null;
    return {
      ref: this.ref('d', d.id),
      person_ref: this.ref('p', d.personId),
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
      sources: d.sources,
    };
  }
}
