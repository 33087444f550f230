/** `npm run bench -- --size 10k|100k|1m --engine sqlite|postgres|both --only part,part …` */
import { parseArgs } from 'node:util';
import { SIZES, type SizeLabel } from '../dataset/generate.js';
import { type Engine } from './databases.js';
import { type SampleOptions } from './measure.js';

export const PARTS = ['import', 'service', 'http', 'matching', 'hashing', 'export'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  size: SizeLabel;
  rows: number;
  engines: Engine[];
  parts: Set<Part>;
  /** Rows imported through Vigil's import path (the rest are loaded with the raw driver). */
  importRows: number;
  /** Megabytes hashed in the evidence measurement. */
  hashMegabytes: number;
  /**
   * How long each latency is sampled: heavy reads (statistics, the board) and light ones (a list
   * page, a search), at least `min` calls each; and seconds per throughput step.
   */
  budget: { heavy: SampleOptions; light: SampleOptions; throughputSeconds: number };
  /** Where results/<date>-<engine>-<size>.json go. */
  resultsDir: string;
  /** Keep the databases and files after the run (for profiling). */
  keep: boolean;
  /** Keep the raw-loaded base between runs and start from it (lib/base-cache.ts). */
  reuse: boolean;
}

export const USAGE = `npm run bench -- [--size 10k|100k|1m] [--engine sqlite|postgres|both] [--only ${PARTS.join(',')}]
                     [--import-rows N] [--hash-mb N] [--results DIR] [--keep] [--reuse]

  --size         detentions in the dataset (default 10k)
  --engine       which database(s) to measure (default both; PostgreSQL from VIGIL_BENCH_PG_URL,
                 default postgres://postgres@127.0.0.1:5432/postgres, in a database of its own)
  --only         measure only these parts (comma-separated; default all)
  --import-rows  rows imported through Vigil's import path (default 500 at 10k, else 10% of the size, at most 5,000)
  --hash-mb      size of the file hashed (default 128 at 10k, 1024 above)
  --results      where to write the result files (default bench/results)
  --keep         keep the databases and work files (their paths are printed)
  --reuse        keep the raw-loaded rows in bench/.cache (PostgreSQL: a vigil_bench_base_* database)
                 and start later runs of the same size from a copy of them instead of loading again`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: '10k' },
      engine: { type: 'string', default: 'both' },
      only: { type: 'string' },
      'import-rows': { type: 'string' },
      'hash-mb': { type: 'string' },
      results: { type: 'string', default: 'bench/results' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const size = values.size.toLowerCase() as SizeLabel;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')} (got ${values.size})`);
  const rows = SIZES[size];
  const engines: Engine[] = values.engine === 'both' ? ['sqlite', 'postgres'] : values.engine === 'sqlite' || values.engine === 'postgres' ? [values.engine] : [];
  if (engines.length === 0) throw new Error(`--engine must be sqlite, postgres or both (got ${values.engine})`);
  const parts = new Set<Part>();
  for (const p of (values.only ?? PARTS.join(',')).split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only takes ${PARTS.join(', ')} (got ${p})`);
    parts.add(p as Part);
  }
  const whole = (name: string, raw: string | undefined, fallback: number, max: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`--${name} must be a whole number from 0 to ${max}`);
    return n;
  };
  const small = size === '10k';
  return {
    size, rows, engines, parts,
    // A kept base always leaves the same last rows to the import path, whatever is measured, so every
    // run of a size shares one base and ends with the whole dataset loaded.
    importRows: parts.has('import') || values.reuse ? whole('import-rows', values['import-rows'], small ? 500 : Math.min(5000, Math.round(rows / 10)), rows) : 0,
    hashMegabytes: whole('hash-mb', values['hash-mb'], small ? 128 : 1024, 16_384),
    budget: {
      heavy: small ? { warmup: 1, min: 3, max: 20, budgetMs: 1500 } : { warmup: 1, min: 5, max: 50, budgetMs: 20_000 },
      light: small ? { warmup: 3, min: 30, max: 300, budgetMs: 1000 } : { warmup: 5, min: 50, max: 500, budgetMs: 10_000 },
      throughputSeconds: small ? 2 : 8,
    },
    resultsDir: values.results,
    keep: values.keep,
    reuse: values.reuse,
  };
}
