import { expect, test, type Page } from '@playwright/test';
import { hostAGame, hostRequest } from './hostPage';
import './testHook';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** The canvas's and its pane's boxes, CSS px. */
async function canvasAndPane(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector('[data-testid="arena"]')!.getBoundingClientRect();
    const canvas = document.querySelector('[data-testid="arena"] canvas')!.getBoundingClientRect();
    return { pane: [pane.width, pane.height], canvas: [canvas.width, canvas.height] };
  });
}

/** Polls until the canvas fills its pane exactly (to a pixel of rounding). */
async function expectCanvasFitsPane(page: Page) {
  await expect
    .poll(
      async () => {
        const { pane, canvas } = await canvasAndPane(page);
        return (
          pane[0] > 100 &&
          pane[1] > 100 &&
          Math.abs(pane[0] - canvas[0]) <= 1 &&
          Math.abs(pane[1] - canvas[1]) <= 1
        );
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

for (const size of SIZES) {
  test(`the arena fits its pane at ${size.width}×${size.height}: editor open, closed, window resized`, async ({
    page,
  }) => {
    // Monaco's first load is slow on a busy machine: a hang-catcher, not a speed limit.
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await hostAGame(page);
    await expect(page.locator('[data-testid="arena"] canvas')).toBeVisible();
    await expectCanvasFitsPane(page);
    const full = await canvasAndPane(page);
    // The toolbar stays one row: its height is that of one button row.
    const toolbar = await page.locator('.game-controls').first().boundingBox();
    expect(toolbar!.height).toBeLessThan(60);
    await page.screenshot({ path: `e2e/screenshots/arena-${size.width}.png` });

    await page.getByTestId('open-editor').click();
    await expect(page.getByTestId('editor-panel')).toBeVisible({ timeout: 60_000 });
    await expectCanvasFitsPane(page);
    const split = await canvasAndPane(page);
    expect(split.canvas[0]).toBeLessThan(full.canvas[0]);
    expect(split.canvas[0]).toBeGreaterThanOrEqual(320);
    await page.screenshot({ path: `e2e/screenshots/arena-editor-${size.width}.png` });

    // Dragging the handle left widens the panel and narrows the arena, which still fits.
    const handle = (await page.getByTestId('split-handle').boundingBox())!;
    await page.mouse.move(handle.x + 3, handle.y + 100);
    await page.mouse.down();
    await page.mouse.move(handle.x - 80, handle.y + 100, { steps: 4 });
    await page.mouse.up();
    await expectCanvasFitsPane(page);
    expect((await canvasAndPane(page)).canvas[0]).toBeLessThan(split.canvas[0] - 40);

    await page.getByRole('button', { name: 'Close the editor' }).click();
    await expect(page.getByTestId('editor-panel')).toHaveCount(0);
    await expectCanvasFitsPane(page);
    expect((await canvasAndPane(page)).canvas[0]).toBeCloseTo(full.canvas[0], 0);

    await page.setViewportSize({ width: 800, height: 600 });
    await expectCanvasFitsPane(page);
    await page.screenshot({ path: `e2e/screenshots/arena-800-after-${size.width}.png` });
    await page.setViewportSize(size);
    await expectCanvasFitsPane(page);
  });
}

for (const size of SIZES) {
  test(`the arena reads like a game at ${size.width}×${size.height}: controls, kill feed, end screen, rematch keeps the settings`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await hostAGame(page);
    // A short match with many agents, so deaths and the end come soon.
    await hostRequest(page, 'match.start', {
      overrides: { matchSeconds: 25, respawnSeconds: 2 },
      agents: 60,
    });
    await expect(page.getByTestId('controls-hint')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: `e2e/screenshots/arena-controls-${size.width}.png` });
    await page.getByTestId('controls-dismiss').click();
    await expect(page.getByTestId('controls-hint')).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem('arbiter.controlsSeen'))).toBe('1');

    // A friend sees their own name and team, not a player number.
    const friendContext = await browser.newContext({ viewport: size });
    const friend = await friendContext.newPage();
    await page.getByTestId('invite-menu').click();
    await page.getByTestId('invite-button').click();
    await friend.goto(await page.getByTestId('toast-detail').inputValue());
    await friend.getByTestId('friend-name').fill('Ada');
    await friend.getByRole('button', { name: 'Join the match' }).click();
    await expect(friend.getByTestId('friend-identity')).toContainText(
      /Playing as Ada on (Red|Blue)/,
      {
        timeout: 30_000,
      },
    );
    await expect(friend.getByTestId('controls-hint')).toBeVisible({ timeout: 30_000 });

    await expect(page.getByTestId('kill-feed')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('kill-feed')).toContainText('eliminated');
    await page.screenshot({ path: `e2e/screenshots/arena-killfeed-${size.width}.png` });
    await friend.screenshot({ path: `e2e/screenshots/arena-friend-${size.width}.png` });
    await friendContext.close();

    const end = page.getByTestId('end-screen');
    await expect(end).toBeVisible({ timeout: 180_000 });
    await expect(end.getByRole('heading', { level: 2 })).toHaveText(/won|Draw/);
    await expect(end.getByTestId('end-team-0')).toBeVisible();
    await page.screenshot({ path: `e2e/screenshots/arena-end-${size.width}.png` });

    await end.getByTestId('rematch').click();
    await expect(end).toHaveCount(0, { timeout: 30_000 });
    // The rematch kept this match's settings: 25 s on the clock, not the default config's.
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              (window.__arbiterTest.scoreboard as { secondsLeft?: number } | null)?.secondsLeft ??
              null,
          ),
        {
          timeout: 30_000,
        },
      )
      .toBeLessThanOrEqual(25);
    await expect
      .poll(() => page.evaluate(() => window.__arbiterTest.scoreboard?.phase ?? null))
      .toBe('running');
  });
}
