import { describe, it, expect } from 'vitest';
import { Sketches } from './sketch.js';
import { generateBenchmark } from './benchmark.js';
import { pairEvidence, prepareCandidate } from './evidence.js';
import { type TokenShare } from './name-compare.js';
import { PRIOR, weigh } from './score.js';

describe('Sketches: an upper bound on a pair\'s points', () => {
  const { people, truth } = generateBenchmark(3, 2_000);
  const prepared = people.map(prepareCandidate);
  const row = new Map(prepared.map((p, i) => [p.id, i]));
  const counts = new Map<string, number>();
  for (const p of prepared) for (const t of new Set(p.names.flatMap((n) => n.tokens))) counts.set(t, (counts.get(t) ?? 0) + 1);
  const counted: TokenShare = (t) => (counts.get(t) ?? 0) / prepared.length;
  // Shares known for some tokens only (as from a stored index): unknown ones count as 0.
  const partial: TokenShare = (t) => (t.charCodeAt(0) % 2 === 0 ? counted(t) : undefined);
  // Same people written differently, and everyone against a few hundred others.
  const pairs: [number, number][] = truth.map(([a, b]) => [row.get(a) ?? -1, row.get(b) ?? -1]);
  for (let i = 0; i < 300; i += 1) for (let j = i + 1; j < prepared.length; j += 7) pairs.push([i, j]);

  for (const [label, shareOf] of [['no shares', undefined], ['counted shares', counted], ['partly known shares', partial]] as const) {
    it(`is never below weigh(), vetoes as weigh() does, and is exact for some pairs (${label})`, () => {
      const sketches = new Sketches(prepared, shareOf);
      let exact = 0;
      for (const [x, y] of pairs) {
        const [a, b] = [prepared[x], prepared[y]];
        if (a === undefined || b === undefined) throw new Error('unknown row');
        const points = weigh(pairEvidence(a, b, shareOf));
        const fields = sketches.fieldsBound(x, y);
        expect(fields === null, `${a.id} ${b.id}`).toBe(points === null);
        if (points === null || fields === null) continue;
        const bound = PRIOR + fields + sketches.namesBound(x, y);
        expect(bound, `${a.id} ${b.id}`).toBeGreaterThanOrEqual(points - 1e-9);
        if (Math.abs(bound - points) < 1e-9) exact += 1;
      }
      expect(pairs.length).toBeGreaterThan(50_000);
      expect(exact).toBeGreaterThan(100);
    });
  }

  it('rules most pairs of different people out', () => {
    const sketches = new Sketches(prepared, counted);
    const strangers = pairs.slice(truth.length);
    const possible = strangers.filter(([x, y]) => {
      const fields = sketches.fieldsBound(x, y);
      return fields !== null && PRIOR + fields + sketches.namesBound(x, y) >= Math.log(0.05 / 0.95);
    });
    expect(possible.length / strangers.length).toBeLessThan(0.01);
  });

  it('covers records with more events and organisations than it keeps, and no names', () => {
    const a = prepareCandidate({ id: 'a', names: ['Erlan Bashakov'], eventIds: ['e1', 'e2', 'e3'], organisations: ['Tribuna', 'Vlast', 'Dat'], city: 'Almaty' });
    const b = prepareCandidate({ id: 'b', names: ['Ерлан Башаков'], eventIds: ['e4', 'e3'], organisations: ['Дат'], city: 'Shymkent' });
    const c = prepareCandidate({ id: 'c', names: ['—'], eventIds: ['e3'] });
    const sketches = new Sketches([a, b, c], undefined);
    for (const [x, y] of [[0, 1], [1, 0], [0, 2], [2, 1]] as const) {
      const [p, q] = [[a, b, c][x], [a, b, c][y]];
      if (p === undefined || q === undefined) throw new Error('unknown row');
      const points = weigh(pairEvidence(p, q)) ?? -Infinity;
      expect(PRIOR + (sketches.fieldsBound(x, y) ?? -Infinity) + sketches.namesBound(x, y)).toBeGreaterThanOrEqual(points - 1e-9);
    }
  });
});
