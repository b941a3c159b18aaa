import { INTENT_PICKUP } from '../world/components';
import {
  nearestGroundItem,
  pickUpGroundItem,
  runSpawners,
  sweepGroundItems,
} from '../rules/groundItems';
import { PICKUP_RADIUS } from '../rules/rules';
import type { World } from '../world/world';

/**
 * Pickups and ground items step: every live unit with INTENT_PICKUP takes
 * as much as fits of the nearest stack within PICKUP_RADIUS (index order,
 * so the lower index wins a contested stack); then taken and expired
 * stacks are removed and due spawners place new stacks. Clears
 * INTENT_PICKUP.
 */
export function runPickups(world: World): void {
  const { count } = world;
  const flags = world.intent.flags;
  const alive = world.health.alive;
  if (world.groundItems.count > 0) {
    for (let i = 0; i < count; i++) {
      const f = flags[i];
      if ((f & INTENT_PICKUP) === 0) continue;
      flags[i] = f & ~INTENT_PICKUP;
      if (alive[i] === 0) continue;
      const k = nearestGroundItem(world, i, PICKUP_RADIUS, false);
      if (k >= 0) pickUpGroundItem(world, i, k);
    }
  } else {
    for (let i = 0; i < count; i++) flags[i] &= ~INTENT_PICKUP;
  }
  sweepGroundItems(world);
  runSpawners(world);
}
