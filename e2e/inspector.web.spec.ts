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

test('a click that selects an agent does not fire; a new match unselects it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await hostAGame(page);
  const tick = () => page.evaluate(() => window.__arbiterTest.tick);
  await expect.poll(tick, { timeout: 30_000 }).toBeGreaterThan(0);
  // Nobody else shoots: every projectile in the arena is the host's own.
  await hostRequest(page, 'behavior.save', {
    name: 'Idle',
    code: 'export default function act() {\n  return {};\n}\n',
  });
  await hostRequest(page, 'behavior.assign', { team: 0, name: 'Idle' });
  await hostRequest(page, 'behavior.assign', { team: 1, name: 'Idle' });
  // Projectiles fly and land between two looks: count every one any snapshot carried.
  await page.evaluate(() => {
    const seen = new Set<number>();
    const test = window.__arbiterTest as typeof window.__arbiterTest & { shots: () => number };
    test.shots = () => seen.size;
    setInterval(() => {
      const entities = test.latestSnapshot()?.entities;
      if (!entities) return;
      for (let row = 0; row < entities.count; row++)
        if (entities.kind[row] === 2) seen.add(entities.id[row]);
    }, 10);
  });
  const projectiles = () =>
    page.evaluate(() => (window.__arbiterTest as unknown as { shots: () => number }).shots());
  // Held for a few ticks, as a person's click is: the input sampled meanwhile says "fire" or not.
  const holdAt = async (x: number, y: number) => {
    await page.mouse.move(x, y);
    await page.mouse.down();
    const from = await tick();
    await expect.poll(tick, { timeout: 30_000 }).toBeGreaterThan(from + 3);
    await page.mouse.up();
  };
  // Every agent runs it (they stand still, so the press lands where the agent was found).
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const live = window.__arbiterTest.behaviors;
          return live ? live.agents.filter((a) => a.behavior !== 'idle').length : -1;
        }),
      { timeout: 30_000 },
    )
    .toBe(0);
  const idleFrom = await tick();
  await expect.poll(tick, { timeout: 30_000 }).toBeGreaterThan(idleFrom + 5);
  const before = await projectiles();

  let agent: Awaited<ReturnType<typeof clickableAgent>> = null;
  await expect
    .poll(async () => (agent = await clickableAgent(page, 1)) !== null, { timeout: 10_000 })
    .toBe(true);
  await holdAt(agent!.clientX, agent!.clientY);
  const panel = page.getByTestId('inspector-panel');
  await expect(panel.getByTestId('inspector-agents')).toHaveValue(String(agent!.id));
  // Ten ticks on, still no shot in the air.
  const selectedAt = await tick();
  await expect.poll(tick, { timeout: 30_000 }).toBeGreaterThan(selectedAt + 10);
  expect(await projectiles()).toBe(before);

  // The same press on bare ground is a shot: the check above could have seen one.
  const arena = (await page.getByTestId('arena').boundingBox())!;
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect
    .poll(async () => (agent = await clickableAgent(page, 1)) !== null, { timeout: 10_000 })
    .toBe(true);
  await holdAt(arena.x + arena.width / 2, arena.y + 40);
  await expect.poll(projectiles, { timeout: 10_000 }).toBeGreaterThan(before);

  // Selected, then a new match: the old id names nobody it meant, and the panel goes.
  await expect
    .poll(async () => (agent = await clickableAgent(page, 1)) !== null, { timeout: 10_000 })
    .toBe(true);
  await page.mouse.click(agent!.clientX, agent!.clientY);
  await expect(panel).toBeVisible();
  await hostRequest(page, 'match.start', {});
  await expect(panel).toBeHidden({ timeout: 30_000 });
});
