import { MAX_SEEN, MAX_WALLS } from '../behavior/api';
import {
  createVisibleList,
  createWallList,
  type AgentColumns,
  type VisibleList,
  type WallList,
} from '../behavior/observationWriter';
import { KIND_AGENT, KIND_AVATAR, KIND_ITEM, KIND_PROJECTILE } from '../world/components';
import { collectNearbyWalls, collectVisible, refIndex, refKind } from './perception';
import type { World } from '../world/world';

/**
 * What one agent perceives, in the lists the behavior observation writer
 * reads: the visible list (`collectVisible`: nearest first, at most
 * MAX_SEEN) and the walls near it. One observer is reused for every agent
 * of a tick; it holds the last agent's lists.
 */
export interface AgentObserver {
  readonly visible: VisibleList;
  readonly walls: WallList;
  readonly refs: Int32Array;
  readonly wallRefs: Int32Array;
}

export function createAgentObserver(): AgentObserver {
  return {
    visible: createVisibleList(MAX_SEEN),
    walls: createWallList(MAX_WALLS),
    refs: new Int32Array(MAX_SEEN),
    wallRefs: new Int32Array(MAX_WALLS),
  };
}

/** Fills `observer`'s lists with what unit `u` perceives (within the world's perception radius). */
export function observeAgent(observer: AgentObserver, world: World, u: number): void {
  const radius = world.perceptionRadius;
  const seen = collectVisible(world, u, radius, observer.refs);
  const v = observer.visible;
  const shots = world.projectiles;
  const items = world.groundItems;
  for (let k = 0; k < seen; k++) {
    const kind = refKind(observer.refs[k]);
    const i = refIndex(observer.refs[k]);
    if (kind === KIND_AGENT) {
      v.id[k] = world.id[i];
      v.kind[k] = world.kind[i] === KIND_AVATAR ? KIND_AVATAR : KIND_AGENT;
      v.team[k] = world.team[i];
      v.x[k] = world.x[i];
      v.y[k] = world.y[i];
      v.vx[k] = world.vx[i];
      v.vy[k] = world.vy[i];
      v.hp[k] = world.health.hp[i];
      v.item[k] = -1;
    } else if (kind === KIND_PROJECTILE) {
      v.id[k] = shots.id[i];
      v.kind[k] = KIND_PROJECTILE;
      v.team[k] = shots.team[i];
      v.x[k] = shots.x[i];
      v.y[k] = shots.y[i];
      // Per-tick steps as world units per second.
      v.vx[k] = shots.stepX[i] * world.tickRate;
      v.vy[k] = shots.stepY[i] * world.tickRate;
      v.hp[k] = 0;
      v.item[k] = -1;
    } else {
      v.id[k] = items.id[i];
      v.kind[k] = KIND_ITEM;
      v.team[k] = -1;
      v.x[k] = items.x[i];
      v.y[k] = items.y[i];
      v.vx[k] = 0;
      v.vy[k] = 0;
      v.hp[k] = 0;
      v.item[k] = items.item[i];
    }
  }
  v.length = seen;
  const w = observer.walls;
  const wallCount = collectNearbyWalls(world, world.x[u], world.y[u], radius, observer.wallRefs);
  const rects = world.map.walls;
  w.length = wallCount;
  for (let k = 0; k < wallCount; k++) {
    const rect = rects[observer.wallRefs[k]];
    w.x[k] = rect.x;
    w.y[k] = rect.y;
    w.width[k] = rect.w;
    w.height[k] = rect.h;
  }
}

/** The world's agent columns in the shape the observation writer reads (views, no copies). */
export function agentColumns(world: World): AgentColumns {
  return {
    id: world.id,
    team: world.team,
    x: world.x,
    y: world.y,
    vx: world.vx,
    vy: world.vy,
    hp: world.health.hp,
    maxHp: world.stats.maxHp,
    speed: world.stats.speed,
    range: world.stats.range,
    aimX: world.combat.aimX,
    aimY: world.combat.aimY,
    fireCooldown: world.combat.cooldown,
    inventorySlots: world.inventory.slots,
    inventoryItem: world.inventory.item,
    inventoryCount: world.inventory.qty,
    equipment: world.equipment.item,
    radius: world.agentRadius,
    perception: world.perceptionRadius,
  };
}
