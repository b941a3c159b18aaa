/**
 * The modder's clock and replays, walked in Chromium against the headless
 * host: pause + step advance exactly one tick; a recorded match opens in
 * the Saves view, scrubs back and forth and ends on the recorded state
 * hash; a what-if with another version of the behavior shows a different
 * outcome.
 */
import { expect, test, type Page } from '@playwright/test';
import type { RpcClient } from '../src/shared/rpcClient';
import { connectRpc, nextEvent } from '../src/main/host/testing/testHost';
import { E2E_HOST_KEY } from '../playwright.config';
import { hostAGame } from './hostPage';
import './testHook';

/** v1 walks right whatever it sees; v2 stands still. */
const WALKER = `export default function walker(obs, memory) {
  return { moveTo: { x: obs.self.x + 100, y: obs.self.y } };
}`;
const STILL = `export default function walker(obs, memory) {
  return {};
}`;

async function hostGame(page: Page): Promise<void> {
  await hostAGame(page);
  await expect(page.getByTestId('scoreboard')).toBeVisible();
}

test.describe('match clock and replays', () => {
  let api: RpcClient;

  test.beforeAll(async ({ baseURL }) => {
    api = await connectRpc(baseURL!, E2E_HOST_KEY);
  });
  test.afterAll(() => api?.close());

  test('pause, then each step advances exactly one tick', async ({ page }) => {
    await hostGame(page);
    const clock = page.getByTestId('clock-tick');
    await expect(page.getByTestId('clock-step')).toBeDisabled();
    await page.getByTestId('clock-pause').click();
    await expect(clock).toHaveText(/^Paused at tick \d+$/);
    const paused = Number((await clock.textContent())!.match(/\d+/)![0]);
    // The arena shows the paused tick and nothing after it.
    await expect.poll(() => page.evaluate(() => window.__arbiterTest.tick)).toBe(paused);
    await page.getByTestId('clock-step').click();
    await expect(clock).toHaveText(`Paused at tick ${paused + 1}`);
    await expect.poll(() => page.evaluate(() => window.__arbiterTest.tick)).toBe(paused + 1);
    await page.getByTestId('clock-step').click();
    await expect(clock).toHaveText(`Paused at tick ${paused + 2}`);
    await expect.poll(() => page.evaluate(() => window.__arbiterTest.tick)).toBe(paused + 2);
    await page.screenshot({ path: 'e2e/screenshots/clock-paused.png' });
    await page.getByTestId('clock-pause').click();
    await expect(clock).toHaveText(/^Tick \d+$/);
    await page.getByTestId('clock-speed').selectOption('2');
    await expect(page.getByTestId('clock-speed')).toHaveValue('2');
  });

  test('a replay scrubs back and forth, ends on the recorded hash, and a what-if differs', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await hostGame(page);
    const saved = await api.request('behavior.save', { name: 'Replay walker', code: WALKER });
    const id = saved.behavior!.id;
    const firstStats = nextEvent(api, 'stats');
    await api.request('subscribe', { topics: ['stats'] });
    await api.request('behavior.assign', { team: 0, name: id });
    // Stats after the assignment: from there the walker runs for 200 more ticks.
    const assignedBy = (await nextEvent(api, 'stats', (s) => s.tick > 0)).tick;
    await firstStats;
    await nextEvent(api, 'stats', (s) => s.tick > assignedBy + 200, 90_000);
    await page.getByRole('button', { name: 'Stop match' }).click();
    await expect(page.getByRole('button', { name: 'Start match' })).toBeVisible();
    const v2 = await api.request('behavior.save', { id, name: 'Replay walker', code: STILL });
    expect(v2.behavior!.version).toBe(2);

    await page.getByRole('button', { name: 'Back to lobby' }).click();
    await page.getByRole('button', { name: 'Saves' }).click();
    const list = page.getByTestId('replays-list');
    await list.locator('tbody tr').first().getByRole('button', { name: 'Open' }).click();
    const player = page.getByTestId('replay-player');
    await expect(player).toBeVisible();
    const tick = page.getByTestId('replay-tick');
    await expect(tick).toHaveAttribute('data-tick', '0');
    const timeline = page.getByTestId('replay-timeline');
    const end = Number(await timeline.getAttribute('max'));
    expect(end).toBeGreaterThan(assignedBy + 200);

    // Forward to 200, back to 20, forward to 200 again: the same world.
    await timeline.fill('200');
    await expect(tick).toHaveAttribute('data-tick', '200');
    const at200 = await page.getByTestId('replay-hash').textContent();
    await timeline.fill('20');
    await expect(tick).toHaveAttribute('data-tick', '20');
    await expect(page.getByTestId('replay-hash')).not.toHaveText(at200!);
    await timeline.fill('200');
    await expect(tick).toHaveAttribute('data-tick', '200');
    await expect(page.getByTestId('replay-hash')).toHaveText(at200!);
    // Play runs it on; pause holds it.
    await page.getByTestId('replay-play').click();
    await expect
      .poll(async () => Number(await tick.getAttribute('data-tick')))
      .toBeGreaterThan(205);
    await page.getByTestId('replay-play').click();
    // The end: the hash recorded when the match stopped.
    await timeline.fill(String(end));
    await expect(tick).toHaveAttribute('data-tick', String(end));
    await expect(page.getByTestId('replay-verdict')).toHaveText(
      ' — matches the hash recorded when the match ended',
    );
    await page.screenshot({ path: 'e2e/screenshots/replay-end.png', fullPage: true });

    // What if team 0 had run v2 (standing still) from 20 ticks after v1 started?
    // (The teams' starting behaviors were loaded too: pick the walker.)
    await page.getByTestId('whatif-behavior').selectOption(id);
    const loaded = Number(await page.getByTestId('whatif-loads').getAttribute('data-first-tick'));
    const from = String(loaded + 20);
    await timeline.fill(from);
    await expect(tick).toHaveAttribute('data-tick', from);
    await page.getByTestId('whatif-version').fill('2');
    await page.getByTestId('whatif-run').click();
    const distance = page.getByTestId('whatif-distance-0');
    await expect(distance).toBeVisible({ timeout: 120_000 });
    await expect(distance).toContainText(/v1: [1-9]\d* → v2: 0 \(-[1-9]/);
    await page.screenshot({ path: 'e2e/screenshots/replay-whatif.png', fullPage: true });
  });
});
