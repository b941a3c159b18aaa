import { expect, type Locator, type Page } from '@playwright/test';
import { E2E_HOST_KEY } from '../playwright.config';
import './testHook';

/** Opens the host's own UI: the key in the fragment grants host control. */
export async function openHostUi(page: Page): Promise<void> {
  await page.goto(`/#host=${E2E_HOST_KEY}`);
}

/**
 * Opens the host's UI and starts a match from the settings screen with its
 * defaults; returns once the first snapshot has arrived, so the match is
 * running (a `match.start` sent while it is still starting is refused).
 */
export async function hostAGame(page: Page): Promise<void> {
  await openHostUi(page);
  await page.getByRole('button', { name: 'Host a game' }).click();
  await page.getByTestId('settings-start').click();
  await expect
    .poll(() => page.evaluate(() => window.__arbiterTest?.tick ?? 0), { timeout: 60_000 })
    .toBeGreaterThan(0);
}

/**
 * Opens the editor beside the running match and waits until the library is
 * listed and Monaco is up. Generous by default: the machine may be shared.
 */
export async function openEditorPanel(page: Page, timeout = 60_000): Promise<Locator> {
  await page.getByTestId('open-editor').click();
  const editor = page.getByTestId('editor-panel');
  await expect(editor.getByTestId('library-list').locator('li')).not.toHaveCount(0, { timeout });
  await expect(editor.locator('.monaco-editor').first()).toBeVisible({ timeout });
  return editor;
}

/** Asks the host API directly, as the host (the page's own connection is not reachable from here). */
export function hostRequest(page: Page, method: string, params: unknown): Promise<unknown> {
  return page.evaluate(
    ({ method, params, key }) =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/api?key=${key}`);
        socket.onopen = () =>
          socket.send(JSON.stringify({ t: 'req', id: 1, m: method, p: params }));
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data));
          if (frame.t !== 'res') return;
          socket.close();
          if (frame.ok) resolve(frame.r);
          else reject(new Error(frame.e.message));
        };
        socket.onerror = () => reject(new Error('socket failed'));
      }),
    { method, params, key: E2E_HOST_KEY },
  );
}
