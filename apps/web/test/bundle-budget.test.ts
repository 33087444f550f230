import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundleBudget, INITIAL_JS_BUDGET, initialJs, kb } from '../scripts/bundle-budget.js';
import { ensureBuilt, WEB } from './harness.js';

describe('bundle budget', () => {
  it('counts entry chunks and their static imports, not lazy chunks', () => {
    const chunks = [
      { fileName: 'index.js', code: 'a'.repeat(1000), isEntry: true, imports: ['vendor.js'] },
      { fileName: 'vendor.js', code: 'b'.repeat(1000), isEntry: false, imports: ['index.js'] },
      { fileName: 'map.js', code: 'c'.repeat(100_000), isEntry: false, imports: ['vendor.js'] },
    ];
    const result = initialJs(chunks);
    expect(result.files).toEqual(['index.js', 'vendor.js']);
    expect(result.gzipBytes).toBeLessThan(200);
  });

  it('fails the build when the initial JavaScript is over budget', () => {
    const hook = bundleBudget(1024).generateBundle as (this: unknown, options: unknown, bundle: unknown) => void;
    const context = {
      error: (message: string) => {
        throw new Error(message);
      },
      info: () => undefined,
    };
    const bundle = (size: number) => ({ 'index.js': { type: 'chunk', fileName: 'index.js', code: randomBytes(size).toString('hex'), isEntry: true, imports: [] } });
    expect(() => hook.call(context, {}, bundle(4096))).toThrow(/Bundle budget exceeded: initial JavaScript/);
    expect(() => hook.call(context, {}, bundle(100))).not.toThrow();
  });

  it('keeps the built app’s initial JavaScript under 300 KB gzipped, with the map loaded lazily', () => {
    ensureBuilt();
    const dist = path.join(WEB, 'dist');
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
    expect(initial.length).toBeGreaterThan(0);
    const bytes = initial.reduce((sum, file) => sum + gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length, 0);
    console.log(`[vigil] initial JavaScript ${kb(bytes)} gzipped (budget ${kb(INITIAL_JS_BUDGET)})`);
    expect(bytes).toBeLessThan(INITIAL_JS_BUDGET);
    for (const file of initial) expect(fs.readFileSync(path.join(dist, file), 'utf8')).not.toContain('leaflet-container');
    const lazy = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`));
    expect(lazy.some((f) => fs.readFileSync(path.join(dist, 'assets', f), 'utf8').includes('leaflet-container'))).toBe(true);
  });
});
