/**
 * What one agent perceives, gathered from the engine's world for the
 * behavior sandbox: the visible list (live units, projectiles and ground
 * items within perception radius and line of sight, nearest first, at most
 * MAX_SEEN) and the walls near it. Reused for every agent of a tick.
 */
import {
  KIND_AGENT,
  KIND_AVATAR,
  KIND_ITEM,
  KIND_PROJECTILE,
  collectNearbyWalls,
  lineOfSight,
  type World,
} from '../../../engine/index';
import {
  MAX_SEEN,
  MAX_WALLS,
  createVisibleList,
  createWallList,
  type AgentColumns,
} from '../../../engine/behavior/index';

/** Candidates per observation at most (sort keys pack the candidate's position below this). */
const CAND_SCALE = 1 << 16;

export class AgentObserver {
  /** The last observed agent's visible entities. */
  readonly visible = createVisibleList(MAX_SEEN);
  /** The last observed agent's nearby walls. */
  readonly walls = createWallList(MAX_WALLS);
  private candKey = new Float64Array(256);
  private candKind = new Uint8Array(256);
  private candIndex = new Int32Array(256);
  private readonly wallRefs = new Int32Array(MAX_WALLS);

  /**
   * Fills the visible and wall lists of unit `u`: what it sees as
   * `collectVisible` defines it (live units, projectiles, ground items not
   * taken, within perception and with a clear line of sight), but only the
   * nearest MAX_SEEN: candidates are sorted by distance first and rays cast
   * nearest first until MAX_SEEN are seen, so a crowd costs a sort, not a
   * ray per unit in range.
   */
  observe(world: World, u: number): void {
    const cx = world.x[u];
    const cy = world.y[u];
    const radius = world.perceptionRadius;
    const r2 = radius * radius;
    let n = 0;
    // Units, from the perception grid (every team).
    const grid = world.perceptionGrid;
    const { cols, rows, teams, cellStart, unit } = grid;
    const cells = cols * rows;
    const inv = 1 / grid.cellSize;
    const c0 = cell(cx - radius, inv, cols);
    const c1 = cell(cx + radius, inv, cols);
    const r0 = cell(cy - radius, inv, rows);
    const r1 = cell(cy + radius, inv, rows);
    const alive = world.health.alive;
    for (let t = 0; t < teams; t++) {
      for (let row = r0; row <= r1; row++) {
        for (let col = c0; col <= c1; col++) {
          const bucket = t * cells + row * cols + col;
          for (let m = cellStart[bucket]; m < cellStart[bucket + 1]; m++) {
            const j = unit[m];
            if (j === u || alive[j] === 0) continue;
            const dx = world.x[j] - cx;
            const dy = world.y[j] - cy;
            const d2 = dx * dx + dy * dy;
            if (d2 <= r2) n = this.candidate(n, KIND_AGENT, j, d2);
          }
        }
      }
    }
    const shots = world.projectiles;
    for (let j = 0; j < shots.count; j++) {
      const dx = shots.x[j] - cx;
      const dy = shots.y[j] - cy;
      const d2 = dx * dx + dy * dy;
      if (d2 <= r2) n = this.candidate(n, KIND_PROJECTILE, j, d2);
    }
    const items = world.groundItems;
    for (let j = 0; j < items.count; j++) {
      if (items.qty[j] === 0) continue;
      const dx = items.x[j] - cx;
      const dy = items.y[j] - cy;
      const d2 = dx * dx + dy * dy;
      if (d2 <= r2) n = this.candidate(n, KIND_ITEM, j, d2);
    }
    // Nearest first; equal distances in candidate order (deterministic).
    const keys = this.candKey.subarray(0, n).sort();
    const v = this.visible;
    v.length = 0;
    for (let c = 0; c < n && v.length < MAX_SEEN; c++) {
      const at = keys[c] % CAND_SCALE;
      const kind = this.candKind[at];
      const i = this.candIndex[at];
      const k = v.length;
      if (kind === KIND_AGENT) {
        if (!lineOfSight(world.walls, cx, cy, world.x[i], world.y[i])) continue;
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
        if (!lineOfSight(world.walls, cx, cy, shots.x[i], shots.y[i])) continue;
        v.id[k] = shots.id[i];
        v.kind[k] = KIND_PROJECTILE;
        v.team[k] = shots.team[i];
        v.x[k] = shots.x[i];
        v.y[k] = shots.y[i];
        v.vx[k] = shots.stepX[i] * world.tickRate;
        v.vy[k] = shots.stepY[i] * world.tickRate;
        v.hp[k] = 0;
        v.item[k] = -1;
      } else {
        if (!lineOfSight(world.walls, cx, cy, items.x[i], items.y[i])) continue;
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
      v.length = k + 1;
    }
    const w = this.walls;
    const wallCount = collectNearbyWalls(world, cx, cy, radius, this.wallRefs);
    const rects = world.map.walls;
    w.length = wallCount;
    for (let k = 0; k < wallCount; k++) {
      const rect = rects[this.wallRefs[k]];
      w.x[k] = rect.x;
      w.y[k] = rect.y;
      w.width[k] = rect.w;
      w.height[k] = rect.h;
    }
  }

  /** Appends a candidate; its sort key is the whole squared distance, then its position. */
  private candidate(n: number, kind: number, index: number, d2: number): number {
    if (n >= this.candKey.length) {
      const size = Math.min(CAND_SCALE, this.candKey.length * 2);
      if (n >= size) return n;
      const key = new Float64Array(size);
      key.set(this.candKey);
      this.candKey = key;
      const kinds = new Uint8Array(size);
      kinds.set(this.candKind);
      this.candKind = kinds;
      const indices = new Int32Array(size);
      indices.set(this.candIndex);
      this.candIndex = indices;
    }
    this.candKey[n] = Math.floor(d2 * 16) * CAND_SCALE + n;
    this.candKind[n] = kind;
    this.candIndex[n] = index;
    return n + 1;
  }
}

/** The world's agent columns in the shape the observation writer reads. */
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

function cell(v: number, inv: number, n: number): number {
  if (!(v > 0)) return 0;
  const c = (v * inv) | 0;
  return c >= n ? n - 1 : c;
}
