import { describe, it, expect } from 'vitest';
import { jaro, jaroWinkler } from './jaro-winkler.js';
import { phoneticKey } from './phonetic.js';

describe('jaroWinkler', () => {
  it('gives the textbook values (Winkler 1990)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.944, 3);
  });

  it('is 1 for identical strings, 0 with nothing in common or an empty side, and symmetric', () => {
    expect(jaroWinkler('balgabaeva', 'balgabaeva')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('erken', 'erkan')).toBeCloseTo(jaroWinkler('erkan', 'erken'), 12);
  });

  it('rates a vowel variant above a different name of the same family', () => {
    expect(jaroWinkler('erken', 'erkan')).toBeGreaterThan(0.9);
    expect(jaroWinkler('erken', 'erlan')).toBeLessThan(0.8);
    expect(jaroWinkler('nurlan', 'nurbol')).toBeLessThan(0.85);
  });
});

describe('phoneticKey', () => {
  it('forgets vowels and merges similar consonants', () => {
    expect(phoneticKey('erken')).toBe(phoneticKey('erkan'));
    expect(phoneticKey('ospanov')).toBe(phoneticKey('uspanov'));
    expect(phoneticKey('hasen')).toBe(phoneticKey('kasen'));
    expect(phoneticKey('balghabaeva')).toBe(phoneticKey('balgabaeva'));
  });

  it('keeps a final vowel, which marks female surnames and names', () => {
    expect(phoneticKey('balgabaev')).not.toBe(phoneticKey('balgabaeva'));
    expect(phoneticKey('janar')).not.toBe(phoneticKey('janara'));
  });

  it('keeps names with different consonants apart', () => {
    expect(phoneticKey('erken')).not.toBe(phoneticKey('erlan'));
    expect(phoneticKey('nurlan')).not.toBe(phoneticKey('nurbol'));
  });
});
