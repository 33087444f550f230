// Person matching across lists and scripts: keys for blocking, pair scores with reasons,
// candidate search, and a seeded benchmark to measure them (pure, no I/O, no clock).
export { jaro, jaroWinkler } from './jaro-winkler.js';
export { phoneticKey } from './phonetic.js';
export { nameParts, type NameParts } from './tokens.js';
export { personKeys, personQueryKeys, type PersonKeyInput, type PersonKeys } from './keys.js';
export { cityKey } from './places.js';
export { rarityPoints, type TokenShare } from './name-compare.js';
export { populationPoints, scorePair, prepareCandidate, scorePrepared, type PreparedCandidate, type ScoreContext } from './score.js';
export { findCandidates, type FindCandidatesOptions } from './candidates.js';
export { evaluate, type Evaluation } from './evaluate.js';
export { generateBenchmark, seededRng, type Benchmark } from './benchmark.js';
export type { MatchCandidate, CandidatePair, PairScore } from './types.js';
