/**
 * The report model: everything a report shows, already redacted, as plain JSON. HTML, PDF and
 * DOCX are renderings of this model only; a published report stores this model, never records.
 */
import { type StoredRecord } from '../repositories.js';
import { type Catalogue } from '../standards/index.js';
import { type PublicOfficialFigure, type PublicSource, type Redactor } from './redact.js';
import { buildReportFindings, type ReportFindings } from './report-findings.js';
import { type BreakdownRow, describeHours, type Labels, type Reconciliation, reconcile, shapeBreakdown } from './stats.js';
import { type ConfirmedFinding, type CountRow, type Durations, type Totals } from './store.js';
import { TIMED, when, zoneOf } from './report-time.js';
import { localDateTime, offsetMinutes } from './timezones.js';

/** Roles with a named list per city, in this order. */
export const LISTED_ROLES = ['journalist', 'human_rights_defender', 'activist'] as const;

export interface ListedPerson {
  name: string;
  organisation: string | null;
  time: string;
  place: string | null;
  outcome: string;
  /** Labels of the other lists this person is also in (a journalist who is also a defender). */
  alsoIn: string[];
  detentions: number;
}

export interface ReportModel {
  kind: 'vigil-report';
  version: 1;
  title: string;
  scopeDescription: string;
  generatedAt: string;
  summary: {
    detentions: number;
    people: number;
    peopleAtLeast: boolean;
    roles: BreakdownRow[];
    cities: BreakdownRow[];
    durations: { measured: number; median: string; longest: string; held: number; unknown: number };
    unnamed: number;
    notListed: number;
    unsourced: number;
  };
  reconciliation: Reconciliation;
  lists: { city: string; groups: { role: string; label: string; people: ListedPerson[] }[] }[];
  chronology: { when: string; city: string | null; text: string }[];
  breakdowns: { outcome: BreakdownRow[]; charge: BreakdownRow[]; legalBasis: BreakdownRow[]; date: BreakdownRow[] };
  officialFigures: PublicOfficialFigure[];
  /** Confirmed standards findings with their citations; absent in reports published before findings were reported. */
  findings?: ReportFindings;
  methodology: string[];
  sources: PublicSource[];
}

/** The records and counts one report is built from; only `redactor` may turn them into output. */
export interface ReportData {
  title: string;
  scopeDescription: string;
  generatedAt: string;
  totals: Totals;
  durations: Durations;
  byCity: CountRow[];
  byRole: CountRow[];
  byCityRole: CountRow[];
  byChargeCode: CountRow[];
  byOutcome: CountRow[];
  byCharge: CountRow[];
  byLegalBasis: CountRow[];
  byDate: CountRow[];
  events: StoredRecord[];
  detentions: StoredRecord[];
  persons: Map<string, StoredRecord>;
  places: Map<string, StoredRecord>;
  charges: StoredRecord[];
  sources: StoredRecord[];
  figures: StoredRecord[];
  /** Confirmed findings in scope, and the records their subjects point at (`entity:id`). */
  findings: ConfirmedFinding[];
  findingRecords: Map<string, StoredRecord>;
  catalogue: Catalogue;
  labels: Labels;
  redactor: Redactor;
}

type Step = { type: string; at: string; precision: string; placeId: string | null };

function outcomeOf(d: StoredRecord, charges: StoredRecord[], labels: Labels): string {
  const parts = charges.map((c) => {
    const kind = typeof c.sentenceKind === 'string' ? c.sentenceKind : null;
    const article = `${labels('legal_code', String(c.code))}${c.article === 'unknown' ? '' : ` art. ${String(c.article)}`}`;
    if (kind === 'fine' && typeof c.fineAmount === 'number') return `fined ${c.fineAmount.toLocaleString('en-US')} ${typeof c.fineCurrency === 'string' ? c.fineCurrency : 'KZT'} (${article})`;
    if (kind === 'administrative_arrest' && typeof c.sentenceDays === 'number') return `${c.sentenceDays} days' administrative arrest (${article})`;
    if (kind) return `${labels('sentence_kind', kind)} (${article})`;
    return `charged, ${labels('charge_outcome', String(c.outcome))} (${article})`;
  });
  const steps = (d.steps as Step[] | null) ?? [];
  const release = steps.find((s) => s.type === 'released' && s.at === d.releasedAt);
  if (d.custodyState === 'released') {
    const timed = release && TIMED.has(release.precision) && TIMED.has(String(d.apprehendedPrecision));
    parts.push(timed ? `released after ${describeHours((Date.parse(release.at) - Date.parse(String(d.apprehendedAt))) / 3_600_000)}` : 'released');
  } else if (d.custodyState === 'held' && steps.some((s) => s.type === 'house_arrest')) parts.push('house arrest');
  else if (parts.length === 0) parts.push(d.custodyState === 'held' ? 'release not recorded' : 'not known');
  return [...new Set(parts)].join('; ');
}

function placeOf(d: StoredRecord, data: ReportData): string | null {
  const steps = (d.steps as Step[] | null) ?? [];
  const apprehended = typeof d.apprehendedPlaceId === 'string' ? data.redactor.place(data.places.get(d.apprehendedPlaceId)) : null;
  const heldAt = steps.filter((s) => (s.type === 'taken_to' || s.type === 'transferred') && s.placeId).map((s) => data.redactor.place(data.places.get(String(s.placeId)))).find((p) => p);
  const names = [apprehended?.name, heldAt && heldAt.name !== apprehended?.name ? `held at ${heldAt.name}` : null].filter((x): x is string => !!x);
  return names.length > 0 ? names.join('; ') : null;
}

/** Per city, per listed role: each person once, with every detention of theirs in that city. */
function buildLists(data: ReportData, events: Map<string, StoredRecord>, multiDay: boolean): ReportModel['lists'] {
  const chargesOf = new Map<string, StoredRecord[]>();
  for (const c of data.charges) chargesOf.set(String(c.detentionId), [...(chargesOf.get(String(c.detentionId)) ?? []), c]);
  type Entry = { person: StoredRecord; detentions: StoredRecord[]; roles: Set<string> };
  const byCity = new Map<string, Map<string, Entry>>();
  for (const d of data.detentions) {
    const person = data.persons.get(String(d.personId));
    if (!person || !data.redactor.person(person) || d.confidentiality === 'confidential') continue;
    const roles = ((person.roles as { role: string; eventId: string | null }[] | null) ?? []).filter((r) => !r.eventId || r.eventId === d.eventId).map((r) => r.role);
    const listed = LISTED_ROLES.filter((r) => roles.includes(r));
    if (listed.length === 0) continue;
    const city = typeof d.city === 'string' && d.city ? d.city : '(city not recorded)';
    const people = byCity.get(city) ?? new Map<string, Entry>();
    const entry = people.get(person.id) ?? { person, detentions: [], roles: new Set<string>() };
    entry.detentions.push(d);
    listed.forEach((r) => entry.roles.add(r));
    people.set(person.id, entry);
    byCity.set(city, people);
  }
  const cities = [...byCity.keys()].sort((a, b) => (byCity.get(b)?.size ?? 0) - (byCity.get(a)?.size ?? 0) || (a < b ? -1 : 1));
  return cities.map((city) => {
    const entries = [...(byCity.get(city)?.values() ?? [])];
    const groups = LISTED_ROLES.map((role) => {
      const people = entries.filter((e) => e.roles.has(role)).map((e): ListedPerson & { sortKey: string } => {
        const pub = data.redactor.person(e.person);
        const orgs = [...new Set((pub?.roles ?? []).filter((r) => r.role === role && (!r.eventId || e.detentions.some((d) => d.eventId === r.eventId))).map((r) => r.organisation).filter((o): o is string => !!o))];
        return {
          name: pub?.displayName ?? '',
          organisation: orgs.length > 0 ? orgs.join(', ') : null,
          time: e.detentions.map((d) => when(String(d.apprehendedAt), String(d.apprehendedPrecision), zoneOf(d, events), multiDay)).join('; '),
          place: [...new Set(e.detentions.map((d) => placeOf(d, data)).filter((p): p is string => !!p))].join(' | ') || null,
          outcome: e.detentions.map((d) => outcomeOf(d, chargesOf.get(d.id) ?? [], data.labels)).join(' | '),
          alsoIn: [...e.roles].filter((r) => r !== role).map((r) => data.labels('role', r)),
          detentions: e.detentions.length,
          // Timed detentions first, in time order; the rest by name.
          sortKey: e.detentions.some((d) => TIMED.has(String(d.apprehendedPrecision))) ? `0|${String(e.detentions[0]?.apprehendedAt)}|${pub?.displayName ?? ''}` : `1|${pub?.displayName ?? ''}`,
        };
      });
      people.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
      return { role, label: data.labels('role', role), people: people.map(({ sortKey: _s, ...p }) => p) };
    }).filter((g) => g.people.length > 0);
    return { city, groups };
  });
}

function buildChronology(data: ReportData, events: Map<string, StoredRecord>, multiDay: boolean): ReportModel['chronology'] {
  const offsets = new Set(data.detentions.map((d) => offsetMinutes(Date.parse(String(d.apprehendedAt)), zoneOf(d, events))));
  const zoned = offsets.size > 1;
  const items: { sort: string; when: string; city: string | null; text: string }[] = [];
  for (const e of data.events) {
    const pub = data.redactor.event(e);
    if (!pub) continue;
    items.push({ sort: pub.startAt, when: when(pub.startAt, pub.startPrecision, pub.timezone, true), city: pub.city, text: pub.title });
  }
  const untimed = new Map<string, number>();
  for (const d of data.detentions) {
    const person = data.persons.get(String(d.personId));
    const pub = person ? data.redactor.person(person) : null;
    const zone = zoneOf(d, events);
    const city = typeof d.city === 'string' ? d.city : null;
    if (!pub || d.confidentiality === 'confidential' || !TIMED.has(String(d.apprehendedPrecision))) {
      const key = `${localDateTime(String(d.apprehendedAt), zone).slice(0, 10)}|${city ?? ''}`;
      untimed.set(key, (untimed.get(key) ?? 0) + 1);
      continue;
    }
    const roles = [...new Set(pub.roles.filter((r) => !r.eventId || r.eventId === d.eventId).map((r) => data.labels('role', r.role)))];
    const who = `${pub.displayName}${roles.length > 0 ? ` (${roles.join(', ')})` : ''}`;
    const place = placeOf(d, data);
    items.push({ sort: String(d.apprehendedAt), when: when(String(d.apprehendedAt), String(d.apprehendedPrecision), zone, multiDay, zoned), city, text: `${who} detained${place ? ` — ${place}` : ''}` });
    const release = ((d.steps as Step[] | null) ?? []).find((s) => s.type === 'released' && s.at === d.releasedAt && TIMED.has(s.precision));
    if (release) items.push({ sort: release.at, when: when(release.at, release.precision, zone, multiDay, zoned), city, text: `${pub.displayName} released` });
  }
  for (const [key, n] of untimed) {
    const [date = '', city = ''] = key.split('|');
    items.push({ sort: `${date}T23:59:59.999Z~`, when: date, city: city || null, text: `${n} detention${n === 1 ? '' : 's'} documented without a time of arrest` });
  }
  return items.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0)).map(({ sort: _s, ...rest }) => rest);
}

function methodology(data: ReportData, sources: PublicSource[], unnamed: number, notListed: number, unsourced: number, findings: ReportFindings): string[] {
  const t = data.totals;
  return [
    `Sources. This report is generated by Vigil from ${data.detentions.length} documented detention record(s) and ${sources.length} source(s), listed below. Every figure in the "documented" column is a count of records that monitors entered and linked to sources; ${unsourced} detention record(s) in scope cite no source yet.`,
    `Detentions and people. A detention is one deprivation of liberty; a person detained twice counts as two detentions and one person. The report therefore gives both numbers: ${t.detentions} detention(s) of ${t.people} person(s).`,
    'Roles. A person may hold several roles at an event: a journalist who is also a human rights defender appears in both lists and is counted in both role figures, but only once in the total of people.',
    `"At least N". Documented counts are a floor: they include only people whom monitors could identify or describe.${t.groupRecords > 0 ? ` ${t.groupRecords} record(s) stand for groups and count as their estimated size.` : ''} Numbers claimed by sources and official figures are shown beside them, quoted as given, in separate columns; the three are never added together or merged.`,
    `Identities. Names are published only for people who consented to publication. ${unnamed} person(s) in the lists are shown by pseudonym or as "Name withheld"; ${notListed} confidential record(s) are counted in the figures but not listed. Contacts, home addresses and personal details are never published.`,
    `Findings. Vigil's standards engine reads the recorded facts and suggests where international standards or Kazakh law may have been breached, citing each provision. A suggestion is published only after a reviewer confirmed it for the facts as they stand: ${findings.items.length} confirmed finding(s) are listed${findings.notListed > 0 ? `, and ${findings.notListed} more concern confidential records and are not described` : ''}. Suggestions not yet reviewed, rejected ones, and confirmed ones whose facts have changed since are left out. Each citation is marked [V] checked against the text, [P] partly checked, or [R] taken from secondary sources.`,
    'Time. Times are local to each event (tz database: Almaty was UTC+6 until March 2024). A time written "~11:30" is approximate; a date alone means the source gave no time. Custody durations run from the actual restriction of liberty to release and are computed only where both are known to the hour.',
  ];
}

/** Builds the redacted report model from scoped records and counts. */
export function buildReportModel(data: ReportData): ReportModel {
  const events = new Map(data.events.map((e) => [e.id, e]));
  const publicEvents = data.events.map((e) => data.redactor.event(e)).filter((e): e is NonNullable<typeof e> => !!e);
  const figures = data.figures.map((f) => data.redactor.officialFigure(f)).filter((f): f is PublicOfficialFigure => !!f);
  const sources = data.sources.map((s) => data.redactor.source(s)).filter((s): s is PublicSource => !!s);
  const dates = new Set(data.byDate.map((r) => r.key[0]));
  const multiDay = dates.size > 1;
  let unnamed = 0;
  let notListed = 0;
  for (const p of data.persons.values()) {
    const pub = data.redactor.person(p);
    if (!pub) notListed += 1;
    else if (!pub.cleared) unnamed += 1;
  }
  notListed += data.detentions.filter((d) => d.confidentiality === 'confidential').length;
  const unsourced = data.detentions.filter((d) => ((d.sourceIds as string[] | null) ?? []).length === 0).length;
  const findings = buildReportFindings({ findings: data.findings, records: data.findingRecords, events, redactor: data.redactor, labels: data.labels, catalogue: data.catalogue });
  return {
    kind: 'vigil-report',
    version: 1,
    title: data.redactor.text(data.title) ?? 'Report',
    scopeDescription: data.redactor.text(data.scopeDescription) ?? '',
    generatedAt: data.generatedAt,
    summary: {
      detentions: data.totals.detentions,
      people: data.totals.people,
      peopleAtLeast: data.totals.groupRecords > 0,
      roles: shapeBreakdown('role', data.byRole.filter((r) => r.key[0]), data.labels),
      cities: shapeBreakdown('city', data.byCity, data.labels),
      durations: {
        measured: data.durations.measured,
        median: describeHours(data.durations.medianHours),
        longest: describeHours(data.durations.longestHours),
        held: data.durations.held,
        unknown: data.durations.unknown,
      },
      unnamed,
      notListed,
      unsourced,
    },
    reconciliation: reconcile({
      totals: data.totals, byRole: data.byRole, byCityRole: data.byCityRole, byCity: data.byCity, byChargeCode: data.byChargeCode, events: publicEvents, figures,
    }),
    lists: buildLists(data, events, multiDay),
    chronology: buildChronology(data, events, multiDay),
    breakdowns: {
      outcome: shapeBreakdown('outcome', data.byOutcome, data.labels),
      charge: shapeBreakdown('charge', data.byCharge, data.labels),
      legalBasis: shapeBreakdown('legalBasis', data.byLegalBasis, data.labels),
      date: shapeBreakdown('date', data.byDate, data.labels),
    },
    officialFigures: figures,
    findings,
    methodology: methodology(data, sources, unnamed, notListed, unsourced, findings),
    sources,
  };
}
