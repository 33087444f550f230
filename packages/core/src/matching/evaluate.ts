/**
 * Precision and recall of proposed pairs against labelled truth. Pairs are unordered: (a, b)
 * and (b, a) are one pair. No transitive closure is taken: a pair counts only if proposed.
 */
import { type CandidatePair } from './types.js';

export interface Evaluation {
  /** TP / (TP + FP); 1 when nothing was proposed. */
  precision: number;
  /** TP / (TP + FN); 1 when the truth is empty. */
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Compares proposed pairs with the true pairs. */
export function evaluate(
  candidates: ReadonlyArray<Pick<CandidatePair, 'a' | 'b'>>,
  truth: ReadonlyArray<readonly [string, string]>,
): Evaluation {
  const truthKeys = new Set(truth.filter(([a, b]) => a !== b).map(([a, b]) => pairKey(a, b)));
  const proposed = new Set(candidates.filter((c) => c.a !== c.b).map((c) => pairKey(c.a, c.b)));
  let truePositives = 0;
  for (const key of proposed) if (truthKeys.has(key)) truePositives += 1;
  const falsePositives = proposed.size - truePositives;
  const falseNegatives = truthKeys.size - truePositives;
  return {
    precision: proposed.size === 0 ? 1 : truePositives / proposed.size,
    recall: truthKeys.size === 0 ? 1 : truePositives / truthKeys.size,
    truePositives,
    falsePositives,
    falseNegatives,
  };
}
