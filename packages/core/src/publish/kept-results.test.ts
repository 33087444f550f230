import { describe, expect, it } from 'vitest';
import { KeptResults } from './kept-results.js';

describe('results kept per data version', () => {
  const setup = (capacity = 3) => {
    const state = { version: 1 as number | null, computed: 0 };
    const kept = new KeptResults(async () => state.version, capacity);
    const read = (key: string) => kept.get([key], async () => ({ key, n: ++state.computed }));
    return { state, kept, read };
  };

  it('computes once per key and version, and afresh when the version moves', async () => {
    const { state, read } = setup();
    expect(await read('a')).toEqual({ key: 'a', n: 1 });
    expect(await read('a')).toEqual({ key: 'a', n: 1 });
    state.version = 2;
    expect(await read('a')).toEqual({ key: 'a', n: 2 });
  });

  it('keeps at most its capacity, dropping the least recently used, and nothing of older versions', async () => {
    const { state, kept, read } = setup(3);
    for (const key of ['a', 'b', 'c']) await read(key);
    await read('a');
    await read('d');
    expect(kept.size).toBe(3);
    expect(state.computed).toBe(4);
    await read('a');
    expect(state.computed).toBe(4);
    await read('b');
    expect(state.computed).toBe(5);
    state.version = 2;
    await read('a');
    expect(kept.size).toBe(1);
  });

  it('keeps nothing when there is no version (inside a transaction) or when it moved during the computation', async () => {
    const { state, kept, read } = setup();
    state.version = null;
    await read('a');
    await read('a');
    expect(state.computed).toBe(2);
    state.version = 5;
    await kept.get(['b'], async () => {
      state.version = 6;
      return 'computed at 5, maybe with the write of 6';
    });
    expect(kept.size).toBe(0);
  });

  it('hands out copies', async () => {
    const { read } = setup();
    const first = await read('a');
    first.n = 999;
    expect((await read('a')).n).toBe(1);
  });
});
