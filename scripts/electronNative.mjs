// @ts-check
// Builds better-sqlite3 a second time, for Electron's ABI, into
// out/electron-native/ — the copy in node_modules stays built for plain Node
// (headless host, tests). The desktop app passes the result to
// better-sqlite3's `nativeBinding` option (src/main/nativeBinding.ts).
// Runs from `npm start` only where an Electron binary exists; it needs
// Electron's headers, which @electron/rebuild downloads.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './ensureBuilt.mjs';

const TARGET = join(ROOT, 'out', 'electron-native');
const MODULE = 'better-sqlite3';

/** @param {string} file */
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Rebuilds when the Electron or better-sqlite3 version changed since the last build. */
export async function ensureElectronNative() {
  const electronVersion = readJson(join(ROOT, 'node_modules', 'electron', 'package.json')).version;
  const moduleDir = join(ROOT, 'node_modules', MODULE);
  const moduleVersion = readJson(join(moduleDir, 'package.json')).version;
  const stamp = `${electronVersion} ${moduleVersion}`;
  const stampFile = join(TARGET, 'stamp.txt');
  const built = join(TARGET, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(built) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)
    return;

  process.stderr.write(`arbiter: building ${MODULE} for Electron ${electronVersion}…\n`);
  rmSync(TARGET, { recursive: true, force: true });
  mkdirSync(join(TARGET, 'node_modules'), { recursive: true });
  cpSync(moduleDir, join(TARGET, 'node_modules', MODULE), {
    recursive: true,
    filter: (source) => !source.includes(`${MODULE}/build`),
  });
  writeFileSync(
    join(TARGET, 'package.json'),
    JSON.stringify({
      name: 'arbiter-electron-native',
      private: true,
      dependencies: { [MODULE]: moduleVersion },
    }),
  );
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: TARGET, electronVersion, onlyModules: [MODULE], force: true });
  writeFileSync(stampFile, stamp);
}
