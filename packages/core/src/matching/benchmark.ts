/**
 * generateBenchmark: a labelled set of person records for measuring matching, deterministic
 * from a seed. Identities (real people) are drawn from Kazakh and Russian name pools with
 * realistic skew (a few names are common, most are rare); each is then written into 1–4 lists
 * the way partners write them: either script, several transliterations, surname first or last,
 * patronymic or not, typos, vowel variants, initials, a missing given name, spotty birth years
 * and cities. Hard negatives are namesakes: people given one of the common surnames of someone
 * already listed (and a third of the time the given name too) in another city and year, with
 * nothing else in common.
 *
 * The noise rates below (scripts, typos, word order, missing fields) were fixed before the
 * matcher was tuned and have not changed since. Two things did change after first results, for
 * stated reasons: name frequencies now follow published statistics (benchmark-pools.ts), and
 * namesakes take common surnames, as the issue describes them (and share the given name a
 * third of the time, down from half).
 */
import { CITIES, ORGANISATIONS, type Origin, type Sex } from './benchmark-names.js';
import { COMMON_SURNAMES, FATHERS, GIVEN_POOLS, SURNAME_POOLS, draw, kazakhPatronymic, russianPatronymic } from './benchmark-pools.js';
import { pick, randomScheme, russianKeyboard, toLatin, typo, vowelVariant, type Rng } from './benchmark-spelling.js';
import { type MatchCandidate } from './types.js';

/** mulberry32: a tiny, well-mixed 32-bit PRNG; enough for test data, not for secrets. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function weighted(rng: Rng, weights: readonly number[]): number {
  let r = rng() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i += 1) { r -= weights[i] ?? 0; if (r <= 0) return i; }
  return weights.length - 1;
}

interface Identity {
  origin: Origin; sex: Sex; given: string; surname: string; patronymic: string;
  birthYear: number; city: number; year: number; events: string[]; organisation: number | null;
}

const YEARS = [2016, 2018, 2019, 2021, 2022];

function newIdentity(rng: Rng, base?: Identity): Identity {
  const origin: Origin = base?.origin ?? (rng() < 0.65 ? 'kk' : 'ru');
  const sex: Sex = base?.sex ?? (rng() < 0.5 ? 'm' : 'f');
  // A namesake shares the surname; a third of them the given name too (Nurlan Akhmetov twice).
  const given = base !== undefined && rng() < 0.3 ? base.given : draw(rng, GIVEN_POOLS[origin][sex]);
  const surnamePair = draw(rng, SURNAME_POOLS[origin]);
  const surname = base?.surname ?? (sex === 'm' ? surnamePair[0] : surnamePair[1]);
  const father = pick(rng, FATHERS[origin]);
  const patronymic = origin === 'kk' && rng() < 0.4 ? kazakhPatronymic(father, sex) : russianPatronymic(father, sex);
  // A namesake lives elsewhere and was detained in another year; birth years ≥ 3 apart.
  let city = weighted(rng, CITIES.map(([w]) => w));
  while (base !== undefined && city === base.city) city = weighted(rng, CITIES.map(([w]) => w));
  const year = base === undefined ? pick(rng, YEARS) : pick(rng, YEARS.filter((y) => y !== base.year));
  let birthYear = year - 18 - Math.floor(rng() ** 1.5 * 50);
  if (base !== undefined && Math.abs(birthYear - base.birthYear) < 3) birthYear = base.birthYear + (rng() < 0.5 ? -1 : 1) * (3 + Math.floor(rng() * 10));
  const eventCount = rng() < 0.7 ? 1 : 2;
  const events = [...new Set(Array.from({ length: eventCount }, () => `ev-${city}-${year}-${Math.floor(rng() * 3)}`))];
  const organisation = rng() < 0.25 ? Math.floor(rng() * ORGANISATIONS.length) : null;
  return { origin, sex, given, surname, patronymic, birthYear, city, year, events, organisation };
}

/** One way of writing a person's name in a list. */
function writeName(rng: Rng, p: Identity, latin: boolean): string {
  const scheme = randomScheme(rng);
  const russianKeys = rng() < 0.5;
  const spell = (w: string): string => (latin ? toLatin(w, scheme) : russianKeys ? russianKeyboard(w) : w);
  let given = spell(p.given);
  let surname = spell(p.surname);
  if (rng() < 0.2) { if (rng() < 0.5) given = typo(rng, given); else surname = typo(rng, surname); }
  if (rng() < 0.04) surname = typo(rng, surname);
  if (rng() < 0.05) { if (rng() < 0.5) given = vowelVariant(rng, given); else surname = vowelVariant(rng, surname); }
  const r = rng();
  if (r < 0.01) return given; // "Erken": a given name alone, as in interview-based reports
  if (r < 0.02) return surname;
  if (r < 0.05) given = `${given.charAt(0)}.`;
  const withPatronymic = rng() < (latin ? 0.1 : 0.45);
  const surnameFirst = rng() < 0.45;
  const words = surnameFirst ? [surname, given] : [given, surname];
  if (withPatronymic) words.splice(surnameFirst ? 2 : 1, 0, spell(p.patronymic));
  return words.join(' ');
}

function mention(rng: Rng, p: Identity, id: string): MatchCandidate {
  const latin = rng() < 0.5;
  const names = [writeName(rng, p, latin)];
  if (rng() < 0.15) names.push(writeName(rng, p, !latin));
  const cityNames = CITIES[p.city]?.[1] ?? [];
  let city: string | null = rng() < 0.85 ? pick(rng, cityNames) : null;
  if (city !== null && rng() < 0.04) city = pick(rng, CITIES[(p.city + 1) % CITIES.length]?.[1] ?? []);
  const birthYear = rng() < 0.45 ? p.birthYear + (rng() < 0.06 ? (rng() < 0.5 ? -1 : 1) : 0) : null;
  const orgNames = p.organisation === null ? null : ORGANISATIONS[p.organisation] ?? null;
  const organisations = orgNames !== null && rng() < 0.7 ? [pick(rng, orgNames)] : [];
  const eventIds = rng() < 0.85 ? [pick(rng, p.events)] : [];
  return { id, names, birthYear, city, organisations, eventIds };
}

export interface Benchmark { people: MatchCandidate[]; truth: [string, string][] }

/** A labelled benchmark of exactly `size` records; the same seed gives the same set. */
export function generateBenchmark(seed: number, size: number): Benchmark {
  const rng = seededRng(seed);
  const records: { identity: number; record: MatchCandidate }[] = [];
  const identities: Identity[] = [];
  const common: number[] = []; // indices of identities with a common surname
  while (records.length < size) {
    // Hard negatives: 12% of people are namesakes of someone with one of the common surnames.
    const base = common.length > 0 && rng() < 0.12 ? identities[pick(rng, common)] : undefined;
    const person = newIdentity(rng, base);
    // Namesakes are made of originals only: copying copies would let one surname snowball.
    if (base === undefined && COMMON_SURNAMES.has(person.surname)) common.push(identities.length);
    identities.push(person);
    const count = 1 + weighted(rng, [45, 35, 15, 5]);
    for (let k = 0; k < count && records.length < size; k += 1) {
      records.push({ identity: identities.length - 1, record: mention(rng, person, '') });
    }
  }
  // Shuffle (Fisher–Yates) so that a person's records are not neighbours, then number them.
  for (let i = records.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [records[i], records[j]] = [records[j] as (typeof records)[number], records[i] as (typeof records)[number]];
  }
  const byIdentity = new Map<number, string[]>();
  const people = records.map(({ identity, record }, i) => {
    const id = `p${String(i).padStart(6, '0')}`;
    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), id]);
    return { ...record, id };
  });
  const truth: [string, string][] = [];
  for (const ids of byIdentity.values()) {
    ids.forEach((a, i) => ids.slice(i + 1).forEach((b) => truth.push([a, b])));
  }
  return { people, truth: truth.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : 1)) };
}
