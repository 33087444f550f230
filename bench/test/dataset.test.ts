import { describe, expect, it } from 'vitest';
import { BENCH_NOW, createDataset, eventCount } from '../dataset/generate.js';
import { CITIES } from '../dataset/places.js';

describe('the benchmark dataset', () => {
  const rows = (seed: number, size = 2000) => [...createDataset(size, seed).detentions()];

  it('is the same for the same seed and differs for another', () => {
    expect(rows(1)).toEqual(rows(1));
    expect(createDataset(2000, 1).events).toEqual(createDataset(2000, 1).events);
    expect(rows(2)).not.toEqual(rows(1));
  });

  it('has one event per 50 detentions, over 2019–2023 in the 20 cities', () => {
    const dataset = createDataset(100_000, 5);
    expect(dataset.events).toHaveLength(eventCount(100_000));
    expect(eventCount(1_000_000)).toBe(20_000);
    const years = new Set(dataset.events.map((e) => e.start.slice(0, 4)));
    expect([...years].sort()).toEqual(['2019', '2020', '2021', '2022', '2023']);
    expect(new Set(dataset.events.map((e) => e.city.name)).size).toBe(CITIES.length);
  });

  it('writes names in both scripts, releases after apprehension and leaves last month open', () => {
    const all = rows(3, 20_000);
    expect(all).toHaveLength(20_000);
    const cyrillic = all.filter((r) => /[а-яёәғқңөұүһі]/i.test(r.name)).length / all.length;
    expect(cyrillic).toBeGreaterThan(0.3);
    expect(cyrillic).toBeLessThan(0.7);
    for (const r of all.filter((x) => x.released)) expect(Date.parse(r.released)).toBeGreaterThan(Date.parse(r.apprehended));
    const recent = all.filter((r) => Date.parse(r.apprehended) > Date.parse(BENCH_NOW) - 30 * 86_400_000);
    expect(recent.some((r) => !r.released)).toBe(true);
    expect(all.every((r) => Date.parse(r.apprehended) < Date.parse(BENCH_NOW))).toBe(true);
  });
});
