import { openHostUi } from './hostPage';
import { expect, test, type Page } from '@playwright/test';
import './testHook';

type Positions = Record<number, { team: number; x: number; y: number }>;

/** Live agents (kind 1) by id. */
const agents = (page: Page): Promise<Positions> =>
  page.evaluate(() => {
    const out: Record<number, { team: number; x: number; y: number }> = {};
    for (const e of window.__arbiterTest.entities()) {
      if (e.kind === 1 && e.alive) out[e.id] = { team: e.team, x: e.x, y: e.y };
    }
    return out;
  });

/** Median distance each team's agents moved between two samples. */
function medianMove(before: Positions, after: Positions, team: number): number {
  const moves: number[] = [];
  for (const [id, a] of Object.entries(after)) {
    const b = before[Number(id)];
    if (a.team !== team || !b) continue;
    moves.push(Math.hypot(a.x - b.x, a.y - b.y));
  }
  moves.sort((p, q) => p - q);
  return moves.length ? moves[Math.floor(moves.length / 2)] : NaN;
}

test('two teams with different behaviors play differently; a broken one shows its line', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openHostUi(page);
  await page.getByRole('button', { name: 'Host a game' }).click();
  await expect(page.getByTestId('behavior-panel')).toBeVisible();
  // The shipped behaviors are in the library.
  await expect(page.getByTestId('behavior-team-0').locator('option')).toHaveCount(6);

  // Red guards its spawn posts, Blue hunts.
  await page.getByTestId('behavior-team-0').selectOption('guard');
  await page.getByTestId('behavior-team-1').selectOption('hunter');
  await expect(page.getByTestId('behavior-status-guard')).toContainText(/[1-9]\d* agents/, {
    timeout: 10_000,
  });
  await expect(page.getByTestId('behavior-status-hunter')).toContainText(/[1-9]\d* agents/);
  await expect(page.getByTestId('behavior-error-guard')).toHaveCount(0);
  await expect(page.getByTestId('behavior-error-hunter')).toHaveCount(0);

  // Let them settle into their behaviors, then watch for a few seconds.
  await page.waitForTimeout(1_500);
  const before = await agents(page);
  await page.waitForTimeout(5_000);
  const after = await agents(page);
  const guards = medianMove(before, after, 0);
  const hunters = medianMove(before, after, 1);
  console.log(`median move over 5 s: guards ${guards.toFixed(1)}, hunters ${hunters.toFixed(1)}`);
  expect(guards).toBeLessThan(60);
  expect(hunters - guards).toBeGreaterThan(60);

  // A behavior that throws on line 3 is refused, with its line, and nothing is assigned.
  await page.getByTestId('behavior-name').fill('Broken');
  await page
    .getByTestId('behavior-code')
    .fill('export default function (obs) {\n  const a = 1;\n  return obs.self.nothing.x;\n}\n');
  await page.getByTestId('behavior-save').click();
  await expect(page.getByTestId('behavior-save-error').first()).toContainText('line 3');
  await expect(page.getByTestId('behavior-team-0').locator('option')).toHaveCount(6);
});
