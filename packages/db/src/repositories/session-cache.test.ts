import { describe, expect, it } from 'vitest';
import { SESSION_CACHE_TTL_MS, SessionCache } from './session-cache.js';

describe('session lookups kept briefly', () => {
  const setup = () => {
    const clock = { now: 1_000_000 };
    const cache = new SessionCache(() => clock.now);
    let reads = 0;
    const read = (row: unknown = { role: 'monitor' }) => cache.read('session:x', async () => {
      reads++;
      return row;
    });
    return { clock, cache, read, reads: () => reads };
  };

  it('serves a lookup again for a short while, then reads afresh', async () => {
    const { clock, read, reads } = setup();
    await read();
    await read();
    expect(reads()).toBe(1);
    clock.now += SESSION_CACHE_TTL_MS;
    await read();
    expect(reads()).toBe(2);
  });

  it('forgets everything once an account write is done, even a failed one', async () => {
    const { cache, read, reads } = setup();
    await read();
    await cache.write(async () => undefined);
    await read();
    expect(reads()).toBe(2);
    await expect(cache.write(async () => {
      throw new Error('refused');
    })).rejects.toThrow('refused');
    await read();
    expect(reads()).toBe(3);
  });

  it('does not keep a lookup that was under way while a write finished (it may have read the old row)', async () => {
    const { cache, read, reads } = setup();
    let release = () => {};
    const slow = cache.read('session:x', () => new Promise((resolve) => {
      release = () => resolve({ role: 'admin' });
    }));
    await cache.write(async () => undefined);
    release();
    expect(await slow).toEqual({ role: 'admin' });
    expect(await read({ role: 'viewer' })).toEqual({ role: 'viewer' });
    expect(reads()).toBe(1);
  });

  it('hands out copies', async () => {
    const { read } = setup();
    const first = (await read()) as { role: string };
    first.role = 'admin';
    expect(await read()).toEqual({ role: 'monitor' });
  });
});
