import { describe, expect, it } from 'vitest';
import { MatchCache, matchEntry, matchNames } from './match-cache.js';
import { type ImportStore, type MatchProfile } from './ports.js';

/** A store holding these persons (by id), counting which profiles it was asked to load. */
function storeOf(persons: Map<string, MatchProfile>): { store: ImportStore; loaded: string[][] } {
  const loaded: string[][] = [];
  const store = {
    liveVersions: async (ids: string[]) => new Map(ids.flatMap((id) => (persons.has(id) ? [[id, persons.get(id)?.version ?? 0] as const] : []))),
    matchProfiles: async (ids: string[]) => {
      loaded.push([...ids].sort());
      return ids.flatMap((id) => (persons.has(id) ? [structuredClone(persons.get(id) as MatchProfile)] : []));
    },
  };
  return { store: store as unknown as ImportStore, loaded };
}

const person = (id: string, version: number, name: string): MatchProfile => ({ id, version, birthYear: null, names: [{ value: name, kind: 'full' }], roles: [] });

describe('MatchCache', () => {
  it('loads a person once while its version holds, reloads it when it changes, and drops deleted ones', async () => {
    const persons = new Map([['b', person('b', 1, 'Bolat Zhaksylykov')], ['a', person('a', 1, 'Aigerim Nurlanova')], ['c', person('c', 1, 'Saule Omarova')]]);
    const { store, loaded } = storeOf(persons);
    const cache = new MatchCache();
    const first = await cache.load(store, ['b', 'a', 'c']);
    expect(first.map((e) => e.profile.id)).toEqual(['a', 'b', 'c']);
    expect(first[0]).toEqual(matchEntry(person('a', 1, 'Aigerim Nurlanova')));
    expect(loaded).toEqual([['a', 'b', 'c']]);

    persons.set('b', person('b', 2, 'Bolat Zhaksylyk'));
    persons.delete('c');
    const second = await cache.load(store, ['a', 'b', 'c', 'd']);
    expect(loaded[1]).toEqual(['b']);
    expect(second.map((e) => [e.profile.id, e.profile.version, e.names])).toEqual([['a', 1, ['Aigerim Nurlanova']], ['b', 2, ['Bolat Zhaksylyk']]]);
  });

  it('treats a person changed or deleted between its two reads as the second read found it', async () => {
    const persons = new Map([['a', person('a', 1, 'Aigerim Nurlanova')]]);
    const { store } = storeOf(persons);
    const racing = { ...store, matchProfiles: async () => [] } as unknown as ImportStore;
    expect(await new MatchCache().load(racing, ['a'])).toEqual([]);
  });

  it('keeps at most its bound of persons, dropping the least recently used', async () => {
    const persons = new Map(['a', 'b', 'c'].map((id) => [id, person(id, 1, `Name ${id}`)]));
    const { store, loaded } = storeOf(persons);
    const cache = new MatchCache(2);
    await cache.load(store, ['a', 'b']);
    await cache.load(store, ['a']);
    await cache.load(store, ['c']);
    expect(cache.size).toBe(2);
    await cache.load(store, ['a', 'b', 'c']);
    expect(loaded.at(-1)).toEqual(['b']);
  });

  it('reads names as the matcher does: full names, then given and surname joined, patronymics left out', () => {
    expect(matchNames({ names: [{ value: 'Жанна', kind: 'given' }, { value: 'Ивановна', kind: 'patronymic' }, { value: 'Zhanna Baytelova', kind: 'full' }, { value: 'Байтелова', kind: 'surname' }] }))
      .toEqual(['Zhanna Baytelova', 'Жанна Байтелова']);
  });
});
