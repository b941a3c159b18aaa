/**
 * host.startup: ms from spawning the built headless host to the first 200
 * for its page. Median of several cold starts; a `node -e ""` start is the
 * baseline measured in the same run (machines here are noisy).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, report, round3 } from './_stats';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 7;

async function waitForPage(url: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) {
        await response.text();
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no page at ${url} in time`);
}

async function startOnce(port: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-bench-'));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'out/main/host.js'), '--port', String(port), '--data-dir', dataDir],
    {
      stdio: 'ignore',
    },
  );
  try {
    await waitForPage(`http://127.0.0.1:${port}/`, started + 20_000);
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

async function nodeBaseline(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - started;
}

const times: number[] = [];
const baselines: number[] = [];
for (let run = 0; run < RUNS; run++) {
  baselines.push(await nodeBaseline());
  times.push(await startOnce(7900 + run));
  process.stderr.write(`host.startup run ${run + 1}/${RUNS}: ${times[run].toFixed(1)} ms\n`);
}
const ms = median(times);
const nodeMs = median(baselines);
report({
  bench: 'host.startup',
  ms: round3(ms),
  node_baseline_ms: round3(nodeMs),
  ratio: round3(ms / nodeMs),
  runs: RUNS,
});
