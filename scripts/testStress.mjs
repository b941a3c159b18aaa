// `npm run test:stress`: the README's test command (`npm test`) three times
// in a row while a CPU hog keeps both cores busy (Debian's stress-ng, else
// node busy-loops), to prove the suite holds on a loaded machine. Prints each
// run's closing line and time; exits non-zero if any run failed. The hog
// is bounded (its own timeout) and always stopped, Ctrl-C included.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { ROOT } from './ensureBuilt.mjs';

const RUNS = Number(process.env.ARBITER_STRESS_RUNS ?? 3);
const HOGS = Number(process.env.ARBITER_STRESS_CPUS ?? Math.min(2, availableParallelism()));
/** The hog ends by itself after this long even if this script is killed with -9, s. */
const HOG_LIMIT_S = 3 * 3600;

function startHog() {
  const hasStressNg = spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status === 0;
  const hog = hasStressNg
    ? spawn('stress-ng', ['--cpu', String(HOGS), '--timeout', `${HOG_LIMIT_S}s`, '--quiet'], {
        stdio: 'ignore',
        detached: true,
      })
    : spawn(
        process.execPath,
        [
          '-e',
          `const { Worker } = require('node:worker_threads');
           for (let i = 0; i < ${HOGS}; i++) new Worker('for (;;) {}', { eval: true });
           setTimeout(() => process.exit(0), ${HOG_LIMIT_S * 1000});`,
        ],
        { stdio: 'ignore', detached: true },
      );
  process.stdout.write(
    `test:stress: ${hasStressNg ? 'stress-ng' : 'node'} keeps ${HOGS} CPU(s) busy (pid ${hog.pid})\n`,
  );
  return hog;
}

const hog = startHog();
/** The running `npm test`, in its own process group so the whole of it can be stopped. */
let suite = null;
const stopHog = () => {
  // Its own process group: stress-ng's workers go with it.
  try {
    process.kill(-hog.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopHog);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopHog();
    if (suite) {
      try {
        process.kill(-suite.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    process.exit(130);
  });
}

const results = [];
for (let run = 1; run <= RUNS; run++) {
  process.stdout.write(`\n════ test:stress run ${run}/${RUNS}: npm test\n`);
  const started = Date.now();
  const closing = await new Promise((resolve) => {
    const child = spawn('npm', ['test'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    suite = child;
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4096);
    });
    child.on('exit', (code) => {
      const lines = tail.split('\n').filter((line) => line.trim());
      resolve({ code, line: (lines.pop() ?? '').trim() });
    });
  });
  results.push({ run, ...closing, seconds: (Date.now() - started) / 1000 });
}
stopHog();

process.stdout.write('\n════ test:stress summary\n');
for (const r of results) {
  const verdict = r.code === 0 ? 'green' : `red (exit ${r.code})`;
  process.stdout.write(`run ${r.run}: ${r.line} — ${r.seconds.toFixed(0)} s — ${verdict}\n`);
}
const failed = results.filter((r) => r.code !== 0).length;
process.stdout.write(`${RUNS - failed} of ${RUNS} runs green\n`);
process.exitCode = failed ? 1 : 0;
