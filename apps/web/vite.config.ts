import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleBudget } from './scripts/bundle-budget.js';

// `npm run build -w @vigil/web` writes apps/web/dist, which the server serves at `/`.
// `npm run dev -w @vigil/web` serves the app with hot reload and proxies /api to a running server.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), bundleBudget()],
  // The real limit is the gzipped initial-JS budget below; Rollup's raw 500 kB warning would only repeat it.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 4100}` } },
});
