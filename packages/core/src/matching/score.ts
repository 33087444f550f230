/**
 * scorePair: how likely two person records are the same person, with the reasons a reviewer
 * needs to accept or reject the merge.
 *
 * Evidence (evidence.ts) is added up as points, roughly log-odds in the Fellegi–Sunter manner,
 * and squashed to 0..1 with a logistic curve; 0.5 is the default threshold. A name alone, even
 * identical in every letter, is weak evidence unless it is rare: namesakes are common, and the
 * corroborating fields decide. Birth years two or more years apart veto the pair (score 0).
 *
 * The more people a record is compared against, the more namesakes it meets: the prior odds
 * that two records picked from N people are one person fall as 1/N (see populationPoints), so
 * the same name and city that make a match among 10,000 people are doubtful among a million.
 */
import { type TokenShare } from './name-compare.js';
import { pairEvidence, prepareCandidate, type Agreement, type Evidence, type PreparedCandidate } from './evidence.js';
import { type MatchCandidate, type PairScore } from './types.js';

export { prepareCandidate, type PreparedCandidate } from './evidence.js';

/**
 * Points before any evidence. An exact two-word name of ordinary frequency (1% of people each)
 * earns +5, so a name alone sits just under 0.5: for such a name a list of 10,000 people holds
 * about one namesake. A rarer name, or a common one with a city, event or birth year, passes.
 * Chosen on the benchmark (seeds 42 and 7) and checked on six other seeds.
 */
export const PRIOR = -5.1;
/** The number of people PRIOR was fitted at (the benchmark of 10,000). */
export const PRIOR_POPULATION = 10_000;

/**
 * Points for comparing against `population` people rather than PRIOR_POPULATION: −ln(N / 10,000),
 * so −2.3 at 100,000 and −4.6 at a million. A pair's prior odds are (true matches per record) /
 * (people it could be confused with), and the latter grows with N; a logistic regression on the
 * benchmark at 10k, 30k and 100k gave a slope of −0.94 per ln N, with the other weights kept.
 * Smaller lists keep PRIOR: token shares counted over a few thousand people are too noisy to
 * promise more than that. Unknown population: 0 (as before).
 */
export function populationPoints(population: number | undefined): number {
  return population === undefined || population <= PRIOR_POPULATION ? 0 : -Math.log(population / PRIOR_POPULATION);
}
/**
 * Points per corroborating field, close to log-likelihood ratios: what agreement or disagreement
 * on the field does to the odds. Checked against a logistic regression fitted on the benchmark
 * (seed 42) and validated on other seeds; rounded, and kept where intuition and fit agree.
 */
export const WEIGHTS = {
  sameYear: 3,
  // An age converted to a year is as likely as a different person born a year apart.
  yearOffByOne: 0,
  samePatronymic: 2.5,
  otherPatronymic: -2.5,
  sameCity: 1.4,
  otherCity: -1.8,
  sameOrganisation: 3,
  // Weaker than agreement: journalists change outlets and work for two.
  otherOrganisation: -1.5,
  sameEvent: 2.3,
  // Repeat detainees are exactly who cross-list matching is for, so this is not a veto.
  otherEvent: -1.8,
} as const;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Points from evidence, or null for a veto (birth years two or more apart). `offset` is added
 * to the prior: populationPoints for the number of people compared against.
 */
export function weigh(e: Evidence, offset = 0): number | null {
  if (e.birthYear === 'conflict') return null;
  return PRIOR + offset + (e.names?.points ?? 0) + fieldWeights(e.birthYear, e.patronymic, e.city, e.organisation, e.event);
}

function fieldWeights(year: Evidence['birthYear'], patronymic: Agreement, city: Agreement, organisation: Agreement, event: Agreement): number {
  const w = WEIGHTS;
  return (year === 'same' ? w.sameYear : year === 'offByOne' ? w.yearOffByOne : 0)
    + either(patronymic, w.samePatronymic, w.otherPatronymic)
    + either(city, w.sameCity, w.otherCity)
    + either(organisation, w.sameOrganisation, w.otherOrganisation)
    + either(event, w.sameEvent, w.otherEvent);
}

/** Points for a field: agreement, disagreement, or 0 when either record lacks it. */
function either(value: Agreement, same: number, different: number): number {
  return value === 'same' ? same : value === 'different' ? different : 0;
}

/**
 * The agreeing name words and how many of `population` people bear them all, if token shares
 * say so (shares multiplied, as if given names and surnames were drawn independently).
 */
function namesakes(e: Evidence, population: number | undefined): { words: string; people: number } | null {
  const agreeing = (e.names?.tokens ?? []).filter((t) => t.form === null && t.sim >= 0.9);
  if (population === undefined || agreeing.length === 0 || agreeing.some((t) => t.share <= 0)) return null;
  return { words: agreeing.map((t) => t.x).join(' '), people: agreeing.reduce((n, t) => n * t.share, population) };
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The reasons behind weigh(e), in the order a reviewer reads them. */
export function explain(e: Evidence, population?: number): string[] {
  const reasons = e.names === null ? ['no comparable names'] : e.names.explain();
  // Said where the population costs points and the name is not the pair's own (two or more).
  const common = populationPoints(population) < 0 ? namesakes(e, population) : null;
  if (common !== null && common.people >= 2) {
    reasons.push(`'${common.words}' is common: about ${count(Math.round(common.people))} of ${count(population ?? 0)} people bear it`);
  }
  const l = e.labels();
  const say = (cond: boolean, text: string): void => { if (cond) reasons.push(text); };
  if (e.birthYear === 'conflict') return [...reasons, `birth years differ: ${l.birthYear}`];
  say(e.birthYear === 'same', `same birth year: ${l.birthYear}`);
  say(e.birthYear === 'offByOne', `birth years one apart: ${l.birthYear} (an age turned into a year?)`);
  say(e.patronymic === 'same', `same patronymic: '${l.patronymic}'`);
  say(e.patronymic === 'different', `patronymics differ: ${l.patronymic}`);
  say(e.city === 'same', `same city: ${l.city}`);
  say(e.city === 'different', `different cities: ${l.city}`);
  say(e.organisation === 'same', `same organisation: ${l.organisation}`);
  say(e.organisation === 'different', `different organisations: ${l.organisation}`);
  say(e.event === 'same', `same event: ${l.event}`);
  say(e.event === 'different', 'recorded at different events');
  return reasons;
}

/** The score alone (0..1): what findCandidates computes for every pair in a block. */
export function scoreOnly(e: Evidence, offset = 0): number {
  const points = weigh(e, offset);
  return points === null ? 0 : round(logistic(points));
}

/** What a score depends on besides the two records. */
export interface ScoreContext {
  /** Share of people bearing each folded name token; see TokenShare. */
  shareOf?: TokenShare;
  /** How many people the records are compared against (and shares counted over). */
  population?: number;
}

/** Scores two prepared candidates; see the module comment. */
export function scorePrepared(a: PreparedCandidate, b: PreparedCandidate, context: ScoreContext = {}): PairScore {
  const e = pairEvidence(a, b, context.shareOf);
  return { score: scoreOnly(e, populationPoints(context.population)), reasons: explain(e, context.population) };
}

/**
 * How likely a and b are the same person (0..1), and why. Pass tokenShare (share of people
 * bearing each folded name word, e.g. from the stored token index) to weigh rare names above
 * common ones; without it every name counts as ordinary. Pass population (how many people
 * the shares were counted over) to weigh namesakes in a large register; without it the
 * register counts as 10,000 people or fewer.
 */
export function scorePair(a: MatchCandidate, b: MatchCandidate, options: { tokenShare?: TokenShare; population?: number } = {}): PairScore {
  return scorePrepared(prepareCandidate(a), prepareCandidate(b), { shareOf: options.tokenShare, population: options.population });
}
