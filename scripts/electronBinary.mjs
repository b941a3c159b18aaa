// Finds the Electron binary without requiring the `electron` package: its
// index.js starts a download when the binary is missing, and nothing may
// download here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './ensureBuilt.mjs';

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary() {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    // The electron package installs no binary by itself: it is fetched on request.
    return {
      missing:
        'the Electron binary is not installed (get it with `npx install-electron` where downloads work)',
    };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary))
    return {
      missing: `the Electron binary is missing at ${binary} (\`npx install-electron\` fetches it again)`,
    };
  return { path: binary };
}

/** @returns {string | null} why no window can open here, or null */
export function noDisplayReason() {
  if (process.platform !== 'linux') return null;
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
}
