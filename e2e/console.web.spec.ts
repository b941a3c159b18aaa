import { expect, test, type Page } from '@playwright/test';
import { openHostUi } from './hostPage';
import './testHook';

/** Where the walk's screenshots go (looked at by hand; not compared). */
const SHOTS = 'e2e/screenshots/console';

/** What the modder types on line 7 of a new behavior: a line every tick, a warning now and then. */
const LINE =
  "console.log('hello', obs.tick); if (obs.self.id % 3 === 0) console.warn('agent', obs.self.id, { hp: obs.self.hp });";

const editorCode = (page: Page): Promise<string> =>
  page.evaluate(() => window.__arbiterTest.editor?.().code ?? '');

test.use({ viewport: { width: 1024, height: 700 } });

test('console lines of a running behavior show in the editor, filtered by level and agent', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openHostUi(page);
  await page.getByRole('button', { name: 'Host a game' }).click();
  await page.getByTestId('settings-start').click();
  await page.getByTestId('open-editor').click();
  const editor = page.getByTestId('editor-panel');
  // Generous: the machine these run on may be shared and busy.
  await expect(editor.getByTestId('library-list').locator('li')).not.toHaveCount(0, {
    timeout: 60_000,
  });
  await expect(editor.locator('.monaco-editor').first()).toBeVisible({ timeout: 60_000 });
  const panel = editor.getByTestId('console-panel');
  await expect(panel).toContainText('Nothing printed yet');

  // A new behavior that prints: typed into Monaco on the line of its `return {}`.
  await editor.getByRole('button', { name: 'New', exact: true }).click();
  await editor.getByLabel('Behavior name').fill('Chatty');
  await expect.poll(() => editorCode(page)).toContain('  return {};');
  await page.getByTestId('code-editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < 7; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.type(LINE);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect.poll(() => editorCode(page)).toContain(`${LINE}\n`);

  // The check as you type dry-runs it: its output shows, marked as a dry run.
  const lines = panel.getByTestId('console-line');
  await expect(lines.and(page.locator('[data-source="dry-run"]')).first()).toContainText(
    /hello \d+/,
    { timeout: 30_000 },
  );

  // Saved, then run by Red: the match's lines arrive with their tick and agent.
  await editor.getByTestId('editor-save').click();
  await expect(editor.getByTestId('editor-version')).toHaveText(/^v1/, { timeout: 30_000 });
  await editor
    .getByTestId('assignment-team-0')
    .getByRole('button', { name: 'Run this here' })
    .click();
  const matchLines = lines.and(page.locator('[data-source="match"]'));
  await expect(matchLines.first()).toContainText(/^\d+log#\d+Chatty v1hello \d+$/, {
    timeout: 30_000,
  });
  const first = matchLines.first();
  const tick = Number(await first.locator('.console-tick').innerText());
  expect(tick).toBeGreaterThan(0);
  await expect(first.locator('.console-text')).toHaveText(`hello ${tick}`);
  await expect(panel.locator('[data-level="warn"]').first()).toContainText(
    /agent \d+ \{ hp: \d+ \}/,
    { timeout: 30_000 },
  );
  await panel.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.screenshot({ path: `${SHOTS}/1-lines.png` });

  // Only warnings: the log level unticked.
  await panel.getByRole('checkbox', { name: 'log' }).uncheck();
  await expect(panel.locator('[data-level="log"]')).toHaveCount(0);
  await expect(panel.locator('[data-level="warn"]').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/2-warnings-only.png` });
  await panel.getByRole('checkbox', { name: 'log' }).check();

  // One agent: every line shown is that agent's.
  const agentFilter = panel.getByLabel('Console agent');
  const agent = await agentFilter.locator('option').nth(1).getAttribute('value');
  await agentFilter.selectOption(agent!);
  await expect(lines.first()).toBeVisible();
  for (const text of await lines.locator('.console-agent').allInnerTexts()) {
    expect(text).toBe(`#${agent}`);
  }
  await agentFilter.selectOption('');

  // Scrolled up to read: it stops following; new lines arrive below without moving the list.
  const list = panel.getByTestId('console-lines');
  await list.evaluate((el) => (el.scrollTop = 0));
  await expect(panel.getByTestId('console-follow')).toBeVisible();
  const last = await lines.last().innerText();
  await expect.poll(() => lines.last().innerText(), { timeout: 30_000 }).not.toBe(last);
  expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
  await page.screenshot({ path: `${SHOTS}/3-scrolled-up.png` });
  await panel.getByTestId('console-follow').click();
  await expect
    .poll(() => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
    .toBeLessThan(10);

  // Clear empties it; the match goes on printing.
  await panel.getByTestId('console-clear').click();
  await expect(lines.and(page.locator('[data-source="dry-run"]'))).toHaveCount(0);
  await expect(matchLines.first()).toBeVisible({ timeout: 30_000 });
});
