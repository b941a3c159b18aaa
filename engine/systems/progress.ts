import { DIRTY_SKILLS } from '../world/components';
import { MAX_XP, SKILL_COUNT, levelForXp } from '../rules/skills';
import { recomputeStats } from '../rules/stats';
import type { World } from '../world/world';

/**
 * Skills step: credits the XP each unit earned this tick
 * (`skills.pending`, filled by damage) to its skills, capped at MAX_XP,
 * updates levels from the curve and recomputes the stats of units that
 * levelled up (max HP grows; current HP does not).
 */
export function creditExperience(world: World): void {
  const { xp, level, pending } = world.skills;
  const n = world.count * SKILL_COUNT;
  for (let k = 0; k < n; k++) {
    const p = pending[k];
    if (p === 0) continue;
    pending[k] = 0;
    const total = Math.min(MAX_XP, xp[k] + p);
    xp[k] = total;
    const i = (k / SKILL_COUNT) | 0;
    world.dirty[i] |= DIRTY_SKILLS;
    const l = levelForXp(total);
    if (l !== level[k]) {
      level[k] = l;
      recomputeStats(world, i);
    }
  }
}
