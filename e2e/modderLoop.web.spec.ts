import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  startOpenAiTestServer,
  type ScriptedLlmServer,
} from '../src/main/host/testing/llmTestServer/scriptedLlmServer';
import { hostAGame, openEditorPanel } from './hostPage';
import './testHook';

/** Where the walk's screenshots go (looked at by hand; not compared). */
const SHOTS = 'e2e/screenshots/modderLoop';

const editorCode = (page: Page): Promise<string> =>
  page.evaluate(() => window.__arbiterTest.editor?.().code ?? '');

/** Hosts a match, opens the editor and waits for Monaco; collects the page's console errors. */
async function openEditor(page: Page): Promise<{ editor: Locator; consoleErrors: string[] }> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await hostAGame(page);
  const editor = await openEditorPanel(page);
  return { editor, consoleErrors };
}

const KEY = 'sk-e2e-modder-loop-3b9d';
/** The fix the scripted provider answers with: the same plan, guarded. */
const FIXED = [
  'The agent read a field that is not there; guard it:\n',
  '```js\n',
  'export default function act(obs, memory) {\n',
  '  if (obs.tick > 3) return { move: { x: 1, y: 0 } };\n',
  '  return {};\n',
  '}\n',
  '```\n',
].join('');

/** Points the editor at the scripted OpenAI-compatible server. */
async function useTestProvider(editor: Locator, llm: ScriptedLlmServer): Promise<void> {
  await editor.getByRole('button', { name: 'LLM settings' }).click();
  const settings = editor.getByTestId('provider-settings');
  await settings.getByLabel('Preset').selectOption('custom');
  await settings.getByLabel('Base URL').fill(llm.baseUrl);
  await settings.getByLabel('Model').fill('test-model');
  await settings.getByLabel('API key').fill(KEY);
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toHaveCount(0);
}

/** Goes to the start of line `line` of the buffer (1-based) in Monaco. */
async function toLine(page: Page, line: number): Promise<void> {
  await page.getByTestId('code-editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
}

test.describe("the modder's loop", () => {
  test.setTimeout(240_000);
  let llm: ScriptedLlmServer;
  test.beforeAll(async () => {
    llm = await startOpenAiTestServer({ apiKey: KEY });
  });
  test.afterAll(async () => {
    await llm?.close();
  });

  test('obs. completes with docs, the chosen field compiles, Ctrl+S saves; no console errors', async ({
    page,
  }) => {
    const { editor, consoleErrors } = await openEditor(page);
    await editor.getByRole('button', { name: 'New', exact: true }).click();
    await editor.getByLabel('Behavior name').fill('Completer');
    // The blank behavior: line 7 is "  return {};". A line before it, as a modder types it.
    await expect.poll(() => editorCode(page)).toContain('  return {};');
    await toLine(page, 7);
    await page.keyboard.type('const t = obs.');
    const suggest = page.locator('.suggest-widget');
    await expect(suggest).toBeVisible();
    await expect(suggest.locator('.monaco-list-row', { hasText: 'tickRate' })).toBeVisible();
    // Its docs come from the behavior API's declarations (Ctrl+Space again shows them beside).
    await page.keyboard.type('tickR');
    await expect(suggest.locator('.monaco-list-row.focused')).toContainText('tickRate');
    await expect(async () => {
      if (!(await page.locator('.suggest-details').isVisible()))
        await page.keyboard.press('Control+Space');
      await expect(page.locator('.suggest-details')).toContainText('Ticks per second', {
        timeout: 2_000,
      });
    }).toPass();
    await page.screenshot({ path: `${SHOTS}/1-completion.png` });
    await page.keyboard.press('Enter');
    await expect.poll(() => editorCode(page)).toContain('const t = obs.tickRate');
    await page.keyboard.type(';');
    await page.keyboard.press('Enter');
    // Inserted and completed: the host's checks and dry run pass (no markers).
    await expect(editor.getByTestId('editor-markers')).toHaveAttribute('data-checking', 'false');
    await expect(editor.getByTestId('editor-markers').locator('li')).toHaveCount(0);
    // Ctrl/Cmd+S saves it as version 1.
    await page.keyboard.press('ControlOrMeta+S');
    await expect(editor.getByTestId('editor-version')).toHaveText(/^v1/);

    // Half-written code is refused, and kept as a draft with its errors; v1 still runs.
    await page.keyboard.type('const half = obs.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ControlOrMeta+S');
    await expect(editor.getByTestId('editor-notice')).toContainText('Not saved');
    await editor.getByTestId('save-draft').click();
    await expect(editor.getByTestId('editor-notice')).toContainText(
      /Draft kept at .* with 1 error/,
    );
    const draft = editor.getByTestId('draft-list').locator('li', { hasText: 'Completer' });
    await expect(draft).toContainText('1 error');
    await expect(editor.getByTestId('editor-version')).toHaveText(/^v1/);
    await page.screenshot({ path: `${SHOTS}/1b-draft.png` });
    // Another behavior, then the draft again: its code and its error come back.
    await editor
      .getByTestId('library-list')
      .getByRole('button', { name: /^Guard a point v\d/ })
      .click();
    await expect.poll(() => editorCode(page)).not.toContain('const half');
    await draft.getByRole('button', { name: /^Completer draft/ }).click();
    await expect.poll(() => editorCode(page)).toContain('const half = obs.');
    await expect(editor.getByTestId('editor-notice')).toContainText('Your draft from');
    expect(consoleErrors).toEqual([]);
  });

  test('a run-time crash shows on its line; Fix with the LLM; accept asks for a team, which runs it', async ({
    page,
  }) => {
    const { editor } = await openEditor(page);
    await useTestProvider(editor, llm);
    await editor.getByRole('button', { name: 'New', exact: true }).click();
    await editor.getByLabel('Behavior name').fill('Crasher');
    // Passes the checks and the dry run (its sample observations are at the first ticks), then
    // throws on line 7 once the match runs it.
    await expect.poll(() => editorCode(page)).toContain('  return {};');
    await toLine(page, 7);
    await page.keyboard.type('if (obs.tick > 3) return obs.self.missing.x;');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorCode(page)).toContain('return obs.self.missing.x;\n');
    await page.keyboard.press('ControlOrMeta+S');
    await expect(editor.getByTestId('editor-version')).toHaveText(/^v1/);
    // Saved is not running: it says so instead of "agents run it from tick 1".
    await expect(editor.getByTestId('editor-notice')).toHaveText(
      'Version 1 saved; no agent runs it yet.',
    );

    // Red runs it: the notice gives the real tick and Red's agent count, the table agrees.
    await editor
      .getByTestId('assignment-team-0')
      .getByRole('button', { name: 'Run this here' })
      .click();
    await expect(editor.getByTestId('editor-notice')).toHaveText(
      /^Version 1 runs from tick [1-9]\d*: [1-9]\d* agents run it\.$/,
    );
    const redAgents = await page.evaluate(
      () => window.__arbiterTest.behaviors!.agents.filter((a) => a.team === 0).length,
    );
    await expect(editor.getByTestId('assignment-team-0')).toContainText(
      `Crasher v1 · ${redAgents} agents`,
    );
    await expect(editor.getByTestId('assignment-team-1')).toContainText('built-in AI');

    // The crash, where the modder looks: on line 7, with how many agents and since when.
    const errors = editor.getByTestId('runtime-errors');
    await expect(errors).toContainText(
      /TypeError: .* — line 7: [1-9]\d* errors? since tick [1-9]\d*, reported for [1-9]\d* agents? \(last: agent #\d+\)/,
      { timeout: 30_000 },
    );
    await expect(editor.getByTestId('editor-state')).toContainText(
      /v1 in the match: (running, with errors|suspended)/,
    );
    await expect(page.getByTestId('code-editor').locator('.squiggly-error').first()).toBeVisible();
    // With what the first failing agent observed when it threw, in the panel and the hover.
    await expect(errors.getByTestId('runtime-error-observation')).toContainText(
      /What agent #\d+ observed at tick [1-9]\d*/,
    );
    await page.getByTestId('code-editor').locator('.squiggly-error').first().hover({ force: true });
    const hover = page.locator('.monaco-hover-content').filter({ hasText: 'observed at tick' });
    await expect(hover).toContainText(
      /TypeError: .* — line 7: .*Agent #\d+ observed at tick [1-9]\d* \(obs\):\s*\{"tick":[1-9]/s,
    );
    await page.screenshot({ path: `${SHOTS}/2-runtime-error.png` });

    // Fix with the LLM: the error, its line and the code go through the usual pipeline.
    llm.script({ kind: 'answer', text: FIXED });
    await errors.getByTestId('fix-with-llm').click();
    await expect(editor.getByTestId('llm-attempt').first()).toHaveAttribute('data-state', 'passed');
    const asked = llm.requests[llm.requests.length - 1].body.messages ?? [];
    const question = asked.map((m) => m.content).join('\n');
    expect(question).toContain('At line 7');
    expect(question).toContain('return obs.self.missing.x;');
    expect(question).toMatch(/since tick [1-9]/);
    expect(question).toMatch(/The observation \(obs\) agent #\d+ was given at tick [1-9]\d*/);
    expect(question).toContain('{"tick":');
    await expect(editor.getByTestId('llm-diff')).toBeVisible();
    expect(await page.evaluate(() => window.__arbiterTest.editor?.().shown)).toContain(
      'move: { x: 1, y: 0 }',
    );
    await page.screenshot({ path: `${SHOTS}/3-fix-diff.png` });

    // Accept asks where to run it; Red only.
    await editor.getByTestId('llm-accept').click();
    const choice = editor.getByTestId('accept-choice');
    await expect(choice).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/4-accept-choice.png` });
    await choice.getByRole('button', { name: 'Red' }).click();
    await expect(editor.getByTestId('editor-version')).toHaveText(/^v2/);
    await expect(editor.getByTestId('editor-notice')).toHaveText(
      new RegExp(`^Version 2 runs from tick [1-9]\\d*: ${redAgents} agents run it\\.$`),
    );
    const fromTick = Number(
      /from tick (\d+)/.exec((await editor.getByTestId('editor-notice').innerText())!)![1],
    );
    // The host agrees: it said the tick it was at; Red's agents run v2, Blue's do not.
    expect(fromTick).toBeLessThanOrEqual(
      (await page.evaluate(() => window.__arbiterTest.tick)) + 40,
    );
    await expect
      .poll(() =>
        page.evaluate(() => {
          const live = window.__arbiterTest.behaviors!;
          return {
            red: live.agents.filter((a) => a.team === 0 && a.behavior === 'crasher').length,
            blue: live.agents.filter((a) => a.team === 1 && a.behavior === 'crasher').length,
          };
        }),
      )
      .toEqual({ red: redAgents, blue: 0 });
    // The new version runs clean: the old errors are gone, from the panel and the line.
    await expect(errors).toHaveCount(0);
    await expect(editor.getByTestId('editor-state')).toHaveText(
      /v2 in the match: running · \d+ agents/,
    );
    await expect(page.getByTestId('code-editor').locator('.squiggly-error')).toHaveCount(0);
    await expect(editor.getByTestId('assignment-team-0')).toContainText(
      `Crasher v2 · ${redAgents} agents · running`,
    );
    await page.screenshot({ path: `${SHOTS}/5-fixed-running.png` });

    // The library says where each version came from; the crashed one warns before a rollback.
    const versions = editor.getByTestId('version-select');
    await expect(versions.locator('option', { hasText: /^v2 .* by the LLM$/ })).toHaveCount(1);
    await expect(versions.locator('option', { hasText: /^v1 .* crashed$/ })).toHaveCount(1);
    await versions.selectOption('2');
    await expect(editor.getByTestId('version-details')).toContainText('Fix: TypeError');
    await versions.selectOption('1');
    await expect(editor.getByTestId('version-crash')).toContainText('v1 crashed at run time');
    await editor.getByTestId('rollback').click();
    await expect(editor.getByRole('group', { name: /crashed when agents ran it/ })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/6-rollback-warning.png` });
  });
});
