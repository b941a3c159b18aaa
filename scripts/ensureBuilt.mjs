// Builds the app (electron-vite build) when out/ is missing or older than
// any source file, so `npm run host` and `npm start` work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['src', 'engine', 'electron.vite.config.ts', 'package.json'];
const OUTPUTS = [
  'out/main/host.js',
  'out/main/index.js',
  'out/main/engineWorker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isBuildStale() {
  const outputs = OUTPUTS.map((file) => join(ROOT, file));
  if (!outputs.every((file) => existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const source = Math.max(...SOURCES.map((path) => newestMtime(join(ROOT, path))));
  return source > built;
}

export function ensureBuilt() {
  if (!isBuildStale()) return;
  process.stderr.write('arbiter: building the app (electron-vite build)…\n');
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: ROOT,
      stdio: ['ignore', process.stderr, 'inherit'],
    },
  );
  if (result.status !== 0) {
    process.stderr.write('arbiter: the build failed (see above)\n');
    process.exit(result.status ?? 1);
  }
}
