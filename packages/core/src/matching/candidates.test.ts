import { describe, it, expect } from 'vitest';
import { findCandidates } from './candidates.js';
import { generateBenchmark } from './benchmark.js';
import { type MatchCandidate } from './types.js';

const almaty = { city: 'Almaty', eventIds: ['coalition-2016-05-21'] };
/** The people named in the sources, as two partner lists would write them. */
const coalitionList: MatchCandidate[] = [
  { id: 'c1', names: ['Zhanna Baytelova'], ...almaty, organisations: ['KIBHRRL'] },
  { id: 'c2', names: ['Zhanbolat Mamay'], ...almaty, organisations: ['Tribuna'] },
  { id: 'c3', names: ['Yulia Kozlova'], ...almaty },
];
const russianList: MatchCandidate[] = [
  { id: 'r1', names: ['Байтелова Жанна'], city: 'Алматы', eventIds: ['coalition-2016-05-21'] },
  { id: 'r2', names: ['Мамай Жанболат'], city: 'г. Алматы', organisations: ['Трибуна'] },
  { id: 'r3', names: ['Козлов Юрий'], city: 'Алматы', eventIds: ['coalition-2016-05-21'] },
  { id: 'r4', names: ['Ахметов Нурлан'], city: 'Шымкент' },
];

describe('findCandidates', () => {
  it('pairs the same people across a Latin and a Cyrillic list, best first, with reasons', () => {
    const pairs = findCandidates(coalitionList, russianList);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([['c2', 'r2'], ['c1', 'r1']]);
    expect(pairs[0]?.reasons).toContain('same organisation: Tribuna');
    expect(pairs.every((p) => p.score >= 0.5 && p.score <= 1)).toBe(true);
  });

  it('does not pair Yulia Kozlova with Yuri Kozlov', () => {
    expect(findCandidates(coalitionList, russianList, { threshold: 0.01 }).some((p) => p.a === 'c3')).toBe(false);
  });

  it('finds duplicates inside one list once per pair, never a record with itself', () => {
    const list = [...coalitionList, ...russianList];
    const pairs = findCandidates(list, list);
    expect(pairs.map((p) => [p.a, p.b].sort().join('+')).sort()).toEqual(['c1+r1', 'c2+r2']);
  });

  it('honours the threshold', () => {
    expect(findCandidates(coalitionList, russianList, { threshold: 0.999 })).toEqual([]);
  });

  it('compares only records that share a blocking key', () => {
    // Same city, event and birth year, but no name in common: never in one block, never scored.
    const a = [{ id: 'a', names: ['Erlan Bashakov'], city: 'Almaty', birthYear: 1985, eventIds: ['e'] }];
    const b = [{ id: 'b', names: ['Гульнара Смагулова'], city: 'Almaty', birthYear: 1985, eventIds: ['e'] }];
    expect(findCandidates(a, b, { threshold: 0 })).toEqual([]);
  });

  it('is deterministic: same input, same output, whatever the input order', () => {
    const { people } = generateBenchmark(5, 600);
    const once = findCandidates(people, people);
    const reversed = [...people].reverse();
    expect(findCandidates(people, people)).toEqual(once);
    expect(findCandidates(reversed, reversed).map((p) => [p.a, p.b].sort().join('+')).sort())
      .toEqual(once.map((p) => [p.a, p.b].sort().join('+')).sort());
  });

  it('doubts a pair when one side matches a third record that the other side clearly is not', () => {
    const list: MatchCandidate[] = [
      { id: 'x1', names: ['Nurlan Akhmetov'], city: 'Shymkent', birthYear: 1971, eventIds: ['s'] },
      { id: 'x2', names: ['Нурлан Ахметов'], city: 'Шымкент', birthYear: 1971, eventIds: ['s'] },
      { id: 'y', names: ['Нұрлан Ахметов'], birthYear: 1990 },
      { id: 'z', names: ['Ахметов Нурлан'], city: 'Shymkent', eventIds: ['s'] },
    ];
    const pairs = findCandidates(list, list, { threshold: 0 });
    const pair = (a: string, b: string) => pairs.find((p) => [p.a, p.b].sort().join() === [a, b].sort().join());
    expect(pair('x1', 'x2')?.score).toBeGreaterThan(0.9);
    expect(pair('y', 'z')?.reasons.at(-1)).toMatch(/^doubtful: '(y|z)' matches '(x1|x2)' \(0\.\d+\), which is clearly not '(y|z)'$/);
  });

  it('links two records that say too little about each other through a third that both match', () => {
    const list: MatchCandidate[] = [
      { id: 'a', names: ['Nurlan Akhmetov'], city: 'Almaty', eventIds: ['e1'] },
      { id: 'b', names: ['Ахметов Н.'], birthYear: 1980, organisations: ['Tribuna'] },
      { id: 'c', names: ['Нурлан Ахметов'], city: 'Алматы', eventIds: ['e1'], birthYear: 1980, organisations: ['Трибуна'] },
    ];
    const alone = findCandidates(list.slice(0, 2), list.slice(0, 2), { threshold: 0 });
    expect(alone).toHaveLength(1);
    expect(alone[0]?.score).toBeLessThan(0.5);
    const pairs = findCandidates(list, list);
    const ab = pairs.find((p) => [p.a, p.b].sort().join() === 'a,b');
    expect(ab?.score).toBeGreaterThan(0.9);
    expect(ab?.reasons.at(-1)).toMatch(/^linked: both match 'c' \(0\.9\d+ and 0\.9\d+\)$/);
    // A third record that matches one side only links nothing.
    const weak = findCandidates([list[0], list[1], { ...list[2], birthYear: null, organisations: [] }] as MatchCandidate[], list.slice(0, 2));
    expect(weak.some((p) => [p.a, p.b].sort().join() === 'a,b')).toBe(false);
  });

  it('weighs namesakes by the size of the register the shares describe', () => {
    const a = [{ id: 'a', names: ['Nurlan Akhmetov'], city: 'Almaty' }];
    const b = [{ id: 'b', names: ['Ахметов Нурлан'], city: 'Алматы', eventIds: ['e1'] }];
    const tokenShare = (t: string): number => ({ nurlan: 0.01, ahmetov: 0.005 })[t] ?? 0;
    expect(findCandidates(a, b, { tokenShare, population: 10_000 })).toHaveLength(1);
    expect(findCandidates(a, b, { tokenShare })).toHaveLength(1);
    expect(findCandidates(a, b, { tokenShare, population: 1_000_000 })).toEqual([]);
    const [doubtful] = findCandidates(a, b, { tokenShare, population: 1_000_000, threshold: 0 });
    expect(doubtful?.reasons).toContain("'nurlan ahmetov' is common: about 50 of 1,000,000 people bear it");
  });

  it('finds the people of the sources hidden among 10,000 others', () => {
    const { people } = generateBenchmark(11, 10_000);
    const named: MatchCandidate[] = [
      ...coalitionList, ...russianList,
      { id: 'h1', names: ['Zhanara Balgabayeva'], city: 'Almaty', eventIds: ['almaty-2022-01'] },
      { id: 'h2', names: ['Балгабаева Жанара'], city: 'Алматы' },
      { id: 'h3', names: ['Erken'], city: 'Almaty', eventIds: ['almaty-2022-01'] },
      { id: 'h4', names: ['Erkan'], city: 'Almaty', eventIds: ['almaty-2022-01'] },
    ];
    const all = [...people, ...named];
    const found = new Set(findCandidates(all, all).map((p) => [p.a, p.b].sort().join('+')));
    for (const pair of ['c1+r1', 'c2+r2', 'h1+h2', 'h3+h4']) expect(found, pair).toContain(pair);
    expect([...found].some((p) => p.includes('c3'))).toBe(false);
  });
});
