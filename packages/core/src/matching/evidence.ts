/**
 * The facts two person records agree or disagree on, before any weighting: the best-agreeing
 * pair of names and each corroborating field. Kept apart from the weights in score.ts so that
 * the weights can be read, tested and re-fitted without touching how facts are found.
 */
import { foldName } from '../names/index.js';
import { personNameParts } from './keys.js';
import { jaroWinkler } from './jaro-winkler.js';
import { compareNames, type NameComparison, type TokenShare } from './name-compare.js';
import { cityKey } from './places.js';
import { type NameParts } from './tokens.js';
import { type MatchCandidate } from './types.js';

/** A candidate with its names and fields folded once, so findCandidates does not redo it per pair. */
export interface PreparedCandidate {
  id: string;
  names: NameParts[];
  birthYear: number | null;
  city: { key: string; label: string } | null;
  organisations: Map<string, string>;
  events: Set<string>;
  /** Events sorted, and the distinct patronymics of all names: compared for every pair. */
  sortedEvents: string[];
  patronymics: string[];
}

export function prepareCandidate(c: MatchCandidate): PreparedCandidate {
  const key = c.city === null || c.city === undefined ? '' : cityKey(c.city);
  const organisations = new Map<string, string>();
  for (const o of c.organisations ?? []) {
    const folded = foldName(o);
    if (folded !== '' && !organisations.has(folded)) organisations.set(folded, o.trim());
  }
  const names = personNameParts(c.names.map((value) => ({ value })));
  const events = new Set(c.eventIds ?? []);
  return {
    id: c.id,
    names,
    birthYear: c.birthYear ?? null,
    city: key === '' ? null : { key, label: (c.city ?? '').trim() },
    organisations,
    events,
    sortedEvents: [...events].sort(),
    patronymics: [...new Set(names.map((n) => n.patronymic).filter((x): x is string => x !== null))],
  };
}

/** same / different when both records have the field, null when either lacks it. */
export type Agreement = 'same' | 'different' | null;

export interface Evidence {
  names: NameComparison | null;
  /** Birth years: equal, one apart (an age turned into a year), or further apart (a veto). */
  birthYear: 'same' | 'offByOne' | 'conflict' | null;
  /** Patronymics, when both records carry one in any of their spellings. */
  patronymic: Agreement;
  city: Agreement;
  organisation: Agreement;
  event: Agreement;
  /** What to show a reviewer for each compared field; built on demand, like the name reasons. */
  labels: () => { birthYear: string; patronymic: string; city: string; organisation: string; event: string };
}

/** The best-agreeing pair of names across both records' spellings. */
export function bestNames(a: PreparedCandidate, b: PreparedCandidate, shareOf?: TokenShare): NameComparison | null {
  let best: NameComparison | null = null;
  for (const na of a.names) {
    for (const nb of b.names) {
      const c = compareNames(na, nb, shareOf);
      if (c !== null && (best === null || c.points > best.points)) best = c;
    }
  }
  return best;
}

const agreement = (both: boolean, same: boolean): Agreement => (!both ? null : same ? 'same' : 'different');

/**
 * Patronymics are compared across all spellings of both records, not only within the pair of
 * names that agree best: "Polina Belushkina" and "Полина Геннадьевна Белушкина" are one record,
 * and its patronymic still tells it from "Полина Никитаевна Белушкина".
 */
function samePatronymic(pa: readonly string[], pb: readonly string[]): string | undefined {
  return pa.find((x) => pb.some((y) => jaroWinkler(x, y) >= 0.92));
}

function sharedKey(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string | undefined {
  for (const k of a.keys()) if (b.has(k)) return k;
  return undefined;
}
const list = (m: ReadonlyMap<string, string>): string => [...m.values()].join(', ');
const sharedEvent = (a: PreparedCandidate, b: PreparedCandidate): string | undefined => a.sortedEvents.find((e) => b.events.has(e));
const bothPatronymics = (a: PreparedCandidate, b: PreparedCandidate): boolean => a.patronymics.length > 0 && b.patronymics.length > 0;

/** Each field of two records compared (Evidence without names). */
const yearAgreement = (a: PreparedCandidate, b: PreparedCandidate): Evidence['birthYear'] => {
  if (a.birthYear === null || b.birthYear === null) return null;
  const gap = Math.abs(a.birthYear - b.birthYear);
  return gap === 0 ? 'same' : gap === 1 ? 'offByOne' : 'conflict';
};
const patronymicAgreement = (a: PreparedCandidate, b: PreparedCandidate): Agreement =>
  (bothPatronymics(a, b) ? (samePatronymic(a.patronymics, b.patronymics) !== undefined ? 'same' : 'different') : null);
const cityAgreement = (a: PreparedCandidate, b: PreparedCandidate): Agreement =>
  agreement(a.city !== null && b.city !== null, a.city?.key === b.city?.key);
const organisationAgreement = (a: PreparedCandidate, b: PreparedCandidate): Agreement =>
  agreement(a.organisations.size > 0 && b.organisations.size > 0, sharedKey(a.organisations, b.organisations) !== undefined);
const eventAgreement = (a: PreparedCandidate, b: PreparedCandidate): Agreement =>
  agreement(a.events.size > 0 && b.events.size > 0, sharedEvent(a, b) !== undefined);

/**
 * Evidence of a pair, names left for the caller (null until set): a class rather than an object
 * with a closure, so that the labels cost nothing until a reviewer is shown them.
 */
class FieldEvidence implements Evidence {
  names: NameComparison | null = null;
  readonly birthYear: Evidence['birthYear'];
  readonly patronymic: Agreement;
  readonly city: Agreement;
  readonly organisation: Agreement;
  readonly event: Agreement;

  constructor(private readonly a: PreparedCandidate, private readonly b: PreparedCandidate) {
    this.birthYear = yearAgreement(a, b);
    this.patronymic = patronymicAgreement(a, b);
    this.city = cityAgreement(a, b);
    this.organisation = organisationAgreement(a, b);
    this.event = eventAgreement(a, b);
  }

  labels(): ReturnType<Evidence['labels']> {
    const { a, b } = this;
    const patronymic = bothPatronymics(a, b) ? samePatronymic(a.patronymics, b.patronymics) : undefined;
    const org = sharedKey(a.organisations, b.organisations);
    return {
      birthYear: this.birthYear === 'same' ? String(a.birthYear) : `${a.birthYear ?? ''} vs ${b.birthYear ?? ''}`,
      patronymic: patronymic ?? `${a.patronymics.join(', ')} vs ${b.patronymics.join(', ')}`,
      city: a.city?.key === b.city?.key ? (a.city?.label ?? '') : `${a.city?.label ?? ''} vs ${b.city?.label ?? ''}`,
      organisation: org !== undefined ? (a.organisations.get(org) ?? org) : `${list(a.organisations)} vs ${list(b.organisations)}`,
      event: sharedEvent(a, b) ?? '',
    };
  }
}

/** Compares two prepared candidates: names and every field. */
export function pairEvidence(a: PreparedCandidate, b: PreparedCandidate, shareOf?: TokenShare): Evidence {
  const e = new FieldEvidence(a, b);
  e.names = bestNames(a, b, shareOf);
  return e;
}
