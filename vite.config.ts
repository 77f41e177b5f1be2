// Builds the renderer (renderer/index.html) into dist/renderer. Relative asset
// URLs (base './') let the same files load from the Electron app's protocol and from / over HTTP.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  // Absolute, so that building from another working directory (scripts/build.mjs) finds the same files.
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // One chunk of about 510 kB since the in-view search matches user patterns with re2js (shared/query/user-pattern.ts,
    // linear time; its Unicode tables are 150 kB): loaded from disk or from 127.0.0.1, never over a network.
    chunkSizeWarningLimit: 600,
  },
});
