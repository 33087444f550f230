/**
 * Compares two names token by token, in whichever word order fits best, and turns the result
 * into evidence points (log-odds-like: positive for "same person", negative against) with
 * human-readable reasons. Points per aligned token pair, not an average over the whole name:
 * with an average, "Nurlan Akhmetov" vs "Nurbol Akhmetov" would look 92% similar, while a
 * different given name is strong evidence of a different person.
 */
import { jaroWinkler } from './jaro-winkler.js';
import { type NameParts } from './tokens.js';

export interface NameComparison {
  points: number;
  /** How many tokens were compared (min of both sides' token counts). */
  aligned: number;
  /** How each aligned token pair compared, in the shorter name's order. */
  tokens: readonly TokenScore[];
  /** The reasons, in words; built on demand, as most compared pairs are discarded unread. */
  explain: () => string[];
}

/** Tokens considered per name: permutations of 4 are 24, enough for double given names. */
const MAX_TOKENS = 4;

/**
 * Tokens that differ only by a final -a: Akhmetov/Akhmetova (brother and sister), but also
 * Aleksandr/Aleksandra, Zhanar/Zhanara (different given names). 'surname' for the -ov/-ev and
 * -skii/-skaia forms, which are surnames of different sexes; 'name' for the rest. -in/-ina is
 * left to 'name' because female given names end in -ina (Galina) and lose the -a to typos.
 */
function finalA(x: string, y: string): 'surname' | 'name' | null {
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  if (/skii$|skoi$/.test(short) && long === short.replace(/k(ii|oi)$/, 'kaia')) return 'surname';
  if (long !== `${short}a` || /[aeiou]$/.test(short)) return null;
  return /(ov|ev)$/.test(short) ? 'surname' : 'name';
}

/**
 * One name is the start of a longer one (Erbol/Erbolat, Kasym/Kasymbek, Asylbol/Asylbolat):
 * compound names, different names. Jaro–Winkler rates them highly because of the shared prefix;
 * typos rarely drop two or more letters at the end.
 */
function extension(x: string, y: string): boolean {
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 3 && long.length - short.length >= 2 && long.startsWith(short);
}

/**
 * Share of people in the lists who bear a token (0..1), when known. Agreeing on "Aigerim"
 * (2% of people) says less than agreeing on "Baitelova" (0.01%): namesakes are the main source
 * of false matches, and they come from common names.
 */
export type TokenShare = (token: string) => number | undefined;

/**
 * Points added to an agreeing token for how rare it is: ln(1% / share) × 0.7, so 0 for a name
 * borne by 1% of people, −2.1 at 20% (cap −2), +1.6 at 0.1%, +2.5 at most. Close to the
 * Fellegi–Sunter weight ln(m/u), whose u is the share, and to the slope a logistic regression
 * fitted on the benchmark gave (0.68 per ln unit). Unknown share: 0.
 */
export function rarityPoints(share: number | undefined): number {
  if (share === undefined || share <= 0) return 0;
  return Math.min(2.5, Math.max(-2, 0.7 * Math.log(0.01 / share)));
}

/**
 * How token x compares with token y; `form` marks related but different forms (see above);
 * `share` is the larger of the two tokens' shares (0 when unknown).
 */
export interface TokenScore { x: string; points: number; sim: number; form: 'surname' | 'name' | null; alike: boolean; share: number }

/**
 * Points for one token pair. Agreement (Jaro–Winkler ≥ 0.9) earns +2.5 when exact, less for a
 * likely typo, plus rarityPoints; agreeing phonetic keys add +1.2 (vowel variants such as
 * Erken/Erkan, 0.91). Below 0.9 points fall to −3.5 at 0.76: a typo in a name of five letters
 * or more usually stays above 0.85 and costs little; a different name of the same family
 * (Nurlan/Nurbol 0.84, Erken/Erlan 0.79) costs more, unless the consonant skeletons agree.
 */
function tokenScore(x: string, y: string, px: string, py: string, shareOf: TokenShare): TokenScore {
  const alike = px === py;
  const sim = jaroWinkler(x, y);
  const form = finalA(x, y) ?? (extension(x, y) ? 'name' : null);
  if (form !== null) return { x, points: form === 'surname' ? -4 : -2, sim, form, alike, share: 0 };
  // The more common spelling of the two decides: a typo makes a token look rare.
  const share = Math.max(shareOf(x) ?? 0, shareOf(y) ?? 0);
  const rarity = rarityPoints(share);
  if (x === y) return { x, points: 2.5 + rarity, sim, form, alike, share };
  if (sim >= 0.9) return { x, points: 0.5 + (sim - 0.9) * 15 + (alike ? 1.2 : 0) + rarity, sim, form, alike, share };
  // Same consonant skeleton below 0.9 (Korolyov/Kroolev, Yalgazy/Elgazy): more often two
  // spellings of one name than two names, so no evidence either way (Marat/Murat get 0 too).
  return { x, points: alike && px.length >= 3 ? 0 : Math.max(-3.5, (sim - 0.9) * 25), sim, form, alike, share };
}

/** All injective maps of k indices into n indices (k ≤ n ≤ 4), in lexicographic order. */
function arrangements(k: number, n: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (const rest of arrangements(k - 1, n)) {
    for (let i = 0; i < n; i += 1) if (!rest.includes(i)) out.push([...rest, i]);
  }
  return out;
}
const ARRANGEMENTS = new Map<string, number[][]>();
function cachedArrangements(k: number, n: number): number[][] {
  const key = `${k}/${n}`;
  let found = ARRANGEMENTS.get(key);
  if (found === undefined) ARRANGEMENTS.set(key, (found = arrangements(k, n)));
  return found;
}

const q = (s: string): string => `'${s}'`;

/**
 * Folded first letters that an initial may stand for: "Z." is written for Ж (folded j) as well
 * as З, "K." for Х (folded h), "T." for Ц (folded c).
 */
const INITIAL_ALSO: Readonly<Record<string, string>> = { z: 'j', k: 'h', t: 'c' };
function initialFits(initial: string, token: string): boolean {
  return token.startsWith(initial) || token.startsWith(INITIAL_ALSO[initial] ?? '\u0000');
}

interface Alignment { points: number; map: number[]; scores: TokenScore[] }

/** The best-scoring assignment of the shorter name's tokens to the longer name's tokens. */
function align(s: NameParts, l: NameParts, shareOf: TokenShare): Alignment | null {
  const st = s.tokens.slice(0, MAX_TOKENS);
  const lt = l.tokens.slice(0, MAX_TOKENS);
  let best: Alignment | null = null;
  for (const map of cachedArrangements(st.length, lt.length)) {
    const scores = map.map((j, i) => tokenScore(st[i] ?? '', lt[j] ?? '', s.phonetic[i] ?? '', l.phonetic[j] ?? '', shareOf));
    const points = scores.reduce((sum, t) => sum + t.points, 0);
    if (best === null || points > best.points) best = { points, map, scores };
  }
  return best;
}

function describe(t: TokenScore, x: string, y: string): string {
  if (t.form === 'surname') return `surnames differ in gender form: ${q(x)} vs ${q(y)}`;
  if (t.form === 'name') return `${q(x)} and ${q(y)} are different forms of a name (different people or sexes)`;
  if (x === y) return `${q(x)} agrees after transliteration`;
  const jw = `Jaro–Winkler ${t.sim.toFixed(2)}`;
  if (t.sim >= 0.9) return `${q(x)} and ${q(y)} are similar (${jw}${t.alike ? ', sound alike' : ''})`;
  return t.points === 0 ? `${q(x)} and ${q(y)} are spelt differently but sound alike (${jw})` : `${q(x)} and ${q(y)} differ (${jw})`;
}

/**
 * Initials on the shorter name against the longer name's tokens left unmatched: "Ж. Балгабаева"
 * fits "Жанара Балгабаева" (+1.5) and contradicts "Динара Балгабаева" (−3).
 */
function checkInitials(initials: readonly string[], unmatched: readonly string[]): { points: number; reasons: string[] } {
  const left = [...unmatched];
  let points = 0;
  const reasons: string[] = [];
  for (const initial of initials) {
    const hit = left.findIndex((t) => initialFits(initial, t));
    const letter = q(initial.toUpperCase());
    if (hit >= 0) {
      points += 1.5;
      reasons.push(`initial ${letter} fits ${q(left[hit] ?? '')}`);
      left.splice(hit, 1);
    } else if (left.length > 0) {
      points -= 3;
      reasons.push(`initial ${letter} does not fit ${q(left.join(' '))}`);
    }
  }
  return { points, reasons };
}

/** Compares two names; null when either has no comparable token. */
export function compareNames(a: NameParts, b: NameParts, shareOf: TokenShare = () => undefined): NameComparison | null {
  const flip = a.tokens.length > b.tokens.length;
  const [s, l] = flip ? [b, a] : [a, b];
  const best = s.tokens.length === 0 ? null : align(s, l, shareOf);
  if (best === null) return null;
  const unmatched = l.tokens.slice(0, MAX_TOKENS).filter((_, j) => !best.map.includes(j));
  const initials = s.initials.length === 0 ? null : checkInitials(s.initials, unmatched);
  const explain = (): string[] => {
    // Token pairs in (a, b) order, whichever side was shorter.
    const pairs = best.map.map((j, i) => {
      const [x, y] = [s.tokens[i] ?? '', l.tokens[j] ?? ''];
      return flip ? ([y, x] as const) : ([x, y] as const);
    });
    const reasons = pairs.every(([x, y]) => x === y)
      ? [`names agree after transliteration: ${q(pairs.map(([x]) => x).join(' '))}`]
      : best.scores.map((t, i) => describe(t, pairs[i]?.[0] ?? '', pairs[i]?.[1] ?? ''));
    if (best.map.some((j, i) => i > 0 && j < (best.map[i - 1] ?? 0))) reasons.push('same name in a different word order');
    return [...reasons, ...(initials?.reasons ?? [])];
  };
  return { points: best.points + (initials?.points ?? 0), aligned: best.map.length, tokens: best.scores, explain };
}
