// Type-aware lint; the layer rule (core has no I/O, SQL stays in db) is enforced here and by
// package boundaries (a package can only import what its package.json declares).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeIo = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'net', 'node:net', 'child_process', 'node:child_process'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', '**/dist/**', 'coverage/**', 'apps/cli/bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeIo, 'kysely', 'pg', 'better-sqlite3', 'fastify'].map((name) => ({ name, message: 'packages/core holds domain logic only: no I/O, SQL or HTTP.' })),
        patterns: [{ group: ['@vigil/db', '@vigil/server', '@vigil/cli'], message: 'core depends on nothing else of Vigil.' }],
      }],
    },
  },
  {
    files: ['apps/server/src/**/*.ts', 'apps/cli/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['kysely', 'pg', 'better-sqlite3'].map((name) => ({ name, message: 'SQL stays in packages/db; call a service.' })),
      }],
    },
  },
  {
    // The browser app: hooks used correctly, and only the browser-safe contract of core (no I/O,
    // no server code); apps/web/tsconfig.json gives it DOM types and JSX.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', {
        paths: [...nodeIo, '@vigil/core', '@vigil/db', '@vigil/server', '@vigil/cli'].map((name) => ({ name, message: 'apps/web runs in the browser: import schemas and types from @vigil/core/contract only.' })),
        patterns: [{ group: ['node:*'], message: 'apps/web runs in the browser.' }],
      }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
