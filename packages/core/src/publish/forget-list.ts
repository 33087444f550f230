/**
 * What a redactor keeps out of published free text: exact strings (names, contacts, private
 * addresses), scrubbed in the order they were added, and folded name tokens. Split out of the
 * redactor so that an export can build the lists of the persons its texts resemble once and
 * share them between all its pages (see resembling.ts).
 */
import { nameTokens } from '../names/index.js';

export const WITHHELD = '[withheld]';

/** Below this many entries a plain scan is as fast as the index. */
const SCAN_MAX = 32;
const KEY = 3;

/** Does a word of running text look like (an inflected form of) this folded name token? */
function wordMatchesToken(word: string, token: string): boolean {
  if (word === token) return true;
  if (token.length < 5) return false;
  const stem = token.slice(0, -1);
  return word.startsWith(stem) && word.length <= token.length + 3;
}

export class ForgetList {
  private readonly exact: string[] = [];
  private readonly shortTokens = new Set<string>();
  /** Name tokens of 5+ letters, by their first four letters (inflected forms share those). */
  private readonly longTokens = new Map<string, string[]>();
  /** Indexes into `exact` (ascending) by their first three UTF-16 units; built when first needed. */
  private index: Map<string, number[]> | null = null;

  constructor(private readonly tokensOf: (name: string) => string[] = nameTokens) {}

  get size(): number {
    return this.exact.length;
  }

  get hasTokens(): boolean {
    return this.shortTokens.size > 0 || this.longTokens.size > 0;
  }

  /** A string that must never appear (an address, a contact); under 3 characters it is never matched. */
  addExact(value: string): void {
    this.exact.push(value);
    this.index = null;
  }

  /** Names (each whole, and every token of 3+ letters) and a contact. */
  forget(names: string[], contact?: string | null): void {
    for (const name of names) {
      if (name.trim().length >= 3) this.addExact(name.trim());
      for (const token of this.tokensOf(name)) {
        if (token.length < 3) continue;
        if (token.length < 5) this.shortTokens.add(token);
        else {
          const key = token.slice(0, 4);
          const list = this.longTokens.get(key);
          if (list) list.push(token);
          else this.longTokens.set(key, [token]);
        }
      }
    }
    if (contact?.trim()) this.addExact(contact.trim());
  }

  /**
   * Replaces every entry that occurs in `text`, entry by entry in the order added — exactly what
   * testing each in turn with includes() does, but a long list (an export page knows thousands
   * of names) is searched through its index: only entries whose first three characters occur in
   * the text are compared.
   */
  scrub(text: string): string {
    let out = text;
    if (this.exact.length <= SCAN_MAX) {
      for (const s of this.exact) if (s.length >= KEY && out.includes(s)) out = out.split(s).join(WITHHELD);
      return out;
    }
    for (let i = this.next(out, -1); i >= 0; i = this.next(out, i)) {
      const s = this.exact[i] as string;
      out = out.split(s).join(WITHHELD);
    }
    return out;
  }

  /** The first entry after `after` (in list order) that occurs in `text`, or -1. */
  private next(text: string, after: number): number {
    const index = (this.index ??= this.buildIndex());
    let best = -1;
    for (let at = 0; at + KEY <= text.length; at++) {
      const candidates = index.get(text.slice(at, at + KEY));
      if (!candidates) continue;
      for (let k = firstAbove(candidates, after); k < candidates.length; k++) {
        const i = candidates[k] as number;
        if (best >= 0 && i >= best) break;
        if (text.startsWith(this.exact[i] as string, at)) {
          best = i;
          break;
        }
      }
    }
    return best;
  }

  private buildIndex(): Map<string, number[]> {
    const index = new Map<string, number[]>();
    this.exact.forEach((s, i) => {
      if (s.length < KEY) return;
      const key = s.slice(0, KEY);
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    });
    return index;
  }

  /** Is this folded word one of the names' tokens, or an inflected form of a long one? */
  isNameToken(word: string): boolean {
    if (this.shortTokens.has(word)) return true;
    const list = this.longTokens.get(word.slice(0, 4));
    return !!list && list.some((t) => wordMatchesToken(word, t));
  }
}

/** Position of the first value above `after` in an ascending list. */
function firstAbove(list: number[], after: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `nameTokens`, folded word by word. The same tokens — folding never looks across whitespace
 * (search-keys.ts works on runs of letters; a test holds the two equal) — but words repeat from
 * name to name (given names, surnames) where whole names do not, so the fold's memo answers
 * most of them: an export page folds a thousand names it has never seen.
 */
export function wordwiseNameTokens(name: string): string[] {
  const out: string[] = [];
  for (const word of name.split(/\s+/)) {
    if (!word) continue;
    for (const t of nameTokens(word)) if (!out.includes(t)) out.push(t);
  }
  return out;
}
