import type { Page } from '@playwright/test';
import type { FrameView } from './testHook';

/** Where each agent was at one sampled tick. */
export interface Sample {
  tick: number;
  units: Map<number, { team: number; x: number; y: number; aim: number; alive: boolean }>;
}

/** How a group of agents played over a window, per tick and in world units. */
export interface Signature {
  agents: number;
  /** Path length per tick (sampled every few ticks): how fast they move. */
  speed: number;
  /** Net displacement per tick towards the enemy side (x for team 0, -x for team 1). */
  forward: number;
  /** Net displacement per tick downwards (+y). */
  down: number;
  /** How fast they turn: aim change per tick, radians (a guard on its post sweeps its gaze). */
  turn: number;
  /** Mean distance of each agent from where it was at the start of the window. */
  moved: number;
  /** Distance to the nearest live enemy at the end of the window. */
  enemyDistance: number;
}

/** Waits until the page has a world frame of tick `tick` or later; returns it as a sample. */
export async function sampleAt(page: Page, tick: number, timeoutMs = 30_000): Promise<Sample> {
  const handle = await page.waitForFunction(
    (t) => {
      const frame = window.__arbiterTest.lastFrame;
      return frame !== null && frame.tick >= t ? frame : null;
    },
    tick,
    { timeout: timeoutMs, polling: 20 },
  );
  const frame = (await handle.jsonValue()) as FrameView;
  const units: Sample['units'] = new Map();
  for (let i = 0; i < frame.ids.length; i++) {
    if (frame.kinds[i] !== 1) continue;
    units.set(frame.ids[i], {
      team: frame.teams[i],
      x: frame.xy[2 * i],
      y: frame.xy[2 * i + 1],
      aim: frame.aim[i],
      alive: frame.alive[i] === 1,
    });
  }
  return { tick: frame.tick, units };
}

/** The signature of agents `ids` over `samples` (consecutive, oldest first). */
export function signature(ids: number[], samples: Sample[]): Signature {
  const first = samples[0];
  const last = samples[samples.length - 1];
  const ticks = last.tick - first.tick;
  let counted = 0;
  let path = 0;
  let forward = 0;
  let down = 0;
  let enemy = 0;
  let moved = 0;
  let turn = 0;
  for (const id of ids) {
    // Only agents alive all along: a death and respawn is a jump, not a walk.
    if (!samples.every((s) => s.units.get(id)?.alive)) continue;
    const a = first.units.get(id)!;
    const b = last.units.get(id)!;
    for (let k = 1; k < samples.length; k++) {
      const p = samples[k - 1].units.get(id)!;
      const q = samples[k].units.get(id)!;
      path += Math.hypot(q.x - p.x, q.y - p.y);
      turn += Math.abs(Math.atan2(Math.sin(q.aim - p.aim), Math.cos(q.aim - p.aim)));
    }
    forward += (a.team === 0 ? 1 : -1) * (b.x - a.x);
    down += b.y - a.y;
    moved += Math.hypot(b.x - a.x, b.y - a.y);
    let nearest = Infinity;
    for (const other of last.units.values()) {
      if (other.team === b.team || !other.alive) continue;
      nearest = Math.min(nearest, Math.hypot(other.x - b.x, other.y - b.y));
    }
    enemy += nearest;
    counted++;
  }
  const per = (v: number) => v / Math.max(1, counted) / Math.max(1, ticks);
  return {
    agents: counted,
    speed: per(path),
    forward: per(forward),
    down: per(down),
    moved: moved / Math.max(1, counted),
    turn: per(turn),
    enemyDistance: enemy / Math.max(1, counted),
  };
}
