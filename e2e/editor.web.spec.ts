import { expect, test, type Page } from '@playwright/test';
import {
  startOpenAiTestServer,
  type ScriptedLlmServer,
} from '../src/main/host/testing/llmTestServer/scriptedLlmServer';
import { hostAGame, openEditorPanel } from './hostPage';
import './testHook';

const KEY = 'sk-e2e-never-shown-7c1f';
const GATHER = [
  'Sure, here is a behavior that sends every agent to the top-left corner:\n',
  '```js\n',
  '// Gather in the top-left corner.\n',
  'export default function act(obs, memory) {\n',
  '  return { moveTo: { x: 60, y: 60 } };\n',
  '}\n',
  '```\n',
  'They will walk there and wait.',
].join('');
const THROWS = '```js\nexport default function act(obs) {\n  return obs.self.missing.x;\n}\n```';
const USES_DATE = '```js\nexport default function act() {\n  return { aim: Date.now() };\n}\n```';

/** Mean distance of the live agents to the top-left corner (NaN while none is drawn yet). */
const meanToCorner = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const agents = window.__arbiterTest.entities().filter((e) => e.kind === 1 && e.alive);
    return agents.reduce((sum, a) => sum + Math.hypot(a.x, a.y), 0) / agents.length;
  });

const editorCode = (page: Page): Promise<string> =>
  page.evaluate(() => window.__arbiterTest.editor?.().code ?? '');

test.describe('the behavior editor', () => {
  let llm: ScriptedLlmServer;
  const frames: string[] = [];

  test.beforeAll(async () => {
    llm = await startOpenAiTestServer({ apiKey: KEY });
  });
  test.afterAll(async () => {
    await llm?.close();
  });

  test('asks the LLM in plain words, streams, accepts, and the agents go where it said', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // Everything the page receives over the host API, to check the key never reaches it.
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await hostAGame(page);
    const editor = await openEditorPanel(page);

    // The provider: the local OpenAI-compatible test server; the key goes in once.
    await editor.getByRole('button', { name: 'LLM settings' }).click();
    const settings = editor.getByTestId('provider-settings');
    await settings.getByLabel('Preset').selectOption('custom');
    await settings.getByLabel('Base URL').fill(llm.baseUrl);
    await settings.getByLabel('Model').fill('test-model');
    await settings.getByLabel('API key').fill(KEY);
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toHaveCount(0);

    // A new behavior that does nothing yet, run by both teams.
    await editor.getByRole('button', { name: 'New', exact: true }).click();
    await editor.getByLabel('Behavior name').fill('Gatherer');
    await editor.getByTestId('editor-save').click();
    await expect(editor.getByTestId('editor-version')).toHaveText(/^v1/, { timeout: 30_000 });
    for (const row of await editor
      .getByTestId('assignments')
      .getByRole('button', { name: 'Run this here' })
      .all()) {
      await row.click();
    }
    await expect(editor.getByTestId('assignments')).toContainText(
      /Gatherer v1 · [1-9]\d* agents[\s\S]*Gatherer v1/,
      {
        timeout: 30_000,
      },
    );
    // The arena may still be starting on a busy machine: measure once its agents are drawn.
    await expect
      .poll(async () => Number.isFinite(await meanToCorner(page)), { timeout: 60_000 })
      .toBe(true);
    const before = await meanToCorner(page);

    // Slow enough (about 4 s) that the test sees it arrive piece by piece.
    llm.script({ kind: 'answer', text: GATHER, chunkSize: 8, chunkDelayMs: 120 });
    await editor.getByTestId('llm-prompt').fill('gather in the top-left corner');
    await editor.getByTestId('llm-ask').click();
    // The code streams into the diff: part of it is shown while the answer is still arriving.
    const partial: string[] = [];
    await expect
      .poll(
        async () => {
          const now = await page.evaluate(() => window.__arbiterTest.editor?.() ?? null);
          if (now?.state === 'streaming' && now.shown) partial.push(now.shown);
          return now?.state;
        },
        { timeout: 30_000, intervals: [50] },
      )
      .toBe('ready');
    expect(partial.some((code) => code.length > 0 && !code.includes('return { moveTo'))).toBe(true);
    await expect(editor.getByTestId('llm-diff')).toContainText('Gather in the top-left corner');
    await expect(editor.getByTestId('llm-attempt').first()).toHaveAttribute(
      'data-state',
      'passed',
      {
        timeout: 30_000,
      },
    );
    // Accept asks where to run it: both teams, as before.
    await editor.getByTestId('llm-accept').click();
    await editor.getByTestId('accept-choice').getByRole('button', { name: 'All teams' }).click();
    await expect(editor.getByTestId('editor-version')).toHaveText(/^v2/, { timeout: 30_000 });
    await expect(editor.getByTestId('editor-running')).toContainText(
      /Agents run v2 since tick \d+/,
    );
    expect(await editorCode(page)).toContain('moveTo: { x: 60, y: 60 }');

    // The prompt told the model what the task was, and the request carried the API.
    const asked = llm.requests[llm.requests.length - 1].body.messages ?? [];
    expect(asked[0].content).toContain('interface Observation');
    expect(asked[1].content).toContain('gather in the top-left corner');

    // Within a few seconds the agents' mean position moves toward the corner.
    await expect
      .poll(async () => before - (await meanToCorner(page)), { timeout: 30_000 })
      .toBeGreaterThan(150);

    // Two failed validations, then a pass: every attempt is shown.
    llm.script(
      { kind: 'answer', text: THROWS },
      { kind: 'answer', text: USES_DATE },
      { kind: 'answer', text: GATHER },
    );
    await editor.getByTestId('llm-prompt').fill('same, but stay a bit apart');
    await editor.getByTestId('llm-ask').click();
    const attempts = editor.getByTestId('llm-attempt');
    await expect(attempts).toHaveCount(3, { timeout: 20_000 });
    await expect(attempts.nth(0)).toHaveAttribute('data-state', 'failed');
    await expect(attempts.nth(0)).toContainText('line 2');
    await expect(attempts.nth(1)).toHaveAttribute('data-state', 'failed');
    await expect(attempts.nth(1)).toContainText('Date is not available');
    await expect(attempts.nth(2)).toHaveAttribute('data-state', 'passed', { timeout: 30_000 });
    await expect(attempts.nth(1)).toContainText('Repair 1 of 2');
    await editor.getByTestId('llm-reject').click();
    await expect(editor.getByTestId('llm-generation')).toHaveCount(0);

    // The endpoint goes down: the error shows, and what the modder typed is intact.
    await page.getByTestId('code-editor').locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// my own edit, keep me\n');
    await expect.poll(() => editorCode(page)).toContain('// my own edit, keep me');
    // A use of what the sandbox lacks is marked on its line as it is typed.
    await page.keyboard.type('const startedAt = Date.now();\n');
    const line = (await editorCode(page)).split('\n').findIndex((l) => l.includes('Date.now')) + 1;
    await expect(editor.getByTestId('editor-markers')).toContainText(
      `line ${line}:19 (static) Date is not available`,
    );
    await expect(page.getByTestId('code-editor').locator('.squiggly-error').first()).toBeVisible();
    const typed = await editorCode(page);
    await llm.close();
    await editor.getByTestId('llm-prompt').fill('now make them spread out');
    await editor.getByTestId('llm-ask').click();
    await expect(editor.getByTestId('llm-failure')).toHaveAttribute('data-failure', 'unreachable', {
      timeout: 30_000,
    });
    await expect(editor.getByTestId('llm-failure')).toContainText('Endpoint unreachable');
    expect(await editorCode(page)).toBe(typed);

    // The key was never sent to the page.
    expect(frames.length).toBeGreaterThan(10);
    expect(frames.filter((f) => f.includes(KEY))).toEqual([]);
    await expect(editor.getByTestId('key-status')).toHaveCount(0);
    await editor.getByRole('button', { name: 'LLM settings' }).click();
    await expect(editor.getByTestId('key-status')).toContainText('A key is set');
    expect(await page.content()).not.toContain(KEY);
  });
});
