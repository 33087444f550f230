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
}

export function prepareCandidate(c: MatchCandidate): PreparedCandidate {
  const key = c.city === null || c.city === undefined ? '' : cityKey(c.city);
  const organisations = new Map<string, string>();
  for (const o of c.organisations ?? []) {
    const folded = foldName(o);
    if (folded !== '' && !organisations.has(folded)) organisations.set(folded, o.trim());
  }
  return {
    id: c.id,
    names: personNameParts(c.names.map((value) => ({ value }))),
    birthYear: c.birthYear ?? null,
    city: key === '' ? null : { key, label: (c.city ?? '').trim() },
    organisations,
    events: new Set(c.eventIds ?? []),
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
function bestNames(a: PreparedCandidate, b: PreparedCandidate, shareOf?: TokenShare): NameComparison | null {
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
const patronymicsOf = (p: PreparedCandidate): string[] =>
  [...new Set(p.names.map((n) => n.patronymic).filter((x): x is string => x !== null))];

/**
 * Patronymics are compared across all spellings of both records, not only within the pair of
 * names that agree best: "Polina Belushkina" and "Полина Геннадьевна Белушкина" are one record,
 * and its patronymic still tells it from "Полина Никитаевна Белушкина".
 */
function samePatronymic(pa: readonly string[], pb: readonly string[]): string | undefined {
  return pa.find((x) => pb.some((y) => jaroWinkler(x, y) >= 0.92));
}

/** Compares two prepared candidates field by field. */
export function pairEvidence(a: PreparedCandidate, b: PreparedCandidate, shareOf?: TokenShare): Evidence {
  const gap = a.birthYear !== null && b.birthYear !== null ? Math.abs(a.birthYear - b.birthYear) : null;
  const sharedOrg = [...a.organisations.keys()].find((k) => b.organisations.has(k));
  const sharedEvent = [...a.events].sort().find((e) => b.events.has(e));
  const [pa, pb] = [patronymicsOf(a), patronymicsOf(b)];
  const patronymic = pa.length > 0 && pb.length > 0 ? samePatronymic(pa, pb) : undefined;
  const list = (m: Map<string, string>): string => [...m.values()].join(', ');
  return {
    names: bestNames(a, b, shareOf),
    birthYear: gap === null ? null : gap === 0 ? 'same' : gap === 1 ? 'offByOne' : 'conflict',
    patronymic: agreement(pa.length > 0 && pb.length > 0, patronymic !== undefined),
    city: agreement(a.city !== null && b.city !== null, a.city?.key === b.city?.key),
    organisation: agreement(a.organisations.size > 0 && b.organisations.size > 0, sharedOrg !== undefined),
    event: agreement(a.events.size > 0 && b.events.size > 0, sharedEvent !== undefined),
    labels: () => ({
      birthYear: gap === 0 ? String(a.birthYear) : `${a.birthYear ?? ''} vs ${b.birthYear ?? ''}`,
      patronymic: patronymic ?? `${pa.join(', ')} vs ${pb.join(', ')}`,
      city: a.city?.key === b.city?.key ? (a.city?.label ?? '') : `${a.city?.label ?? ''} vs ${b.city?.label ?? ''}`,
      organisation: sharedOrg !== undefined ? (a.organisations.get(sharedOrg) ?? sharedOrg) : `${list(a.organisations)} vs ${list(b.organisations)}`,
      event: sharedEvent ?? '',
    }),
  };
}
