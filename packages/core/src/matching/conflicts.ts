/**
 * A second look at middling pairs, using the records around them. Reviewers do both:
 *
 * - Demote: if a strongly matches c, and b is clearly not c (birth years apart, different
 *   names), then a is probably not b either. "Nurlan Akhmetov (Almaty) looks like Nurlan
 *   Akhmetov (no city), but that one is the Shymkent man born in 1971." On the benchmark (10,000
 *   people) it removes about 100 of ~360 false matches, for 4–10 true ones.
 * - Promote: if a and b both strongly match c, they are one person even when their own fields
 *   say too little: "Nurlan Akhmetov (no city)" is the Almaty man of 1980 that "Нурлан Ахметов,
 *   Almaty, 1980" and "Ахметов Нурлан, Almaty, event X" both are. Most people with several
 *   records have three or more, and a list that lacks a city or a year is common.
 */

/** Pairs at or above this are taken as settled, and used as evidence about their neighbours. */
export const STRONG = 0.9;
/** A third record scoring below this against one side contradicts it. */
export const CONTRADICTS = 0.05;
/** Points taken off a doubtful pair: a 0.85 becomes 0.22, a 0.6 becomes 0.07. */
const PENALTY = 3;

const logit = (p: number): number => Math.log(p / (1 - p));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A scored pair of record ids; notes are reasons added by these passes. */
export interface LinkedPair {
  a: string;
  b: string;
  score: number;
  notes: string[];
}

/** Score of two records by id (0..1), as the pairs were scored; may be asked for any two records. */
export type ScoreOf = (x: string, y: string) => number;

/** Neighbours scoring STRONG or more, best first (ties by id, so that the outcome is deterministic). */
function strongNeighbours(pairs: readonly LinkedPair[]): Map<string, { id: string; score: number }[]> {
  const strong = new Map<string, { id: string; score: number }[]>();
  const link = (x: string, y: string, score: number): void => {
    const list = strong.get(x);
    if (list === undefined) strong.set(x, [{ id: y, score }]);
    else list.push({ id: y, score });
  };
  for (const p of pairs) if (p.score >= STRONG) { link(p.a, p.b, p.score); link(p.b, p.a, p.score); }
  for (const list of strong.values()) list.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
  return strong;
}

/**
 * Raises a pair below STRONG to the score of its best link through a third record that both
 * sides match strongly (the product of the two scores: both links must hold), adding the reason.
 * Pairs below CONTRADICTS are left alone: their own fields contradict each other.
 */
export function promoteLinked<P extends LinkedPair>(pairs: readonly P[], scoreOf: ScoreOf): P[] {
  const strong = strongNeighbours(pairs);
  return pairs.map((p) => {
    if (p.score >= STRONG || p.score < CONTRADICTS) return p;
    let best: { via: string; first: number; second: number; score: number } | null = null;
    for (const [x, y] of [[p.a, p.b], [p.b, p.a]] as const) {
      for (const c of strong.get(x) ?? []) {
        if (c.id === y || c.score <= (best?.score ?? p.score)) continue; // the product cannot beat it
        const second = scoreOf(c.id, y);
        const score = round(c.score * second);
        if (second >= STRONG && score > (best?.score ?? p.score)) best = { via: c.id, first: c.score, second, score };
      }
    }
    if (best === null) return p;
    return { ...p, score: best.score, notes: [...p.notes, `linked: both match '${best.via}' (${best.first} and ${best.second})`] };
  });
}

/**
 * Demotes pairs below STRONG that a strong neighbour contradicts, adding the reason. `pairs`
 * must include every pair scoring STRONG or more.
 */
export function demoteContradicted<P extends LinkedPair>(pairs: readonly P[], scoreOf: ScoreOf): P[] {
  const strong = strongNeighbours(pairs);
  return pairs.map((p) => {
    if (p.score >= STRONG) return p;
    for (const [x, y] of [[p.a, p.b], [p.b, p.a]] as const) {
      for (const c of strong.get(x) ?? []) {
        if (c.id === y || scoreOf(y, c.id) >= CONTRADICTS) continue;
        const score = round(logistic(logit(p.score) - PENALTY));
        return { ...p, score, notes: [...p.notes, `doubtful: '${x}' matches '${c.id}' (${c.score}), which is clearly not '${y}'`] };
      }
    }
    return p;
  });
}
