import { expect, test, type Page } from '@playwright/test';
import { hostRequest, openHostUi } from './hostPage';
import './testHook';

const labels = (page: Page) => page.evaluate(() => window.__arbiterTest.labels());

// One friend per size, by name: the host (one for the whole run) still holds the other in its grace period.
const SIZES = [
  { width: 1440, height: 900, first: 'Ada', last: 'Lovelace' },
  { width: 1024, height: 700, first: 'Grace', last: 'Hopper' },
];

for (const size of SIZES) {
  test(`a friend reads the match as the host does at ${size.width}×${size.height}: names, scoreboard, timer, and the end screen`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    const name = `${size.first} ${size.last}`;
    await page.setViewportSize({ width: size.width, height: size.height });
    await openHostUi(page);
    await page.getByRole('button', { name: 'Host a game' }).click();
    await page.getByTestId('settings-start').click();
    await expect(page.getByTestId('scoreboard')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('invite-menu').click();
    await page.getByTestId('invite-button').click();
    const link = await page.getByTestId('toast-detail').inputValue();

    const friendContext = await browser.newContext({
      viewport: { width: size.width, height: size.height },
    });
    const friend = await friendContext.newPage();
    await friend.goto(link);
    // Typed with space around it: the host and the page clean it the same way (displayName.ts).
    await friend.getByTestId('friend-name').fill(`  ${size.first}   ${size.last} `);
    await friend.getByRole('button', { name: 'Join the match' }).click();

    // Their own name and team, as the host's players message says.
    await expect(friend.getByTestId('friend-identity')).toContainText(
      new RegExp(`Playing as ${name} on (Red|Blue)`),
      { timeout: 30_000 },
    );
    // The scoreboard and a clock that runs.
    const scoreboard = friend.getByTestId('scoreboard');
    await expect(scoreboard).toBeVisible();
    await expect(scoreboard.getByTestId('score-team-0')).toBeVisible();
    await expect(scoreboard.getByTestId('score-team-1')).toBeVisible();
    const clock = scoreboard.getByTestId('scoreboard-clock');
    await expect(clock).toHaveText(/^Time left \d+:\d\d$/);
    const first = await clock.textContent();
    await expect(clock).not.toHaveText(first!, { timeout: 10_000 });

    // Names over avatars: each sees the other's name (and "you" over their own).
    await friend.getByTestId('controls-dismiss').click();
    await expect.poll(() => labels(friend), { timeout: 30_000 }).toContain('Host');
    expect(await labels(friend)).toContain('you');
    await expect.poll(() => labels(page), { timeout: 30_000 }).toContain(name);
    await friend.screenshot({ path: `e2e/screenshots/friend-hud-playing-${size.width}.png` });
    await page.screenshot({ path: `e2e/screenshots/friend-hud-host-playing-${size.width}.png` });

    // The host starts a short match; its end reaches the friend with the scoreboard.
    await hostRequest(page, 'match.start', { overrides: { matchSeconds: 3 } });
    const end = friend.getByTestId('end-screen');
    await expect(end).toBeVisible({ timeout: 60_000 });
    await expect(end.getByRole('heading', { level: 2 })).toHaveText(/won|Draw/);
    await expect(end.getByTestId('end-team-0')).toBeVisible();
    const players = end.getByTestId('end-players');
    await expect(players).toContainText('Host');
    await expect(players).toContainText('You');
    // Rematch is the host's: the friend is told who starts the next match.
    await expect(end.getByTestId('end-waiting')).toHaveText('Waiting for the host');
    await expect(end.getByTestId('rematch')).toHaveCount(0);
    await expect(friend.getByTestId('scoreboard-clock')).toHaveText(/won|Draw/);

    // The host's end screen names the friend and keeps its Rematch.
    const hostEnd = page.getByTestId('end-screen');
    await expect(hostEnd).toBeVisible({ timeout: 30_000 });
    await expect(hostEnd.getByTestId('end-players')).toContainText(name);
    await expect(hostEnd.getByTestId('rematch')).toBeVisible();
    await friend.screenshot({ path: `e2e/screenshots/friend-hud-end-${size.width}.png` });
    await page.screenshot({ path: `e2e/screenshots/friend-hud-host-end-${size.width}.png` });
    await friendContext.close();
  });
}
