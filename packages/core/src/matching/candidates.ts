/**
 * findCandidates: pairs (incoming, existing) worth a reviewer's look. Only records sharing a
 * blocking key are scored (see keys.ts), so the cost grows with block sizes, not with
 * incoming × existing. Pass the same list twice to find duplicates inside one list.
 */
import { nameBlockingKeys, nameQueryKeys } from './keys.js';
import { CONTRADICTS, demoteContradicted, promoteLinked, type LinkedPair } from './conflicts.js';
import { type TokenShare } from './name-compare.js';
import { pairEvidence, prepareCandidate, type Evidence, type PreparedCandidate } from './evidence.js';
import { Sketches } from './sketch.js';
import { explain, populationPoints, PRIOR, scoreOnly } from './score.js';
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
  /**
   * How many people the token shares were counted over: the register the incoming records are
   * matched against (see populationPoints). Default: the people counted for the default shares;
   * none (no adjustment) when tokenShare is passed without it.
   */
  population?: number;
}

/** Below this many people, token counts say more about the sample than about the names. */
const MIN_PEOPLE_FOR_SHARES = 1000;

/** Share of distinct people (by id) whose names contain each token, and how many people that is. */
function countShares(people: readonly PreparedCandidate[]): { shareOf: TokenShare; population: number } | undefined {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  const mine: string[] = [];
  for (const p of people) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    // Each token once per person: a person has a few, so a list beats a Set.
    mine.length = 0;
    for (const n of p.names) for (const t of n.tokens) if (!mine.includes(t)) mine.push(t);
    for (const t of mine) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  if (seen.size < MIN_PEOPLE_FOR_SHARES) return undefined;
  const population = seen.size;
  return { shareOf: (token) => (counts.get(token) ?? 0) / population, population };
}

/** Keys of a prepared record: nameBlockingKeys to index it, nameQueryKeys to look it up. */
function keysOf(p: PreparedCandidate, fn: typeof nameBlockingKeys): string[] {
  const events = [...p.events].sort();
  return [...new Set(p.names.flatMap((n) => fn(n, p.birthYear, events)))];
}

/**
 * Records sorted by their first name's words (ties by id), so that the records of a name block
 * sit next to each other in the sketches: in a million records, fetching scattered rows from
 * memory cost more than checking them. The order changes no result (tested).
 */
function inNameOrder(people: readonly PreparedCandidate[]): PreparedCandidate[] {
  const keys = people.map((p) => {
    const tokens = p.names[0]?.tokens ?? [];
    return tokens.length < 2 ? (tokens[0] ?? '') : [...tokens].sort().join(' ');
  });
  const ids = people.map((p) => p.id);
  const order = Array.from(people.keys()).sort((x, y) => {
    const [kx, ky] = [keys[x] ?? '', keys[y] ?? ''];
    if (kx !== ky) return kx < ky ? -1 : 1;
    const [ix, iy] = [ids[x] ?? '', ids[y] ?? ''];
    return ix < iy ? -1 : ix > iy ? 1 : 0;
  });
  return order.map((i) => people[i] as PreparedCandidate);
}

const byScoreThenIds = (x: CandidatePair, y: CandidatePair): number =>
  y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0);

/** A pair kept for the second look, with its evidence for the reasons. */
interface Kept extends LinkedPair { evidence: Evidence }

/** Candidate pairs at or above the threshold, best first (ties by ids), each unordered pair once. */
export function findCandidates(
  incoming: readonly MatchCandidate[],
  existing: readonly MatchCandidate[],
  options: FindCandidatesOptions = {},
): CandidatePair[] {
  const threshold = options.threshold ?? 0.5;
  // Pairs the second look may still raise above the threshold are kept too (conflicts.ts).
  const keepFrom = Math.min(threshold, CONTRADICTS);
  const maxBlock = options.maxBlockSize ?? 500;
  const preparedExisting = inNameOrder(existing.map(prepareCandidate));
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
  const counted = options.tokenShare === undefined ? countShares([...preparedExisting, ...(same ? [] : preparedIncoming)]) : undefined;
  const shareOf = options.tokenShare ?? counted?.shareOf;
  const population = options.population ?? counted?.population;
  const offset = populationPoints(population);
  // Points a pair needs to be kept (a little under, so that rounding never loses one).
  const needed = Math.log(keepFrom / (1 - keepFrom)) - 0.01;
  const n = existing.length;
  // Rows 0..n-1 are the existing records; incoming ones follow, unless they are the same list.
  const sketches = new Sketches(same ? preparedExisting : [...preparedExisting, ...preparedIncoming], shareOf);
  const incomingRow = same ? 0 : n;
  const scored = new Set<number>(); // (i, j) as one number, unordered, when deduplicating
  const seenBy = new Int32Array(same ? 0 : n).fill(-1); // across lists: the last i that scored j
  const emitted = new Set<string>(); // proposed id pairs, for ids present in both lists
  const kept: Kept[] = [];
  preparedIncoming.forEach((p, i) => {
    for (const key of keysOf(p, nameQueryKeys)) {
      const block = index.get(key);
      if (block === undefined || block.length > maxBlock) continue;
      for (const j of block) {
        if (same) {
          const pair = Math.min(i, j) * n + Math.max(i, j);
          if (scored.has(pair)) continue;
          scored.add(pair);
        } else {
          if (seenBy[j] === i) continue;
          seenBy[j] = i;
        }
        // Names are compared, and fields labelled, only for pairs whose bound (sketch.ts) reaches
        // keepFrom; a veto, birth years apart, scores 0 whatever the names.
        if (keepFrom > 0) {
          const fields = sketches.fieldsBound(incomingRow + i, j);
          if (fields === null || PRIOR + offset + fields + sketches.namesBound(incomingRow + i, j) < needed) continue;
        }
        const other = preparedExisting[j] as PreparedCandidate;
        if (other.id === p.id) continue;
        const evidence = pairEvidence(p, other, shareOf);
        const score = scoreOnly(evidence, offset);
        if (score < keepFrom) continue;
        const pairKey = p.id < other.id ? `${p.id}\u0000${other.id}` : `${other.id}\u0000${p.id}`;
        if (emitted.has(pairKey)) continue;
        emitted.add(pairKey);
        kept.push({ a: p.id, b: other.id, score, notes: [], evidence });
      }
    }
  });
  const byId = new Map([...preparedExisting, ...preparedIncoming].map((p) => [p.id, p]));
  const known = new Map(kept.map((k) => [k.a < k.b ? `${k.a}\u0000${k.b}` : `${k.b}\u0000${k.a}`, k.score]));
  const scoreOf = (x: string, y: string): number => {
    const key = x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
    let score = known.get(key);
    if (score === undefined) {
      const [px, py] = [byId.get(x), byId.get(y)];
      score = px === undefined || py === undefined ? 0 : scoreOnly(pairEvidence(px, py, shareOf), offset);
      known.set(key, score);
    }
    return score;
  };
  return demoteContradicted(promoteLinked(kept, scoreOf), scoreOf)
    .filter((p) => p.score >= threshold)
    .map((p): CandidatePair => ({ a: p.a, b: p.b, score: p.score, reasons: [...explain(p.evidence, population), ...p.notes] }))
    .sort(byScoreThenIds);
}
