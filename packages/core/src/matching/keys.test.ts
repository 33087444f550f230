import { describe, it, expect } from 'vitest';
import { personKeys, personQueryKeys } from './keys.js';
import { nameParts } from './tokens.js';

const keysOf = (...names: string[]): string[] => personKeys({ names: names.map((value) => ({ value })) }).blocking;
const shareBlock = (a: string, b: string): boolean => keysOf(a).some((k) => keysOf(b).includes(k));

describe('nameParts', () => {
  it('folds every script to the same tokens and sets the patronymic aside', () => {
    expect(nameParts('Балгабаева Жанара Маратовна')).toMatchObject({ tokens: ['balgabaeva', 'janara'], patronymic: 'maratovna' });
    expect(nameParts('Zhanara Balgabayeva')).toMatchObject({ tokens: ['janara', 'balgabaeva'], patronymic: null });
  });

  it('recognises Kazakh patronymics, but not an -ұлы surname in a two-word name', () => {
    expect(nameParts('Серік Нұрланұлы Ахметов').patronymic).toBe('nurlanuli');
    expect(nameParts('Жанара Асқарқызы Балғабаева').patronymic).toBe('askarkizi');
    expect(nameParts('Серік Ахметұлы')).toMatchObject({ tokens: ['serik', 'ahmetuli'], patronymic: null });
  });

  it('finds the patronymic next to an initial, and keeps the initial', () => {
    expect(nameParts('Ахметова А. Асхатовна')).toMatchObject({ tokens: ['ahmetova'], initials: ['a'], patronymic: 'ashatovna' });
    expect(nameParts('Zh. Balgabayeva')).toMatchObject({ tokens: ['balgabaeva'], initials: ['j'] });
  });

  it('reads a Belarusian -ich surname as a surname', () => {
    expect(nameParts('Иван Петрович Лукашевич')).toMatchObject({ tokens: ['ivan', 'lukashevich'], patronymic: 'petrovich' });
    expect(nameParts('Лукашевич Иван').patronymic).toBeNull();
  });

  it('reads й written j inside a word and ғ written gh as the matcher needs', () => {
    expect(nameParts('Ajgerim Bajtelova').tokens).toEqual(nameParts('Айгерим Байтелова').tokens);
    expect(nameParts('Ghalym').tokens).toEqual(nameParts('Ғалым').tokens);
  });
});

describe('personKeys', () => {
  it('puts spellings of one person in a common block, in either word order and script', () => {
    expect(shareBlock('Zhanara Balgabayeva', 'Балгабаева Жанара Маратовна')).toBe(true);
    expect(shareBlock('Жанболат Мамай', 'Zhanbolat Mamay')).toBe(true);
    expect(shareBlock('Zhanna Baytelova', 'Baitelova Zhanna')).toBe(true);
    expect(shareBlock('Ж. Балгабаева', 'Zhanara Balgabayeva')).toBe(true);
  });

  it('keeps a typo in the first letters of the surname in a block through the other word', () => {
    expect(shareBlock('Zhanara Blagabayeva', 'Жанара Балгабаева')).toBe(true);
  });

  it('gives Erken and Erkan the same phonetic key', () => {
    expect(personKeys({ names: [{ value: 'Erken' }] }).phonetic).toEqual(personKeys({ names: [{ value: 'Эркан' }] }).phonetic);
  });

  it('returns sorted, unique keys and order-free normalised names', () => {
    const k = personKeys({ names: [{ value: 'Жанара Балгабаева' }, { value: 'Balgabayeva Zhanara' }], birthYear: 1980 });
    expect(k.blocking).toEqual([...new Set(k.blocking)].sort());
    expect(k.normalised).toEqual(['balgabaeva janara']);
    expect(k.blocking).toContain('y:1980|plkpfa');
    expect(k.blocking.every((key) => key.length < 60)).toBe(true);
  });

  it('joins names given in parts and leaves the patronymic out', () => {
    const parts = personKeys({ names: [{ value: 'Жанара', kind: 'given' }, { value: 'Балгабаева', kind: 'surname' }, { value: 'Маратовна', kind: 'patronymic' }] });
    expect(parts.normalised).toEqual(['balgabaeva janara']);
  });

  it('accepts a stored person record and keys it by the events of its roles', () => {
    const k = personKeys({ names: [{ value: 'Erken', kind: 'full' }], birthYear: null, roles: [{ eventId: 'ev-1' }, { eventId: null }] });
    expect(k.blocking).toContain('e:ev-1|er');
  });

  it('looks up 1: keys only for names of one word', () => {
    expect(personQueryKeys({ names: [{ value: 'Erken' }] })).toContain('1:arkn');
    expect(personQueryKeys({ names: [{ value: 'Erken Nurlanov' }] }).some((k) => k.startsWith('1:'))).toBe(false);
    expect(personKeys({ names: [{ value: 'Erken Nurlanov' }] }).blocking).toContain('1:arkn');
  });
});
