import { expect, test } from '@playwright/test';
import {
  startOpenAiTestServer,
  type ScriptedLlmServer,
} from '../src/main/host/testing/llmTestServer/scriptedLlmServer';
import { hostAGame, openEditorPanel } from './hostPage';
import './testHook';

const KEY = 'sk-e2e-explain-never-shown-42ab';
const EXPLANATION = [
  '- Each agent walks towards the nearest enemy it can see.\n',
  '- Once the enemy is in range it aims at it and shoots.\n',
  '- With nobody in sight it roams the map in long legs.\n',
].join('');

test.describe('Explain in the editor', () => {
  let llm: ScriptedLlmServer;
  const frames: string[] = [];

  test.beforeAll(async () => {
    llm = await startOpenAiTestServer({ apiKey: KEY });
  });
  test.afterAll(async () => {
    await llm?.close();
  });

  test('streams a short explanation of the open behavior from the configured LLM', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await hostAGame(page);
    const editor = await openEditorPanel(page);
    const code = await page.evaluate(() => window.__arbiterTest.editor?.().code ?? '');
    expect(code).toContain('export default');

    await editor.getByRole('button', { name: 'LLM settings' }).click();
    const settings = editor.getByTestId('provider-settings');
    await settings.getByLabel('Preset').selectOption('custom');
    await settings.getByLabel('Base URL').fill(llm.baseUrl);
    await settings.getByLabel('Model').fill('explainer');
    await settings.getByLabel('API key').fill(KEY);
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toHaveCount(0);

    // Slow enough (about 5 s) that the test sees the lines arrive one by one.
    llm.script({ kind: 'answer', text: EXPLANATION, chunkSize: 10, chunkDelayMs: 150 });
    await editor.getByTestId('explain-button').click();
    const output = editor.getByTestId('explain-output');
    await expect(output).toContainText('nearest enemy it can see', { timeout: 20_000 });
    await expect(output).toHaveAttribute('data-state', 'streaming');
    await expect(output).not.toContainText('long legs');
    await expect(output).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(output).toContainText('roams the map in long legs');

    // What was asked: the open behavior, with the explain instructions, the model and key set.
    const asked = llm.requests[llm.requests.length - 1];
    expect(asked.body.model).toBe('explainer');
    const messages = asked.body.messages ?? [];
    expect(messages[0].content).toContain('You explain agent behaviors');
    expect(messages[messages.length - 1].content).toContain(code.trim().split('\n')[0]);
    expect(frames.join('\n')).not.toContain(KEY);

    // An endpoint that went away: the reason, not a hang.
    await llm.close();
    await editor.getByTestId('explain-button').click();
    await expect(editor.getByTestId('explain-failure')).toContainText('cannot reach', {
      timeout: 30_000,
    });
  });
});
