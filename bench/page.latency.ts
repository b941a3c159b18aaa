/**
 * page.latency: does the page stay responsive while a large match draws?
 *
 * The host's page in headless Chromium (SwiftShader WebGL), a match of
 * 1,000 agents drawing, the editor open beside it. Ten asks to the LLM
 * (the local OpenAI-compatible test server); for each, the time the first
 * streamed text is in the page's DOM minus the time the server wrote its
 * first byte. Target: median at most 50 ms.
 *
 * Clocks: the server stamps `performance.timeOrigin + performance.now()`
 * in this process; the page stamps the same expression in Chromium, from a
 * MutationObserver that sees the answer's text appear (and again at the
 * next animation frame, when it can be painted). Both are wall clocks of
 * this machine, but each process fixes its time origin once, so the bench
 * measures the offset between them (the page's reading minus the midpoint
 * of a round trip, over the shortest of 20 round trips) and removes it.
 *
 * Also reported: the frames per second the page's main thread ran
 * (requestAnimationFrame) and the Render FPS figure the arena shows, both
 * over the asks, and the load average.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  startOpenAiTestServer,
  type ScriptedLlmServer,
} from '../src/main/host/testing/llmTestServer/scriptedLlmServer';
import {
  connectRpc,
  exitOf,
  spawnBuiltHost,
  TEST_HOST_KEY,
} from '../src/main/host/testing/testHost';
import { median, percentile, report, round3 } from './_stats';

/** 1,000 by default; PAGE_LATENCY_AGENTS=0 gives the floor with nothing much to draw. */
const AGENTS = Number(process.env.PAGE_LATENCY_AGENTS ?? 1000);
const ASKS = 10;
const KEY = 'sk-bench-key';
/** Where the arena is drawn in each measured page: on the main thread, then in the arena worker. */
const THREADS = (process.env.PAGE_LATENCY_THREADS ?? 'page,worker').split(',') as Array<
  'page' | 'worker'
>;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installed before the page's own scripts: stamps when the first answer text is in the DOM. */
const RECORD_IN_PAGE = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const state = { arrived: [], shown: [], painted: [], frames: [], recording: false, waiting: false };
  // When the host's first delta reaches the page (its message event runs): the host's and the
  // network's part, before the page's own.
  const Native = WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (!state.waiting || state.arrived.length > state.shown.length) return;
        if (typeof event.data === 'string' && event.data.includes('"delta"')) state.arrived.push(now());
      });
    }
  };
  const check = () => {
    if (!state.waiting) return;
    const text = document.querySelector('[data-testid="llm-attempt"] .answer-text');
    if (!text || !text.textContent) return;
    state.waiting = false;
    state.shown.push(now());
    requestAnimationFrame(() => state.painted.push(now()));
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  const frame = () => {
    if (state.recording) state.frames.push(now());
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.__pageLatency = state;
})();`;

interface PageState {
  arrived: number[];
  shown: number[];
  painted: number[];
  frames: number[];
  recording: boolean;
  waiting: boolean;
}
interface PageGlobals {
  __pageLatency: PageState;
  __arbiterTest: { drawn: number; arenaThread: string | null };
}

/** The page's wall clock minus this process's, from the shortest of a few round trips. */
async function clockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 20; i++) {
    const sent = performance.timeOrigin + performance.now();
    const there = await page.evaluate(() => performance.timeOrigin + performance.now());
    const back = performance.timeOrigin + performance.now();
    if (back - sent < best.rtt) best = { rtt: back - sent, offset: there - (sent + back) / 2 };
  }
  return best.offset;
}

type Client = Awaited<ReturnType<typeof connectRpc>>;

async function main(): Promise<void> {
  const llm = await startOpenAiTestServer({ apiKey: KEY });
  const { child, url: served } = spawnBuiltHost([
    '--port',
    '0',
    '--data-dir',
    mkdtempSync(join(tmpdir(), 'arbiter-bench-page-')),
  ]);
  const url = await served;
  const client = await connectRpc(url);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  try {
    await client.request('llm.settings.save', {
      settings: {
        preset: 'custom',
        provider: 'openai-compatible',
        baseUrl: llm.baseUrl,
        model: 'bench',
        temperature: 0,
        timeoutMs: 10_000,
        maxRepairs: 2,
      },
    });
    await client.request('llm.key.set', { key: KEY });
    for (const thread of THREADS) report(await measure(browser, url, thread, client, llm));
  } finally {
    await browser.close();
    client.close();
    child.kill('SIGTERM');
    await exitOf(child);
    await llm.close();
  }
}

/** Ten asks on a page whose arena is drawn on `thread`, with AGENTS agents in the match. */
async function measure(
  browser: Browser,
  url: string,
  thread: 'page' | 'worker',
  client: Client,
  llm: ScriptedLlmServer,
): Promise<Record<string, unknown>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript({ content: RECORD_IN_PAGE });
  if (thread === 'page')
    await page.addInitScript({ content: `localStorage.setItem('arbiter.arenaThread', 'main');` });
  await page.goto(`${url}#host=${TEST_HOST_KEY}`);
  await page.getByRole('button', { name: 'Host a game' }).click();
  // The first time, the settings screen starts the match; later the page joins it.
  const start = page.getByTestId('settings-start');
  await Promise.race([
    start.waitFor({ timeout: 60_000 }).catch(() => {}),
    page
      .waitForFunction(() => (globalThis as unknown as PageGlobals).__arbiterTest.drawn > 0, null, {
        timeout: 60_000,
      })
      .catch(() => {}),
  ]);
  if (await start.isVisible()) await start.click();
  // Running (drawn) before the count changes: a match still starting would reset it.
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).__arbiterTest.drawn > 0,
    null,
    { timeout: 60_000, polling: 100 },
  );
  await client.request('match.setAgentCount', { count: AGENTS });
  // Most of them: some are always dead, waiting to respawn.
  await page.waitForFunction(
    (n) => (globalThis as unknown as PageGlobals).__arbiterTest.drawn >= n,
    AGENTS * 0.8,
    { timeout: 90_000, polling: 100 },
  );
  await page.getByTestId('open-editor').click();
  await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
  const offset = await clockOffset(page);
  const load = loadavg()[0];
  await page.evaluate(
    () => ((globalThis as unknown as PageGlobals).__pageLatency.recording = true),
  );
  const profiler = process.env.PAGE_LATENCY_PROFILE ? await startProfile(page) : null;
  const started = performance.now();
  const fpsShown: number[] = [];
  const byte: number[] = [];
  for (let i = 0; i < ASKS; i++) {
    llm.script(answer(i));
    await page.getByTestId('llm-prompt').fill(`walk to x ${100 + i}`);
    await page.evaluate(
      () => ((globalThis as unknown as PageGlobals).__pageLatency.waiting = true),
    );
    await page.getByTestId('llm-ask').click();
    // Polled on a timer, not every frame: the bench should not load the thread it measures.
    await page.waitForFunction(
      (n) => (globalThis as unknown as PageGlobals).__pageLatency.painted.length > n,
      i,
      { timeout: 30_000, polling: 100 },
    );
    byte.push(llm.firstByteAt[llm.firstByteAt.length - 1]);
    await page.getByTestId('llm-reject').click();
    const fps = Number(await page.getByTestId('stats-fps').textContent());
    if (Number.isFinite(fps)) fpsShown.push(fps);
  }
  const seconds = (performance.now() - started) / 1000;
  if (profiler) await profiler();
  const record = await page.evaluate(() => {
    const state = (globalThis as unknown as PageGlobals).__pageLatency;
    state.recording = false;
    return {
      arrived: state.arrived,
      shown: state.shown,
      painted: state.painted,
      frames: state.frames.length,
    };
  });
  const drawn = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).__arbiterTest.drawn,
  );
  const shownMs = record.shown.map((at, i) => at - offset - byte[i]);
  const arrivedMs = record.arrived.map((at, i) => at - offset - byte[i]);
  const pageMs = record.shown.map((at, i) => at - record.arrived[i]);
  const paintedMs = record.painted.map((at, i) => at - offset - byte[i]);
  const arenaThread = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).__arbiterTest.arenaThread,
  );
  await context.close();
  return {
    bench: 'page.latency',
    arena_thread: arenaThread,
    agents: AGENTS,
    drawn,
    asks: ASKS,
    first_token_median_ms: round3(median(shownMs)),
    first_token_p90_ms: round3(percentile(shownMs, 90)),
    first_token_max_ms: round3(Math.max(...shownMs)),
    painted_median_ms: round3(median(paintedMs)),
    arrived_median_ms: round3(median(arrivedMs)),
    arrived_to_shown_median_ms: round3(median(pageMs)),
    page_fps: round3(record.frames / seconds),
    render_fps_shown_median: median(fpsShown),
    clock_offset_ms: round3(offset),
    load_avg: [round3(load), ...loadavg().map(round3)],
  };
}

/** Samples the page's main thread; the returned stop prints where its time went (stderr). */
async function startProfile(page: Page): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const frame = byId.get(id)!.callFrame;
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
    });
    // Per React component (a capitalized function in the app's bundles): time under it.
    const parent = new Map<number, number>();
    for (const node of profile.nodes)
      for (const child of node.children ?? []) parent.set(child, node.id);
    const components = new Map<string, number>();
    (profile.samples ?? []).forEach((id, i) => {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const { functionName, url } = byId.get(at)!.callFrame;
        if (/^[A-Z]/.test(functionName) && url.includes('/assets/') && !seen.has(functionName)) {
          seen.add(functionName);
          components.set(
            functionName,
            (components.get(functionName) ?? 0) + (deltas[i] ?? 0) / 1000,
          );
        }
      }
    });
    process.stderr.write('time under components:\n');
    for (const [key, ms] of [...components].sort((a, b) => b[1] - a[1]).slice(0, 15))
      process.stderr.write(`  ${round3(ms)} ms  ${key}\n`);
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    process.stderr.write(`main thread, ${round3(total)} ms sampled; most self time:\n`);
    for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
      process.stderr.write(`  ${round3(ms)} ms  ${key}\n`);
  };
}

const answer = (i: number) =>
  ({
    kind: 'answer',
    text:
      '```js\n' +
      `export default function act(obs) {\n  return { moveTo: { x: ${100 + i}, y: 100 } };\n}\n` +
      '```',
    chunkSize: 16,
    chunkDelayMs: 5,
  }) as const;

await main();
