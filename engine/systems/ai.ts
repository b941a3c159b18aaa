import {
  ACTION_NONE,
  ACTION_USE,
  BEHAVIOR_BUILTIN,
  INTENT_FIRE,
  INTENT_PICKUP,
  KIND_AGENT,
} from '../world/components';
import { nearestGroundItem } from '../rules/groundItems';
import { nearestEnemies } from '../space/perception';
import { RAY_X0, RAY_X1, RAY_Y0, RAY_Y1, castRay } from '../space/raycast';
import { nextInt, nextUint32 } from '../sim/rng';
import { AI_LOS_CHECKS, AI_LOW_HP_FRACTION, PICKUP_RADIUS } from '../rules/rules';
import { circleHitsWallAt } from '../space/wallIndex';
import type { World } from '../world/world';

/** A waypoint closer than this counts as reached, world units. */
const GOAL_REACHED = 24;
/** Below this fraction of its speed a wandering agent counts as stuck and picks a new waypoint. */
const STUCK_SPEED = 0.3;
/** Waypoint draws per pick that may land in a wall before one is accepted anyway. */
const GOAL_TRIES = 4;
const TWO_POW_32 = 4294967296;
/** A target farther than this many perception radii is forgotten. */
const LOSE_TARGET = 1.25;
/** Distance band the agent keeps from its target, as fractions of its weapon range. */
const KEEP_MIN = 0.45;
const KEEP_MAX = 0.8;

/**
 * Decision step for the built-in AI: fills the intents of every live agent
 * whose behavior is BEHAVIOR_BUILTIN. Each agent re-evaluates its target
 * every `timing.aiRetargetTicks` ticks, staggered by index (agent i when
 * `i % K === tick % K`): the nearest enemy within its perception radius to
 * which one of the AI_LOS_CHECKS nearest has a clear line of sight; and,
 * when its HP is low, a heal from its inventory or else the nearest
 * visible healing ground item. Every tick it then steers:
 *
 * - low HP with a healing item spotted: walk to it and pick it up;
 * - a target: keep it between KEEP_MIN and KEEP_MAX of the weapon range
 *   (closing in, backing off, else circling it), backing away when low on
 *   HP, aiming at it and firing whenever the cooldown and range allow;
 * - nothing: wander towards a random waypoint, picking a new one when it
 *   is reached, after 2–8 s, or when a wall holds the agent back.
 *
 * Deterministic: agents in index order, RNG drawn only for waypoints.
 */
export function runBuiltinAi(world: World): void {
  const { count, kind, behavior, x, y, id } = world;
  const { alive, hp } = world.health;
  const { maxHp, range } = world.stats;
  const cooldown = world.combat.cooldown;
  const intent = world.intent;
  const ai = world.ai;
  const items = world.groundItems;
  const K = world.timing.aiRetargetTicks;
  const phase = world.tick % K;
  const lose = world.perceptionRadius * LOSE_TARGET;
  const lose2 = lose * lose;
  for (let i = 0; i < count; i++) {
    if (kind[i] !== KIND_AGENT || behavior[i] !== BEHAVIOR_BUILTIN || alive[i] === 0) continue;
    if (i % K === phase) evaluate(world, i);
    const px = x[i];
    const py = y[i];
    let mx = 0;
    let my = 0;
    let flags = 0;
    // The remembered target, while it is still the same live unit and not too far.
    let t = ai.target[i];
    let tdx = 0;
    let tdy = 0;
    let td = 0;
    if (t >= 0) {
      if (t < count && id[t] === ai.targetId[i] && alive[t] !== 0) {
        tdx = x[t] - px;
        tdy = y[t] - py;
        const d2 = tdx * tdx + tdy * tdy;
        if (d2 <= lose2) td = Math.sqrt(d2);
        else t = -1;
      } else {
        t = -1;
      }
      if (t < 0) ai.target[i] = -1;
    }
    const low = hp[i] < AI_LOW_HP_FRACTION * maxHp[i];
    let g = ai.item[i];
    if (g >= 0 && (g >= items.count || items.id[g] !== ai.itemId[i] || items.qty[g] === 0)) {
      g = -1;
      ai.item[i] = -1;
    }
    if (low && g >= 0) {
      const gdx = items.x[g] - px;
      const gdy = items.y[g] - py;
      const gd = Math.sqrt(gdx * gdx + gdy * gdy);
      if (gd <= PICKUP_RADIUS) flags |= INTENT_PICKUP;
      if (gd > 1e-9) {
        mx = gdx / gd;
        my = gdy / gd;
      }
    } else if (t >= 0) {
      const inv = td > 1e-9 ? 1 / td : 0;
      const ux = tdx * inv;
      const uy = tdy * inv;
      const r = range[i];
      if (low || td < KEEP_MIN * r) {
        mx = -ux;
        my = -uy;
      } else if (td > KEEP_MAX * r) {
        mx = ux;
        my = uy;
      } else {
        const s = ai.strafe[i];
        mx = -uy * s;
        my = ux * s;
      }
    } else {
      let gx = ai.goalX[i] - px;
      let gy = ai.goalY[i] - py;
      let g2 = gx * gx + gy * gy;
      const w = world.wanderTicks[i];
      // Last tick's velocity after walls: far below speed means it is pressed against a wall.
      const v2 = world.vx[i] * world.vx[i] + world.vy[i] * world.vy[i];
      const slow = STUCK_SPEED * world.stats.speed[i];
      if (w <= 1 || g2 < GOAL_REACHED * GOAL_REACHED || v2 < slow * slow) {
        pickWaypoint(world, i);
        gx = ai.goalX[i] - px;
        gy = ai.goalY[i] - py;
        g2 = gx * gx + gy * gy;
      } else {
        world.wanderTicks[i] = w - 1;
      }
      if (g2 > 1e-9) {
        const s = 1 / Math.sqrt(g2);
        mx = gx * s;
        my = gy * s;
      }
    }
    if (t >= 0) {
      intent.aimX[i] = tdx;
      intent.aimY[i] = tdy;
      if (cooldown[i] === 0 && td <= range[i]) flags |= INTENT_FIRE;
    } else if (mx !== 0 || my !== 0) {
      intent.aimX[i] = mx;
      intent.aimY[i] = my;
    }
    intent.moveX[i] = mx;
    intent.moveY[i] = my;
    intent.flags[i] = flags;
  }
}

/** Target and healing decisions of agent `i` (see `runBuiltinAi`). */
function evaluate(world: World, i: number): void {
  const { x, y, id, walls } = world;
  const ai = world.ai;
  const { candidates, candidateD2 } = world.scratch;
  const radius = world.perceptionRadius;
  const n = nearestEnemies(world, i, radius, candidates, candidateD2);
  const checks = n < AI_LOS_CHECKS ? n : AI_LOS_CHECKS;
  const ray = world.scratch.ray;
  ray[RAY_X0] = x[i];
  ray[RAY_Y0] = y[i];
  let target = -1;
  for (let k = 0; k < checks; k++) {
    const j = candidates[k];
    ray[RAY_X1] = x[j];
    ray[RAY_Y1] = y[j];
    if (!castRay(walls, ray, true)) {
      target = j;
      break;
    }
  }
  ai.target[i] = target;
  ai.targetId[i] = target >= 0 ? id[target] : 0;
  ai.item[i] = -1;
  if (world.health.hp[i] >= AI_LOW_HP_FRACTION * world.stats.maxHp[i]) return;
  const heal = healingSlot(world, i);
  if (heal >= 0) {
    if (world.intent.action[i] === ACTION_NONE) {
      world.intent.action[i] = ACTION_USE;
      world.intent.slot[i] = heal;
    }
    return;
  }
  const g = nearestGroundItem(world, i, radius, true);
  if (g < 0) return;
  const items = world.groundItems;
  ray[RAY_X1] = items.x[g];
  ray[RAY_Y1] = items.y[g];
  if (castRay(walls, ray, true)) return;
  ai.item[i] = g;
  ai.itemId[i] = items.id[g];
}

/** Lowest inventory slot of unit `i` holding a healing consumable, or -1. */
function healingSlot(world: World, i: number): number {
  const { slots, item } = world.inventory;
  const heal = world.items.heal;
  const base = i * slots;
  for (let s = 0; s < slots; s++) {
    const it = item[base + s];
    if (it >= 0 && heal[it] > 0) return s;
  }
  return -1;
}

/** A new wander waypoint for agent `i`: a random point of the map, preferably clear of walls. */
function pickWaypoint(world: World, i: number): void {
  const { rng, walls } = world;
  const r = world.agentRadius;
  const { width, height } = world.map;
  // The candidate lives in the probe buffer: passing it as doubles would box them.
  const at = world.scratch.probe;
  for (let k = 0; k < GOAL_TRIES; k++) {
    at[0] = r + (width - 2 * r) * (nextUint32(rng) / TWO_POW_32);
    at[1] = r + (height - 2 * r) * (nextUint32(rng) / TWO_POW_32);
    if (!circleHitsWallAt(walls, at, r)) break;
  }
  world.ai.goalX[i] = at[0];
  world.ai.goalY[i] = at[1];
  world.heading[i] = Math.atan2(at[1] - world.y[i], at[0] - world.x[i]);
  world.wanderTicks[i] = nextInt(rng, world.timing.wanderMinTicks, world.timing.wanderMaxTicks);
}
