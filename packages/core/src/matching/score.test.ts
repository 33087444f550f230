import { describe, it, expect } from 'vitest';
import { populationPoints, scorePair } from './score.js';
import { type MatchCandidate } from './types.js';

let n = 0;
/** A candidate with a fresh id; names first, then any corroborating fields. */
const person = (names: string[], fields: Omit<MatchCandidate, 'id' | 'names'> = {}): MatchCandidate => ({ id: `p${(n += 1)}`, names, ...fields });
const almaty2016 = { city: 'Almaty', eventIds: ['coalition-2016-05-21'] };

describe('scorePair: the same person across lists and scripts', () => {
  it('Baytelova / Baitelova (coalition report, Almaty 21 May 2016)', () => {
    const r = scorePair(person(['Zhanna Baytelova'], almaty2016), person(['Baitelova'], almaty2016));
    expect(r.score).toBeGreaterThanOrEqual(0.5);
    expect(r.reasons).toEqual(["names agree after transliteration: 'baitelova'", 'same city: Almaty', 'same event: coalition-2016-05-21']);
    expect(scorePair(person(['Zhanna Baytelova'], { city: 'Almaty' }), person(['Жанна Байтелова'], { city: 'Алматы' })).score).toBeGreaterThan(0.7);
  });

  it('Балгабаева / Balgabayeva, in either word order', () => {
    const r = scorePair(person(['Балгабаева Жанара'], { city: 'Алматы' }), person(['Zhanara Balgabayeva'], { city: 'Almaty' }));
    expect(r.score).toBeGreaterThan(0.7);
    expect(r.reasons).toContain("names agree after transliteration: 'balgabaeva janara'");
    expect(r.reasons).toContain('same name in a different word order');
    expect(r.reasons).toContain('same city: Алматы');
  });

  it('Жанболат Мамай / Zhanbolat Mamay', () => {
    const r = scorePair(person(['Жанболат Мамай'], { city: 'Алматы' }), person(['Zhanbolat Mamay'], { city: 'Almaty', organisations: ['Tribuna'] }));
    expect(r.score).toBeGreaterThan(0.7);
    expect(r.reasons[0]).toBe("names agree after transliteration: 'janbolat mamai'");
  });

  it('Erken / Erkan when city and event agree, and not on the name alone', () => {
    const jan2022 = { city: 'Almaty', eventIds: ['almaty-2022-01'] };
    const r = scorePair(person(['Erken'], jan2022), person(['Erkan'], jan2022));
    expect(r.score).toBeGreaterThanOrEqual(0.5);
    expect(r.reasons[0]).toMatch(/'erken' and 'erkan' are similar \(Jaro–Winkler 0\.91, sound alike\)/);
    expect(scorePair(person(['Erken'], { city: 'Almaty' }), person(['Erkan'], { city: 'Almaty' })).score).toBeLessThan(0.5);
    expect(scorePair(person(['Erken'], jan2022), person(['Erlan'], jan2022)).score).toBeLessThan(0.1);
  });

  it('a rare name weighs more than a common one when token shares are known', () => {
    const [a, b] = [person(['Жанболат Мамай']), person(['Zhanbolat Mamay'])];
    const shares: Record<string, number> = { janbolat: 0.004, mamai: 0.0003 };
    expect(scorePair(a, b).score).toBeLessThan(0.5); // a name alone, frequency unknown
    expect(scorePair(a, b, { tokenShare: (t) => shares[t] }).score).toBeGreaterThan(0.9);
    expect(scorePair(a, b, { tokenShare: () => 0.05 }).score).toBeLessThan(0.2);
  });
});

describe('scorePair: different people', () => {
  it('namesakes: a common surname in different cities and years, nothing else in common', () => {
    const a = person(['Нурлан Ахметов'], { city: 'Almaty', birthYear: 1980, eventIds: ['almaty-2016'] });
    const b = person(['Ерлан Ахметов'], { city: 'Shymkent', birthYear: 1991, eventIds: ['shymkent-2022'] });
    expect(scorePair(a, b)).toEqual({
      score: 0,
      reasons: ["'nurlan' and 'erlan' differ (Jaro–Winkler 0.82)", "'ahmetov' agrees after transliteration", 'birth years differ: 1980 vs 1991'],
    });
  });

  it('namesakes with the same full name are vetoed by birth years, or held down by city and event', () => {
    const a = person(['Нурлан Ахметов'], { city: 'Almaty', birthYear: 1980, eventIds: ['almaty-2016'] });
    expect(scorePair(a, person(['Nurlan Akhmetov'], { city: 'Shymkent', birthYear: 1991 })).score).toBe(0);
    expect(scorePair(a, person(['Nurlan Akhmetov'], { city: 'Shymkent', eventIds: ['shymkent-2022'] })).score).toBeLessThan(0.05);
    expect(scorePair(person(['Ахметова'], { city: 'Almaty' }), person(['Akhmetova'], { city: 'Shymkent' })).score).toBeLessThan(0.05);
  });

  it('a brother and a sister: surnames in male and female form', () => {
    const r = scorePair(person(['Ksenia Antonova'], almaty2016), person(['Ксения Антонов'], almaty2016));
    expect(r.score).toBeLessThan(0.5);
    expect(r.reasons).toContain("surnames differ in gender form: 'antonova' vs 'antonov'");
  });

  it('different patronymics, from any spelling of either record', () => {
    const a = person(['Polina Belushkina', 'Полина Геннадьевна Белушкина'], { city: 'Almaty' });
    const r = scorePair(a, person(['Полина Никитаевна Белушкина'], { city: 'Almaty' }));
    expect(r.score).toBeLessThan(0.5);
    expect(r.reasons).toContain('patronymics differ: genadevna vs nikitaevna');
  });

  it('compound names that share a start (Erbol / Erbolat) are different names', () => {
    const r = scorePair(person(['Erbol Kasymov'], almaty2016), person(['Ерболат Касымов'], almaty2016));
    expect(r.reasons).toContain("'erbol' and 'erbolat' are different forms of a name (different people or sexes)");
  });

  it('an initial that does not fit counts against', () => {
    const r = scorePair(person(['Д. Балгабаева'], { city: 'Almaty' }), person(['Zhanara Balgabayeva'], { city: 'Almaty' }));
    expect(r.reasons).toContain("initial 'D' does not fit 'janara'");
    expect(r.score).toBeLessThan(0.2);
  });
});

describe('scorePair: corroborating fields', () => {
  const names = ['Aidos Sadykov'];
  it('says what agreed and what did not, with the spellings as written', () => {
    const r = scorePair(
      person(names, { birthYear: 1990, city: 'Уральск', organisations: ['Радио Азаттык'], eventIds: ['e1'] }),
      person(names, { birthYear: 1991, city: 'Oral', organisations: ['Radio Azattyq'], eventIds: ['e2'] }),
    );
    expect(r.reasons).toEqual([
      "names agree after transliteration: 'aidos sadikov'",
      'birth years one apart: 1990 vs 1991 (an age turned into a year?)',
      'same city: Уральск',
      'same organisation: Радио Азаттык',
      'recorded at different events',
    ]);
  });

  it('is symmetric', () => {
    const a = person(['Zhanara Balgabayeva'], { city: 'Almaty', birthYear: 1980 });
    const b = person(['Балгабаева Ж.'], { city: 'Алматы', eventIds: ['e1'] });
    expect(scorePair(a, b).score).toBe(scorePair(b, a).score);
  });

  it('gives no name evidence for a record without letters', () => {
    expect(scorePair(person(['—']), person(['Erken'])).reasons[0]).toBe('no comparable names');
  });
});

describe('scorePair: the size of the register', () => {
  const a = person(['Нурлан Ахметов'], { city: 'Almaty' });
  const b = person(['Nurlan Akhmetov'], { city: 'Алматы' });
  const shares: Record<string, number> = { nurlan: 0.01, ahmetov: 0.005 };
  const tokenShare = (t: string): number | undefined => shares[t];

  it('costs ln(N / 10,000) points above 10,000 people, nothing below', () => {
    expect(populationPoints(undefined)).toBe(0);
    expect(populationPoints(5_000)).toBe(0);
    expect(populationPoints(10_000)).toBe(0);
    expect(populationPoints(100_000)).toBeCloseTo(-Math.log(10), 10);
    expect(populationPoints(1_000_000)).toBeCloseTo(-Math.log(100), 10);
  });

  it('the same two names and city are a match among 10,000 people and doubtful among a million', () => {
    const small = scorePair(a, b, { tokenShare, population: 10_000 });
    const large = scorePair(a, b, { tokenShare, population: 1_000_000 });
    expect(small.score).toBeGreaterThan(0.5);
    expect(large.score).toBeLessThan(0.1);
    // Without a population the score is what it was: the register counts as 10,000 or fewer.
    expect(scorePair(a, b, { tokenShare }).score).toBe(small.score);
  });

  it('tells the reviewer how many people bear the name when that costs points', () => {
    const large = scorePair(a, b, { tokenShare, population: 1_000_000 });
    expect(large.reasons).toContain("'nurlan ahmetov' is common: about 50 of 1,000,000 people bear it");
    expect(scorePair(a, b, { tokenShare, population: 10_000 }).reasons.some((r) => r.includes('is common'))).toBe(false);
    // A rare name is not called common: 0.1 expected bearers besides the pair itself.
    const rare = scorePair(a, b, { tokenShare: () => 0.0003, population: 1_000_000 });
    expect(rare.reasons.some((r) => r.includes('is common'))).toBe(false);
  });

  it('still matches a common name when the fields corroborate it', () => {
    const c = person(['Ахметов Нурлан'], { city: 'Алматы', birthYear: 1980, eventIds: ['almaty-2022-01'] });
    const d = person(['Nurlan Akhmetov'], { city: 'Almaty', birthYear: 1980, eventIds: ['almaty-2022-01'] });
    expect(scorePair(c, d, { tokenShare, population: 1_000_000 }).score).toBeGreaterThan(0.9);
  });
});
