/**
 * Statistics shaping (pure): labels for breakdown keys, "at least N" wording, and the
 * reconciliation table that sets documented counts, numbers claimed by sources and official
 * figures side by side — three columns, never merged.
 */
import { type VocabularyTerm } from '../repositories.js';
import { type PublicEvent, type PublicOfficialFigure } from './redact.js';
import { type CountRow, type Dimension, type Totals } from './store.js';

/** Label of a vocabulary code in a language, falling back to English, then to the code. */
export type Labels = (vocabulary: string, code: string) => string;

export function labelsFrom(terms: VocabularyTerm[], language = 'en'): Labels {
  const map = new Map(terms.map((t) => [`${t.vocabulary}:${t.code}`, t.labels]));
  return (vocabulary, code) => {
    const labels = map.get(`${vocabulary}:${code}`);
    return labels?.[language] ?? labels?.en ?? code.replace(/_/g, ' ');
  };
}

const CUSTODY_STATES: Record<string, string> = { held: 'no charge or release recorded', released: 'released, no charge recorded', unknown: 'outcome not known' };

/** A readable label for one breakdown key. */
export function keyLabel(dimension: Dimension, key: string[], labels: Labels): string {
  const [a = '', b = ''] = key;
  switch (dimension) {
    case 'date':
    case 'event':
    case 'place':
      return a;
    case 'city':
      return a || '(city not recorded)';
    case 'role':
      return labels('role', a);
    case 'cityRole':
      return `${a || '(city not recorded)'} — ${labels('role', b)}`;
    case 'legalBasis':
      return labels('legal_basis', a);
    case 'charge':
      return `${labels('legal_code', a)} art. ${b}`;
    case 'chargeCode':
      return labels('legal_code', a);
    case 'outcome': {
      const [kind, code = ''] = a.split(':');
      if (kind === 'sentence') return labels('sentence_kind', code);
      if (kind === 'charge') return `charge ${labels('charge_outcome', code)}`;
      return CUSTODY_STATES[code] ?? code;
    }
  }
}

export interface BreakdownRow extends CountRow {
  label: string;
}

/** Rows with labels, in a stable order: dates ascending, everything else by size then label. */
export function shapeBreakdown(dimension: Dimension, rows: CountRow[], labels: Labels): BreakdownRow[] {
  const shaped = rows.map((r) => ({ ...r, label: keyLabel(dimension, r.key, labels) }));
  if (dimension === 'date') return shaped.sort((x, y) => (x.label < y.label ? -1 : 1));
  return shaped.sort((x, y) => y.people - x.people || y.detentions - x.detentions || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
}

/** "at least 54", "50–60", "about 20", "number not stated" — how a claimed number reads. */
export function describeClaim(min: number | null, max: number | null): string {
  const n = (v: number) => v.toLocaleString('en-US');
  if (min !== null && max === null) return `at least ${n(min)}`;
  if (min === null && max !== null) return `up to ${n(max)}`;
  if (min !== null && max !== null) return min === max ? `about ${n(min)}` : `${n(min)}–${n(max)}`;
  return 'number not stated';
}

/** Hours as "1 h 30 min", "3 days 4 h". */
export function describeHours(hours: number | null): string {
  if (hours === null) return '—';
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(minutes / 1440);
  const rest = Math.round((minutes - days * 1440) / 60);
  return `${days} days${rest ? ` ${rest} h` : ''}`;
}

/**
 * What a claimed or official number counts, recognised from its wording (estimates carry free
 * text). Unrecognised numbers are still shown, in "other numbers", never dropped.
 */
export const MEASURES: { key: string; label: string; test: RegExp }[] = [
  { key: 'role:journalist', label: 'Journalists detained', test: /journalist|журналист|журналшы/i },
  { key: 'role:human_rights_defender', label: 'Human rights defenders detained', test: /human rights defender|правозащитн|құқық қорғаушы/i },
  { key: 'charged:administrative', label: 'People charged under administrative law', test: /administrativ\w*\W+(\w+\W+){0,3}charg|charg\w*\W+(\w+\W+){0,3}administrativ|административн/i },
  { key: 'charged:criminal', label: 'People charged under criminal law', test: /criminal\w*\W+(\w+\W+){0,3}charg|charg\w*\W+(\w+\W+){0,3}criminal|уголовн/i },
  { key: 'role:activist', label: 'Activists detained', test: /\bactivists?\b|активист/i },
  { key: 'people', label: 'People detained', test: /^(individuals|people|persons|protesters|participants)\b.*\b(detained|arrested|apprehended)\b|задержан|ұсталған/i },
];

/** Legal codes counted by the "charged" measures. */
const CHARGE_CODES: Record<string, string[]> = { administrative: ['kz_koap'], criminal: ['kz_uk'] };

export function classifyMeasure(text: string): string | null {
  return MEASURES.find((m) => m.test.test(text))?.key ?? null;
}

export interface ClaimCell {
  text: string;
  measure: string;
  claimedBy: string | null;
  event: string;
  note: string | null;
}

export interface OfficialCell {
  value: number;
  issuer: string;
  issuedOn: string;
  measure: string;
}

export interface ReconciliationRow {
  /** A city, or null for every place in scope. */
  area: string | null;
  measure: string;
  label: string;
  documented: { detentions: number | null; people: number | null };
  claimed: ClaimCell[];
  official: OfficialCell[];
}

export interface Reconciliation {
  rows: ReconciliationRow[];
  /** Claimed numbers whose wording matched no documented measure (bus loads, station counts…). */
  otherClaims: (ClaimCell & { area: string | null })[];
  otherOfficial: (OfficialCell & { area: string | null })[];
}

export interface ReconciliationInput {
  totals: Totals;
  byRole: CountRow[];
  byCityRole: CountRow[];
  byCity: CountRow[];
  byChargeCode: CountRow[];
  events: PublicEvent[];
  figures: PublicOfficialFigure[];
}

const BASE_MEASURES = ['people', 'role:journalist', 'role:human_rights_defender', 'role:activist'];

/** Builds the reconciliation table: documented | claimed by sources | official, per area and measure. */
export function reconcile(input: ReconciliationInput): Reconciliation {
  const rows = new Map<string, ReconciliationRow>();
  const label = (measure: string) => MEASURES.find((m) => m.key === measure)?.label ?? measure;
  const documented = (area: string | null, measure: string): ReconciliationRow['documented'] => {
    const none = { detentions: null, people: null };
    const pick = (r: CountRow | undefined) => (r ? { detentions: r.detentions, people: r.people } : { detentions: 0, people: 0 });
    if (measure === 'people') return area === null ? { detentions: input.totals.detentions, people: input.totals.people } : pick(input.byCity.find((r) => r.key[0] === area));
    if (measure.startsWith('role:')) {
      const role = measure.slice(5);
      return area === null ? pick(input.byRole.find((r) => r.key[0] === role)) : pick(input.byCityRole.find((r) => r.key[0] === area && r.key[1] === role));
    }
    if (measure.startsWith('charged:') && area === null) {
      const codes = CHARGE_CODES[measure.slice(8)] ?? [];
      const hits = input.byChargeCode.filter((r) => codes.includes(r.key[0] ?? ''));
      return hits.length === 1 ? pick(hits[0]) : hits.length === 0 ? pick(undefined) : none;
    }
    return none;
  };
  const row = (area: string | null, measure: string): ReconciliationRow => {
    const id = `${area ?? ''}|${measure}`;
    let r = rows.get(id);
    if (!r) {
      r = { area, measure, label: label(measure), documented: documented(area, measure), claimed: [], official: [] };
      rows.set(id, r);
    }
    return r;
  };
  for (const m of BASE_MEASURES) row(null, m);
  const other: Reconciliation['otherClaims'] = [];
  const otherOfficial: Reconciliation['otherOfficial'] = [];
  const eventCity = new Map(input.events.map((e) => [e.id, e.city]));
  for (const event of input.events) {
    for (const est of event.estimates) {
      const cell: ClaimCell = { text: describeClaim(est.min, est.max), measure: est.measure, claimedBy: est.claimedBy, event: event.title, note: est.note };
      const measure = classifyMeasure(est.measure);
      const area = event.city;
      if (measure && !(measure.startsWith('charged:') && area !== null)) row(area, measure).claimed.push(cell);
      else other.push({ ...cell, area });
    }
  }
  for (const f of input.figures) {
    const cell: OfficialCell = { value: f.value, issuer: f.issuer, issuedOn: f.issuedOn, measure: f.measure };
    const area = (f.eventId ? eventCity.get(f.eventId) : null) ?? null;
    const measure = classifyMeasure(f.measure);
    if (measure && !(measure.startsWith('charged:') && area !== null)) row(area, measure).official.push(cell);
    else otherOfficial.push({ ...cell, area });
  }
  const order = (r: ReconciliationRow) => [r.area === null ? 0 : 1, r.area ?? '', MEASURES.findIndex((m) => m.key === r.measure) === -1 ? 99 : ['people', 'role:journalist', 'role:human_rights_defender', 'role:activist', 'charged:administrative', 'charged:criminal'].indexOf(r.measure)] as const;
  const sorted = [...rows.values()].sort((x, y) => {
    const [a1, a2, a3] = order(x);
    const [b1, b2, b3] = order(y);
    return a1 - b1 || (a2 < b2 ? -1 : a2 > b2 ? 1 : 0) || a3 - b3;
  });
  return { rows: sorted, otherClaims: other, otherOfficial };
}
