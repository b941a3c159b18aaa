import { hostAGame } from './hostPage';
import { expect, test, type Page } from '@playwright/test';
import './testHook';

const scoreTotals = (page: Page) =>
  page.evaluate(() => {
    const board = window.__arbiterTest?.scoreboard;
    if (!board) return { kills: 0, deaths: 0, damage: 0 };
    return board.teams.reduce(
      (sum, team) => ({
        kills: sum.kills + team.kills,
        deaths: sum.deaths + team.deaths,
        damage: sum.damage + team.damage,
      }),
      { kills: 0, deaths: 0, damage: 0 },
    );
  });

test('two teams fight: units die, respawn, and the scoreboard counts it', async ({ page }) => {
  test.setTimeout(90_000);
  await hostAGame(page);
  await page.getByTestId('agent-count').fill('80');
  await page.getByTestId('agent-count-apply').click();
  await expect(page.getByTestId('scoreboard')).toBeVisible();

  // Damage first, then deaths: the bots must find each other and shoot.
  await expect
    .poll(async () => (await scoreTotals(page)).damage, { timeout: 45_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await scoreTotals(page)).deaths, { timeout: 45_000 })
    .toBeGreaterThan(0);
  const totals = await scoreTotals(page);
  expect(totals.kills).toBeGreaterThan(0);

  // Projectiles are drawn as their own kind.
  await expect
    .poll(
      () => page.evaluate(() => window.__arbiterTest.entities().filter((e) => e.kind === 2).length),
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(0);

  // A unit seen dead comes back alive under the same id after the respawn delay.
  const deadId = await page.evaluate(async () => {
    for (let tries = 0; tries < 200; tries++) {
      const dead = window.__arbiterTest.entities().find((e) => e.kind <= 1 && !e.alive);
      if (dead) return dead.id;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  });
  expect(deadId).not.toBeNull();
  await expect
    .poll(
      () =>
        page.evaluate(
          (id) => window.__arbiterTest.entities().find((e) => e.id === id)?.alive ?? false,
          deadId,
        ),
      { timeout: 30_000 },
    )
    .toBe(true);

  await expect(page.getByTestId('score-team-0').getByTestId('deaths')).not.toHaveText('');
  await page.screenshot({ path: 'e2e/screenshots/combat.png' });
});
