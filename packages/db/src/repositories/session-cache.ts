/**
 * The reads behind every signed-in request (the session by its token hash, and its user), kept
 * for a couple of seconds per connection. Every request looked them up again (two point queries
 * on the one SQLite connection the whole server shares).
 *
 * Any account write through this connection (sign-out, a user disabled or its role changed,
 * sessions revoked, a password reset, clients assigned) empties the cache once the write is
 * done, so this process refuses a revoked session at once. A lookup that was under way while a
 * write finished is not kept (the generation moved): it may have read the row as it was before.
 * A write made by another process (the CLI), by a whole-database import, or inside a transaction
 * (account writes use none today; a lookup may keep the row as it was until the commit) is seen
 * within SESSION_CACHE_TTL_MS.
 */
export const SESSION_CACHE_TTL_MS = 2_000;
/** Entries at most: one per active session and user, far more than a workspace has. */
const CAPACITY = 1_000;

interface Entry {
  until: number;
  value: unknown;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** The kept value of `key`, or the computed one (kept when no account write finished meanwhile). */
  async read<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.clock()) return structuredClone(hit.value) as T;
    const generation = this.generation;
    const value = await compute();
    if (generation === this.generation) {
      this.entries.delete(key);
      if (this.entries.size >= CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { until: this.clock() + SESSION_CACHE_TTL_MS, value: structuredClone(value) });
    }
    return value;
  }

  /** Runs an account write, then forgets everything kept (also when the write failed: it may have half-happened). */
  async write<T>(run: () => Promise<T>): Promise<T> {
    this.invalidate();
    try {
      return await run();
    } finally {
      this.invalidate();
    }
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}

const caches = new WeakMap<object, SessionCache>();

/** The cache shared by every account store of one connection (`owner`: the connection). */
export function sessionCacheOf(owner: object): SessionCache {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new SessionCache();
    caches.set(owner, cache);
  }
  return cache;
}
