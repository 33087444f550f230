import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The most JavaScript a first visit may download, gzipped (issue 3: people on phones, bad networks). */
export const INITIAL_JS_BUDGET = 300 * 1024;

/** What the bundler tells us about one output chunk (a subset of Rollup's/Rolldown's OutputChunk). */
export interface ChunkInfo {
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: readonly string[];
}

export interface InitialJs {
  files: string[];
  gzipBytes: number;
}

/**
 * The JavaScript loaded before the app can run: the entry chunks and everything they import
 * statically, transitively. Dynamic imports (the map) are not counted.
 */
export function initialJs(chunks: readonly ChunkInfo[]): InitialJs {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    const chunk = byName.get(name);
    if (!chunk) return;
    seen.add(name);
    chunk.imports.forEach(visit);
  };
  chunks.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));
  const files = [...seen].sort();
  const gzipBytes = files.reduce((sum, name) => sum + gzipSync(byName.get(name)?.code ?? '', { level: 9 }).length, 0);
  return { files, gzipBytes };
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Fails the build when the initial JavaScript is over budget; prints the size otherwise. */
export function bundleBudget(limit = INITIAL_JS_BUDGET): Plugin {
  return {
    name: 'vigil-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: ChunkInfo[] = Object.values(bundle).flatMap((item) =>
        item.type === 'chunk' ? [{ fileName: item.fileName, code: item.code, isEntry: item.isEntry, imports: item.imports }] : [],
      );
      const { files, gzipBytes } = initialJs(chunks);
      const line = `initial JavaScript ${kb(gzipBytes)} gzipped (budget ${kb(limit)}): ${files.join(', ')}`;
      if (gzipBytes > limit) this.error(`Bundle budget exceeded: ${line}. Lazy-load something (docs/WEB.md, "Size budget").`);
      this.info(line);
    },
  };
}
