import { expect, test, type Locator, type Page } from '@playwright/test';
import { openHostUi } from './hostPage';
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
  await openHostUi(page);
  await page.getByRole('button', { name: 'Host a game' }).click();
  await page.getByTestId('open-editor').click();
  const editor = page.getByTestId('editor-panel');
  await expect(editor.getByTestId('library-list').locator('li')).not.toHaveCount(0);
  await expect(editor.locator('.monaco-editor').first()).toBeVisible();
  return { editor, consoleErrors };
}

test.describe("the modder's loop", () => {
  test('obs. completes with docs, the chosen field compiles, Ctrl+S saves; no console errors', async ({
    page,
  }) => {
    const { editor, consoleErrors } = await openEditor(page);
    await editor.getByRole('button', { name: 'New', exact: true }).click();
    await editor.getByLabel('Behavior name').fill('Completer');
    // The blank behavior: line 7 is "  return {};". A line before it, as a modder types it.
    await expect.poll(() => editorCode(page)).toContain('  return {};');
    await page.getByTestId('code-editor').locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
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
    expect(consoleErrors).toEqual([]);
  });
});
