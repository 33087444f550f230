/**
 * A second look at middling pairs, using the records around them: if a strongly matches c, and
 * b is clearly not c (birth years apart, different names), then a is probably not b either.
 * This is what a reviewer does with namesakes: "Nurlan Akhmetov (Almaty) looks like Nurlan
 * Akhmetov (no city), but that one is the Shymkent man born in 1971". On the benchmark (10,000
 * people) it removes about 100 of ~360 false matches, for 4–10 true ones.
 */
import { type TokenShare } from './name-compare.js';
import { pairEvidence, type PreparedCandidate } from './evidence.js';
import { scoreOnly } from './score.js';
import { type CandidatePair } from './types.js';

/** Pairs at or above this are taken as settled, and used as evidence about their neighbours. */
export const STRONG = 0.9;
/** A third record scoring below this against one side contradicts it. */
const CONTRADICTS = 0.05;
/** Points taken off a doubtful pair: a 0.85 becomes 0.22, a 0.6 becomes 0.07. */
const PENALTY = 3;

const logit = (p: number): number => Math.log(p / (1 - p));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Demotes pairs below STRONG that a strong neighbour contradicts, adding the reason. `pairs`
 * must include every pair scoring STRONG or more; `byId` holds every record of both lists.
 */
export function demoteContradicted(
  pairs: readonly CandidatePair[],
  byId: ReadonlyMap<string, PreparedCandidate>,
  shareOf: TokenShare | undefined,
): CandidatePair[] {
  const strong = new Map<string, { id: string; score: number }[]>();
  const link = (x: string, y: string, score: number): void => {
    strong.set(x, [...(strong.get(x) ?? []), { id: y, score }]);
  };
  for (const p of pairs) if (p.score >= STRONG) { link(p.a, p.b, p.score); link(p.b, p.a, p.score); }
  return pairs.map((p) => {
    if (p.score >= STRONG) return p;
    for (const [x, y] of [[p.a, p.b], [p.b, p.a]] as const) {
      const other = byId.get(y);
      for (const c of strong.get(x) ?? []) {
        const third = byId.get(c.id);
        if (c.id === y || other === undefined || third === undefined) continue;
        if (scoreOnly(pairEvidence(other, third, shareOf)) >= CONTRADICTS) continue;
        const score = Math.round(logistic(logit(p.score) - PENALTY) * 10_000) / 10_000;
        return { ...p, score, reasons: [...p.reasons, `doubtful: '${x}' matches '${c.id}' (${c.score}), which is clearly not '${y}'`] };
      }
    }
    return p;
  });
}
