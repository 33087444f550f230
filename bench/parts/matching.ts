/**
 * Person matching: a list of incoming names (a tenth of the size) against everyone recorded
 * (the size), with core's matcher — blocking keys, then scoring — as merge review runs it. The
 * people come from core's labelled generator, so every proposed pair is known to be right or
 * wrong: precision and recall are exact, not estimated.
 */
import path from 'node:path';
import { evaluate, findCandidates, generateBenchmark } from '../../packages/core/src/matching/index.js';
import { runChild } from '../lib/children.js';

export interface MatchingResult {
  /** Why the matcher did not finish (it ran out of memory, a limit of the runtime…), when it did not. */
  failed?: string;
  incoming: number;
  existing: number;
  truePairs: number;
  proposed: number;
  seconds: number;
  precision: number;
  recall: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * Runs the measurement in a process of its own (matching.child.ts): a million people and the
 * matcher's working sets take gigabytes, and a failure there is a finding to report, not a reason
 * to lose the rest of the run.
 */
export async function measureMatchingApart(existing: number, seed: number): Promise<MatchingResult> {
  const script = path.join(import.meta.dirname, 'matching.child.ts');
  try {
    const stdout = await runChild(['--max-old-space-size=12288', '--import', 'tsx', script, String(existing), String(seed)]);
    return JSON.parse(stdout) as MatchingResult;
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? '';
    const reason = stderr.split('\n').find((l) => /Error|heap/i.test(l)) ?? (e instanceof Error ? e.message : String(e));
    return { failed: reason.trim().slice(0, 300), incoming: Math.round(existing / 10), existing, truePairs: 0, proposed: 0, seconds: NaN, precision: NaN, recall: NaN, falsePositives: 0, falseNegatives: 0 };
  }
}

export function measureMatching(existing: number, seed: number): MatchingResult {
  const incomingCount = Math.round(existing / 10);
  const { people, truth } = generateBenchmark(seed, existing + incomingCount);
  // The generator shuffles, so the first records are a fair sample: they are the incoming list.
  const incoming = people.slice(0, incomingCount);
  const recorded = people.slice(incomingCount);
  const isIncoming = new Set(incoming.map((p) => p.id));
  // Only pairs across the two lists count: duplicates within the incoming list are another task.
  const crossTruth = truth.filter(([a, b]) => isIncoming.has(a) !== isIncoming.has(b));
  const started = performance.now();
  const pairs = findCandidates(incoming, recorded);
  const seconds = (performance.now() - started) / 1000;
  const result = evaluate(pairs, crossTruth);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    incoming: incoming.length, existing: recorded.length, truePairs: crossTruth.length, proposed: pairs.length, seconds: Math.round(seconds * 100) / 100,
    precision: r3(result.precision), recall: r3(result.recall), falsePositives: result.falsePositives, falseNegatives: result.falseNegatives,
  };
}
