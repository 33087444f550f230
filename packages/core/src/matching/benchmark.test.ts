import { describe, it, expect } from 'vitest';
import { generateBenchmark, seededRng } from './benchmark.js';
import { findCandidates } from './candidates.js';
import { evaluate } from './evaluate.js';
import { nameParts } from './tokens.js';
import { cityKey } from './places.js';

describe('seededRng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => { const r = seededRng(seed); return [r(), r(), r()]; };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(3).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('evaluate', () => {
  it('counts unordered pairs once and computes precision and recall', () => {
    const truth: [string, string][] = [['a', 'b'], ['c', 'd'], ['e', 'f']];
    const proposed = [{ a: 'b', b: 'a' }, { a: 'a', b: 'b' }, { a: 'c', b: 'd' }, { a: 'a', b: 'c' }];
    expect(evaluate(proposed, truth)).toEqual({ precision: 2 / 3, recall: 2 / 3, truePositives: 2, falsePositives: 1, falseNegatives: 1 });
  });

  it('treats nothing proposed as precision 1 and an empty truth as recall 1', () => {
    expect(evaluate([], [['a', 'b']])).toMatchObject({ precision: 1, recall: 0, falseNegatives: 1 });
    expect(evaluate([{ a: 'a', b: 'b' }], [])).toMatchObject({ precision: 0, recall: 1, falsePositives: 1 });
  });
});

describe('generateBenchmark', () => {
  const { people, truth } = generateBenchmark(42, 10_000);
  const byId = new Map(people.map((p) => [p.id, p]));

  it('is deterministic from the seed and has exactly the requested size', () => {
    expect(people).toHaveLength(10_000);
    expect(generateBenchmark(42, 300)).toEqual(generateBenchmark(42, 300));
    expect(generateBenchmark(43, 300).people).not.toEqual(generateBenchmark(42, 300).people);
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    expect(truth.every(([a, b]) => byId.has(a) && byId.has(b) && a < b)).toBe(true);
  });

  it('writes names in both scripts, with patronymics, initials and Kazakh letters', () => {
    const names = people.flatMap((p) => p.names);
    const share = (re: RegExp): number => names.filter((n) => re.test(n)).length / names.length;
    expect(share(/^[^a-z]*$/i)).toBeGreaterThan(0.3); // Cyrillic
    expect(share(/^[^а-яё]*$/i)).toBeGreaterThan(0.3); // Latin
    expect(share(/[әғқңөұүһі]/i)).toBeGreaterThan(0.05);
    expect(share(/(вич|вна|ұлы|қызы|ovich|ovna|uly|kyzy)(?!\p{L})/iu)).toBeGreaterThan(0.1);
    expect(share(/(^|\s)\p{L}\.(\s|$)/u)).toBeGreaterThan(0.01);
  });

  it('draws names about as often as they occur in Kazakhstan (on the common side)', () => {
    // Published: Akhmetov(a) 0.43% of people, Azamat 0.65% of men, Aruzhan 0.75% of women.
    const counts = new Map<string, number>();
    for (const p of people) for (const t of nameParts(p.names[0] ?? '').tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    const top = Math.max(...counts.values()) / people.length;
    expect(top).toBeGreaterThan(0.002);
    expect(top).toBeLessThan(0.015);
  });

  it('includes hard negatives: namesakes with a common surname in another city and year', () => {
    const surname = (id: string): string => nameParts(byId.get(id)?.names[0] ?? '').tokens.find((t) => /^ahmetov/.test(t)) ?? '';
    const same = new Set(truth.map(([a, b]) => `${a}+${b}`));
    const akhmetovs = people.filter((p) => surname(p.id) !== '');
    let namesakes = 0;
    for (const a of akhmetovs) {
      for (const b of akhmetovs) {
        if (a.id >= b.id || same.has(`${a.id}+${b.id}`) || !a.city || !b.city) continue;
        if (cityKey(a.city) !== cityKey(b.city)) namesakes += 1;
      }
    }
    expect(namesakes).toBeGreaterThan(50);
  });
});

describe('matching benchmark: 10,000 people', () => {
  it('reaches precision ≥ 0.95 and recall ≥ 0.95', () => {
    const { people, truth } = generateBenchmark(42, 10_000);
    const started = performance.now();
    const result = evaluate(findCandidates(people, people), truth);
    const seconds = (performance.now() - started) / 1000;
    console.info(`matching benchmark (seed 42, 10,000 people, ${truth.length} true pairs): precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)}, ${result.falsePositives} false / ${result.falseNegatives} missed, ${seconds.toFixed(1)} s`);
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
  });
});
