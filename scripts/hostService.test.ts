/**
 * `npm run host` as a service manager runs it: a signal to the npm process
 * stops the host (it saves first) and frees its port. npm passes a SIGTERM
 * only to the shell it runs the script in, so this goes through the real npm.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './ensureBuilt.mjs';
import { portIsFree, processesNaming, waitFor } from './serviceProbes';
import { REPO_ROOT, exitOf } from '../src/main/host/testing/testHost';

describe.skipIf(process.platform !== 'linux')('npm run host as a service', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  // SIGTERM to npm alone (`kill`, `docker stop`), and SIGINT to npm's process group, which
  // is what Ctrl-C in a terminal sends. (A SIGINT to npm alone is held by Debian's sh until
  // its child ends: npm passes signals only to the shell it runs the script in.)
  for (const [signal, target] of [
    ['SIGTERM', 'npm'],
    ['SIGINT', 'group'],
  ] as const) {
    it(`${signal} to ${target === 'npm' ? 'the npm process' : "npm's process group"} stops the host and frees its port`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-service-'));
      const npm = spawn('npm', ['run', 'host', '--', '--port', '0', '--data-dir', dataDir], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, as a terminal gives a command.
        detached: true,
      });
      let out = '';
      npm.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await waitFor(() => /serving http:\/\/\S+:(\d+)\//.test(out), 60_000);
      const port = Number(/serving http:\/\/\S+:(\d+)\//.exec(out)![1]);
      expect(await portIsFree(port)).toBe(false);
      expect(processesNaming(dataDir).length).toBeGreaterThan(0);

      const started = Date.now();
      if (target === 'npm') npm.kill(signal);
      else process.kill(-npm.pid!, signal);
      await exitOf(npm);
      // The host (and the script around it) is gone and the port is free. 20 s only
      // catches a hang; the host's own promise is 2 s, measured by `npm run bench -- host.shutdown`.
      await waitFor(async () => processesNaming(dataDir).length === 0, 20_000);
      await waitFor(() => portIsFree(port), 20_000);
      console.log(`npm run host: stopped ${Date.now() - started} ms after ${signal} to ${target}`);
    }, 120_000);
  }
});
