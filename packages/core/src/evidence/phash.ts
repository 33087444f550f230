/** Bits that differ between two 64-bit hashes written as 16 hex digits. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let bits = 0;
  for (let i = 0; i < a.length; i += 4) {
    let x = parseInt(a.slice(i, i + 4), 16) ^ parseInt(b.slice(i, i + 4), 16);
    while (x) {
      bits += x & 1;
      x >>>= 1;
    }
  }
  return bits;
}

/** At or under this distance two images are flagged as likely the same picture (re-encoded, resized). */
export const NEAR_DUPLICATE_DISTANCE = 10;

/** Difference hash (dHash) of a 9×8 greyscale thumbnail: 1 where a pixel is brighter than its right neighbour. */
export function differenceHash(grey9x8: Uint8Array): string {
  if (grey9x8.length < 72) throw new RangeError('dHash needs 9×8 = 72 greyscale pixels');
  let hex = '';
  for (let row = 0; row < 8; row++) {
    let byte = 0;
    for (let col = 0; col < 8; col++) {
      const left = grey9x8[row * 9 + col] ?? 0;
      const right = grey9x8[row * 9 + col + 1] ?? 0;
      byte = (byte << 1) | (left > right ? 1 : 0);
    }
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/**
 * The smallest distance between any hash of one item and any hash of another: a video re-cut,
 * trimmed or re-encoded still shares some key frames with the original even when its poster
 * frame shows something else.
 */
export function closestDistance(a: readonly string[], b: readonly string[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const x of a) for (const y of b) best = Math.min(best, hammingDistance(x, y));
  return best;
}
