/**
 * findCandidates: pairs (incoming, existing) worth a reviewer's look. Only records sharing a
 * blocking key are scored (see keys.ts), so the cost grows with block sizes, not with
 * incoming × existing. Pass the same list twice to find duplicates inside one list.
 */
import { nameBlockingKeys, nameQueryKeys } from './keys.js';
import { demoteContradicted, STRONG } from './conflicts.js';
import { type TokenShare } from './name-compare.js';
import { pairEvidence, prepareCandidate, type PreparedCandidate } from './evidence.js';
import { explain, scoreOnly } from './score.js';
import { type CandidatePair, type MatchCandidate } from './types.js';

export interface FindCandidatesOptions {
  /** Minimum score to propose a pair; default 0.5. */
  threshold?: number;
  /**
   * Blocks with more existing records than this are skipped (each record has other keys): one
   * key shared by thousands of rows ("Ivanov, I.") would otherwise make blocking all-pairs.
   */
  maxBlockSize?: number;
  /**
   * Share of people bearing a folded name token (e.g. from the stored token index). Default:
   * counted over both lists when they hold at least MIN_PEOPLE_FOR_SHARES people, else unused.
   */
  tokenShare?: TokenShare;
}

/** Below this many people, token counts say more about the sample than about the names. */
const MIN_PEOPLE_FOR_SHARES = 1000;

/** Share of distinct people (by id) whose names contain each token. */
function countShares(people: readonly PreparedCandidate[]): TokenShare | undefined {
  const byId = new Map(people.map((p) => [p.id, p]));
  if (byId.size < MIN_PEOPLE_FOR_SHARES) return undefined;
  const counts = new Map<string, number>();
  for (const p of byId.values()) {
    for (const t of new Set(p.names.flatMap((n) => n.tokens))) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return (token) => (counts.get(token) ?? 0) / byId.size;
}

/** Keys of a prepared record: nameBlockingKeys to index it, nameQueryKeys to look it up. */
function keysOf(p: PreparedCandidate, fn: typeof nameBlockingKeys): string[] {
  const events = [...p.events].sort();
  return [...new Set(p.names.flatMap((n) => fn(n, p.birthYear, events)))];
}

const byScoreThenIds = (x: CandidatePair, y: CandidatePair): number =>
  y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0);

/** Candidate pairs at or above the threshold, best first (ties by ids), each unordered pair once. */
export function findCandidates(
  incoming: readonly MatchCandidate[],
  existing: readonly MatchCandidate[],
  options: FindCandidatesOptions = {},
): CandidatePair[] {
  const threshold = options.threshold ?? 0.5;
  // The first pass keeps every strong pair too: demoteContradicted reasons from them.
  const keepFrom = Math.min(threshold, STRONG);
  const maxBlock = options.maxBlockSize ?? 500;
  const preparedExisting = existing.map(prepareCandidate);
  const index = new Map<string, number[]>();
  preparedExisting.forEach((c, j) => {
    for (const key of keysOf(c, nameBlockingKeys)) {
      const block = index.get(key);
      if (block === undefined) index.set(key, [j]);
      else block.push(j);
    }
  });
  // Deduplicating one list: the same objects on both sides, prepared once, each pair scored once.
  const same = incoming === existing;
  const preparedIncoming = same ? preparedExisting : incoming.map(prepareCandidate);
  const shareOf = options.tokenShare ?? countShares([...preparedExisting, ...(same ? [] : preparedIncoming)]);
  const n = existing.length;
  const scored = new Set<number>(); // (i, j) as one number; unordered when deduplicating
  const emitted = new Set<string>(); // proposed id pairs, for ids present in both lists
  const out: CandidatePair[] = [];
  preparedIncoming.forEach((p, i) => {
    for (const key of keysOf(p, nameQueryKeys)) {
      const block = index.get(key);
      if (block === undefined || block.length > maxBlock) continue;
      for (const j of block) {
        const pair = same ? Math.min(i, j) * n + Math.max(i, j) : i * n + j;
        if (scored.has(pair)) continue;
        scored.add(pair);
        const other = preparedExisting[j] as PreparedCandidate;
        if (other.id === p.id) continue;
        const evidence = pairEvidence(p, other, shareOf);
        const score = scoreOnly(evidence);
        if (score < keepFrom) continue;
        const pairKey = p.id < other.id ? `${p.id}\u0000${other.id}` : `${other.id}\u0000${p.id}`;
        if (emitted.has(pairKey)) continue;
        emitted.add(pairKey);
        out.push({ a: p.id, b: other.id, score, reasons: explain(evidence) });
      }
    }
  });
  const byId = new Map([...preparedExisting, ...preparedIncoming].map((p) => [p.id, p]));
  return demoteContradicted(out, byId, shareOf).filter((p) => p.score >= threshold).sort(byScoreThenIds);
}
