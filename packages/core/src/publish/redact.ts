/**
 * THE redaction module. Everything that leaves Vigil for the public — statistics, reports (HTML,
 * PDF, DOCX), open data (CSV, JSON, GeoJSON, ACLED), public pages — is built from the Public*
 * shapes below, and those shapes are produced only here. Renderers never see a stored record.
 *
 * Rules (docs/PUBLISHING.md explains them for editors):
 * - A person's names are published only when consent to publication is `granted` and the record
 *   is not `confidential`. Otherwise: the pseudonym, else "Name withheld". A name of kind
 *   `description` ("Unidentified journalist (Megapolis)") is not an identity and is shown unless
 *   consent is `withheld`.
 * - Contact details, notes, birth year, age and sex are never published.
 * - A `confidential` person, detention, event, place or source is not listed at all (it still
 *   counts in aggregate numbers).
 * - Homes and offices are reduced to their city; restricted places lose the address and their
 *   coordinates are rounded to about 1 km; only public places keep address and exact position.
 * - Free text that is published (event titles and summaries, claims, official figures, source
 *   titles) is scrubbed: e-mail addresses and phone numbers, exact contact and address strings,
 *   and every word that matches a token of an uncleared person's name (inflected forms too).
 *   Over-redaction (a common given name shared with someone cleared) is accepted.
 */
import { nameTokens } from '../names/index.js';
import { type StoredRecord } from '../repositories.js';
import { ForgetList, WITHHELD } from './forget-list.js';

export { WITHHELD };
export const NAME_WITHHELD = 'Name withheld';
const PRIVATE_PLACE_KINDS = new Set(['home', 'office']);

type Rec = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

interface NameRow {
  value: string;
  script?: string | null;
  kind?: string | null;
}
interface RoleRow {
  role: string;
  eventId?: string | null;
  organisationId?: string | null;
  organisationName?: string | null;
}

/** Whether a person's identity may be published: consent granted, not confidential, not deleted. */
export function identityCleared(person: { consent?: unknown; confidentiality?: unknown; deletedAt?: unknown }): boolean {
  return person.consent === 'granted' && person.confidentiality !== 'confidential' && !person.deletedAt;
}

/** Whether a record may appear in a listing at all (confidential and deleted ones only count). */
export function listable(record: { confidentiality?: unknown; deletedAt?: unknown } | null | undefined): boolean {
  return !!record && record.confidentiality !== 'confidential' && !record.deletedAt;
}

export interface PublicPerson {
  /** True when the names below are the person's real names. */
  cleared: boolean;
  displayName: string;
  /** Real names (cleared persons only), each with its script: Cyrillic beside Latin. */
  names: { value: string; script: string | null }[];
  countingUnit: string;
  groupSize: number | null;
  roles: { role: string; eventId: string | null; organisation: string | null }[];
}

export interface PublicPlace {
  name: string;
  kind: string;
  city: string | null;
  region: string | null;
  country: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: string | null;
}

export interface PublicEstimate {
  measure: string;
  min: number | null;
  max: number | null;
  claimedBy: string | null;
  note: string | null;
}

export interface PublicEvent {
  id: string;
  title: string;
  type: string;
  startAt: string;
  startPrecision: string;
  endAt: string | null;
  timezone: string;
  city: string | null;
  region: string | null;
  country: string;
  placeIds: string[];
  summary: string | null;
  estimates: PublicEstimate[];
  sourceIds: string[];
}

export interface PublicSource {
  id: string;
  kind: string;
  title: string;
  author: string | null;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
}

export interface PublicOfficialFigure {
  issuer: string;
  issuedOn: string;
  measure: string;
  value: number;
  scope: string | null;
  eventId: string | null;
  region: string | null;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Phone numbers: "+" and 7+ digits, or 9+ digits, with the usual separators (dates are spared below). */
const PHONE = /\+\d(?:[\s().-]*\d){6,}|\b\d(?:[\s().-]*\d){8,}/g;
const DATE_LIKE = /\d{4}-\d{2}-\d{2}/;
const WORD = /[\p{L}\p{M}'’ʼ-]+/gu;

/**
 * Builds the redactor for one output. `persons` are every person the output may mention: those
 * in scope and those whose names resemble words of its free text (found by name search).
 */
export function createRedactor(options: {
  persons?: readonly Rec[];
  organisations?: Map<string, string>;
  places?: readonly Rec[];
  /** How names are folded into tokens: `nameTokens`, or its word-by-word equivalent (forget-list.ts). */
  tokens?: (name: string) => string[];
} = {}): Redactor {
  const redactor = new Redactor(options.organisations ?? new Map<string, string>(), options.places ?? [], options.tokens);
  redactor.know(options.persons ?? []);
  return redactor;
}

/** Adds the names of persons an output covers to a list: uncleared ones' names and contact, cleared ones' contact. */
export function rememberPersons(list: ForgetList, persons: readonly Rec[]): void {
  for (const p of persons) {
    // A description ("Unidentified journalist") is not an identity: scrubbing its words would eat ordinary text.
    const names = ((p.names as NameRow[] | null) ?? []).filter((n) => n.kind !== 'description').map((n) => n.value);
    if (!identityCleared(p)) list.forget(names, str(p.contact));
    else if (str(p.contact)) list.addExact(String(p.contact));
  }
}

/** Scrubbed texts kept per redactor (texts repeat: a legal article, an event title on every row). */
const MEMO_MAX = 5_000;

/** Turns stored records into their public shapes; see the module comment for the rules. */
export class Redactor {
  /** This redactor's own names, contacts and addresses, then lists shared with other redactors. */
  private readonly own: ForgetList;
  private readonly lists: ForgetList[];
  private readonly memo = new Map<string, string>();

  constructor(
    private readonly organisations: Map<string, string>,
    places: readonly Rec[],
    tokens: (name: string) => string[] = nameTokens,
  ) {
    this.own = new ForgetList(tokens);
    this.lists = [this.own];
    for (const place of places) {
      if (!listable(place) || place.confidentiality !== 'public' || PRIVATE_PLACE_KINDS.has(String(place.kind))) {
        const address = str(place.address);
        if (address) this.own.addExact(address);
      }
    }
  }

  /** Adds names (and a contact) that must never appear in free text. */
  forget(names: string[], contact?: string | null): void {
    this.own.forget(names, contact);
    this.memo.clear();
  }

  /** Registers the stored persons an output covers, so their uncleared names are scrubbed from text. */
  know(persons: readonly Rec[]): void {
    rememberPersons(this.own, persons);
    this.memo.clear();
  }

  /**
   * Adds lists built once and shared by many redactors (an export's resembling persons). They are
   * scrubbed after this redactor's own entries, in the order given; a list must not change once shared.
   */
  share(lists: readonly ForgetList[]): void {
    this.lists.push(...lists);
    this.memo.clear();
  }

  /** Scrubs free text for publication; null stays null. */
  text(value: unknown): string | null {
    const text = str(value);
    if (text === null) return null;
    const hit = this.memo.get(text);
    if (hit !== undefined) return hit;
    const out = this.scrub(text);
    if (this.memo.size >= MEMO_MAX) this.memo.clear();
    this.memo.set(text, out);
    return out;
  }

  private scrub(text: string): string {
    let out = text;
    for (const list of this.lists) out = list.scrub(out);
    out = out.replace(EMAIL, WITHHELD).replace(PHONE, (m) => {
      // A date caught in the run of digits is kept; what comes before it is scrubbed if it is phone-long.
      const date = DATE_LIKE.exec(m);
      if (!date) return WITHHELD;
      const before = m.slice(0, date.index);
      return `${(before.match(/\d/g) ?? []).length >= 7 ? `${WITHHELD} ` : before}${m.slice(date.index)}`;
    });
    const named = this.lists.filter((l) => l.hasTokens);
    if (named.length === 0) return out;
    return out.replace(WORD, (word) => (nameTokens(word).some((w) => named.some((l) => l.isNameToken(w))) ? WITHHELD : word));
  }

  /** A person as the public may see them, or null when the person must not be listed. */
  person(p: Rec): PublicPerson | null {
    if (!listable(p)) return null;
    const cleared = identityCleared(p);
    const allNames = (p.names as NameRow[] | null) ?? [];
    const real = cleared ? allNames.filter((n) => n.kind !== 'description') : [];
    const names = real.map((n) => ({ value: n.value, script: n.script ?? null }));
    const description = p.consent !== 'withheld' ? allNames.find((n) => n.kind === 'description')?.value : undefined;
    const displayName = primaryName(real) ?? this.text(p.pseudonym) ?? (description ? this.text(description) : null) ?? NAME_WITHHELD;
    const roles = ((p.roles as RoleRow[] | null) ?? []).map((r) => ({
      role: r.role,
      eventId: r.eventId ?? null,
      organisation: p.consent === 'withheld' ? null : this.text(r.organisationId ? (this.organisations.get(r.organisationId) ?? r.organisationName) : r.organisationName),
    }));
    return { cleared, displayName, names, countingUnit: str(p.countingUnit) ?? 'individual', groupSize: num(p.groupSize), roles };
  }

  place(p: Rec | null | undefined): PublicPlace | null {
    if (!p || !listable(p)) return null;
    const base = { kind: String(p.kind), city: str(p.city), region: str(p.region), country: str(p.country) };
    if (PRIVATE_PLACE_KINDS.has(base.kind)) {
      return { ...base, name: base.kind === 'home' ? 'a private home' : 'an office', address: null, lat: null, lon: null, geoPrecision: base.city ? 'locality' : null };
    }
    const name = this.text(p.name) ?? WITHHELD;
    const lat = num(p.lat);
    const lon = num(p.lon);
    if (p.confidentiality !== 'public') {
      const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
      return { ...base, name, address: null, lat: round(lat), lon: round(lon), geoPrecision: lat === null ? null : 'locality' };
    }
    return { ...base, name, address: this.text(p.address), lat, lon, geoPrecision: str(p.geoPrecision) };
  }

  event(e: StoredRecord): PublicEvent | null {
    if (!listable(e)) return null;
    const estimates = ((e.estimates as Rec[] | null) ?? []).map((x) => this.estimate(x));
    return {
      id: e.id,
      title: this.text(e.title) ?? '',
      type: String(e.type),
      startAt: String(e.startAt),
      startPrecision: String(e.startPrecision),
      endAt: str(e.endAt),
      timezone: str(e.timezone) ?? 'Asia/Almaty',
      city: str(e.city),
      region: str(e.region),
      country: str(e.country) ?? 'KZ',
      placeIds: (e.placeIds as string[] | null) ?? [],
      summary: e.confidentiality === 'public' ? this.text(e.summary) : null,
      estimates,
      sourceIds: (e.sourceIds as string[] | null) ?? [],
    };
  }

  estimate(x: Rec): PublicEstimate {
    return { measure: this.text(x.measure) ?? '', min: num(x.min), max: num(x.max), claimedBy: this.text(x.claimedBy), note: this.text(x.note) };
  }

  source(s: StoredRecord): PublicSource | null {
    if (!listable(s)) return null;
    const kind = String(s.kind);
    if (s.protectedIdentity === true || s.confidentiality !== 'public') {
      return { id: s.id, kind, title: `Unpublished source (${kind.replace(/_/g, ' ')})`, author: null, outlet: null, url: null, publishedAt: null };
    }
    return { id: s.id, kind, title: this.text(s.title) ?? '', author: this.text(s.author), outlet: this.text(s.outlet), url: str(s.url), publishedAt: str(s.publishedAt) };
  }

  officialFigure(f: StoredRecord): PublicOfficialFigure | null {
    if (!listable(f)) return null;
    return {
      issuer: this.text(f.issuer) ?? '', issuedOn: String(f.issuedOn), measure: this.text(f.measure) ?? '', value: Number(f.value),
      scope: this.text(f.scope), eventId: str(f.eventId), region: this.text(f.region),
    };
  }
}

/** The name shown first: a full Latin name (the report's language), then any full name, then any. */
function primaryName(names: NameRow[]): string | null {
  if (names.length === 0) return null;
  const full = names.filter((n) => n.kind === 'full');
  const pool = full.length > 0 ? full : names;
  const latin = pool.find((n) => n.script === 'latn');
  const cyrillic = pool.find((n) => n.script === 'cyrl');
  const first = latin ?? names[0];
  if (!first) return null;
  return cyrillic && latin ? `${latin.value} (${cyrillic.value})` : first.value;
}

/** One stored person, redacted, for callers that hold a single record (API responses to viewers). */
export function redactPerson(person: StoredRecord, organisations: Map<string, string> = new Map()): PublicPerson | null {
  return createRedactor({ organisations }).person(person);
}

/** Fields of other records that carry no identity; free text among them is scrubbed. */
const PUBLIC_FIELDS: Record<string, { plain: string[]; text: string[] }> = {
  organisation: { plain: ['id', 'kind', 'parentId', 'city'], text: ['name', 'jurisdiction'] },
  detention: { plain: ['id', 'personId', 'eventId', 'apprehendedAt', 'apprehendedPrecision', 'apprehendedPlaceId', 'apprehendedByIds', 'city', 'legalBasis', 'jurisdiction', 'custodyState', 'releasedAt'], text: ['legalArticle'] },
  act: { plain: ['id', 'type', 'eventId', 'startAt', 'startPrecision', 'endAt', 'endPrecision', 'placeId', 'methods', 'consequences', 'conditions'], text: [] },
  charge: { plain: ['id', 'personId', 'detentionId', 'eventId', 'code', 'article', 'part', 'filedOn', 'outcome', 'decidedOn', 'sentenceKind', 'sentenceDays', 'fineAmount', 'fineCurrency'], text: ['court'] },
  complaint: { plain: ['id', 'body', 'filedOn', 'detentionId', 'actId', 'eventId', 'status'], text: [] },
};

/**
 * Any stored record as the public (or the viewer role) may see it, or null when it must not be
 * shown. Persons, places, events, sources and official figures use the rules above; other kinds
 * keep only fields that carry no identity (custody-step notes, perpetrator descriptions, who
 * filed a complaint, notes and the wording of times never leave).
 */
export function redactRecord(entity: string, record: StoredRecord, redactor: Redactor = createRedactor()): Record<string, unknown> | null {
  if (!listable(record)) return null;
  switch (entity) {
    case 'person':
      return redactor.person(record) as Record<string, unknown> | null;
    case 'place':
      return redactor.place(record) as Record<string, unknown> | null;
    case 'event':
      return redactor.event(record) as Record<string, unknown> | null;
    case 'source':
      return redactor.source(record) as Record<string, unknown> | null;
    case 'officialFigure':
      return redactor.officialFigure(record) as Record<string, unknown> | null;
  }
  const fields = PUBLIC_FIELDS[entity];
  if (!fields) return null;
  const out: Record<string, unknown> = {};
  for (const key of fields.plain) out[key] = record[key] ?? null;
  for (const key of fields.text) out[key] = redactor.text(record[key]);
  if (entity === 'detention') {
    out.steps = ((record.steps as { type: string; at: string; precision: string; placeId: string | null }[] | null) ?? []).map((s) => ({ type: s.type, at: s.at, precision: s.precision, placeId: s.placeId ?? null }));
  }
  return out;
}
