/**
 * Results kept while the records stay as they were: a statistics overview or map is computed
 * once per data version (the counter every record write moves, in any process, read through the
 * store) and served again until the version moves. Exact, never stale: a read that finds another
 * version computes afresh. Bounded, oldest use dropped first; callers get copies.
 */
export class KeptResults {
  private readonly entries = new Map<string, { version: number; value: unknown }>();

  constructor(
    /** The current data version, or null when nothing may be kept (inside a transaction). */
    private readonly version: () => Promise<number | null>,
    private readonly capacity = 32,
  ) {}

  async get<T>(key: unknown[], compute: () => Promise<T>): Promise<T> {
    const version = await this.version();
    if (version === null) return compute();
    const id = JSON.stringify(key);
    const hit = this.entries.get(id);
    if (hit && hit.version === version) {
      // Re-inserted, so the Map's order stays the order of use.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return structuredClone(hit.value) as T;
    }
    const value = await compute();
    // A write that committed meanwhile may or may not be counted in it: keep it only if none did.
    if ((await this.version()) === version) {
      // Results of other versions can never be served again.
      for (const [k, e] of this.entries) if (e.version !== version) this.entries.delete(k);
      this.entries.delete(id);
      this.entries.set(id, { version, value: structuredClone(value) });
      while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }

  /** How many results are kept (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }
}
