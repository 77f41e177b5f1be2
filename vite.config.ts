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
  },
});
