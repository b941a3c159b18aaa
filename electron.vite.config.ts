import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { withContentSecurityPolicy } from './src/shared/contentSecurityPolicy';

// Five node-side entries share one main build: the Electron main process, the
// headless host (plain Node), the engine worker that both of them spawn, the replay worker and the behavior sandbox's.
export default defineConfig({
  main: {
    // The behavior sandbox's guest prelude is a .js file read as text beside its module from
    // source; the build inlines it, so out/main/ needs no copy of it (guestPrelude.ts).
    define: {
      __ARBITER_GUEST_PRELUDE__: JSON.stringify(
        readFileSync(
          resolve(import.meta.dirname, 'src/main/host/behaviors/sandbox/guestPrelude.quickjs.js'),
          'utf8',
        ),
      ),
    },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          host: resolve(import.meta.dirname, 'src/main/host/server/cli.ts'),
          engineWorker: resolve(import.meta.dirname, 'src/main/host/match/engineWorker.ts'),
          sandboxWorker: resolve(
            import.meta.dirname,
            'src/main/host/behaviors/sandbox/sandboxWorker.ts',
          ),
          replayWorker: resolve(import.meta.dirname, 'src/main/host/replay/replayWorker.ts'),
        },
        // Shared chunks beside the entries, not in chunks/: code that finds a worker entry
        // relative to its own URL (sandboxWorkerHandle) must resolve the same from any bundle.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules at run time: bundle everything.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [
      react(),
      // The page's CSP has one definition, shared with the headless host's header.
      {
        name: 'arbiter-content-security-policy',
        transformIndexHtml: { order: 'pre', handler: withContentSecurityPolicy },
      },
    ],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
});
