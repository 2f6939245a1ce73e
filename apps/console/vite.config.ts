import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = fileURLToPath(new URL('./dist', import.meta.url));
// built beside the final folder (same file system), then swapped in: a running api never serves a half-written console
const staging = fileURLToPath(
  new URL(`../../node_modules/.cache/console-build-${process.pid}`, import.meta.url),
);

function swapIntoDist(): Plugin {
  return {
    name: 'swap-into-dist',
    apply: 'build',
    closeBundle() {
      rmSync(dist, { recursive: true, force: true });
      renameSync(staging, dist);
    },
  };
}

// Built into apps/console/dist and served by the api under /console/ (no CDN, no network fonts at run time).
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react(), swapIntoDist()],
  build: { outDir: staging, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1000 },
  logLevel: 'warn',
});
