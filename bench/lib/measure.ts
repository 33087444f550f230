/** Timing helpers: latency samples and their percentiles. */

export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted milliseconds. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

export function summarise(millis: number[]): Latency {
  const sorted = [...millis].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1)),
  };
}

export interface SampleOptions {
  /** Untimed calls first (caches, JIT, prepared plans). */
  warmup: number;
  /** Stop after this many timed calls… */
  max: number;
  /** …or once this much time has passed, whichever comes first, but never below `min` calls. */
  budgetMs: number;
  min: number;
}

/** Calls `fn(i)` one at a time and summarises how long each call took; `before(i)` runs untimed ahead of each. */
export async function sample(fn: (i: number) => Promise<unknown>, options: SampleOptions, before?: (i: number) => Promise<unknown>): Promise<Latency> {
  for (let i = 0; i < options.warmup; i++) await fn(i);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < options.max; i++) {
    if (i >= options.min && performance.now() - started > options.budgetMs) break;
    await before?.(options.warmup + i);
    const t = performance.now();
    await fn(options.warmup + i);
    times.push(performance.now() - t);
  }
  return summarise(times);
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}
