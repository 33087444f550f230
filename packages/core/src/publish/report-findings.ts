/**
 * The report's findings section: breaches of standards that a reviewer CONFIRMED. Suggestions
 * nobody reviewed, rejected ones, and confirmed ones whose facts changed since (needs_review)
 * are never published. Each finding carries the standards it cites as catalogued — instrument,
 * citation and how firmly the citation was checked — and its subject described through the
 * redactor only: a pseudonym or "Name withheld", never a withheld identity. Review notes are
 * not published (they are free text written for colleagues).
 */
import { presentStandard } from '../findings/present.js';
import { type StoredRecord } from '../repositories.js';
import { type Catalogue } from '../standards/index.js';
import { listable, type Redactor } from './redact.js';
import { when, zoneOf } from './report-time.js';
import { type Labels } from './stats.js';
import { type ConfirmedFinding } from './store.js';

export interface ReportFindingStandard {
  id: string;
  instrument: string;
  citation: string;
  /** How firmly the citation was checked: V (against the text), P (partly), R (secondary sources only). */
  mark: string;
  /** The mark spelt out: "[V] checked against the text", "[R] from secondary sources: …". */
  verification: string;
}

export interface ReportFinding {
  /** Who or what it is about, as published: "Detention of Journalist A (Journalist)". */
  subject: string;
  /** Local date (and time when known) of the subject. */
  when: string | null;
  city: string | null;
  /** What the engine found, in the words of its rule (no names: rules write from codes and numbers). */
  finding: string;
  severity: string;
  standards: ReportFindingStandard[];
  /** Date the reviewer confirmed it (YYYY-MM-DD). */
  confirmedOn: string | null;
}

export interface ReportFindings {
  items: ReportFinding[];
  /** Confirmed findings about a confidential or deleted record: they exist, but are not described. */
  notListed: number;
}

export interface FindingsInput {
  findings: ConfirmedFinding[];
  /** Subject records and their context, by `entity:id` (detentions, charges, acts, persons, events). */
  records: Map<string, StoredRecord>;
  events: Map<string, StoredRecord>;
  redactor: Redactor;
  labels: Labels;
  catalogue: Catalogue;
}

const MARKS: Record<string, string> = { checked: '[V]', partly: '[P]', to_check: '[R]' };
const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

interface Described {
  subject: string;
  when: string | null;
  sort: string;
  city: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Describes a finding's subject for publication, or null when it must not be described at all. */
function describe(f: ConfirmedFinding, input: FindingsInput): Described | null {
  const { records, redactor, labels, events } = input;
  const get = (entity: string, id: unknown) => (typeof id === 'string' ? records.get(`${entity}:${id}`) : undefined);
  // A person who may not be listed (confidential, deleted) hides every finding about them.
  const personName = (id: unknown): string | null | undefined => {
    if (id === null || id === undefined) return undefined;
    const person = get('person', id);
    return person ? (redactor.person(person)?.displayName ?? null) : null;
  };
  const rolesOf = (personId: unknown, eventId: unknown): string => {
    const person = get('person', personId);
    const roles = ((person?.roles as { role: string; eventId: string | null }[] | null) ?? []).filter((r) => !r.eventId || r.eventId === eventId);
    const shown = [...new Set(roles.map((r) => labels('role', r.role)))];
    return shown.length > 0 ? ` (${shown.join(', ')})` : '';
  };
  const record = get(f.subjectEntity, f.subjectId);
  if (!record || !listable(record)) return null;
  switch (f.subjectEntity) {
    case 'detention': {
      const name = personName(record.personId);
      if (!name) return null;
      const at = String(record.apprehendedAt);
      return { subject: `Detention of ${name}${rolesOf(record.personId, record.eventId)}`, when: when(at, String(record.apprehendedPrecision), zoneOf(record, events), true), sort: at, city: str(record.city) };
    }
    case 'charge': {
      const name = personName(record.personId);
      const detention = get('detention', record.detentionId);
      if (!name || (record.detentionId && (!detention || !listable(detention)))) return null;
      const article = `${labels('legal_code', String(record.code))}${record.article === 'unknown' ? '' : ` art. ${String(record.article)}`}`;
      const filed = str(record.filedOn);
      return { subject: `Charge against ${name}: ${article}`, when: filed, sort: filed ?? '', city: str(detention?.city) };
    }
    case 'act': {
      const victim = personName(record.victimPersonId);
      if (victim === null) return null;
      const event = get('event', record.eventId);
      const at = str(record.startAt);
      return {
        subject: `${labels('act_type', String(record.type))}${victim ? ` — against ${victim}` : ''}`,
        when: at ? when(at, str(record.startPrecision) ?? 'exact', zoneOf(record, events), true) : null,
        sort: at ?? '',
        city: str(event?.city),
      };
    }
    case 'person': {
      const name = personName(record.id);
      return name ? { subject: name, when: null, sort: '', city: null } : null;
    }
    case 'event': {
      const pub = redactor.event(record);
      return pub ? { subject: pub.title, when: when(pub.startAt, pub.startPrecision, pub.timezone, true), sort: pub.startAt, city: pub.city } : null;
    }
  }
}

/** The findings section of a report, most severe first, then in time order. */
export function buildReportFindings(input: FindingsInput): ReportFindings {
  const items: (ReportFinding & { sort: string })[] = [];
  let notListed = 0;
  for (const f of input.findings) {
    const described = f.confidentiality === 'confidential' ? null : describe(f, input);
    if (!described) {
      notListed += 1;
      continue;
    }
    const standards = f.standardIds.map((id) => {
      const s = input.catalogue.byId.get(id);
      if (!s) return { id, instrument: id, citation: id, mark: '', verification: 'not in the catalogue' };
      const shown = presentStandard(s);
      return { id, instrument: shown.instrument, citation: shown.citation, mark: MARKS[s.status] ?? '', verification: shown.verification.label.en };
    });
    items.push({
      subject: described.subject,
      when: described.when,
      city: described.city,
      finding: input.redactor.text(f.explanation.en) ?? '',
      severity: f.severity,
      standards,
      confirmedOn: f.reviewedAt ? f.reviewedAt.slice(0, 10) : null,
      sort: `${SEVERITY_RANK[f.severity] ?? 3}|${described.sort}|${described.subject}|${f.id}`,
    });
  }
  items.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  return { items: items.map(({ sort: _s, ...rest }) => rest), notListed };
}

/** The standards one line cites: "GC37 para. 30 [R] — UN Human Rights Committee, General Comment No. 37 …". */
export function citationLine(s: ReportFindingStandard): string {
  return `${s.citation}${s.mark ? ` ${s.mark}` : ''} — ${s.instrument}`;
}

/** Wording shared by the HTML, PDF and DOCX renderings. */
export const FINDINGS_TITLE = 'Findings: breaches of standards confirmed by reviewers';
export const FINDINGS_NOTE =
  "Suggested by Vigil's standards engine from the recorded facts, and confirmed by a reviewer for those facts. "
  + 'Each citation is marked [V] checked against the text, [P] partly checked, or [R] from secondary sources.';
export const notListedNote = (n: number): string => `${n} further confirmed finding(s) concern confidential records and are not described.`;
