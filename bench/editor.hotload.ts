/**
 * editor.hotload: what the editor adds between the modder and the match.
 *
 * 1. Accept-to-running: a `behavior.save` of a new version (static checks,
 *    dry run, SQLite write, swap) until the snapshot of the first tick
 *    whose observations the new version decided on. Median over 50
 *    hot-loads, in ms and in ticks (target: at most one tick).
 * 2. First token: the editor page in Chromium against the local
 *    OpenAI-compatible test server; the time the first streamed text is on
 *    screen minus the time the server wrote its first byte (both wall
 *    clocks on this machine). Target overhead: at most 50 ms.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  watchSnapshots,
} from '../src/main/host/testing/testHost';
import { median, percentile, report, round3 } from './_stats';

const HOT_LOADS = 50;
const ASKS = 10;
const KEY = 'sk-bench-key';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const variant = (i: number) =>
  `// variant ${i}\nexport default function act(obs) {\n  return { moveTo: { x: ${100 + i}, y: 100 } };\n}\n`;

async function main(): Promise<void> {
  const llm = await startOpenAiTestServer({ apiKey: KEY });
  const { child, url: served } = spawnBuiltHost([
    '--port',
    '0',
    '--data-dir',
    mkdtempSync(join(tmpdir(), 'arbiter-bench-editor-')),
  ]);
  const url = await served;
  const client = await connectRpc(url);
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
    const firstToken = await pageFirstTextOverhead(url, llm);
    const hostFirstToken = await hostFirstDeltaOverhead(client, llm);
    const checked = await acceptToRunning(client, true);
    const unchecked = await acceptToRunning(client, false);
    report({
      bench: 'editor.hotload',
      hot_loads: HOT_LOADS,
      tick_ms: round3(checked.tickMs),
      median_ms: round3(median(checked.ms)),
      p99_ms: round3(percentile(checked.ms, 99)),
      median_ticks: median(checked.ticks),
      max_ticks: Math.max(...checked.ticks),
      unchecked_median_ms: round3(median(unchecked.ms)),
      unchecked_median_ticks: median(unchecked.ticks),
      asks: ASKS,
      first_token_overhead_median_ms: round3(median(firstToken)),
      first_token_overhead_max_ms: round3(Math.max(...firstToken)),
      host_first_token_overhead_median_ms: round3(median(hostFirstToken)),
    });
  } finally {
    client.close();
    child.kill('SIGTERM');
    await exitOf(child);
    await llm.close();
  }
}

type Client = Awaited<ReturnType<typeof connectRpc>>;

/**
 * `checked`: the code was validated just before the accept, as every answer
 * the editor offers was (the accept then reuses that dry run); otherwise
 * the save validates from scratch.
 */
async function acceptToRunning(client: Client, checked: boolean) {
  const state = await client.request('match.start', { agents: 200, seed: 7 });
  const tickMs = 1000 / state.settings.config.tickRate;
  // The host window's player link: the first snapshot of a tick is when the world shows it.
  const watch = await watchSnapshots(client);
  const name = checked ? 'Bench gatherer' : 'Bench gatherer unchecked';
  const first = await client.request('behavior.save', { name, code: variant(0) });
  if (!first.ok || !first.behavior)
    throw new Error(`could not save: ${JSON.stringify(first.errors)}`);
  const id = first.behavior.id;
  await client.request('behavior.assign', { team: 0, name: id });
  await client.request('behavior.assign', { team: 1, name: id });
  const ms: number[] = [];
  const ticks: number[] = [];
  for (let i = 1; i <= HOT_LOADS; i++) {
    const code = `${variant(i)}// ${name}\n`;
    if (checked) await client.request('behavior.validate', { code, language: 'javascript' });
    // Accept at a random point within a tick, as a person would.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * tickMs + tickMs));
    const acceptedAtTick = watch.latest?.tick ?? 0;
    const started = performance.now();
    const saved = await client.request('behavior.save', { id, name, code });
    if (!saved.ok || saved.runningFromTick === null) throw new Error(`hot-load ${i} failed`);
    const runningFrom = saved.runningFromTick;
    await watch.next((frame) => frame.tick >= runningFrom);
    ms.push(performance.now() - started);
    ticks.push(runningFrom - acceptedAtTick);
  }
  watch.close();
  return { ms, ticks, tickMs };
}

/** The editor page in Chromium: first streamed text on screen minus the server's first byte. */
async function pageFirstTextOverhead(url: string, llm: ScriptedLlmServer): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}#host=${TEST_HOST_KEY}`);
    await page.getByRole('button', { name: 'Host a game' }).click();
    await page.getByTestId('open-editor').click();
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    const overheads: number[] = [];
    for (let i = 0; i < ASKS; i++) {
      llm.script(answer(i));
      await page.getByTestId('llm-prompt').fill(`walk to x ${100 + i}`);
      await page.getByTestId('llm-ask').click();
      await page.waitForFunction(
        () => (globalThis as unknown as TestWindow).__arbiterTest.editor?.()?.state === 'ready',
        null,
        { timeout: 15_000 },
      );
      const shownAt = await page.evaluate(
        () =>
          (globalThis as unknown as TestWindow).__arbiterTest.editor?.()?.firstTextShownAt ?? NaN,
      );
      overheads.push(shownAt - llm.firstByteAt[llm.firstByteAt.length - 1]);
      await page.getByTestId('llm-reject').click();
    }
    return overheads;
  } finally {
    await browser.close();
  }
}

/** The same, read by a Node client of the host API: what the host adds before the page. */
async function hostFirstDeltaOverhead(client: Client, llm: ScriptedLlmServer): Promise<number[]> {
  const overheads: number[] = [];
  for (let i = 0; i < ASKS; i++) {
    llm.script(answer(i));
    let firstAt = NaN;
    const done = new Promise<void>((resolve) => {
      const off = client.on('llm', (event) => {
        if (event.type === 'delta' && Number.isNaN(firstAt)) {
          firstAt = performance.timeOrigin + performance.now();
        }
        if (event.type === 'done' || event.type === 'failed') {
          off();
          resolve();
        }
      });
    });
    await client.request('llm.generate', {
      prompt: 'walk',
      code: '',
      language: 'javascript',
      includeMatch: false,
    });
    await done;
    overheads.push(firstAt - llm.firstByteAt[llm.firstByteAt.length - 1]);
  }
  return overheads;
}

const answer = (i: number) =>
  ({
    kind: 'answer',
    text: '```js\n' + variant(i) + '```',
    chunkSize: 16,
    chunkDelayMs: 5,
  }) as const;

interface TestWindow {
  __arbiterTest: {
    editor: (() => { state: string | null; firstTextShownAt: number | null }) | null;
  };
}

await main();
