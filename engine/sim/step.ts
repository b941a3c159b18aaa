import { refreshUnitGrids } from '../world/population';
import { runBuiltinAi } from '../systems/ai';
import { fireWeapons, moveProjectiles } from '../systems/combat';
import { applyItemActions } from '../systems/itemActions';
import { runLife } from '../systems/life';
import { runMatchClock } from '../systems/matchClock';
import { moveUnits } from '../systems/movement';
import { runPickups } from '../systems/pickups';
import { creditExperience } from '../systems/progress';
import { separateAgents } from '../systems/separation';
import { resolveWalls } from '../systems/walls';
import type { World } from '../world/world';

/**
 * Runs one tick, systems in this fixed order:
 *
 * 1. inputs: queued item actions (equip, unequip, use, drop, move) from
 *    commands and external behaviors;
 * 2. decisions: the built-in AI writes the intents of its agents;
 * 3. movement: intents to velocity and position, walls (slide), then
 *    `separationPasses` rounds of unit separation each followed by walls
 *    again (walls win), then the unit grids are refiled;
 * 4. projectiles: cooldowns, aiming and firing, then flight, wall stops
 *    and hits (damage);
 * 5. death and respawn;
 * 6. pickups, ground item expiry and pickup spawners;
 * 7. skills: XP earned this tick, level-ups;
 * 8. scoring and the match clock;
 *
 * then `tick++`. Once the match has ended only the tick advances.
 * Allocates nothing unless a pool outgrows its capacity.
 */
export function stepWorld(world: World): void {
  if (world.match.phase === 'running') {
    applyItemActions(world);
    runBuiltinAi(world);
    moveUnits(world);
    resolveWalls(world);
    for (let pass = 0; pass < world.separationPasses; pass++) {
      separateAgents(world);
      resolveWalls(world);
    }
    refreshUnitGrids(world);
    fireWeapons(world);
    moveProjectiles(world);
    runLife(world);
    runPickups(world);
    creditExperience(world);
    runMatchClock(world);
  }
  world.tick++;
}
