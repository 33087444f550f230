// The benchmark's own tests (`npm run test:bench`): the generator is deterministic and the raw
// loader writes what Vigil's import writes. Timings are never asserted here (that is `npm run bench`).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['bench/test/**/*.test.ts'],
    globalSetup: ['./packages/db/src/testing/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { VIGIL_KEY: 'test:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' },
  },
});
