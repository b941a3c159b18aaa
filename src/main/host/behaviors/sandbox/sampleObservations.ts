/**
 * Sample observations for a hot-load's dry run: a handful of agents in the
 * situations behaviors branch on — alone, enemies near and far, allies,
 * ground items, projectiles, low HP with a potion, walls close by — over a
 * few ticks, so a new version runs every common path before it replaces a
 * live one.
 */
import {
  beginBatch,
  beginGroup,
  createObservationBatch,
  createVisibleList,
  createWallList,
  endBatch,
  writeAgent,
  type ObservationBatch,
} from '../../../../../engine/behavior/index';
import { KIND_AGENT, KIND_AVATAR, KIND_ITEM, KIND_PROJECTILE } from '../../../../../engine/index';
import { createSyntheticWorld } from './syntheticWorld';

/** Agents in a sample tick. */
export const SAMPLE_AGENTS = 8;
/** Ticks a dry run plays. */
export const SAMPLE_TICKS = 3;

/** The sample observations of tick `tick` (0 .. SAMPLE_TICKS-1), one group in behavior slot 0. */
export function sampleObservations(tick: number): ObservationBatch {
  const world = createSyntheticWorld(SAMPLE_AGENTS, 7 + tick, 0);
  const c = world.columns;
  const hp = c.hp as Float64Array;
  hp[3] = 12; // hurt, with a potion in slot 0 (every synthetic agent has one)
  const batch = createObservationBatch(SAMPLE_AGENTS);
  const visible = createVisibleList(16);
  const walls = createWallList();
  beginBatch(batch, 1 + tick, 20, 2400 - tick);
  beginGroup(batch, 0);
  for (let u = 0; u < SAMPLE_AGENTS; u++) {
    visible.length = 0;
    const x = c.x[u];
    const y = c.y[u];
    const add = (kind: number, team: number, dx: number, dy: number, item = -1, hpValue = 0) => {
      const k = visible.length++;
      visible.id[k] = 1000 + u * 16 + k;
      visible.kind[k] = kind;
      visible.team[k] = team;
      visible.x[k] = x + dx;
      visible.y[k] = y + dy;
      visible.vx[k] = kind === KIND_PROJECTILE ? -300 : 0;
      visible.vy[k] = 0;
      visible.hp[k] = hpValue;
      visible.item[k] = item;
    };
    const enemy = 1 - c.team[u];
    // Agent 0 is alone; the others see a mix that grows with their index.
    if (u >= 1) add(KIND_AGENT, enemy, 60 + u * 10, -20, -1, 80);
    if (u >= 2) add(KIND_AGENT, c.team[u], -40, 30, -1, 100);
    if (u >= 3) add(KIND_ITEM, -1, 15, 5, 0);
    if (u >= 4) add(KIND_PROJECTILE, enemy, 120, 0);
    if (u >= 5) add(KIND_AVATAR, enemy, 200, 90, -1, 40);
    if (u >= 6) add(KIND_ITEM, -1, -150, -60, 2);
    walls.length = u % 3;
    for (let w = 0; w < walls.length; w++) {
      walls.x[w] = x + 30 - w * 90;
      walls.y[w] = y - 40;
      walls.width[w] = 20 + w * 40;
      walls.height[w] = 80;
    }
    writeAgent(batch, u, c, visible, walls);
  }
  endBatch(batch);
  return batch;
}
