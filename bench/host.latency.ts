/**
 * host.latency: the host window's frame-to-screen latency. The built
 * headless host runs with ARBITER_TICK_TRACE, so its engine worker writes
 * when it produced each tick; the host page in Chromium records when each
 * tick reached the page (the test hook's `tick` changing, i.e. the snapshot
 * applied) and every requestAnimationFrame. Per tick:
 *
 *   apply_ms = applied in the page − produced in the worker
 *   latency  = first animation frame after it was applied − produced
 *
 * Both clocks are this machine's wall clock at sub-ms precision:
 * performance.now() anchored to Date.now() over 5 ms of samples in the
 * worker and in the page alike (the time origins of separate processes
 * disagree by up to a few ms, which moved apply_ms between runs).
 * One line per agent count. Needs `npm run build` (the bench runner does it).
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TICK_TRACE_ENV, wallClockAnchor } from '../src/main/host/match/tickTrace';
import {
  connectRpc,
  exitOf,
  spawnBuiltHost,
  TEST_HOST_KEY,
} from '../src/main/host/testing/testHost';
import { median, percentile, report, round3 } from './_stats';

const AGENT_COUNTS = [100, 1000];
const WARMUP_MS = 3000;
const MEASURE_MS = 12_000;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface PageRecord {
  applied: Array<[number, number]>;
  frames: number[];
}

/** What the page holds, as the bench's scripts see it (they run there, not in Node). */
interface PageGlobals {
  __arbiterTest: { tick: number; drawn: number };
  __latency: PageRecord & { recording: boolean };
}

/**
 * Runs in the page before the app: wraps the test hook's `tick` and records
 * every animation frame. A string, not a function: tsx would wrap a
 * function's inner closures in helpers the page does not have.
 */
const RECORD_IN_PAGE = `(() => {
  // Anchored to the wall clock as the worker's trace is (the same function's source).
  const anchor = (${wallClockAnchor.toString()})();
  const now = () => anchor + performance.now();
  const state = { recording: false, applied: [], frames: [] };
  let hook;
  Object.defineProperty(window, '__arbiterTest', {
    configurable: true,
    get: () => hook,
    set(value) {
      let tick = value.tick;
      Object.defineProperty(value, 'tick', {
        configurable: true,
        enumerable: true,
        get: () => tick,
        set(next) {
          if (state.recording && next !== tick) state.applied.push([next, now()]);
          tick = next;
        },
      });
      hook = value;
    },
  });
  const frame = () => {
    if (state.recording) state.frames.push(now());
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.__latency = state;
})();`;

function readTrace(path: string): Map<number, number> {
  const produced = new Map<number, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [tick, at] = line.split(' ').map(Number);
    if (Number.isFinite(tick) && Number.isFinite(at)) produced.set(tick, at);
  }
  return produced;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'arbiter-bench-latency-'));
  const tracePath = join(dir, 'ticks.txt');
  process.env[TICK_TRACE_ENV] = tracePath;
  const { child, url: served } = spawnBuiltHost(['--port', '0', '--data-dir', join(dir, 'data')]);
  const url = await served;
  const client = await connectRpc(url);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: RECORD_IN_PAGE });
    await page.goto(`${url}#host=${TEST_HOST_KEY}`);
    await page.getByRole('button', { name: 'Host a game' }).click();
    // Host a game opens the match settings; Start runs the match.
    await page.getByTestId('settings-start').click({ timeout: 60_000 });
    // The match has started once the page draws it: only then does a new agent count stick.
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).__arbiterTest?.drawn > 0,
      null,
      { timeout: 60_000, polling: 100 },
    );
    for (const agents of AGENT_COUNTS) {
      await client.request('match.setAgentCount', { count: agents });
      await page.waitForFunction(
        (n) => (globalThis as unknown as PageGlobals).__arbiterTest.drawn >= n,
        agents * 0.9,
        { timeout: 30_000 },
      );
      await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
      await page.evaluate(() => {
        const state = (globalThis as unknown as PageGlobals).__latency;
        state.applied.length = 0;
        state.frames.length = 0;
        state.recording = true;
      });
      const load = loadavg()[0];
      await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
      const record = await page.evaluate(() => {
        const state = (globalThis as unknown as PageGlobals).__latency;
        state.recording = false;
        return { applied: [...state.applied], frames: [...state.frames] };
      });
      // Let the trace's buffered writes land before reading it.
      await new Promise((resolve) => setTimeout(resolve, 200));
      report(summarize(agents, record, readTrace(tracePath), load));
    }
  } finally {
    await browser.close();
    client.close();
    child.kill('SIGTERM');
    await exitOf(child);
  }
}

function summarize(
  agents: number,
  record: PageRecord,
  produced: Map<number, number>,
  loadBefore: number,
): Record<string, unknown> {
  const applyMs: number[] = [];
  const latencyMs: number[] = [];
  let frame = 0;
  for (const [tick, appliedAt] of record.applied) {
    const at = produced.get(tick);
    if (at === undefined) continue;
    applyMs.push(appliedAt - at);
    while (frame < record.frames.length && record.frames[frame] < appliedAt) frame++;
    if (frame < record.frames.length) latencyMs.push(record.frames[frame] - at);
  }
  const seconds = MEASURE_MS / 1000;
  return {
    bench: 'host.latency',
    agents,
    ticks: latencyMs.length,
    median_ms: round3(median(latencyMs)),
    p99_ms: round3(percentile(latencyMs, 99)),
    apply_median_ms: round3(median(applyMs)),
    apply_p99_ms: round3(percentile(applyMs, 99)),
    ticks_per_s: round3(record.applied.length / seconds),
    fps: round3(record.frames.length / seconds),
    load_avg: [round3(loadBefore), ...loadavg().map(round3)],
  };
}

await main();
