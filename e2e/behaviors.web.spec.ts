import { hostAGame, hostRequest } from './hostPage';
import { expect, test, type Page } from '@playwright/test';
import { sampleAt, signature, type Sample, type Signature } from './behaviorSignatures';
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
  await hostAGame(page);
  await expect(page.getByTestId('behavior-panel')).toBeVisible();
  // The shipped behaviors are in the library.
  await expect(page.getByTestId('behavior-team-0').locator('option')).toHaveCount(6);

  // Red guards its spawn posts, Blue hunts.
  await page.getByTestId('behavior-team-0').selectOption('guard');
  await page.getByTestId('behavior-team-1').selectOption('hunter');
  await expect(page.getByTestId('behavior-status-guard')).toContainText(/[1-9]\d* agents/, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('behavior-status-hunter')).toContainText(/[1-9]\d* agents/);
  await expect(page.getByTestId('behavior-error-guard')).toHaveCount(0);
  await expect(page.getByTestId('behavior-error-hunter')).toHaveCount(0);

  // Let them settle into their behaviors (30 ticks), then watch 100 ticks (5 s of match time):
  // counted in ticks, so a slow machine watches as much of the match as a fast one.
  const tick = () => page.evaluate(() => window.__arbiterTest.tick);
  const untilTick = async (target: number) =>
    expect.poll(tick, { timeout: 60_000 }).toBeGreaterThanOrEqual(target);
  await untilTick((await tick()) + 30);
  const start = await tick();
  const before = await agents(page);
  await untilTick(start + 100);
  const after = await agents(page);
  const guards = medianMove(before, after, 0);
  const hunters = medianMove(before, after, 1);
  console.log(
    `median move over ~100 ticks: guards ${guards.toFixed(1)}, hunters ${hunters.toFixed(1)}`,
  );
  expect(guards).toBeLessThan(60);
  expect(hunters - guards).toBeGreaterThan(60);

  // A behavior that throws on line 3 is refused, with its line, and nothing is added.
  const broken = (await hostRequest(page, 'behavior.save', {
    name: 'Broken',
    code: 'export default function (obs) {\n  const a = 1;\n  return obs.self.nothing.x;\n}\n',
  })) as { ok: boolean; errors: Array<{ line: number | null }> };
  expect(broken.ok).toBe(false);
  expect(broken.errors[0].line).toBe(3);
  await expect(page.getByTestId('behavior-team-0').locator('option')).toHaveCount(6);
});

test('an agent that says something shows it in a bubble over its head, then lets it fade', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await hostAGame(page);
  await expect(page.getByTestId('behavior-panel')).toBeVisible();
  // Every agent of Red says "enemy spotted" for 50 ticks of every 100, and nothing between.
  const saved = (await hostRequest(page, 'behavior.save', {
    name: 'Spotter',
    code:
      'export default function act(obs) {\n' +
      "  return obs.tick % 100 < 50 ? { say: 'enemy spotted' } : {};\n" +
      '}\n',
  })) as { ok: boolean; errors?: unknown };
  expect(saved.errors ?? []).toEqual([]);
  expect(saved.ok).toBe(true);
  await hostRequest(page, 'behavior.assign', { team: 0, name: 'Spotter' });
  // Saved and assigned outside this page's panel: its Red dropdown still says what Red runs.
  const red = page.getByTestId('behavior-team-0');
  await expect(red).toHaveValue('spotter', { timeout: 30_000 });
  await expect(red.locator('option:checked')).toHaveText('Spotter');
  const bubbles = () => page.evaluate(() => window.__arbiterTest.bubbles());
  await expect.poll(async () => (await bubbles()).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const shown = await bubbles();
  expect(shown.every((bubble) => bubble.text === 'enemy spotted')).toBe(true);
  // Over Red's agents only: Blue runs the built-in AI, which says nothing.
  const teams = new Map(
    (await page.evaluate(() => window.__arbiterTest.entities())).map((e) => [e.id, e.team]),
  );
  expect(shown.every((bubble) => teams.get(bubble.unitId) === 0)).toBe(true);
  await page.getByTestId('arena').screenshot({ path: testInfo.outputPath('say-bubbles.png') });
  // Red goes quiet for 50 ticks of every 100: the bubbles fade and are gone before they speak again.
  await expect.poll(async () => (await bubbles()).length, { timeout: 30_000 }).toBe(0);
});

/** In the order they are given out: the kiters last, so they have not drifted into a wall yet. */
const FIVE = ['guard', 'hunter', 'collector', 'medic', 'kiter'] as const;
/**
 * How much two behaviors' signatures must differ, per measure, to count as
 * playing differently (per tick, world units and radians; full speed is 4.5
 * units a tick). Measured over ten runs on a loaded machine: guards stand
 * and turn 0.04 rad a tick, medics walk forward at up to 2.25 (often into
 * the walls before Red's spawn), kiters drift down at ~1.3, collectors sweep
 * at full speed in a straight line, hunters roam at full speed and turn at
 * each new leg.
 */
const THRESHOLDS = { speed: 0.6, down: 0.5, moved: 60, turn: 0.015 } as const;
/** Red's twenty agents: guards are the most predictable, the two full-speed ones the least. */
const GROUP_SIZES = { guard: 2, medic: 4, kiter: 4, collector: 5, hunter: 5 } as const;

test('the five shipped behaviors play visibly differently; each agent shows its behavior and error', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await hostAGame(page);
  await expect(page.getByTestId('behavior-panel')).toBeVisible();
  // Everyone guards (stands still where it first stands guard) until given a behavior of its own,
  // from the start: Blue stays in its spawn area, far from Red's. Then twenty agents a team (the
  // new ones spawn in their team's area and guard there).
  for (const team of [0, 1]) await page.getByTestId(`behavior-team-${team}`).selectOption('guard');
  await page.getByTestId('agent-count').fill('40');
  await page.getByTestId('agent-count-apply').click();
  await page.waitForFunction(
    () => (window.__arbiterTest.behaviors?.agents.length ?? 0) === 40,
    null,
    { timeout: 30_000 },
  );
  await page.getByTestId('behavior-agents').locator('summary').click();

  // Red's agents, a group per behavior: the kiters (they drift down) are the four highest up,
  // the rest in id order. One select per agent, each change waited for.
  const spawned = await sampleAt(page, 0);
  const red = await page.evaluate(() =>
    window.__arbiterTest.behaviors!.agents.filter((a) => a.team === 0).map((a) => a.id),
  );
  const byHeight = [...red].sort((a, b) => spawned.units.get(a)!.y - spawned.units.get(b)!.y);
  const kiters = byHeight.slice(0, GROUP_SIZES.kiter);
  const rest = red.filter((id) => !kiters.includes(id));
  const groups = new Map<string, number[]>();
  for (const behavior of FIVE) {
    if (behavior === 'kiter') {
      groups.set(behavior, kiters);
      continue;
    }
    const taken = [...groups.values()].flat().length;
    groups.set(behavior, rest.slice(taken, taken + GROUP_SIZES[behavior]));
  }
  for (const [behavior, ids] of groups) {
    for (const id of ids) {
      await page.getByTestId(`agent-behavior-${id}`).selectOption(behavior);
      await expect(page.getByTestId(`agent-row-${id}`)).toHaveAttribute('data-behavior', behavior);
      await expect(page.getByTestId(`agent-behavior-name-${id}`)).toContainText(/ v\d+$/);
    }
  }
  await expect(page.getByTestId('behavior-problem')).toHaveCount(0);

  // The same 100 ticks for all five, within one hundred (the collector's sweep turns at multiples of 100).
  const now = (await sampleAt(page, 0)).tick;
  const start = Math.ceil((now + 5) / 100) * 100 + 1;
  const samples: Sample[] = [];
  for (let t = start; t <= start + 96; t += 4) samples.push(await sampleAt(page, t));
  const signatures = new Map<string, Signature>();
  for (const [behavior, ids] of groups) signatures.set(behavior, signature(ids, samples));
  for (const [behavior, s] of signatures) {
    console.log(
      `${behavior.padEnd(9)} agents ${s.agents} speed ${s.speed.toFixed(2)} down ${s.down.toFixed(2)} moved ${s.moved.toFixed(0)} turn ${s.turn.toFixed(3)}`,
    );
    // Deaths would leave too few to compare (Blue's guards shoot only what comes near their posts).
    expect(s.agents, behavior).toBeGreaterThanOrEqual(Math.ceil(groups.get(behavior)!.length / 2));
  }
  // Guards hold their post and sweep their gaze; the rest move.
  expect(signatures.get('guard')!.speed).toBeLessThan(0.2);
  expect(signatures.get('guard')!.turn).toBeGreaterThan(0.03);
  // Every pair differs clearly in at least one respect.
  for (let i = 0; i < FIVE.length; i++) {
    for (let j = i + 1; j < FIVE.length; j++) {
      const a = signatures.get(FIVE[i])!;
      const b = signatures.get(FIVE[j])!;
      const differences = (Object.keys(THRESHOLDS) as (keyof typeof THRESHOLDS)[]).filter(
        (key) => Math.abs(a[key] - b[key]) > THRESHOLDS[key],
      );
      expect(differences, `${FIVE[i]} and ${FIVE[j]} play alike`).not.toHaveLength(0);
    }
  }

  // An agent given a behavior that throws mid-match shows the error, with its line, in its own row.
  const flaky = (await hostRequest(page, 'behavior.save', {
    name: 'Agent flaky',
    code: 'export default function (obs) {\n  if (obs.tick > 3) {\n    throw new Error("boom at " + obs.tick);\n  }\n  return {};\n}\n',
  })) as { ok: boolean; behavior: { version: number } | null };
  expect(flaky.ok).toBe(true);
  expect(flaky.behavior!.version).toBe(1);
  const blue = await page.evaluate(
    () => window.__arbiterTest.behaviors!.agents.find((a) => a.team === 1)!.id,
  );
  // A dropdown that takes focus reads the library again: the new one is listed.
  await page.getByTestId(`agent-behavior-${blue}`).focus();
  await expect(
    page.getByTestId(`agent-behavior-${blue}`).locator('option', { hasText: 'Agent flaky' }),
  ).toHaveCount(1);
  await page.getByTestId(`agent-behavior-${blue}`).selectOption('agent-flaky');
  await expect(page.getByTestId(`agent-behavior-name-${blue}`)).toContainText('Agent flaky v1');
  await expect(page.getByTestId(`agent-error-${blue}`)).toContainText(/line 3:\d+: boom at/, {
    timeout: 30_000,
  });
  // Its teammates still run the team's behavior, without an error of their own.
  const mate = await page.evaluate(
    (id) => window.__arbiterTest.behaviors!.agents.find((a) => a.team === 1 && a.id !== id)!.id,
    blue,
  );
  await expect(page.getByTestId(`agent-row-${mate}`)).toHaveAttribute('data-behavior', 'guard');
  await expect(page.getByTestId(`agent-error-${mate}`)).toHaveCount(0);
});
