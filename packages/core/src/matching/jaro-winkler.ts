/**
 * Jaro–Winkler similarity, written here rather than taken from a package: it is ~30 lines, the
 * packages on npm differ in details (prefix cap, boost threshold) that change stored scores, and
 * core takes no dependencies it does not need.
 */

const SCRATCH = 64;
const A_USED = new Uint8Array(SCRATCH);
const B_USED = new Uint8Array(SCRATCH);

/** Jaro similarity in 0..1 (1 = identical). Works on UTF-16 code units; callers pass folded [a-z]. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  // Scratch flags reused across calls (matching runs this ~10⁶ times; allocation showed in
  // profiles). Still pure: nothing survives between calls but zeroed memory.
  const aUsed = a.length <= SCRATCH ? A_USED.fill(0, 0, a.length) : new Uint8Array(a.length);
  const bUsed = b.length <= SCRATCH ? B_USED.fill(0, 0, b.length) : new Uint8Array(b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (bUsed[j] || a[i] !== b[j]) continue;
      aUsed[i] = 1;
      bUsed[j] = 1;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  // Transpositions: matched characters that appear in a different order, halved.
  let k = 0;
  let halfTranspositions = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!aUsed[i]) continue;
    while (!bUsed[k]) k += 1;
    if (a[i] !== b[k]) halfTranspositions += 1;
    k += 1;
  }
  const m = matches;
  return (m / a.length + m / b.length + (m - halfTranspositions / 2) / m) / 3;
}

/**
 * Jaro–Winkler: Jaro boosted for a common prefix (up to 4 characters, scale 0.1), the usual
 * constants from Winkler (1990). Names that share their first letters are more often the same
 * name misspelled later on than different names.
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  return j + prefix * 0.1 * (1 - j);
}
