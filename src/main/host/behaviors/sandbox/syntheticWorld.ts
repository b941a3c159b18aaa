/**
 * A small stand-in world for the sandbox's dry runs, tests and benchmarks:
 * agents as struct-of-arrays in the shape the observation writer reads
 * (engine/behavior AgentColumns), each seeing a fixed set of neighbours,
 * plus a step that applies decoded intents. Deterministic for a seed. It
 * is not the game's simulation; the engine's world replaces it when the
 * runner is wired in.
 */
import {
  beginBatch,
  beginGroup,
  createObservationBatch,
  createVisibleList,
  createWallList,
  endBatch,
  orderUnitsBySlot,
  writeAgent,
  type AgentColumns,
  type BehaviorIntents,
  type ObservationBatch,
} from '../../../../../engine/behavior/index';

const INVENTORY_SLOTS = 28;

export interface SyntheticWorld {
  columns: AgentColumns;
  count: number;
  /** Behavior slot per agent (-1: none). */
  slot: Int32Array;
  /** Neighbours each agent sees (agents i+1 .. i+seen, wrapping), and two walls. */
  seen: number;
  width: number;
  height: number;
  intents: BehaviorIntents;
  tick: number;
  tickRate: number;
}

/** `count` agents on two teams scattered over a `width`×`height` field, each seeing `seen` others. */
export function createSyntheticWorld(count: number, seed: number, seen = 10): SyntheticWorld {
  let s = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: enough for scattering test agents.
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const f64 = () => new Float64Array(count);
  const columns: AgentColumns = {
    id: Uint32Array.from({ length: count }, (_, i) => i + 1),
    team: Uint8Array.from({ length: count }, (_, i) => i % 2),
    x: Float64Array.from({ length: count }, () => next() * 1600),
    y: Float64Array.from({ length: count }, () => next() * 1000),
    vx: f64(),
    vy: f64(),
    hp: new Float64Array(count).fill(100),
    maxHp: new Float64Array(count).fill(100),
    speed: new Float64Array(count).fill(90),
    range: new Float64Array(count).fill(240),
    aimX: new Float64Array(count).fill(1),
    aimY: f64(),
    fireCooldown: new Uint16Array(count),
    inventorySlots: INVENTORY_SLOTS,
    inventoryItem: new Int16Array(count * INVENTORY_SLOTS).fill(-1),
    inventoryCount: new Uint16Array(count * INVENTORY_SLOTS),
    equipment: new Int16Array(count * 3).fill(-1),
    radius: 8,
    perception: 320,
  };
  for (let i = 0; i < count; i++) {
    (columns.inventoryItem as Int16Array)[i * INVENTORY_SLOTS] = 0;
    (columns.inventoryCount as Uint16Array)[i * INVENTORY_SLOTS] = 1 + (i % 3);
    (columns.equipment as Int16Array)[i * 3] = 1;
    (columns.hp as Float64Array)[i] = 20 + Math.floor(next() * 81);
  }
  return {
    columns,
    count,
    slot: new Int32Array(count),
    seen: Math.min(seen, Math.max(0, count - 1)),
    width: 1600,
    height: 1000,
    intents: {
      moveX: f64(),
      moveY: f64(),
      aimX: f64(),
      aimY: f64(),
      flags: new Uint8Array(count),
      action: new Uint8Array(count),
      slot: new Int16Array(count),
      say: new Int16Array(count),
    },
    tick: 0,
    tickRate: 20,
  };
}

/** Scratch reused by `writeSyntheticBatch`. */
export interface SyntheticScratch {
  batch: ObservationBatch;
  order: Int32Array;
  counts: Int32Array;
  visible: ReturnType<typeof createVisibleList>;
  walls: ReturnType<typeof createWallList>;
}

export function createSyntheticScratch(world: SyntheticWorld, maxSlot = 128): SyntheticScratch {
  return {
    batch: createObservationBatch(world.count),
    order: new Int32Array(world.count),
    counts: new Int32Array(maxSlot + 2),
    visible: createVisibleList(Math.max(16, world.seen)),
    walls: createWallList(),
  };
}

/** Packs this tick's observations of every agent with a slot >= 0, grouped by slot. */
export function writeSyntheticBatch(
  world: SyntheticWorld,
  scratch: SyntheticScratch,
): ObservationBatch {
  const { batch, order, visible, walls } = scratch;
  const c = world.columns;
  beginBatch(batch, world.tick, world.tickRate, -1);
  const total = orderUnitsBySlot(world.slot, world.count, order, scratch.counts);
  let current = -1;
  walls.length = 2;
  for (let k = 0; k < total; k++) {
    const u = order[k];
    if (world.slot[u] !== current) {
      current = world.slot[u];
      beginGroup(batch, current);
    }
    visible.length = world.seen;
    for (let j = 0; j < world.seen; j++) {
      const v = (u + 1 + j) % world.count;
      visible.id[j] = c.id[v];
      visible.kind[j] = 1;
      visible.team[j] = c.team[v];
      visible.x[j] = c.x[v];
      visible.y[j] = c.y[v];
      visible.vx[j] = c.vx[v];
      visible.vy[j] = c.vy[v];
      visible.hp[j] = c.hp[v];
      visible.item[j] = -1;
    }
    walls.x[0] = c.x[u] + 40;
    walls.y[0] = c.y[u] - 20;
    walls.width[0] = 16;
    walls.height[0] = 64;
    walls.x[1] = c.x[u] - 120;
    walls.y[1] = c.y[u] + 60;
    walls.width[1] = 96;
    walls.height[1] = 16;
    writeAgent(batch, u, c, visible, walls);
  }
  endBatch(batch);
  return batch;
}

/** Moves agents by their move intents for one tick (clamped to the field) and advances the tick. */
export function stepSyntheticWorld(world: SyntheticWorld): void {
  const c = world.columns;
  const x = c.x as Float64Array;
  const y = c.y as Float64Array;
  const dt = 1 / world.tickRate;
  for (let i = 0; i < world.count; i++) {
    const vx = world.intents.moveX[i] * c.speed[i];
    const vy = world.intents.moveY[i] * c.speed[i];
    (c.vx as Float64Array)[i] = vx;
    (c.vy as Float64Array)[i] = vy;
    x[i] = Math.min(world.width, Math.max(0, x[i] + vx * dt));
    y[i] = Math.min(world.height, Math.max(0, y[i] + vy * dt));
  }
  world.tick++;
}

/** A hash of the agents' positions, for determinism checks. */
export function syntheticHash(world: SyntheticWorld): number {
  let h = 0x811c9dc5;
  const bytes = new Uint8Array(
    Float64Array.from([...(world.columns.x as Float64Array), ...(world.columns.y as Float64Array)])
      .buffer,
  );
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
