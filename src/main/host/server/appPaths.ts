import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the built app's parts live, seen from an entry in out/main/. */
export interface AppPaths {
  appRoot: string;
  resourcesDir: string;
  rendererDir: string;
  workerUrl: URL;
  version: string;
}

/** `entryUrl` is the calling entry's `import.meta.url` (out/main/host.js or index.js). */
export function appPathsFrom(entryUrl: string): AppPaths {
  const mainDir = dirname(fileURLToPath(entryUrl));
  const appRoot = join(mainDir, '..', '..');
  let version = '0.0.0';
  try {
    version = (
      JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    // A packaged app without package.json beside it still runs; it just says 0.0.0.
  }
  return {
    appRoot,
    resourcesDir: join(appRoot, 'resources'),
    rendererDir: join(appRoot, 'out', 'renderer'),
    workerUrl: new URL('./engineWorker.js', entryUrl),
    version,
  };
}
