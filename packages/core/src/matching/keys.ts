/**
 * Search keys for a person, computed here and stored in indexed columns so that matching runs
 * the same on SQLite and PostgreSQL: a new row is compared only with rows that share a key
 * ("blocking"), never with the whole table.
 *
 * Every key is a short string with a prefix saying its kind:
 *   n:<first 4 letters of a token>|<initial of another token>   — both word orders, any script
 *   p:<phonetic key of a token>|<first letter of another's key> — vowel variants (Erken/Erkan)
 *   1:<phonetic key of a token>                                  — looked up only for one-word names
 *   e:<event id>|<first 2 letters of a token>                    — same event, similar word
 *   y:<birth year>|<phonetic key of a token>                     — same birth year, similar word
 * A true match needs to share only one key; n and p cover typos after the 4th letter or in
 * consonant classes, the reverse word pair covers a typo in the first letters of the surname,
 * and e/y catch badly misspelt names when an event or a birth year corroborates them.
 */
import { nameParts, type NameParts } from './tokens.js';

export interface PersonKeyInput {
  names: ReadonlyArray<{ value: string; kind?: string | null }>;
  birthYear?: number | null;
  /** Events the person was recorded at, when known (enables e: keys). */
  eventIds?: readonly string[] | null;
  /** A stored person's roles carry its events; accepted so a PersonRecord can be passed as is. */
  roles?: ReadonlyArray<{ eventId?: string | null }> | null;
}

export interface PersonKeys {
  /** Keys to store and index; sorted, unique. Look up nameQueryKeys, a subset, for a new name. */
  blocking: string[];
  /** Phonetic keys of every name token; sorted, unique. */
  phonetic: string[];
  /** Each name folded, patronymic dropped, tokens sorted (word order does not matter); unique. */
  normalised: string[];
}

/** At most this many tokens per name make keys: bounds keys per person (4 tokens → 12 pairs). */
const MAX_TOKENS = 4;

/**
 * The names of a person as NameParts. Names given in parts (kind given/surname) are joined into
 * one full name; patronymic parts are left out, as they are in full names.
 */
export function personNameParts(names: PersonKeyInput['names']): NameParts[] {
  const parts: NameParts[] = [];
  const pieces: string[] = [];
  for (const { value, kind } of names) {
    if (kind === 'patronymic') continue;
    if (kind === 'given' || kind === 'surname') pieces.push(value);
    else parts.push(nameParts(value));
  }
  if (pieces.length > 0) parts.push(nameParts(pieces.join(' ')));
  return parts.filter((p) => p.tokens.length > 0);
}

/** Blocking keys of one name; see the module comment. */
export function nameBlockingKeys(p: NameParts, birthYear: number | null, events: readonly string[]): string[] {
  const keys: string[] = [];
  const tokens = p.tokens.slice(0, MAX_TOKENS);
  const phon = p.phonetic.slice(0, MAX_TOKENS);
  tokens.forEach((x, i) => {
    const px = phon[i] ?? '';
    tokens.forEach((y, j) => {
      if (i === j) return;
      keys.push(`n:${x.slice(0, 4)}|${y.charAt(0)}`, `p:${px}|${(phon[j] ?? '').charAt(0)}`);
    });
    for (const initial of p.initials) keys.push(`n:${x.slice(0, 4)}|${initial}`);
    keys.push(`1:${px}`);
    for (const e of events) keys.push(`e:${e}|${x.slice(0, 2)}`);
    if (birthYear !== null) keys.push(`y:${birthYear}|${px}`);
  });
  return keys;
}

/**
 * The keys to look up for a name. A name of one word ("Erken", as interview-based reports give
 * it) shares few keys with a full name, so it also looks up 1:<its word>, which every name
 * stores for each of its words; full names do not look 1: keys up, or every Nurlan would be
 * compared with every other Nurlan.
 */
export function nameQueryKeys(p: NameParts, birthYear: number | null, events: readonly string[]): string[] {
  const keys = nameBlockingKeys(p, birthYear, events);
  return p.tokens.length === 1 && p.initials.length === 0 ? keys : keys.filter((k) => !k.startsWith('1:'));
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Events of a key input: eventIds plus the events of its roles. */
export function eventsOf(person: Pick<PersonKeyInput, 'eventIds' | 'roles'>): string[] {
  const fromRoles = (person.roles ?? []).map((r) => r.eventId ?? '').filter((e) => e !== '');
  return sortedUnique([...(person.eventIds ?? []), ...fromRoles]);
}

/** Blocking, phonetic and normalised keys of a person, for indexed storage and for findCandidates. */
export function personKeys(person: PersonKeyInput): PersonKeys {
  const parts = personNameParts(person.names);
  const events = eventsOf(person);
  const year = person.birthYear ?? null;
  return {
    blocking: sortedUnique(parts.flatMap((p) => nameBlockingKeys(p, year, events))),
    phonetic: sortedUnique(parts.flatMap((p) => p.phonetic)),
    normalised: sortedUnique(parts.map((p) => [...p.tokens].sort().join(' '))),
  };
}

/** The keys to look up for a new person (nameQueryKeys of each name); sorted, unique. */
export function personQueryKeys(person: PersonKeyInput): string[] {
  const year = person.birthYear ?? null;
  const events = eventsOf(person);
  return sortedUnique(personNameParts(person.names).flatMap((p) => nameQueryKeys(p, year, events)));
}
