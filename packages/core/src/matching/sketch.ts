/**
 * Sketches: what findCandidates needs to rule a pair out, packed into typed arrays, and an upper
 * bound on the points a pair can score (weigh() in score.ts), so that names are compared and
 * fields labelled only for pairs that can still reach the threshold.
 *
 * In a register of a million people a block holds hundreds of records, and most pairs in it
 * are different names that share a few letters, or namesakes whose fields rule them out. With
 * each record an object graph (names, tokens, sets, maps), checking a pair touched a dozen
 * scattered objects, and memory, not arithmetic, was most of the time; here a record is one row
 * of numbers and its name words a few contiguous rows.
 *
 * The bound never falls below weigh(pairEvidence(a, b)) (sketch.test.ts checks this):
 *   fields      exact for birth years (null for a veto, as weigh), cities and events or
 *               organisations of up to two each; optimistic (agreement) for patronymics, which
 *               are compared by similarity, and for longer lists
 *   names       tokenScore (name-compare.ts) case by case: equal words 2.5 + rarity, exactly;
 *               other words its formula at an upper bound of their Jaro–Winkler similarity —
 *               matching letters m ≤ |x| − the kinds of letter of x that y lacks (and the same
 *               for y), transpositions ≥ 0, so Jaro ≤ (m/|x| + m/|y| + 1) / 3, with the common
 *               prefix exact — and never below −2 (related forms of a name score −2 or −4);
 *               each initial of the shorter name at most +1.5; each word of the shorter name
 *               takes its best partner, so any alignment is covered
 */
import { rarityPoints, type TokenShare } from './name-compare.js';
import { type PreparedCandidate } from './evidence.js';
import { WEIGHTS } from './score.js';

/** Words per name that compareNames looks at. */
const MAX_TOKENS = 4;
const EQUAL = 2.5;
const INITIAL = 1.5;
/** What tokenScore gives related forms of a name at most (Erbol/Erbolat −2, Akhmetov/-a −4). */
const RELATED = -2;
/** Events and organisations kept per record; a record with more is taken to agree. */
const KEPT = 2;

// A record's row: birth year, city, events (count, ids), organisations (count, ids), whether
// it has a patronymic, its first name row and how many names.
const YEAR = 0;
const CITY = 1;
const EVENTS = 2;
const ORGS = EVENTS + 1 + KEPT;
const PATRONYMIC = ORGS + 1 + KEPT;
const FIRST_NAME = PATRONYMIC + 1;
const NAMES = FIRST_NAME + 1;
const RECORD = NAMES + 1;
// A name's row: first word row, words, initials. A word's row: id, phonetic id, letter kinds
// (bits a–z), length, first four letters (5 bits each); its rarity apart, as a float.
const NAME = 3;
const WORD = 5;
const NO_YEAR = -1_000_000;

const popcount = (x: number): number => {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

export class Sketches {
  private readonly records: Int32Array;
  private readonly names: Int32Array;
  private readonly words: Int32Array;
  private readonly rarity: Float64Array;

  /** Sketches of `people`, row i for people[i]. Rarity from shareOf as tokenScore reads it. */
  constructor(people: readonly PreparedCandidate[], shareOf: TokenShare | undefined) {
    let nameCount = 0;
    let wordCount = 0;
    for (const p of people) for (const n of p.names) { nameCount += 1; wordCount += Math.min(MAX_TOKENS, n.tokens.length); }
    this.records = new Int32Array(people.length * RECORD);
    this.names = new Int32Array(nameCount * NAME);
    this.words = new Int32Array(wordCount * WORD);
    this.rarity = new Float64Array(wordCount);
    // Words, phonetic keys, cities, events and organisations are numbered apart.
    const [wordIds, phoneticIds, cityIds] = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
    const [eventIds, organisationIds] = [new Map<string, number>(), new Map<string, number>()];
    // Rarity once per distinct word. An unknown share (0) does not count in tokenScore's
    // max(share x, share y): Infinity.
    const rarityOf: number[] = [];
    let name = 0;
    let word = 0;
    people.forEach((p, r) => {
      const row = r * RECORD;
      this.records[row + YEAR] = p.birthYear ?? NO_YEAR;
      this.records[row + CITY] = p.city === null ? -1 : idIn(cityIds, p.city.key);
      this.keep(row + EVENTS, p.sortedEvents, eventIds);
      this.keep(row + ORGS, [...p.organisations.keys()], organisationIds);
      this.records[row + PATRONYMIC] = p.patronymics.length > 0 ? 1 : 0;
      this.records[row + FIRST_NAME] = name;
      this.records[row + NAMES] = p.names.length;
      for (const n of p.names) {
        const count = Math.min(MAX_TOKENS, n.tokens.length);
        this.names[name * NAME] = word;
        this.names[name * NAME + 1] = count;
        this.names[name * NAME + 2] = n.initials.length;
        name += 1;
        for (let k = 0; k < count; k += 1) {
          const t = n.tokens[k] ?? '';
          const at = word * WORD;
          const id = idIn(wordIds, t);
          if (id === rarityOf.length) {
            const share = shareOf?.(t) ?? 0;
            rarityOf.push(share > 0 ? rarityPoints(share) : Infinity);
          }
          this.words[at] = id;
          this.words[at + 1] = idIn(phoneticIds, n.phonetic[k] ?? '');
          this.words[at + 2] = letterKinds(t);
          this.words[at + 3] = t.length;
          this.words[at + 4] = firstLetters(t);
          this.rarity[word] = rarityOf[id] as number;
          word += 1;
        }
      }
    });
  }

  /** Count and up to KEPT ids; more than KEPT counts as "agrees with anything". */
  private keep(at: number, values: readonly string[], ids: Map<string, number>): void {
    this.records[at] = values.length;
    for (let k = 0; k < Math.min(KEPT, values.length); k += 1) this.records[at + 1 + k] = idIn(ids, values[k] ?? '');
  }

  /**
   * At least the points weigh() gives the fields of rows x and y (names left out), or null when
   * birth years two or more apart veto the pair, as weigh() does.
   */
  fieldsBound(x: number, y: number): number | null {
    const r = this.records;
    const a = x * RECORD;
    const b = y * RECORD;
    const w = WEIGHTS;
    let points = 0;
    const ya = r[a + YEAR] as number;
    const yb = r[b + YEAR] as number;
    if (ya !== NO_YEAR && yb !== NO_YEAR) {
      const gap = Math.abs(ya - yb);
      if (gap >= 2) return null;
      points += gap === 0 ? w.sameYear : w.yearOffByOne;
    }
    if (r[a + PATRONYMIC] === 1 && r[b + PATRONYMIC] === 1) points += Math.max(w.samePatronymic, w.otherPatronymic);
    const ca = r[a + CITY] as number;
    const cb = r[b + CITY] as number;
    if (ca >= 0 && cb >= 0) points += ca === cb ? w.sameCity : w.otherCity;
    points += this.listPoints(a + EVENTS, b + EVENTS, w.sameEvent, w.otherEvent);
    points += this.listPoints(a + ORGS, b + ORGS, w.sameOrganisation, w.otherOrganisation);
    return points;
  }

  private listPoints(a: number, b: number, same: number, different: number): number {
    const r = this.records;
    const na = r[a] as number;
    const nb = r[b] as number;
    if (na === 0 || nb === 0) return 0;
    if (na > KEPT || nb > KEPT) return Math.max(same, different);
    for (let i = 1; i <= na; i += 1) for (let j = 1; j <= nb; j += 1) if (r[a + i] === r[b + j]) return same;
    return different;
  }

  /** At least the name points compareNames gives the best pair of names of rows x and y. */
  namesBound(x: number, y: number): number {
    const r = this.records;
    const fa = r[x * RECORD + FIRST_NAME] as number;
    const ka = r[x * RECORD + NAMES] as number;
    const fb = r[y * RECORD + FIRST_NAME] as number;
    const kb = r[y * RECORD + NAMES] as number;
    let best = -Infinity;
    for (let i = fa; i < fa + ka; i += 1) {
      for (let j = fb; j < fb + kb; j += 1) {
        const ta = this.names[i * NAME + 1] as number;
        const tb = this.names[j * NAME + 1] as number;
        if (ta === 0 || tb === 0) continue;
        // compareNames aligns the shorter name (the first, when equally long) onto the longer.
        const bound = ta > tb ? this.nameBound(j, i) : this.nameBound(i, j);
        if (bound > best) best = bound;
      }
    }
    // No comparable names: compareNames gives null, which scores 0.
    return best === -Infinity ? 0 : best;
  }

  private nameBound(s: number, l: number): number {
    const n = this.names;
    const sFirst = n[s * NAME] as number;
    const sEnd = sFirst + (n[s * NAME + 1] as number);
    const lFirst = n[l * NAME] as number;
    const lEnd = lFirst + (n[l * NAME + 1] as number);
    let total = 0;
    for (let i = sFirst; i < sEnd; i += 1) {
      let best = -Infinity;
      for (let j = lFirst; j < lEnd; j += 1) best = Math.max(best, this.wordBound(i, j));
      total += best;
    }
    return total + INITIAL * (n[s * NAME + 2] as number);
  }

  /** At most what tokenScore gives word row i against word row j. */
  private wordBound(i: number, j: number): number {
    const w = this.words;
    const a = i * WORD;
    const b = j * WORD;
    const least = Math.min(this.rarity[i] as number, this.rarity[j] as number);
    const rarity = least === Infinity ? 0 : least;
    if (w[a] === w[b]) return EQUAL + rarity;
    const alike = w[a + 1] === w[b + 1];
    const sim = similarityBound(w[a + 2] as number, w[a + 3] as number, w[a + 4] as number, w[b + 2] as number, w[b + 3] as number, w[b + 4] as number);
    const below = alike ? 0 : Math.max(-3.5, (Math.min(sim, 0.9) - 0.9) * 25);
    const above = sim >= 0.9 ? 0.5 + (sim - 0.9) * 15 + (alike ? 1.2 : 0) + rarity : -Infinity;
    return Math.max(below, above, RELATED);
  }
}

/** The number of s in `ids`, numbering it if new. */
function idIn(ids: Map<string, number>, s: string): number {
  let id = ids.get(s);
  if (id === undefined) ids.set(s, (id = ids.size));
  return id;
}

/** Kinds of letter in a folded word ([a-z]) as bits. */
function letterKinds(word: string): number {
  let bits = 0;
  for (let k = 0; k < word.length; k += 1) bits |= 1 << ((word.charCodeAt(k) - 97) & 31);
  return bits;
}

/** The first four letters, 5 bits each (1–26; 0 past the end). */
function firstLetters(word: string): number {
  let packed = 0;
  for (let k = 0; k < Math.min(4, word.length); k += 1) packed |= (((word.charCodeAt(k) - 96) & 31) << (5 * k));
  return packed;
}

/** An upper bound on jaroWinkler(x, y) for different words, from their letter kinds, lengths and starts. */
function similarityBound(kindsX: number, lengthX: number, startX: number, kindsY: number, lengthY: number, startY: number): number {
  const m = Math.min(lengthX - popcount(kindsX & ~kindsY), lengthY - popcount(kindsY & ~kindsX));
  if (m <= 0) return 0;
  const jaro = (m / lengthX + m / lengthY + 1) / 3;
  let prefix = 0;
  while (prefix < 4 && ((startX >>> (5 * prefix)) & 31) !== 0 && ((startX >>> (5 * prefix)) & 31) === ((startY >>> (5 * prefix)) & 31)) prefix += 1;
  return Math.min(1, jaro + prefix * 0.1 * (1 - jaro));
}
