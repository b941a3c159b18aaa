import { expect, test, type Browser, type Page } from '@playwright/test';
import type { RpcClient } from '../src/shared/rpcClient';
import { connectRpc, nextEvent } from '../src/main/host/testing/testHost';
import { CONTENT_SECURITY_POLICY } from '../src/shared/contentSecurityPolicy';
import { E2E_HOST_KEY } from '../playwright.config';
import { hostAGame } from './hostPage';
import './testHook';

const SHOTS = 'e2e/screenshots';

/** A friend's page joined through an editing invite from the host's UI, with the editor open. */
async function friendWithEditor(host: Page, browser: Browser, name: string) {
  await host.getByTestId('invite-menu').click();
  await host.getByTestId('invite-can-edit').check();
  await host.getByTestId('invite-button').click();
  const link = await host.getByTestId('toast-detail').inputValue();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByTestId('friend-name').fill(name);
  await page.getByRole('button', { name: 'Join the match' }).click();
  await expect(page.getByTestId('net-overlay')).toBeVisible({ timeout: 20_000 });
  const playerId = Number(await page.getByTestId('friend-identity').getAttribute('data-player-id'));
  // The arena drawn before the editor opens is the one drawn after: opening it (and with it the
  // inspector) must not build the arena again, which blanked it for seconds.
  await page.waitForFunction(() => window.__arbiterTest?.drawn > 0, null, { timeout: 30_000 });
  await page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="arena"] canvas') as HTMLElement;
    canvas.dataset.before = 'editor';
  });
  await page.getByTestId('open-editor').click();
  const editor = page.getByTestId('editor-panel');
  await expect(editor.getByTestId('library-list').locator('li')).not.toHaveCount(0, {
    timeout: 20_000,
  });
  await expect(editor.locator('.monaco-editor').first()).toBeVisible({ timeout: 20_000 });
  // The host alone assigns: the friend is told so, not that no match runs.
  await expect(editor.getByTestId('assignments-host-only')).toBeVisible();
  await expect(page.locator('[data-testid="arena"] canvas[data-before="editor"]')).toHaveCount(1);
  expect(await page.evaluate(() => window.__arbiterTest.drawn)).toBeGreaterThan(0);
  return { context, page, editor, playerId };
}

/** Whether a fresh `/api?session=` socket with the page's saved session token opens. */
const editorSocketOpens = (page: Page) =>
  page.evaluate(async () => {
    const token = localStorage.getItem(`arbiter.friendSession:${location.origin}`);
    const socket = new WebSocket(`ws://${location.host}/api?session=${token}`);
    const opened = await new Promise<boolean>((resolve) => {
      socket.onopen = () => resolve(true);
      socket.onerror = () => resolve(false);
    });
    socket.close();
    return opened;
  });

/** Appends a line to the code in the page's Monaco editor. */
async function typeAtEnd(page: Page, text: string) {
  await page.getByTestId('code-editor').locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

test.describe('a friend who may edit behaviors', () => {
  let api: RpcClient;

  test.beforeAll(async ({ baseURL }) => {
    api = await connectRpc(baseURL!, E2E_HOST_KEY);
  });
  test.afterAll(() => api?.close());

  test("copies instead of overwriting the host's behavior, and loses the editor at a kick or a ban", async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const served = await page.goto(`/#host=${E2E_HOST_KEY}`);
    // The page's CSP travels as a header too (with frame-ancestors), the same as its meta tag.
    const headers = served!.headers();
    expect(headers['content-security-policy']).toBe(
      `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    );
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      CONTENT_SECURITY_POLICY,
    );
    await hostAGame(page);
    await expect(page.getByTestId('scoreboard')).toBeVisible();

    // The host's team 0 runs the shipped "guard".
    await api.request('subscribe', { topics: ['behaviors'] });
    await api.request('behavior.assign', { team: 0, name: 'guard' });
    const guard = (await api.request('behavior.get', { id: 'guard' })).behavior!;

    const ada = await friendWithEditor(page, browser, 'Ada');
    await ada.editor
      .getByTestId('library-list')
      .getByRole('button', { name: /^Guard/ })
      .click();
    await expect
      .poll(() => ada.page.evaluate(() => window.__arbiterTest.editor?.().code))
      .toBe(guard.code);
    await typeAtEnd(ada.page, '\n// Ada was here\n');
    await ada.editor.getByTestId('editor-save').click();
    await expect(ada.editor.getByTestId('editor-notice')).toContainText(
      `Saved as your own copy "${guard.name} (friend-${ada.playerId})": "guard" is someone else's`,
      { timeout: 15_000 },
    );
    await ada.page.screenshot({ path: `${SHOTS}/permissions-1-friend-copy.png` });
    // The host's behavior and what its team runs are as they were.
    expect((await api.request('behavior.get', { id: 'guard' })).behavior).toEqual(guard);
    const running = await nextEvent(api, 'behaviors');
    expect(running.teams['0']).toBe('guard');
    expect(running.behaviors.find((b) => b.id === 'guard')?.version).toBe(guard.version);

    // The host kicks Ada: her game and her editor end at once, and say why.
    await typeAtEnd(ada.page, '// not saved yet\n');
    await api.request('player.kick', { playerId: ada.playerId });
    await expect(ada.page.getByTestId('friend-status')).toHaveText(
      'Disconnected: kicked by the host',
      { timeout: 10_000 },
    );
    await expect(ada.editor.getByTestId('editor-ended')).toHaveText(
      'The host ended your editing session: kicked by the host. Nothing more can be saved; your code is still here to copy.',
    );
    await ada.page.screenshot({ path: `${SHOTS}/permissions-2-kicked.png` });
    await ada.editor.getByTestId('editor-save').click();
    await expect(ada.editor.getByTestId('editor-problem')).toHaveText(
      'Could not save: the host ended this session: kicked by the host (closed)',
    );
    // What she typed is still there to copy.
    expect(await ada.page.evaluate(() => window.__arbiterTest.editor?.().code)).toContain(
      '// not saved yet',
    );
    await ada.page.screenshot({ path: `${SHOTS}/permissions-3-kicked-save.png` });
    expect(await editorSocketOpens(ada.page)).toBe(false);
    await ada.page.getByRole('button', { name: 'Join the match' }).click();
    await expect(ada.page.getByTestId('friend-status')).toHaveText(
      'Could not join: the host kicked you from this match; ask the host for a new invite',
      { timeout: 10_000 },
    );
    await ada.page.screenshot({ path: `${SHOTS}/permissions-4-kicked-rejoin.png` });

    // Bo is banned: the same, and a ban outlives the session.
    const bo = await friendWithEditor(page, browser, 'Bo');
    await api.request('player.ban', { playerId: bo.playerId, banned: true });
    await expect(bo.page.getByTestId('friend-status')).toHaveText(
      'Disconnected: banned by the host',
      { timeout: 10_000 },
    );
    await expect(bo.editor.getByTestId('editor-ended')).toContainText('banned by the host');
    await bo.editor.getByTestId('editor-save').click();
    await expect(bo.editor.getByTestId('editor-problem')).toContainText(
      'Could not save: the host ended this session: banned by the host',
    );
    expect(await editorSocketOpens(bo.page)).toBe(false);
    await bo.page.getByRole('button', { name: 'Join the match' }).click();
    await expect(bo.page.getByTestId('friend-status')).toHaveText(
      'Could not join: you are banned from this host',
      { timeout: 10_000 },
    );
    await bo.page.screenshot({ path: `${SHOTS}/permissions-5-banned-rejoin.png` });

    // Nothing either of them did reached the host's behavior.
    expect((await api.request('behavior.get', { id: 'guard' })).behavior).toEqual(guard);
    await page.screenshot({ path: `${SHOTS}/permissions-6-host.png` });
    await ada.context.close();
    await bo.context.close();
  });
});
