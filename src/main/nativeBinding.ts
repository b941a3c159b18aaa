import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native addon built for one ABI: the copy in
 * node_modules serves plain Node (headless host, tests). The desktop app
 * loads its own build for Electron's ABI, made by `npm start` through
 * scripts/electronNative.mjs into out/electron-native/. Returns its path,
 * or undefined to let better-sqlite3 find its default (which then fails
 * with an ABI message the host reports).
 */
export function electronNativeBinding(appRoot: string): string | undefined {
  const file = join(
    appRoot,
    'out',
    'electron-native',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  return existsSync(file) ? file : undefined;
}
