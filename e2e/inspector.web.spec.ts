import { expect, test, type Page } from '@playwright/test';
import { hostAGame, hostRequest } from './hostPage';

/**
 * The agent inspector in the host's window: a click on an agent selects it,
 * the side pane shows its behavior and observation, a step while paused
 * moves the inspected tick on by one, Follow keeps the camera on it and
 * Escape unselects. Walked at a small and a large window.
 */

/** A live agent of `team` whose spot on the page is the arena's canvas (no panel over it). */
async function clickableAgent(page: Page, team: number) {
  return page.evaluate((team) => {
    const teams = new Map(window.__arbiterTest.entities().map((e) => [e.id, e.team]));
    return (
      window.__arbiterTest.agentsOnScreen().find((a) => {
        if (teams.get(a.id) !== team || !a.alive) return false;
        const under = document.elementFromPoint(a.clientX, a.clientY);
        return under instanceof HTMLCanvasElement;
      }) ?? null
    );
  }, team);
}

for (const size of [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
]) {
  test(`inspects an agent at ${size.width}x${size.height}: select, observe, step, follow, unselect`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await hostAGame(page);
    // Assigned once this page sees the new match run (not to the match it replaces).
    const tick = () => page.evaluate(() => window.__arbiterTest.tick);
    await expect.poll(tick, { timeout: 30_000 }).toBeGreaterThan(0);
    await hostRequest(page, 'behavior.assign', { team: 0, name: 'hunter' });
    const assignedAt = await tick();
    await expect.poll(tick, { timeout: 30_000 }).toBeGreaterThan(assignedAt + 20);
    // Held, the agents stay where the click lands.
    await page.getByTestId('clock-pause').click();
    await expect(page.getByTestId('clock-pause')).toHaveText('Resume');

    let agent: Awaited<ReturnType<typeof clickableAgent>> = null;
    await expect
      .poll(async () => (agent = await clickableAgent(page, 0)) !== null, { timeout: 10_000 })
      .toBe(true);
    await page.mouse.click(agent!.clientX, agent!.clientY);

    const panel = page.getByTestId('inspector-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('inspector-agents')).toHaveValue(String(agent!.id));
    await expect(panel.getByTestId('inspector-behavior')).toContainText(
      'Hunt the nearest enemy v1',
    );
    const observation = panel.getByTestId('inspector-observation');
    await expect(observation.locator('[data-path="self"]')).toBeVisible();
    await expect(observation.locator('[data-path="nearby"]')).toBeVisible();
    await expect(observation.locator('[data-path="id"]').first()).toContainText(`id: ${agent!.id}`);
    await expect(panel.getByTestId('inspector-memory')).toContainText('legTicks');

    const tickOf = async () =>
      Number(await panel.getByTestId('inspector-tick').getAttribute('data-tick'));
    const before = await tickOf();
    await page.getByTestId('clock-step').click();
    await expect.poll(tickOf).toBe(before + 1);
    await expect(panel.getByTestId('inspector-tick')).toContainText('(paused)');
    await page.screenshot({ path: `/tmp/inspector-${size.width}x${size.height}.png` });

    // Follow: the camera centres the agent (its spot on the page is the arena's middle), also
    // when the step killed it (it waits to respawn where it fell).
    await panel.getByTestId('inspector-follow').check();
    const arena = await page.getByTestId('arena').boundingBox();
    await expect
      .poll(async () => {
        const here = await page.evaluate(
          (id) => window.__arbiterTest.agentsOnScreen().find((a) => a.id === id) ?? null,
          agent!.id,
        );
        if (!here || !arena) return Infinity;
        return Math.hypot(
          here.clientX - (arena.x + arena.width / 2),
          here.clientY - (arena.y + arena.height / 2),
        );
      })
      .toBeLessThan(3);
    await page.screenshot({ path: `/tmp/inspector-${size.width}x${size.height}-follow.png` });

    // The next agent by id, from the panel's arrow.
    await panel.getByTestId('inspector-next').click();
    await expect(panel.getByTestId('inspector-agents')).not.toHaveValue(String(agent!.id));

    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await page.getByTestId('clock-pause').click();
  });
}
